"""URLs to check: plain lists (one per line), and targets that carry where each URL was found."""

from __future__ import annotations

from pathlib import Path

import pytest
from trump2_web_edition.linkcheck.urls import Origin, Target, UrlListError, parse_url_list, read_url_list


def test_url_list(tmp_path: Path):
    path = tmp_path / "urls.txt"
    path.write_text("\ufeff# cited\nhttps://a.example/x\n\n  http://b.example/y  \n", encoding="utf-8")
    assert read_url_list(path) == ("https://a.example/x", "http://b.example/y")


def test_url_list_rejects_non_urls_with_the_line(tmp_path: Path):
    path = tmp_path / "urls.txt"
    path.write_text("https://a.example/\nftp://b.example/\n", encoding="utf-8")
    with pytest.raises(UrlListError, match=r"urls\.txt:2: not an http\(s\) URL") as raised:
        read_url_list(path)
    assert (raised.value.path, raised.value.line) == (path, 2)
    with pytest.raises(UrlListError, match=r"<urls>:1: not an http\(s\) URL"):
        parse_url_list("https://a.example/with space\n")


def test_a_target_without_an_origin_says_nothing_of_where_it_was_found():
    origin = Target("https://a.example/").origin
    assert origin == Origin() and (origin.place, origin.fields, origin.date) == ("", (), None)
