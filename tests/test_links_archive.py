"""Wayback addresses computed offline, and the Robust Links attributes the site puts on cited links."""

from __future__ import annotations

import datetime as dt

import lxml.html
from conftest import SEED
from trump2_web_edition.edition.citations.archive import archive_url
from trump2_web_edition.edition.parse import parse_file
from trump2_web_edition.edition.render.markdown import footnote


def test_archive_url_nearest_the_date_or_latest():
    url = "https://udn.com/news/story/6656/8532352"
    assert archive_url(url, dt.date(2025, 2, 7)) == f"https://web.archive.org/web/20250207/{url}"
    assert archive_url(url, None) == f"https://web.archive.org/web/{url}"


def test_cited_links_carry_robust_links_attributes():
    document = parse_file(SEED)
    for note in document.notes:
        if not note.urls:
            continue
        html = footnote(note).split(": ", 1)[1]
        links = lxml.html.fragment_fromstring(html, create_parent="div").xpath("//a")
        assert [a.get("href") for a in links] == list(note.urls)
        for link in links:
            assert link.get("data-originalurl") == link.get("href")
            date = link.get("data-versiondate")
            assert date and dt.date.fromisoformat(date)
            assert link.get("data-versionurl") == archive_url(link.get("href"), dt.date.fromisoformat(date))
    note_2 = footnote(document.note(2))
    assert 'data-versiondate="2020-01-12"' in note_2  # 2020 年 1 月 12 日
    note_9 = footnote(document.note(9))
    assert 'data-versiondate="2025-01-23"' in note_9  # January 23, 2025
