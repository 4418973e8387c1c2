"""Fetching: retries and backoff, Retry-After, HEAD or GET, redirects followed by hand, bodies read only so far."""

from __future__ import annotations

import time
from dataclasses import replace

import pytest
from link_servers import (
    FAST,
    HUGE_BYTES,
    Server,
    check_one,
    fails_then_ok,
    head_not_allowed,
    huge,
    ok,
    redirect,
    slow,
)
from trump2_web_edition.linkcheck.checker import check_urls
from trump2_web_edition.linkcheck.config import CheckConfig
from trump2_web_edition.linkcheck.facts import HeadWorth
from trump2_web_edition.linkcheck.fetch import (
    Answer,
    HeadSense,
    backoff_delay,
    get_after_head,
    host_key,
    retry_after_seconds,
)
from trump2_web_edition.linkcheck.results import Verdict


@pytest.fixture(scope="module")
def server():
    routes = {
        "/ok": ok(),
        "/missing": lambda h: h.reply(404, b"Not Found"),
        "/moved": redirect(301, "/ok"),
        "/moved308": redirect(308, "/ok"),
        "/temp": redirect(302, "/temp2"),
        "/temp2": redirect(307, "/ok"),
        "/moved-then-temp": redirect(301, "/temp"),
        "/to-missing": redirect(302, "/missing"),
        "/loop-a": redirect(302, "/loop-b"),
        "/loop-b": redirect(302, "/loop-a"),
        "/to-ftp": redirect(302, "ftp://files.example/x"),
        "/flaky": fails_then_ok(503),
        "/busy": fails_then_ok(429, headers={"Retry-After": "1"}),
        "/no-head": head_not_allowed,
        "/slow": slow(1.0),
        "/huge": huge,
    }
    with Server("127.0.0.1", routes) as server:
        yield server


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


def test_redirect_to_another_scheme_is_broken(server):
    result = check_one(f"{server.base}/to-ftp")
    assert result.verdict == Verdict.BROKEN and "unsupported address" in result.error


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


def test_html_hosts_are_asked_with_get_after_the_first_head(server):
    urls = [f"{server.base}/ok?html={n}" for n in range(3)]
    run = check_urls(urls, replace(FAST, per_host=1, soft_404_probe=False))
    assert {r.verdict for r in run.results.values()} == {Verdict.OK}
    heads = sum(server.count(f"/ok?html={n}", "HEAD") for n in range(3))
    assert heads == 1 and run.requests == 4


def test_oversized_body_is_read_only_up_to_the_cap(server):
    started = time.monotonic()
    result = check_one(f"{server.base}/huge", replace(FAST, max_body=64 * 1024, timeout=5))
    assert (result.verdict, result.status) == (Verdict.OK, 200)
    assert time.monotonic() - started < 3
    time.sleep(0.2)
    assert server.bytes_sent < HUGE_BYTES / 4


@pytest.mark.parametrize("content_type, length", [("application/pdf", 10_000_000)])
def test_large_documents_are_not_read(content_type, length):
    sent: list[int] = []

    def document(h):
        h.send_response(200)
        h.send_header("Content-Type", content_type)
        h.send_header("Content-Length", str(length))
        h.end_headers()
        if h.command == "GET":
            try:
                for _ in range(length // 65536):  # bounded: stops when the client hangs up
                    h.wfile.write(b"%" * 65536)
                    sent.append(65536)
            except OSError:
                pass

    with Server("127.0.0.1", {}, default=document) as server:
        url = f"{server.base}/report.pdf"
        results = check_urls([url], replace(FAST, soft_404_probe=False)).results
    assert results[url].verdict == Verdict.OK
    assert sum(sent) < length  # the client hung up instead of taking the whole file


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


def answer(status: int, content_type: str = "text/html", method: str = "HEAD") -> Answer:
    return Answer(status, {"content-type": content_type}, b"", method)


@pytest.mark.parametrize(
    "status, content_type, probe, again",
    [
        (404, "text/html", True, False),  # a made-up page not found: as the probe expects
        (404, "text/html", False, True),  # a cited page's HEAD 404 is confirmed with GET
        (405, "text/html", False, True),
        (200, "text/html", False, True),  # its title is read
        (200, "application/pdf", False, False),
        (200, "application/pdf", True, True),  # a probe's 200 needs the body to compare with
        (301, "text/html", False, False),
    ],
)
def test_when_a_head_answer_is_asked_again_with_get(status, content_type, probe, again):
    assert get_after_head(answer(status, content_type), probe, read_titles=True) == again


def test_what_a_head_is_worth_is_learnt_and_decides_the_method():
    sense = HeadSense()
    assert sense.method_now("HEAD", probe=False) == "HEAD" and sense.pending
    assert sense.method_now("HEAD", probe=False) == "GET"  # one HEAD at a time while nothing is known
    sense.pending = False
    sense.learn(answer(200, "application/pdf"), read_titles=True)
    assert sense.worth == HeadWorth.USEFUL and sense.method_now("HEAD", probe=False) == "HEAD"
    sense.learn(answer(404, "text/html"), read_titles=True)
    assert sense.worth == HeadWorth.HTML and sense.first_method(want_body=False, probe=False) == "GET"
    assert sense.first_method(want_body=False, probe=True) == "HEAD"  # a probe expects "not found"
    sense.learn(answer(405, "text/html"), read_titles=True)
    sense.learn(answer(200, "text/html"), read_titles=True)
    assert sense.worth == HeadWorth.REFUSED and sense.first_method(want_body=False, probe=True) == "GET"


def test_host_key_is_scheme_and_host():
    assert host_key("https://Example.COM:8443/a/b?c") == "https://example.com:8443"
