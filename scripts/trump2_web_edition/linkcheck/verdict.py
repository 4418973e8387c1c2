"""The verdict rules, as pure functions: answers and statuses in, verdicts out (no network here)."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, replace
from urllib.parse import urlsplit

from .fetch import PERMANENT_REDIRECTS, Answer, Followed
from .results import ALIVE, CheckResult, Verdict
from .soft404 import Probe, similar

NOT_FOUND_TITLE = re.compile(
    r"页面不存在|頁面不存在|找不到(该|該)?(页面|頁面|网页|網頁)|网页不存在|網頁不存在|页面未找到|頁面未找到|"
    r"not\s+found|page\s+(does\s+not|doesn't)\s+exist|page\s+cannot\s+be\s+found|^\s*404\b|\b404\s*(error|-|:|\||not)|error\s*404|no\s+longer\s+available",
    re.IGNORECASE,
)
CHALLENGE_TITLE = re.compile(r"just a moment|attention required|are you a robot|captcha|请稍候|安全验证", re.IGNORECASE)


def is_challenge(answer: Answer) -> bool:
    """A bot wall (Cloudflare's challenge and the like) instead of the page."""
    if answer.headers.get("cf-mitigated", "").lower() == "challenge":
        return True
    return answer.status in (403, 429, 503, 200) and bool(answer.body) and bool(CHALLENGE_TITLE.search(answer.title))


def judge(url: str, followed: Followed) -> CheckResult:
    """The verdict on a URL from its answer after redirects, before any soft-404 probe.

    ``ok`` or ``redirected`` (moved permanently) here means alive unless a probe shows the page to be the host's
    answer for a missing page. 401, 403, 429, 503 and bot walls are ``unverifiable``: never called dead.
    """
    answer = followed.outcome.answer
    base = CheckResult(
        url=url, verdict=Verdict.OK, final_url=followed.final, redirects=followed.hops, attempts=followed.attempts
    )
    if followed.problem:
        return replace(base, verdict=Verdict.BROKEN, status=answer.status if answer else None, error=followed.problem)
    if answer is None:
        verdict = Verdict.TIMEOUT if followed.outcome.error_kind == "timeout" else Verdict.BROKEN
        return replace(base, verdict=verdict, error=followed.outcome.error)
    status = answer.status
    base = replace(base, status=status)
    if is_challenge(answer):
        return replace(base, verdict=Verdict.UNVERIFIABLE, error="bot challenge")
    if status in (401, 403, 429):
        return replace(base, verdict=Verdict.UNVERIFIABLE, error=f"HTTP {status} after retries")
    if status == 503:
        return replace(base, verdict=Verdict.UNVERIFIABLE, error="HTTP 503 (service unavailable) after retries")
    if status >= 400:
        return replace(base, verdict=Verdict.BROKEN, error=f"HTTP {status}")
    if status >= 300:
        return replace(base, verdict=Verdict.BROKEN, error=f"HTTP {status} without a usable Location")
    if answer.body and NOT_FOUND_TITLE.search(answer.title):
        return replace(base, verdict=Verdict.SOFT_404, error=f"not-found page: {answer.title!r}")
    permanent = any(hop.status in PERMANENT_REDIRECTS for hop in followed.hops)
    return replace(base, verdict=Verdict.REDIRECTED if permanent else Verdict.OK)


@dataclass(frozen=True)
class Suspicion:
    """Where the soft-404 question stands: settled (soft-404 with why, or believed), or the bodies to compare."""

    soft_404: str | None = None
    compare: bool = False


BELIEVED = Suspicion()
COMPARE = Suspicion(compare=True)


def after_probe(probe: Probe, base: str, final: str, answer: Answer) -> Suspicion:
    """What the made-up page's answer says of a page that answered 200 at ``final`` (probe placed by ``base``)."""
    if probe.answer is None or probe.answer.status != 200:
        return BELIEVED  # the host says "not found" honestly (or said nothing), so its 200 can be believed
    if probe.final and probe.final == final and final != base:
        return Suspicion(soft_404=f"redirected where a made-up page is redirected: {final}")
    if probe.final == final:
        return BELIEVED  # the made-up name was sent to this very page: its last name is a slug the host ignores
    if probe.final is None and final != base:
        return BELIEVED
    if not answer.is_html:
        return BELIEVED  # a PDF or other document is not the host's "not found" page
    return COMPARE


def after_full_page(page: Answer | None, probe: Probe) -> Suspicion:
    """What the page's full body says, next to the made-up page's: a not-found title, or the same page (which a
    made-up page one level up must match too, see ``one_level_up_url``)."""
    if page is None or page.status != 200 or probe.answer is None:
        return BELIEVED
    if NOT_FOUND_TITLE.search(page.title):
        return Suspicion(soft_404=f"not-found page: {page.title!r}")
    return COMPARE if similar(page.body, probe.answer.body) else BELIEVED


def same_as_one_level_up(body: bytes, up: Probe | None) -> bool:
    """Whether a made-up page one folder up (None: the folder is the root, which decides alone) is the same page.

    A page that a made-up sibling matches is either the host's catch-all (which answers a made-up page one level up
    the same way) or a page whose last name the host ignores (``/documents/2025-02121/<any slug>``), which one level
    up is not found or another page.
    """
    if up is None:
        return True
    return up.answer is not None and up.answer.status == 200 and similar(body, up.answer.body)


def mark_home_redirects(results: dict[str, CheckResult], threshold: int) -> dict[str, CheckResult]:
    """Many different URLs redirected to one site root: the site sends missing pages home (soft-404)."""
    finals = Counter(r.final_url for r in results.values() if r.redirects and r.verdict in ALIVE)
    marked: dict[str, CheckResult] = {}
    for url, result in results.items():
        final = result.final_url or ""
        is_root = urlsplit(final).path in ("", "/") and urlsplit(url).path not in ("", "/")
        if result.redirects and result.verdict in ALIVE and is_root and finals[final] >= threshold:
            result = replace(result, verdict=Verdict.SOFT_404, error=f"redirected to the home page {final}")
        marked[url] = result
    return marked


@dataclass(frozen=True)
class PageSeen:
    """A page as its check saw it: its host, where its redirects ended, its title."""

    host: str
    final: str
    title: str


def shared_titles(pages: Mapping[str, PageSeen]) -> list[str]:
    """URLs whose pages share a title with a different page of the same host.

    A host that now answers every address with one page (a catch-all) shows it this way without a probe; pages of
    one host whose titles happen to agree only cost a probe each, never a verdict.
    """
    finals: dict[tuple[str, str], set[str]] = defaultdict(set)
    for page in pages.values():
        if page.title:
            finals[(page.host, page.title)].add(page.final)
    return [url for url, page in pages.items() if page.title and len(finals[(page.host, page.title)]) > 1]
