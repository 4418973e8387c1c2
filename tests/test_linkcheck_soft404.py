"""The made-up-sibling probe: where it goes, what its answer means, one per folder (or host), never retried."""

from __future__ import annotations

from dataclasses import replace

import pytest
from link_servers import FAST, Server, check_one, ok, redirect, status
from trump2_web_edition.linkcheck.checker import check_urls
from trump2_web_edition.linkcheck.results import Verdict
from trump2_web_edition.linkcheck.soft404 import (
    folder_key,
    last_segment,
    one_level_up_url,
    probe_base,
    sibling_probe_url,
    similar,
)


def test_soft_404_host_is_caught_by_a_made_up_sibling():
    with Server("127.0.0.1", {}, default=ok(b"Welcome", "The front page, whatever you asked for.")) as soft_host:
        result = check_one(f"{soft_host.base}/news/story/123")
        probes = [path for (_, path) in soft_host.probes()]
    assert result.verdict == Verdict.SOFT_404
    assert any(path.startswith("/news/story/no-such-page-") for path in probes)


def document_by_number(redirect_slugs: bool):
    """``/documents/<number>/<slug>``: the number names the document and the slug is decoration, as on
    federalregister.gov. A wrong slug is sent to the right one (``redirect_slugs``) or served as it is; a number
    that names nothing is 404."""

    def route(h):
        number, _, slug = h.path.removeprefix("/documents/").partition("/")
        if number != "2025-02121":
            h.reply(404, b"Not Found")
        elif slug == "the-real-title" or not redirect_slugs:
            h.reply(200, b"Presidents Council of Advisors", "The text of document 2025-02121, long enough to read.")
        else:
            h.redirect(301, "/documents/2025-02121/the-real-title")

    return route


@pytest.mark.parametrize("redirect_slugs", [True, False])
def test_a_page_whose_last_name_is_a_slug_the_host_ignores_is_not_soft_404(redirect_slugs):
    # The made-up sibling lands on the cited page itself (by redirect, or served under any slug): an alias, not a
    # catch-all. A live citation must never be called dead for it.
    with Server("127.0.0.1", {}, default=document_by_number(redirect_slugs)) as host:
        url = f"{host.base}/documents/2025-02121/the-real-title"
        assert check_one(url).verdict == Verdict.OK


def test_a_catch_all_in_one_folder_is_still_soft_404():
    # /news/... answers its front page for any name; the rest of the host says 404 honestly.
    def route(h):
        if h.path.startswith("/news/"):
            h.reply(200, b"News", "The news front page, whatever story you asked for.")
        else:
            h.reply(404, b"Not Found")

    with Server("127.0.0.1", {}, default=route) as host:
        assert check_one(f"{host.base}/news/story/123").verdict == Verdict.SOFT_404


def test_a_host_that_says_not_found_honestly_is_probed_once():
    with Server("127.0.0.1", {f"/{a}/{b}/page": ok() for a in "xyz" for b in "12"}) as host:
        urls = [f"{host.base}/{a}/{b}/page" for a in "xyz" for b in "12"]
        results = check_urls(urls, FAST).results
        probes = host.probes()
    assert {r.verdict for r in results.values()} == {Verdict.OK}
    assert len(probes) == 1  # not one per folder: the host answered a made-up page with 404


def test_a_probe_is_asked_once_even_when_the_host_struggles():
    with Server("127.0.0.1", {}, default=status(503, b"Busy")) as host:
        result = check_one(f"{host.base}/page")
        probes = host.probes()
        asked = host.count("/page")
    assert result.verdict == Verdict.UNVERIFIABLE  # the page itself is retried, and never called dead
    assert (len(probes), asked) == (1, 1 + FAST.retries)


def test_the_first_request_to_a_host_is_the_head_of_its_probe():
    # The made-up page next to the first cited URL is asked with HEAD; its HTML 404 shows the host answers in HTML
    # (read with GET for titles anyway) and says "not found" honestly, so the moved page costs no probe of its own.
    with Server("127.0.0.1", {"/old/7": redirect(301, "/new/7"), "/new/7": ok()}) as server:
        url = f"{server.base}/old/7"
        run = check_urls([url], replace(FAST, per_host=1))
        hits = list(server.hits)
        probes = server.probes()
    assert run.results[url].verdict == Verdict.REDIRECTED
    assert [method for method, _ in probes] == ["HEAD"] and probes[0][1].startswith("/old/no-such-page-")
    assert run.requests == 3 and ("HEAD", "/old/7") not in hits  # probe HEAD, GET /old/7, GET /new/7


def test_a_catch_all_redirect_is_still_caught_by_a_probe_next_to_the_cited_page():
    def catch_all(h):
        if h.path.startswith("/old/"):
            h.redirect(301, "/landing")
        else:
            h.reply(404, b"Not Found")

    with Server("127.0.0.1", {"/landing": ok(b"Our new site")}, default=catch_all) as server:
        result = check_one(f"{server.base}/old/article-7")
    assert result.verdict == Verdict.SOFT_404
    assert "made-up page" in result.error


def test_a_moved_page_on_a_catch_all_folder_is_still_soft_404():
    # /old/7 -> /new/7 keeps the name, and /new/ answers 200 with one page for any name.
    with Server(
        "127.0.0.1",
        {"/old/7": redirect(301, "/new/7")},
        default=ok(b"Welcome", "The front page, whatever you asked for."),
    ) as server:
        assert check_one(f"{server.base}/old/7").verdict == Verdict.SOFT_404


def test_sibling_probe_is_next_to_the_page():
    probe = sibling_probe_url("https://udn.com/news/story/6656/8532352?x=1")
    assert probe.startswith("https://udn.com/news/story/6656/no-such-page-")
    assert sibling_probe_url("https://udn.com/news/story/6656/8532352") != probe  # a fresh name each time


def test_folders_and_last_names():
    assert folder_key("https://A.example/news/story/1?x") == "https://a.example/news/story"
    assert last_segment("https://a.example/articles/16/") == last_segment("https://a.example/articles/16") == "16"


@pytest.mark.parametrize(
    "url, final, base",
    [
        ("http://a.example/x/1", "http://a.example/x/1", "http://a.example/x/1"),  # not redirected
        ("http://a.example/old/16", "https://a.example/new/16", "https://a.example/new/16"),  # moved, name kept
        ("http://a.example/old/16", "http://a.example/landing", "http://a.example/old/16"),  # sent elsewhere
    ],
)
def test_the_probe_goes_next_to_the_final_page_only_after_a_move(url, final, base):
    assert probe_base(url, final) == base


def test_one_level_up():
    assert one_level_up_url("https://a.example/documents/2025/slug") == "https://a.example/documents/_"
    assert one_level_up_url("https://a.example/top-level-page") is None


def test_similar_bodies():
    page = b"<html><title>Welcome</title>" + b" ".join(b"word%d" % n for n in range(100)) + b"</html>"
    assert similar(page, page.replace(b"word5 ", b"word5b "))
    assert not similar(page, b"<html><title>Other</title>" + b"something else entirely" * 20)
    assert not similar(page, page * 2)
    assert similar(b"", b"") and not similar(b"", page)
