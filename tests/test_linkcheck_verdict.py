"""The verdict rules as pure functions: answers in, verdicts out, without any HTTP."""

from __future__ import annotations

import pytest
from trump2_web_edition.linkcheck.fetch import Answer, Followed, Outcome
from trump2_web_edition.linkcheck.results import CheckResult, Hop, Verdict
from trump2_web_edition.linkcheck.soft404 import REMEMBERED_HONEST, Probe
from trump2_web_edition.linkcheck.verdict import (
    BELIEVED,
    COMPARE,
    NOT_FOUND_TITLE,
    PageSeen,
    after_full_page,
    after_probe,
    judge,
    mark_home_redirects,
    same_as_one_level_up,
    shared_titles,
)

URL = "https://a.example/news/1"
PAGE = b"<html><head><title>%s</title></head><body>" + b" ".join(b"word%d" % n for n in range(60)) + b"</body></html>"


def page(status: int = 200, title: bytes = b"An article", headers: dict[str, str] | None = None) -> Answer:
    return Answer(status, {"content-type": "text/html", **(headers or {})}, PAGE % title, "GET")


def followed(answer: Answer | None, hops: tuple[Hop, ...] = (), **outcome) -> Followed:
    final = hops[-1].location if hops else URL
    return Followed(Outcome(answer, attempts=1, **outcome), hops, final, attempts=1)


@pytest.mark.parametrize(
    "answer, verdict, error",
    [
        (page(), Verdict.OK, None),
        (page(404), Verdict.BROKEN, "HTTP 404"),
        (page(410), Verdict.BROKEN, "HTTP 410"),
        (page(500), Verdict.BROKEN, "HTTP 500"),
        (page(302), Verdict.BROKEN, "HTTP 302 without a usable Location"),
        (page(401), Verdict.UNVERIFIABLE, "HTTP 401 after retries"),
        (page(403), Verdict.UNVERIFIABLE, "HTTP 403 after retries"),
        (page(429), Verdict.UNVERIFIABLE, "HTTP 429 after retries"),
        (page(503), Verdict.UNVERIFIABLE, "HTTP 503 (service unavailable) after retries"),
        (page(200, b"Just a moment..."), Verdict.UNVERIFIABLE, "bot challenge"),
        (page(403, headers={"cf-mitigated": "challenge"}), Verdict.UNVERIFIABLE, "bot challenge"),
        (page(200, b"404 Not Found"), Verdict.SOFT_404, "not-found page: '404 Not Found'"),
    ],
)
def test_the_answer_decides(answer, verdict, error):
    result = judge(URL, followed(answer))
    assert (result.verdict, result.error, result.status) == (verdict, error, answer.status)


def test_no_answer_is_a_timeout_or_broken():
    assert judge(URL, followed(None, error="timed out", error_kind="timeout")).verdict == Verdict.TIMEOUT
    broken = judge(URL, followed(None, error="connection refused", error_kind="connect"))
    assert (broken.verdict, broken.error) == (Verdict.BROKEN, "connection refused")


def test_a_redirect_problem_is_broken():
    hop = Hop(URL, 302, URL)
    result = judge(URL, Followed(Outcome(page(302)), (hop,), URL, 1, f"redirect loop at {URL}"))
    assert (result.verdict, result.status, result.error) == (Verdict.BROKEN, 302, f"redirect loop at {URL}")


@pytest.mark.parametrize("status, verdict", [(301, Verdict.REDIRECTED), (308, Verdict.REDIRECTED), (302, Verdict.OK)])
def test_only_a_permanent_redirect_asks_for_the_citation_to_be_updated(status, verdict):
    result = judge(URL, followed(page(), (Hop(URL, status, "https://a.example/news/1-title"),)))
    assert (result.verdict, result.final_url) == (verdict, "https://a.example/news/1-title")


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
    assert bool(NOT_FOUND_TITLE.search(title)) == not_found


LANDING = "https://a.example/landing"


@pytest.mark.parametrize(
    "probe, final, expected",
    [
        (Probe(page(404)), URL, BELIEVED),  # the host says "not found" honestly
        (Probe(None), URL, BELIEVED),  # the probe got no answer: nothing against the page
        (REMEMBERED_HONEST, URL, BELIEVED),
        (Probe(page(), LANDING), LANDING, "redirected where a made-up page is redirected: " + LANDING),
        (Probe(page(), URL), URL, BELIEVED),  # the made-up name was sent to this very page
        (Probe(page()), LANDING, BELIEVED),  # the page moved; the made-up page stayed where it was asked
        (Probe(page()), URL, COMPARE),
    ],
)
def test_what_the_probe_says(probe, final, expected):
    suspicion = after_probe(probe, URL, final, page())
    assert suspicion == expected or suspicion.soft_404 == expected


def test_a_document_is_never_the_hosts_not_found_page():
    pdf = Answer(200, {"content-type": "application/pdf"}, b"", "HEAD")
    assert after_probe(Probe(page()), URL, URL, pdf) == BELIEVED


def test_what_the_full_page_says():
    probe = Probe(page(200, b"Welcome"))
    assert after_full_page(page(200, b"Welcome"), probe) == COMPARE
    assert after_full_page(page(200, b"Page not found"), probe).soft_404 == "not-found page: 'Page not found'"
    assert after_full_page(Answer(200, {}, b"something else entirely", "GET"), probe) == BELIEVED
    assert after_full_page(None, probe) == BELIEVED and after_full_page(page(500), probe) == BELIEVED


def test_one_level_up_must_match_too():
    body = PAGE % b"Welcome"
    assert same_as_one_level_up(body, None)  # the folder is the root: the sibling decides alone
    assert same_as_one_level_up(body, Probe(page(200, b"Welcome")))
    assert not same_as_one_level_up(body, Probe(page(404)))
    assert not same_as_one_level_up(body, Probe(None))


def test_many_urls_sent_to_one_home_page_are_soft_404():
    def moved(n: int, final: str = "https://a.example/") -> CheckResult:
        url = f"https://a.example/old/{n}"
        return CheckResult(url, Verdict.REDIRECTED, 200, final, (Hop(url, 301, final),))

    three = {r.url: r for r in (moved(1), moved(2), moved(3))}
    assert {r.verdict for r in mark_home_redirects(three, threshold=3).values()} == {Verdict.SOFT_404}
    assert {r.verdict for r in mark_home_redirects(three, threshold=4).values()} == {Verdict.REDIRECTED}
    elsewhere = {r.url: r for r in (moved(1, LANDING), moved(2, LANDING), moved(3, LANDING))}
    assert {r.verdict for r in mark_home_redirects(elsewhere, threshold=3).values()} == {Verdict.REDIRECTED}


def test_pages_of_one_host_sharing_a_title_are_doubted():
    a, b = "https://a.example", "https://b.example"
    pages = {
        f"{a}/1": PageSeen(a, f"{a}/1", "Welcome"),
        f"{a}/2": PageSeen(a, f"{a}/2", "Welcome"),
        f"{a}/3": PageSeen(a, f"{a}/3", "A story"),
        f"{a}/4": PageSeen(a, f"{a}/3", "A story"),  # the same page twice
        f"{b}/1": PageSeen(b, f"{b}/1", "Welcome"),
        f"{a}/5": PageSeen(a, f"{a}/5", ""),
        f"{a}/6": PageSeen(a, f"{a}/6", ""),
    }
    assert shared_titles(pages) == [f"{a}/1", f"{a}/2"]
