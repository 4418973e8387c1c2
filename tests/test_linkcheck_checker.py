"""The checker end to end against real HTTP servers on 127.0.0.1: one route per verdict, each URL checked once."""

from __future__ import annotations

import socket
from dataclasses import replace

import pytest
from link_servers import FAST, Server, check_one, ok, redirect, status
from trump2_web_edition.linkcheck.checker import check_urls
from trump2_web_edition.linkcheck.results import Verdict


@pytest.fixture(scope="module")
def server():
    routes = {
        "/ok": ok(),
        "/missing": status(404, b"Not Found"),
        "/gone": status(410, b"Gone"),
        "/forbidden": status(403, b"Forbidden"),
        "/challenge": status(403, b"Just a moment..."),
        "/always-429": status(429, b"Too Many Requests"),
        "/zh-missing": ok("页面不存在".encode(), "对不起"),
        "/old/1": redirect(301, "/"),
        "/old/2": redirect(301, "/"),
        "/old/3": redirect(301, "/"),
        "/": ok(b"Home", "The front page with the latest news."),
    }
    with Server("127.0.0.1", routes) as server:
        yield server


def test_200_is_ok(server):
    result = check_one(f"{server.base}/ok")
    assert (result.verdict, result.status, result.redirects, result.attempts) == (Verdict.OK, 200, (), 1)


@pytest.mark.parametrize("path, code", [("/missing", 404), ("/gone", 410)])
def test_404_and_410_are_broken(server, path, code):
    result = check_one(f"{server.base}{path}")
    assert (result.verdict, result.status) == (Verdict.BROKEN, code)
    # The HEAD answer is confirmed with a GET before the URL is called broken.
    assert server.count(path, "GET") >= 1


@pytest.mark.parametrize("path", ["/forbidden", "/challenge", "/always-429"])
def test_403_429_and_bot_pages_are_unverifiable_never_dead(server, path):
    result = check_one(f"{server.base}{path}")
    assert result.verdict == Verdict.UNVERIFIABLE
    assert not result.failing


def test_refused_port_is_broken():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    result = check_one(f"http://127.0.0.1:{port}/x")
    assert result.verdict == Verdict.BROKEN
    assert result.status is None
    assert result.attempts == FAST.retries + 1


def test_unknown_host_is_broken():
    result = check_one("http://no-such-host.invalid/page", replace(FAST, retries=0))
    assert result.verdict == Verdict.BROKEN
    assert "unknown host" in result.error


def test_not_found_title_is_soft_404(server):
    result = check_one(f"{server.base}/zh-missing")
    assert (result.verdict, result.status) == (Verdict.SOFT_404, 200)
    assert "页面不存在" in result.error
    # Without reading titles the HEAD answer is believed (the host answers made-up paths with 404).
    assert check_one(f"{server.base}/zh-missing", replace(FAST, read_titles=False)).verdict == Verdict.OK


def test_many_urls_redirected_to_the_home_page_are_soft_404(server):
    urls = [f"{server.base}/old/{n}" for n in (1, 2, 3)]
    results = check_urls(urls, FAST).results
    assert {r.verdict for r in results.values()} == {Verdict.SOFT_404}
    one = check_urls(urls[:1], FAST).results
    assert one[urls[0]].verdict == Verdict.REDIRECTED


def test_identical_urls_are_checked_once(server):
    url = f"{server.base}/ok?once"
    before = server.count("/ok?once")
    run = check_urls([url, url, url], replace(FAST, soft_404_probe=False))
    assert list(run.results) == [url]
    # HEAD, then GET for the title
    assert server.count("/ok?once") - before == run.requests == run.results[url].requests == 2


def test_an_odd_url_is_broken_and_does_not_stop_the_run(server):
    odd = "http://127.0.0.1:99999/x"  # no such port: the URL cannot even be asked for
    run = check_urls([odd, f"{server.base}/ok"], FAST)
    assert run.results[odd].verdict == Verdict.BROKEN and "port" in run.results[odd].error.lower()
    assert run.results[f"{server.base}/ok"].verdict == Verdict.OK


def test_progress_is_told_of_each_url(server):
    seen = []
    check_urls([f"{server.base}/ok", f"{server.base}/missing"], FAST, progress=lambda r: seen.append(r.url))
    assert sorted(seen) == [f"{server.base}/missing", f"{server.base}/ok"]
