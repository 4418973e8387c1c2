"""Fetching: one request through the gates, reading the start of a body, retries with backoff, redirects by hand."""

from __future__ import annotations

import asyncio
import contextvars
import re
import time
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from urllib.parse import urljoin, urlsplit

from .config import CheckConfig
from .exchange import ProtocolError
from .facts import HeadWorth, HostFacts
from .gates import BusiestFirstGate, HostGate
from .guard import BlockedAddressError, ConnectError
from .pool import Client, Response
from .results import Hop

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
PERMANENT_REDIRECTS = frozenset({301, 308})
RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
# HEAD answers not to be trusted: ask again with GET before believing them.
HEAD_UNRELIABLE = frozenset({400, 401, 403, 404, 405, 406, 409, 410, 412, 418, 501})
DEAD_STATUSES = frozenset({404, 410})
# After the title, a body with at most this much left is read to its end so that its connection can be reused.
DRAIN_BYTES = 32 * 1024
TITLE = re.compile(rb"<title[^>]*>(.*?)</title", re.IGNORECASE | re.DOTALL)
# Requests sent on behalf of the URL being checked (each check runs in its own task and context).
REQUESTS: contextvars.ContextVar[list[int]] = contextvars.ContextVar("requests")


def host_key(url: str) -> str:
    """Scheme and host of a URL: what per-host limits, probes and facts are kept by."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc.lower()}"


@dataclass(frozen=True)
class Answer:
    """One HTTP answer as the checker needs it: status, headers, the start of the body."""

    status: int
    headers: Mapping[str, str]
    body: bytes
    method: str

    @property
    def title(self) -> str:
        match = TITLE.search(self.body)
        if not match:
            return ""
        import html  # imported when a title is first read, not at every start

        return html.unescape(match.group(1).decode("utf-8", "replace")).strip()

    @property
    def is_html(self) -> bool:
        return "html" in self.headers.get("content-type", "")


@dataclass(frozen=True)
class Outcome:
    """The result of asking one URL (with retries), before redirects are followed."""

    answer: Answer | None = None
    error: str | None = None
    error_kind: str | None = None  # "timeout", "connect", "blocked", "protocol"
    attempts: int = 0


@dataclass(frozen=True)
class Followed:
    """A URL asked, its redirects followed: the last outcome, the hops, where it ended, and any redirect problem."""

    outcome: Outcome
    hops: tuple[Hop, ...]
    final: str
    attempts: int
    problem: str | None = None  # a loop, too many redirects, a redirect to an unsupported address


def retry_after_seconds(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait according to a Retry-After header (delta seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    import email.utils  # only for the rare HTTP-date form; not worth its import at every start

    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


def backoff_delay(attempt: int, config: CheckConfig, retry_after: float | None = None) -> float:
    """Exponential backoff with full jitter; Retry-After (capped) wins when given."""
    if retry_after is not None:
        return min(retry_after, config.retry_after_max)
    import random  # imported at the first retry, not at every start

    ceiling = min(config.backoff_max, config.backoff_base * (2**attempt))
    return random.uniform(ceiling / 2, ceiling)


def get_after_head(answer: Answer, probe: bool, read_titles: bool) -> bool:
    """Whether a HEAD answer must be asked again with GET at once (not a retry): refused or doubtful, or a page
    whose body (a probe's) or title is wanted. A probe's made-up page answered 404 or 410 is as expected."""
    if probe and answer.status in DEAD_STATUSES:
        return False
    return answer.status in HEAD_UNRELIABLE or (answer.status == 200 and (probe or (answer.is_html and read_titles)))


@dataclass
class HeadSense:
    """What a HEAD is worth on one host, learnt from its answers (or remembered), and whether one is out."""

    worth: HeadWorth | None = None
    pending: bool = False  # a first HEAD is on its way and nothing is known yet

    def first_method(self, want_body: bool, probe: bool) -> str:
        if probe:
            return "GET" if self.worth == HeadWorth.REFUSED else "HEAD"
        return "GET" if want_body or self.worth in (HeadWorth.REFUSED, HeadWorth.HTML) else "HEAD"

    def method_now(self, method: str, probe: bool) -> str:
        """The method to send, decided only when the request goes: an earlier answer may have shown HEAD wasted.

        A probe's HEAD is sent as asked: a made-up page is usually answered "not found", which a HEAD learns
        without a body. Until one HEAD has been answered the host is unknown: one HEAD at a time finds out, the
        others ask with GET (which stops early on anything but an HTML page).
        """
        if method != "HEAD" or probe or self.worth == HeadWorth.USEFUL:
            return method
        if self.worth is not None or self.pending:
            return "GET"
        self.pending = True
        return "HEAD"

    def learn(self, answer: Answer, read_titles: bool) -> None:
        if answer.status in (405, 501):
            self.worth = HeadWorth.REFUSED  # the server plainly does not do HEAD
        elif answer.is_html and read_titles:
            if self.worth != HeadWorth.REFUSED:
                self.worth = HeadWorth.HTML
        elif answer.status not in HEAD_UNRELIABLE and self.worth is None:
            self.worth = HeadWorth.USEFUL


@dataclass(eq=False)
class Host:
    gate: HostGate
    head: HeadSense = field(default_factory=HeadSense)


async def read_start(response: Response, full: bool, config: CheckConfig) -> bytes:
    """The start of a GET body: up to the cap when ``full``, else up to an HTML page's title (nothing else).

    What is left after that is read on (and dropped) when it is short, so that the connection ends its answer
    cleanly and can be reused; a long remainder is cut off by closing the connection instead.
    """
    content_type = response.headers.get("content-type", "")
    wanted = full or (config.read_titles and (not content_type or "html" in content_type))
    length = response.headers.get("content-length", "")
    if not wanted and (not length.isdigit() or int(length) > DRAIN_BYTES):
        return b""
    chunks: list[bytes] = []
    size = 0
    done = not wanted
    drained = 0
    while chunk := await response.read():
        if done:
            drained += len(chunk)
            if drained > DRAIN_BYTES:
                break
            continue
        chunks.append(chunk)
        size += len(chunk)
        if size >= config.max_body:
            break
        if not full and b"</title" in b"".join(chunks[-2:]).lower():
            done = True
    return b"".join(chunks)[: config.max_body]


class Fetcher:
    """Asks for URLs with one client, sharing per-host gates and what a HEAD is worth on each host."""

    def __init__(self, config: CheckConfig, client: Client, facts: Mapping[str, HostFacts] | None = None) -> None:
        self.config = config
        self.client = client
        self.requests_sent = 0
        self._overall = BusiestFirstGate(max(config.concurrency, 1))
        self._hosts: dict[str, Host] = {}
        self._facts = facts or {}

    def host(self, url: str) -> Host:
        key = host_key(url)
        if key not in self._hosts:
            gate = HostGate(self.config.per_host, self.config.host_spacing, self._overall)
            remembered = self._facts.get(key)
            self._hosts[key] = Host(gate, HeadSense(remembered.head if remembered else None))
        return self._hosts[key]

    def head_worth(self, host: str) -> HeadWorth | None:
        """What a HEAD was last found worth on a host (by its scheme://host key), if the run met it."""
        return self._hosts[host].head.worth if host in self._hosts else None

    async def request(self, method: str, url: str, full: bool = False, probe: bool = False) -> Answer:
        """One request, gated by the host's limit and spacing; the body read only as far as needed."""
        host = self.host(url)
        counter = REQUESTS.get(None)
        async with host.gate.turn(begun=counter is not None and counter[0] > 0):
            method = host.head.method_now(method, probe)
            self.requests_sent += 1
            host.gate.count(first_of_its_url=counter is not None and counter[0] == 0)
            if counter is not None:
                counter[0] += 1
            try:
                async with asyncio.timeout(self.config.timeout):
                    async with self.client.stream(method, url) as response:
                        body = await read_start(response, full, self.config) if method == "GET" else b""
                        return Answer(response.status, response.headers, body, method)
            finally:
                if method == "HEAD":
                    host.head.pending = False

    async def _attempt(self, method: str, url: str, full: bool, probe: bool) -> Outcome:
        """One request, its failure told as an outcome."""
        try:
            return Outcome(answer=await self.request(method, url, full, probe))
        except BlockedAddressError as error:
            return Outcome(error=str(error), error_kind="blocked")
        except TimeoutError:
            return Outcome(error="timed out", error_kind="timeout")
        except ConnectError as error:
            return Outcome(error=str(error) or "connection failed", error_kind="connect")
        except (ProtocolError, OSError) as error:  # a connection reset or cut short, an answer that is not HTTP
            return Outcome(error=f"{type(error).__name__}: {error}", error_kind="protocol")

    async def fetch(self, url: str, want_body: bool = False, probe: bool = False) -> Outcome:
        """Ask for one URL, retrying what may pass.

        HEAD first, unless the whole body is wanted or the host is known to refuse HEAD or to serve HTML
        (whose title is read anyway); a GET reads up to the title, or up to the cap when ``want_body``.
        A ``probe`` (a made-up page) asks with HEAD unless the host refuses it, believes a HEAD's 404 or 410 (the
        answer it expects), reads the whole body with GET when the made-up page answers 200, and is not retried:
        a probe without an answer only leaves the host's pages unsuspected, so a struggling host is not asked again.
        """
        host = self.host(url)
        method = host.head.first_method(want_body, probe)
        attempt = attempts = 0
        while True:
            attempts += 1
            outcome = replace(await self._attempt(method, url, want_body or probe, probe), attempts=attempts)
            answer = outcome.answer
            if outcome.error_kind == "blocked":
                return outcome
            retry_after: float | None = None
            if answer is not None:
                method = answer.method
                if method == "HEAD":
                    host.head.learn(answer, self.config.read_titles)
                    if get_after_head(answer, probe, self.config.read_titles):
                        method, attempts = "GET", attempts - 1
                        continue
                if answer.status not in RETRY_STATUSES:
                    return outcome
                retry_after = retry_after_seconds(answer.headers.get("retry-after"))
                method = "GET"  # some servers fail HEAD only: the retry asks with GET
            if probe or attempt >= self.config.retries:
                return outcome
            await asyncio.sleep(backoff_delay(attempt, self.config, retry_after))
            attempt += 1

    async def follow(self, url: str, want_body: bool = False, probe: bool = False) -> Followed:
        """Ask for a URL and follow its redirects by hand (each hop through the gates of its own host)."""
        hops: list[Hop] = []
        seen = {url}
        current = url
        attempts = 0
        for _ in range(self.config.max_redirects + 1):
            outcome = await self.fetch(current, want_body, probe)
            attempts += outcome.attempts
            answer = outcome.answer
            if answer is None or answer.status not in REDIRECT_STATUSES or "location" not in answer.headers:
                return Followed(outcome, tuple(hops), current, attempts)
            target = urljoin(current, answer.headers["location"].strip())
            hops.append(Hop(current, answer.status, target))
            if urlsplit(target).scheme not in ("http", "https"):
                return Followed(outcome, tuple(hops), current, attempts, f"redirect to unsupported address {target}")
            if target in seen:
                return Followed(outcome, tuple(hops), current, attempts, f"redirect loop at {target}")
            seen.add(target)
            current = target
        return Followed(outcome, tuple(hops), current, attempts, f"more than {self.config.max_redirects} redirects")
