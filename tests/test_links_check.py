"""The checker against real HTTP servers on 127.0.0.1: one route per verdict."""

from __future__ import annotations

import socket
import time
from dataclasses import replace

import pytest
from edition.links.check import (
    CheckConfig,
    Verdict,
    address_forbidden,
    backoff_delay,
    check_urls,
    retry_after_seconds,
    sibling_probe_url,
)
from link_servers import (
    FAST,
    HUGE_BYTES,
    Server,
    fails_then_ok,
    head_not_allowed,
    huge,
    ok,
    redirect,
    slow,
    status,
)


@pytest.fixture(scope="module")
def private_server():
    with Server("127.0.0.2", {"/ok": ok()}) as server:
        yield server


@pytest.fixture(scope="module")
def server(private_server):
    routes = {
        "/ok": ok(),
        "/pdf": ok(b"PDF"),
        "/missing": status(404, b"Not Found"),
        "/gone": status(410, b"Gone"),
        "/moved": redirect(301, "/ok"),
        "/moved308": redirect(308, "/ok"),
        "/temp": redirect(302, "/temp2"),
        "/temp2": redirect(307, "/ok"),
        "/moved-then-temp": redirect(301, "/temp"),
        "/to-missing": redirect(302, "/missing"),
        "/loop-a": redirect(302, "/loop-b"),
        "/loop-b": redirect(302, "/loop-a"),
        "/flaky": fails_then_ok(503),
        "/busy": fails_then_ok(429, headers={"Retry-After": "1"}),
        "/forbidden": status(403, b"Forbidden"),
        "/challenge": status(403, b"Just a moment..."),
        "/always-429": status(429, b"Too Many Requests"),
        "/no-head": head_not_allowed,
        "/slow": slow(1.0),
        "/huge": huge,
        "/zh-missing": ok("页面不存在".encode(), "对不起"),
        "/to-private": redirect(302, f"{private_server.base}/ok"),
        "/to-metadata": redirect(302, "http://169.254.169.254/latest/meta-data/"),
        "/old/1": redirect(301, "/"),
        "/old/2": redirect(301, "/"),
        "/old/3": redirect(301, "/"),
        "/": ok(b"Home", "The front page with the latest news."),
    }
    with Server("127.0.0.1", routes) as server:
        yield server


@pytest.fixture(scope="module")
def soft_host():
    """A host answering 200 with its front page for every path."""
    with Server("127.0.0.1", {}, default=ok(b"Welcome", "The front page, whatever you asked for.")) as server:
        yield server


def check_one(url: str, config: CheckConfig = FAST):
    results, _ = check_urls([url], config)
    return results[url]


def test_200_is_ok(server):
    result = check_one(f"{server.base}/ok")
    assert (result.verdict, result.status, result.redirects, result.attempts) == (Verdict.OK, 200, (), 1)


@pytest.mark.parametrize("path, code", [("/missing", 404), ("/gone", 410)])
def test_404_and_410_are_broken(server, path, code):
    result = check_one(f"{server.base}{path}")
    assert (result.verdict, result.status) == (Verdict.BROKEN, code)
    # The HEAD answer is confirmed with a GET before the URL is called broken.
    assert server.count(path, "GET") >= 1


@pytest.mark.parametrize("path", ["/moved", "/moved308", "/moved-then-temp"])
def test_permanent_redirect_to_a_working_page_is_redirected(server, path):
    result = check_one(f"{server.base}{path}")
    assert result.verdict == Verdict.REDIRECTED
    assert result.final_url == f"{server.base}/ok"
    assert result.redirects[0].status in (301, 308)


def test_temporary_redirect_chain_to_a_working_page_is_ok(server):
    result = check_one(f"{server.base}/temp")
    assert result.verdict == Verdict.OK
    assert [(hop.status, hop.location) for hop in result.redirects] == [
        (302, f"{server.base}/temp2"),
        (307, f"{server.base}/ok"),
    ]


def test_redirect_to_a_missing_page_is_broken(server):
    result = check_one(f"{server.base}/to-missing")
    assert (result.verdict, result.status, result.final_url) == (Verdict.BROKEN, 404, f"{server.base}/missing")


def test_redirect_loop_is_broken(server):
    result = check_one(f"{server.base}/loop-a")
    assert result.verdict == Verdict.BROKEN
    assert "loop" in result.error
    assert len(result.redirects) == 2


def test_503_then_200_is_ok_after_a_retry(server):
    result = check_one(f"{server.base}/flaky")
    assert (result.verdict, result.status, result.attempts) == (Verdict.OK, 200, 2)


def test_429_honours_retry_after_capped(server):
    started = time.monotonic()
    result = check_one(f"{server.base}/busy")
    waited = time.monotonic() - started
    assert (result.verdict, result.attempts) == (Verdict.OK, 2)
    # Retry-After: 1 capped by retry_after_max=0.3
    assert 0.3 <= waited < 1.0


@pytest.mark.parametrize("path", ["/forbidden", "/challenge", "/always-429"])
def test_403_429_and_bot_pages_are_unverifiable_never_dead(server, path):
    result = check_one(f"{server.base}{path}")
    assert result.verdict == Verdict.UNVERIFIABLE
    assert not result.failing


def test_head_answered_405_falls_back_to_get(server):
    # Without the probe, the cited page's own HEAD is the host's first request.
    result = check_one(f"{server.base}/no-head", replace(FAST, soft_404_probe=False))
    assert (result.verdict, result.status) == (Verdict.OK, 200)
    assert server.count("/no-head", "HEAD") == 1 and server.count("/no-head", "GET") >= 1


def test_a_host_refusing_head_is_asked_with_get_after_its_probe():
    def get_only(h):
        if h.command == "HEAD":
            h.reply(405, b"Method Not Allowed", headers={"Allow": "GET"})
        elif h.path == "/page":
            h.reply(200, b"GET only", "Served to GET only, long enough to be a page.")
        else:
            h.reply(404, b"Not Found")

    with Server("127.0.0.1", {}, default=get_only) as host:
        result = check_one(f"{host.base}/page")
        heads = [path for (method, path) in host.hits if method == "HEAD"]
    assert (result.verdict, result.status) == (Verdict.OK, 200)
    assert len(heads) == 1 and "/no-such-page-" in heads[0]  # the probe's HEAD, refused, was the only one


def test_slow_answer_is_timeout_after_retries(server):
    started = time.monotonic()
    result = check_one(f"{server.base}/slow", replace(FAST, timeout=0.2, retries=1))
    assert (result.verdict, result.attempts) == (Verdict.TIMEOUT, 2)
    assert time.monotonic() - started < 1.5


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


def test_soft_404_host_is_caught_by_a_made_up_sibling(soft_host):
    result = check_one(f"{soft_host.base}/news/story/123")
    assert result.verdict == Verdict.SOFT_404
    probes = [path for (_, path) in soft_host.hits if path.startswith("/news/story/no-such-page-")]
    assert probes


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
        results, _ = check_urls(urls, FAST)
        probes = [path for (_, path) in host.hits if "/no-such-page-" in path]
    assert {r.verdict for r in results.values()} == {Verdict.OK}
    assert len(probes) == 1  # not one per folder: the host answered a made-up page with 404


def test_a_probe_is_asked_once_even_when_the_host_struggles():
    with Server("127.0.0.1", {}, default=status(503, b"Busy")) as host:
        result = check_one(f"{host.base}/page")
        probes = [path for (_, path) in host.hits if "/no-such-page-" in path]
        asked = host.count("/page")
    assert result.verdict == Verdict.UNVERIFIABLE  # the page itself is retried, and never called dead
    assert (len(probes), asked) == (1, 1 + FAST.retries)


def test_not_found_title_is_soft_404(server):
    result = check_one(f"{server.base}/zh-missing")
    assert (result.verdict, result.status) == (Verdict.SOFT_404, 200)
    assert "页面不存在" in result.error
    # Without reading titles the HEAD answer is believed (the host answers made-up paths with 404).
    assert check_one(f"{server.base}/zh-missing", replace(FAST, read_titles=False)).verdict == Verdict.OK


def test_html_hosts_are_asked_with_get_after_the_first_head(server):
    urls = [f"{server.base}/ok?html={n}" for n in range(3)]
    results, requests = check_urls(urls, replace(FAST, per_host=1, soft_404_probe=False))
    assert {r.verdict for r in results.values()} == {Verdict.OK}
    heads = sum(server.count(f"/ok?html={n}", "HEAD") for n in range(3))
    assert heads == 1 and requests == 4


def test_many_urls_redirected_to_the_home_page_are_soft_404(server):
    urls = [f"{server.base}/old/{n}" for n in (1, 2, 3)]
    results, _ = check_urls(urls, FAST)
    assert {r.verdict for r in results.values()} == {Verdict.SOFT_404}
    one, _ = check_urls(urls[:1], FAST)
    assert one[urls[0]].verdict == Verdict.REDIRECTED


def test_oversized_body_is_read_only_up_to_the_cap(server):
    started = time.monotonic()
    result = check_one(f"{server.base}/huge", replace(FAST, max_body=64 * 1024, timeout=5))
    assert (result.verdict, result.status) == (Verdict.OK, 200)
    assert time.monotonic() - started < 3
    time.sleep(0.2)
    assert server.bytes_sent < HUGE_BYTES / 4


def test_private_addresses_are_refused_by_default(server):
    result = check_one(f"{server.base}/ok", replace(FAST, allowed_addresses=frozenset()))
    assert result.verdict == Verdict.BROKEN
    assert "non-public address 127.0.0.1" in result.error
    assert check_one(f"{server.base}/ok", replace(FAST, allow_private=True)).verdict == Verdict.OK


def test_redirect_to_a_private_address_is_refused_before_connecting(server, private_server):
    result = check_one(f"{server.base}/to-private")
    assert result.verdict == Verdict.BROKEN
    assert "127.0.0.2" in result.error
    assert private_server.count("/ok") == 0
    result = check_one(f"{server.base}/to-metadata", replace(FAST, retries=0))
    assert result.verdict == Verdict.BROKEN and "169.254.169.254" in result.error
    allowed = check_one(f"{server.base}/to-private", replace(FAST, allow_private=True))
    assert allowed.verdict == Verdict.OK and private_server.count("/ok") >= 1


def test_identical_urls_are_checked_once(server):
    url = f"{server.base}/ok?once"
    before = server.count("/ok?once")
    results, requests = check_urls([url, url, url], replace(FAST, soft_404_probe=False))
    assert list(results) == [url]
    assert server.count("/ok?once") - before == requests == results[url].requests == 2  # HEAD, then GET for the title


def test_requests_to_one_host_are_spaced_and_limited(server):
    urls = [f"{server.base}/ok?spaced={n}" for n in range(4)]
    config = replace(FAST, host_spacing=0.1, per_host=1, soft_404_probe=False)
    started = time.monotonic()
    results, requests = check_urls(urls, config)
    assert {r.verdict for r in results.values()} == {Verdict.OK}
    assert requests == 5  # one HEAD shows the host serves HTML; then one GET per URL
    assert time.monotonic() - started >= 0.4
    times = sorted(t for t, path in server.times if "spaced=" in path)
    gaps = [b - a for a, b in zip(times, times[1:], strict=False)]
    assert min(gaps) >= 0.09


def test_retry_after_parses_seconds_and_http_dates():
    assert retry_after_seconds("7") == 7.0
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412470.0) == pytest.approx(10.0)
    assert retry_after_seconds("soon") is None
    assert retry_after_seconds(None) is None


def test_backoff_grows_with_jitter_and_is_capped():
    config = CheckConfig(backoff_base=1.0, backoff_max=8.0, retry_after_max=30.0)
    assert 0.5 <= backoff_delay(0, config) <= 1.0
    assert 2.0 <= backoff_delay(2, config) <= 4.0
    assert 4.0 <= backoff_delay(10, config) <= 8.0
    assert backoff_delay(0, config, retry_after=120) == 30.0


def test_address_guard():
    config = CheckConfig()
    for address in ("127.0.0.1", "10.1.2.3", "192.168.0.1", "169.254.169.254", "::1", "fe80::1", "::ffff:127.0.0.1"):
        assert address_forbidden(address, config), address
    assert not address_forbidden("93.184.216.34", config)
    assert not address_forbidden("10.1.2.3", CheckConfig(allow_private=True))


def test_sibling_probe_is_next_to_the_page():
    probe = sibling_probe_url("https://udn.com/news/story/6656/8532352?x=1")
    assert probe.startswith("https://udn.com/news/story/6656/no-such-page-")


@pytest.mark.parametrize(
    "title, not_found",
    [
        ("404 Not Found", True),
        ("Error 404 | Example News", True),
        ("页面不存在 - 联合新闻网", True),
        ("Page not found", True),
        ("Article /articles/404", False),
        ("Route 404 reopens | Local News", False),
    ],
)
def test_not_found_titles(title, not_found):
    from edition.links.check import NOT_FOUND_TITLE

    assert bool(NOT_FOUND_TITLE.search(title)) == not_found
