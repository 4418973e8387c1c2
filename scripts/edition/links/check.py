"""Checking: URL -> verdict, politely (per-host limits and spacing), with retries, redirects and soft-404 probes."""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import email.utils
import heapq
import html
import importlib.util
import ipaddress
import itertools
import random
import re
import secrets
import socket
import ssl
import sys
import time
from collections import Counter
from collections.abc import AsyncIterator, Callable, Iterable
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any
from urllib.parse import urljoin, urlsplit, urlunsplit

import httpcore
import httpx

if importlib.util.find_spec("sniffio") is None:  # pragma: no branch
    # httpcore asks for sniffio on every lock it makes; without the package each ask is a failed import that
    # searches sys.path again (about a second of CPU per thousand requests). None in sys.modules makes it fail fast.
    sys.modules.setdefault("sniffio", None)  # type: ignore[arg-type]

BROWSER_USER_AGENT = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36"
)
PLAIN_USER_AGENT = "edition-link-checker/1.0 (+cited-URL checker)"


class Verdict(StrEnum):
    OK = "ok"
    REDIRECTED = "redirected"
    BROKEN = "broken"
    SOFT_404 = "soft-404"
    UNVERIFIABLE = "unverifiable"
    TIMEOUT = "timeout"


FAILING = frozenset({Verdict.BROKEN, Verdict.SOFT_404, Verdict.TIMEOUT})

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
PERMANENT_REDIRECTS = frozenset({301, 308})
RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
# HEAD answers not to be trusted: ask again with GET before believing them.
HEAD_UNRELIABLE = frozenset({400, 401, 403, 404, 405, 406, 409, 410, 412, 418, 501})
DEAD_STATUSES = frozenset({404, 410})
NOT_FOUND_TITLE = re.compile(
    r"页面不存在|頁面不存在|找不到(该|該)?(页面|頁面|网页|網頁)|网页不存在|網頁不存在|页面未找到|頁面未找到|"
    r"not\s+found|page\s+(does\s+not|doesn't)\s+exist|page\s+cannot\s+be\s+found|^\s*404\b|\b404\s*(error|-|:|\||not)|error\s*404|no\s+longer\s+available",
    re.IGNORECASE,
)
CHALLENGE_TITLE = re.compile(r"just a moment|attention required|are you a robot|captcha|请稍候|安全验证", re.IGNORECASE)
# Requests sent on behalf of the URL being checked (each check runs in its own task and context).
_REQUESTS: contextvars.ContextVar[list[int]] = contextvars.ContextVar("requests")
# After the title, a body with at most this much left is read to its end so that its connection can be reused.
DRAIN_BYTES = 32 * 1024
TITLE = re.compile(rb"<title[^>]*>(.*?)</title", re.IGNORECASE | re.DOTALL)


@dataclass(frozen=True)
class CheckConfig:
    """Every limit of the checker; the defaults are polite for a few dozen URLs on public sites."""

    timeout: float = 15.0
    concurrency: int = 16
    per_host: int = 2
    host_spacing: float = 0.5
    retries: int = 3
    backoff_base: float = 1.0
    backoff_max: float = 16.0
    retry_after_max: float = 60.0
    max_redirects: int = 10
    max_body: int = 256 * 1024
    user_agent: str = BROWSER_USER_AGENT
    allow_private: bool = False
    # Addresses allowed even when private ones are refused (the tests' first hop on 127.0.0.1).
    allowed_addresses: frozenset[str] = frozenset()
    verify_tls: bool = True
    soft_404_probe: bool = True
    # Read HTML pages up to their <title> (a GET stopped early) to catch "page not found" titles.
    read_titles: bool = True
    # This many distinct URLs redirected to one site root make that root a soft-404 destination.
    home_redirect_threshold: int = 3


@dataclass(frozen=True)
class Hop:
    """One redirect: from where, with which status, to where."""

    url: str
    status: int
    location: str

    def to_dict(self) -> dict[str, Any]:
        return {"url": self.url, "status": self.status, "location": self.location}


@dataclass(frozen=True)
class CheckResult:
    """The verdict on one URL and how it was reached."""

    url: str
    verdict: Verdict
    status: int | None = None
    final_url: str | None = None
    redirects: tuple[Hop, ...] = ()
    attempts: int = 0
    requests: int = 0
    elapsed: float = 0.0
    error: str | None = None
    from_cache: bool = False

    @property
    def failing(self) -> bool:
        return self.verdict in FAILING

    def to_dict(self) -> dict[str, Any]:
        return {
            "url": self.url,
            "verdict": str(self.verdict),
            "status": self.status,
            "final_url": self.final_url,
            "redirects": [hop.to_dict() for hop in self.redirects],
            "attempts": self.attempts,
            "requests": self.requests,
            "elapsed": round(self.elapsed, 3),
            "error": self.error,
            "from_cache": self.from_cache,
        }


class BlockedAddressError(Exception):
    """A host resolving to a private, loopback or link-local address while those are refused."""


def address_forbidden(address: str, config: CheckConfig) -> bool:
    """Whether connecting to this IP address is refused under the config."""
    if config.allow_private or address in config.allowed_addresses:
        return False
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return not ip.is_global or ip.is_multicast


class GuardedBackend(httpcore.AsyncNetworkBackend):
    """Resolves the host itself, refuses forbidden addresses, then connects to a checked address.

    A host's addresses are resolved and checked once per run (a redirect to another host is resolved and checked
    when it is first met): later connections go to the same checked addresses, with no new lookup to race.
    """

    def __init__(self, config: CheckConfig) -> None:
        self._config = config
        self._backend = httpcore.AnyIOBackend()
        self._resolved: dict[tuple[str, int], asyncio.Future[list[str]]] = {}

    async def _addresses(self, host: str, port: int, timeout: float | None) -> list[str]:
        key = (host, port)
        if key not in self._resolved:
            self._resolved[key] = asyncio.ensure_future(self._resolve(host, port, timeout))
            # Its failure is read by whoever awaits it; no "exception never retrieved" if nobody does.
            self._resolved[key].add_done_callback(lambda done: done.cancelled() or done.exception())
        future = self._resolved[key]
        try:
            return await asyncio.shield(future)
        except BlockedAddressError:
            raise
        except BaseException:
            # A failed or timed-out lookup (perhaps a passing DNS failure) is tried afresh by the retry.
            if self._resolved.get(key) is future and future.done():
                del self._resolved[key]
            raise

    async def _resolve(self, host: str, port: int, timeout: float | None) -> list[str]:
        loop = asyncio.get_running_loop()
        try:
            infos = await asyncio.wait_for(loop.getaddrinfo(host, port, type=socket.SOCK_STREAM), timeout=timeout)
        except socket.gaierror as error:
            raise httpcore.ConnectError(f"unknown host {host}: {error.strerror}") from error
        except TimeoutError as error:
            raise httpcore.ConnectTimeout(f"resolving {host} timed out") from error
        addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
        # Every address must be allowed, so that no address of the set can be reached by a retry.
        for address in addresses:
            if address_forbidden(address, self._config):
                raise BlockedAddressError(f"refused: {host} resolves to non-public address {address}")
        return addresses

    async def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        addresses = await self._addresses(host, port, timeout)
        last: Exception | None = None
        for address in addresses:
            try:
                return await self._backend.connect_tcp(
                    address, port, timeout=timeout, local_address=local_address, socket_options=socket_options
                )
            except httpcore.ConnectError as error:
                last = httpcore.ConnectError(f"connection to {host}:{port} failed ({address}): {error}")
            except httpcore.ConnectTimeout as error:
                last = error
        raise last or httpcore.ConnectError(f"no address for {host}")

    async def connect_unix_socket(self, path, timeout=None, socket_options=None):  # pragma: no cover
        raise httpcore.ConnectError("unix sockets are not checked")

    async def sleep(self, seconds: float) -> None:
        await self._backend.sleep(seconds)


class PerHostTransport(httpx.AsyncBaseTransport):
    """One small connection pool per origin, all through the address guard and its per-run DNS answers.

    httpcore's single pool looks over every connection for every request (its cost grows with hosts times requests);
    a pool per origin, sized to the per-host limit, keeps that work small. Pools whose connections are all idle are
    closed when more than ``max_pools`` exist, so a run over many hosts keeps few idle sockets.
    """

    def __init__(self, config: CheckConfig, max_pools: int | None = None) -> None:
        self._config = config
        self._backend = GuardedBackend(config)
        self._ssl_context: ssl.SSLContext | None = None  # made when the first https origin is met
        self._transports: dict[tuple[bytes, bytes, int | None], httpx.AsyncHTTPTransport] = {}
        self._max_pools = max_pools or max(config.concurrency, 1) * 2

    def _new_transport(self, https: bool) -> httpx.AsyncHTTPTransport:
        ssl_context = None
        if https:
            # The one SSL context of the run (each transport would otherwise load the CA bundle again).
            if self._ssl_context is None:
                self._ssl_context = httpx.create_ssl_context(verify=self._config.verify_tls, trust_env=False)
            ssl_context = self._ssl_context
        # The transport's own pool (and its context) is replaced just below: plain http needs no CA bundle loaded.
        transport = httpx.AsyncHTTPTransport(verify=ssl_context or False, trust_env=False)
        slots = max(self._config.per_host, 1)
        # httpx does not expose the network backend; swap the pool for one built with the guard.
        transport._pool = httpcore.AsyncConnectionPool(
            ssl_context=ssl_context,
            max_connections=slots * 2,
            max_keepalive_connections=slots,
            keepalive_expiry=5.0,
            network_backend=self._backend,
        )
        return transport

    async def _transport(self, url: httpx.URL) -> httpx.AsyncHTTPTransport:
        key = (url.raw_scheme, url.raw_host, url.port)
        transport = self._transports.pop(key, None)
        if transport is None:
            transport = self._new_transport(url.scheme == "https")
            while len(self._transports) >= self._max_pools:
                idle = next(
                    (k for k, t in self._transports.items() if all(c.is_idle() for c in t._pool.connections)), None
                )
                if idle is None:
                    break
                await self._transports.pop(idle).aclose()
        self._transports[key] = transport  # the most recently used last
        return transport

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        transport = await self._transport(request.url)
        return await transport.handle_async_request(request)

    async def aclose(self) -> None:
        transports, self._transports = list(self._transports.values()), {}
        for transport in transports:
            await transport.aclose()


def make_client(config: CheckConfig) -> httpx.AsyncClient:
    """An httpx client whose connections go through the address guard; redirects are left to the checker."""
    transport = PerHostTransport(config)
    return httpx.AsyncClient(
        transport=transport,
        follow_redirects=False,
        timeout=httpx.Timeout(config.timeout),
        headers={
            "User-Agent": config.user_agent,
            "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
            "Accept-Language": "zh-CN,zh;q=0.9,en;q=0.8",
        },
        trust_env=False,
    )


@dataclass(frozen=True)
class Answer:
    """One HTTP answer as the checker needs it: status, headers, the start of the body."""

    status: int
    headers: httpx.Headers
    body: bytes
    method: str

    @property
    def title(self) -> str:
        match = TITLE.search(self.body)
        if not match:
            return ""
        return html.unescape(match.group(1).decode("utf-8", "replace")).strip()

    @property
    def is_html(self) -> bool:
        return "html" in self.headers.get("content-type", "")


@dataclass
class Outcome:
    """The result of asking one URL (with retries), before redirects are followed."""

    answer: Answer | None = None
    error: str | None = None
    error_kind: str | None = None  # "timeout", "connect", "blocked", "protocol"
    attempts: int = 0


def retry_after_seconds(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait according to a Retry-After header (delta seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
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
    ceiling = min(config.backoff_max, config.backoff_base * (2**attempt))
    return random.uniform(ceiling / 2, ceiling)


def host_key(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc.lower()}"


def sibling_probe_url(url: str) -> str:
    """A made-up path next to the URL's own, on the same host, that should not exist."""
    parts = urlsplit(url)
    directory = parts.path.rsplit("/", 1)[0] if "/" in parts.path else ""
    return urlunsplit((parts.scheme, parts.netloc, f"{directory}/no-such-page-{secrets.token_hex(6)}", "", ""))


def _folder_key(url: str) -> str:
    """The scheme, host and folder of a URL: what one probe answers for."""
    return f"{host_key(url)}{urlsplit(url).path.rsplit('/', 1)[0]}"


def _last_segment(url: str) -> str:
    """The last name of a URL's path (``16`` for ``/articles/16`` and ``/articles/16/``)."""
    return urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1]


def _similar(a: bytes, b: bytes) -> bool:
    """Two bodies that are the same page apart from small variable parts."""
    if not a or not b:
        return a == b
    if abs(len(a) - len(b)) > 0.1 * max(len(a), len(b)):
        return False
    tokens_a = set(re.findall(rb"\w+", a))
    tokens_b = set(re.findall(rb"\w+", b))
    union = tokens_a | tokens_b
    return not union or len(tokens_a & tokens_b) / len(union) > 0.9


class PriorityGate:
    """A semaphore whose waiters are served by priority (lower first), then in arrival order."""

    def __init__(self, slots: int) -> None:
        self._free = slots
        self._waiters: list[tuple[Any, int, asyncio.Future[None]]] = []
        self._arrivals = itertools.count()

    def _push(self, priority: Any, waiter: asyncio.Future[None]) -> None:
        heapq.heappush(self._waiters, (priority, next(self._arrivals), waiter))

    def _pop(self) -> asyncio.Future[None]:
        return heapq.heappop(self._waiters)[2]

    async def acquire(self, priority: Any = 0) -> None:
        if self._free > 0:  # a freed slot is handed to a live waiter first, so none is waiting now
            self._free -= 1
            return
        waiter: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._push(priority, waiter)
        try:
            await waiter
        except asyncio.CancelledError:
            if waiter.done() and not waiter.cancelled():
                self.release()  # the slot was handed over just before the cancellation: pass it on
            raise

    def release(self) -> None:
        while self._waiters:
            waiter = self._pop()
            if not waiter.done():
                waiter.set_result(None)
                return
        self._free += 1

    @contextlib.asynccontextmanager
    async def slot(self, priority: Any = 0) -> AsyncIterator[None]:
        await self.acquire(priority)
        try:
            yield
        finally:
            self.release()


class BusiestFirstGate(PriorityGate):
    """The overall gate: a freed slot goes to the waiting host with the most work left.

    ``priority`` is the waiter's host, whose estimate is read when a slot frees (it changes as URLs finish), so the
    host that will take longest keeps its requests going and does not end the run alone (longest work first).
    Each host has at most one waiter here (it waits holding its host's lock), so the scan is short.
    """

    def _push(self, priority: Any, waiter: asyncio.Future[None]) -> None:
        self._waiters.append((priority, next(self._arrivals), waiter))

    def _pop(self) -> asyncio.Future[None]:
        best = max(range(len(self._waiters)), key=lambda i: (self._waiters[i][0].work_left, -self._waiters[i][1]))
        return self._waiters.pop(best)[2]


@dataclass
class _Host:
    semaphore: PriorityGate
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    next_time: float = 0.0
    head_unreliable: bool = False
    # The host serves HTML whose titles we read anyway: a HEAD first would be a wasted request.
    serves_html: bool = False
    # A HEAD has been answered usefully (not HTML, not refused): HEAD stays the first request here.
    head_useful: bool = False
    # A first HEAD is on its way and nothing is known yet.
    head_pending: bool = False
    # URLs of this host still to check; checks of its URLs begun, and requests sent to it (hops, retries, probes).
    urls_left: int = 0
    begun: int = 0
    sent: int = 0

    @property
    def work_left(self) -> float:
        """Requests this host is still expected to need: URLs left times the requests a URL has taken so far."""
        return self.urls_left * (self.sent / self.begun if self.begun else 1.0)


class Checker:
    """Checks many URLs with one client, sharing per-host state between them."""

    def __init__(self, config: CheckConfig, client: httpx.AsyncClient) -> None:
        self.config = config
        self.client = client
        self.requests_sent = 0
        self._global = BusiestFirstGate(max(config.concurrency, 1))
        self._hosts: dict[str, _Host] = {}
        self._probes: dict[str, asyncio.Task[tuple[Outcome, str | None]]] = {}
        self._first_probes: dict[str, str] = {}  # host -> the folder of its first probe

    def _host(self, url: str) -> _Host:
        key = host_key(url)
        if key not in self._hosts:
            self._hosts[key] = _Host(PriorityGate(max(self.config.per_host, 1)))
        return self._hosts[key]

    async def _request(self, method: str, url: str, full: bool = False, probe: bool = False) -> Answer:
        """One request, gated by the per-host limit and spacing; the body read only up to the cap.

        A probe's HEAD is sent as asked: a made-up page is usually answered "not found", which a HEAD learns
        without a body, and the host's first probe holds the host's first HEAD (see ``_start_first_probe``).
        """
        host = self._host(url)
        counter = _REQUESTS.get(None)
        # A URL whose check has begun (a redirect hop, a retry, a GET after HEAD, its soft-404 probe) goes ahead of
        # URLs not yet begun: checks finish in turn instead of all waiting at the back of the host's queue.
        begun = counter is not None and counter[0] > 0
        async with host.semaphore.slot(priority=0 if begun else 1):
            async with host.lock:
                wait = host.next_time - time.monotonic()
                if wait > 0:
                    await asyncio.sleep(wait)
                # The overall limit counts requests in flight, not URLs being checked: a URL waiting for its host
                # (or backing off) holds no slot, so a busy host never starves the others. Taken inside the host's
                # lock, so that the spacing runs from the moment the request really starts.
                await self._global.acquire(host)
                host.next_time = time.monotonic() + self.config.host_spacing
            try:
                # Decided only now: an earlier answer from this host may have shown HEAD to be a wasted request.
                if method == "HEAD" and not probe:
                    if host.head_unreliable or host.serves_html:
                        method = "GET"
                    elif not host.head_useful:
                        # Until one HEAD has been answered the host is unknown: one HEAD at a time finds out, the
                        # others ask with GET (which stops early on anything but an HTML page).
                        if host.head_pending:
                            method = "GET"
                        else:
                            host.head_pending = True
                self.requests_sent += 1
                host.sent += 1
                host.begun += counter is not None and counter[0] == 0
                if counter is not None:
                    counter[0] += 1
                async with asyncio.timeout(self.config.timeout):
                    async with self.client.stream(method, url) as response:
                        if method == "GET":
                            body = await self._read(response, full)
                        else:
                            # A HEAD answer has no body, but its end must be read for the connection to be reused.
                            await response.aread()
                            body = b""
                        return Answer(response.status_code, response.headers, body, method)
            finally:
                self._global.release()
                if method == "HEAD":
                    host.head_pending = False

    async def _read(self, response: httpx.Response, full: bool) -> bytes:
        """The start of a GET body: up to the cap when ``full``, else up to an HTML page's title (nothing else).

        What is left after that is read on (and dropped) when it is short, so that the connection ends its answer
        cleanly and can be reused; a long remainder is cut off by closing the connection instead.
        """
        content_type = response.headers.get("content-type", "")
        wanted = full or (self.config.read_titles and (not content_type or "html" in content_type))
        length = response.headers.get("content-length", "")
        if not wanted and (not length.isdigit() or int(length) > DRAIN_BYTES):
            return b""
        chunks: list[bytes] = []
        size = 0
        done = not wanted
        drained = 0
        async for chunk in response.aiter_bytes():
            if done:
                drained += len(chunk)
                if drained > DRAIN_BYTES:
                    break
                continue
            chunks.append(chunk)
            size += len(chunk)
            if size >= self.config.max_body:
                break
            if not full and b"</title" in b"".join(chunks[-2:]).lower():
                done = True
        return b"".join(chunks)[: self.config.max_body]

    async def fetch(self, url: str, want_body: bool = False, probe: bool = False) -> Outcome:
        """Ask for one URL, retrying what may pass.

        HEAD first, unless the whole body is wanted or the host is known to refuse HEAD or to serve HTML
        (whose title is read anyway); a GET reads up to the title, or up to the cap when ``want_body``.
        A ``probe`` (a made-up page) asks with HEAD unless the host refuses it, believes a HEAD's 404 or 410 (the
        answer it expects), reads the whole body with GET when the made-up page answers 200, and is not retried:
        a probe without an answer only leaves the host's pages unsuspected, so a struggling host is not asked again.
        """
        outcome = Outcome()
        host = self._host(url)
        if probe:
            method = "GET" if host.head_unreliable else "HEAD"
        else:
            method = "GET" if want_body or host.head_unreliable or host.serves_html else "HEAD"
        attempt = 0
        while True:
            outcome.attempts += 1
            retry_after: float | None = None
            try:
                answer = await self._request(method, url, full=want_body or probe, probe=probe)
            except BlockedAddressError as error:
                return Outcome(error=str(error), error_kind="blocked", attempts=outcome.attempts)
            except (TimeoutError, httpx.TimeoutException):
                outcome.answer, outcome.error, outcome.error_kind = None, "timed out", "timeout"
            except httpx.ConnectError as error:
                outcome.answer, outcome.error, outcome.error_kind = None, str(error) or "connection failed", "connect"
            except (httpx.TransportError, httpx.DecodingError) as error:
                outcome.answer, outcome.error, outcome.error_kind = None, f"{type(error).__name__}: {error}", "protocol"
            else:
                method = answer.method
                if method == "HEAD":
                    if answer.status in (405, 501):
                        host.head_unreliable = True  # the server plainly does not do HEAD
                    elif answer.is_html and self.config.read_titles:
                        # The host answers in HTML (a page, its "not found" page, a redirect), and an HTML page is
                        # read with GET for its title anyway: for its later URLs a HEAD first is a wasted request.
                        host.serves_html = True
                    elif answer.status not in HEAD_UNRELIABLE:
                        host.head_useful = True
                    # A probe's made-up page answered 404 or 410 is as expected: no GET, no body needed.
                    expected = probe and answer.status in DEAD_STATUSES
                    if not expected and (
                        answer.status in HEAD_UNRELIABLE
                        or (answer.status == 200 and (probe or (answer.is_html and self.config.read_titles)))
                    ):
                        # A HEAD refused or doubtful, or a page whose body or title is wanted: ask with GET at once
                        # (not a retry).
                        method = "GET"
                        outcome.attempts -= 1
                        continue
                outcome.answer, outcome.error, outcome.error_kind = answer, None, None
                if answer.status not in RETRY_STATUSES:
                    return outcome
                retry_after = retry_after_seconds(answer.headers.get("retry-after"))
                # Some servers fail HEAD only: the retry asks with GET.
                method = "GET"
            if probe or attempt >= self.config.retries:
                return outcome
            await asyncio.sleep(backoff_delay(attempt, self.config, retry_after))
            attempt += 1

    async def follow(
        self, url: str, want_body: bool = False, probe: bool = False
    ) -> tuple[Outcome, list[Hop], str, int, str | None]:
        """Follow redirects by hand: the last outcome, the hops, the final URL, attempts, and a loop/limit error."""
        hops: list[Hop] = []
        seen = {url}
        current = url
        attempts = 0
        for _ in range(self.config.max_redirects + 1):
            outcome = await self.fetch(current, want_body, probe)
            attempts += outcome.attempts
            answer = outcome.answer
            if answer is None or answer.status not in REDIRECT_STATUSES or "location" not in answer.headers:
                return outcome, hops, current, attempts, None
            target = urljoin(current, answer.headers["location"].strip())
            hops.append(Hop(current, answer.status, target))
            if urlsplit(target).scheme not in ("http", "https"):
                return outcome, hops, current, attempts, f"redirect to unsupported address {target}"
            if target in seen:
                return outcome, hops, current, attempts, f"redirect loop at {target}"
            seen.add(target)
            current = target
        return outcome, hops, current, attempts, f"more than {self.config.max_redirects} redirects"

    async def _probe(self, url: str) -> tuple[Outcome, str | None]:
        """What the host answers for a made-up page next to ``url`` (shared by URLs in the same folder).

        A host is probed once first. When that made-up page is answered "not found" (404 or 410), the host is taken
        to say so honestly and its other folders are not asked; otherwise (a 200, a redirect, no answer) every
        folder gets a probe of its own, since a host may send missing pages home in one folder and not another.
        """
        key = _folder_key(url)
        first = self._first_probes.setdefault(host_key(url), key)
        if first != key:
            outcome, final = await self._probes[first]
            if outcome.answer is not None and outcome.answer.status in DEAD_STATUSES:
                return outcome, final
        return await self._probe_task(url)

    def _probe_task(self, url: str) -> asyncio.Task[tuple[Outcome, str | None]]:
        """The probe of ``url``'s folder, started when first asked for."""
        key = _folder_key(url)
        if key not in self._probes:
            self._probes[key] = asyncio.ensure_future(self._run_probe(sibling_probe_url(url)))
        return self._probes[key]

    def _start_first_probe(self, url: str) -> None:
        """Send the host's first request: a HEAD for a made-up page next to the first URL checked there.

        Its answer serves twice: as the soft-404 probe of the host's pages (see ``_probe``), and to learn what a
        HEAD is worth here (refused, or HTML whose title is read with GET anyway). It holds the host's first HEAD,
        so until it is answered the host's URLs ask with GET, as they do while any first HEAD is out; a HEAD of a
        cited page that would be followed by a GET for its title is not sent.
        """
        key = host_key(url)
        if not self.config.soft_404_probe or key in self._first_probes:
            return
        host = self._host(url)
        if not (host.head_unreliable or host.head_useful or host.serves_html or host.head_pending):
            host.head_pending = True
        self._first_probes[key] = _folder_key(url)
        self._probe_task(url)

    async def _run_probe(self, probe_url: str) -> tuple[Outcome, str | None]:
        outcome, hops, final, _, problem = await self.follow(probe_url, probe=True)
        return outcome, (final if hops and not problem else None)

    async def check(self, url: str) -> CheckResult:
        """The verdict on one URL."""
        started = time.monotonic()
        counter = [0]
        _REQUESTS.set(counter)
        result = await self._check(url)
        return replace(result, elapsed=time.monotonic() - started, requests=counter[0])

    async def _check(self, url: str) -> CheckResult:
        self._start_first_probe(url)
        outcome, hops, final, attempts, problem = await self.follow(url)
        base = CheckResult(url=url, verdict=Verdict.OK, final_url=final, redirects=tuple(hops), attempts=attempts)
        answer = outcome.answer
        if problem:
            return replace(base, verdict=Verdict.BROKEN, status=answer.status if answer else None, error=problem)
        if answer is None:
            kind = outcome.error_kind
            verdict = Verdict.TIMEOUT if kind == "timeout" else Verdict.BROKEN
            return replace(base, verdict=verdict, error=outcome.error)
        status = answer.status
        base = replace(base, status=status)
        if _is_challenge(answer):
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
        if self.config.soft_404_probe:
            soft = await self._soft_404(url, final, answer)
            if soft:
                return replace(base, verdict=Verdict.SOFT_404, error=soft)
        permanent = any(hop.status in PERMANENT_REDIRECTS for hop in hops)
        return replace(base, verdict=Verdict.REDIRECTED if permanent else Verdict.OK)

    async def _soft_404(self, url: str, final: str, answer: Answer) -> str | None:
        """Why the page looks like the host's answer for a page that does not exist, or None.

        The made-up page is put next to the cited URL, so that a catch-all redirect shows (the made-up page is sent
        where the cited one was). A redirect that keeps the page's own name (``/old/16`` to ``/new/16``, http to
        https, a trailing slash) is a move, not a catch-all: then the made-up page goes next to the final URL, whose
        folder's probe other URLs often share, and no request is spent on the redirect.
        """
        base = final if final != url and _last_segment(final) == _last_segment(url) != "" else url
        probe, probe_final = await self._probe(base)
        probe_answer = probe.answer
        if probe_answer is None or probe_answer.status != 200:
            return None  # the host says "not found" honestly, so its 200 can be believed
        if probe_final and probe_final == final and final != base:
            return f"redirected where a made-up page is redirected: {final}"
        if probe_final == final:
            return None  # the made-up name was sent to this very page: its last name is a slug the host ignores
        if probe_final is None and final != base:
            return None
        if not answer.is_html:
            return None  # a PDF or other document is not the host's "not found" page
        full = await self.fetch(final, want_body=True)
        if full.answer is None or full.answer.status != 200:
            return None
        if NOT_FOUND_TITLE.search(full.answer.title):
            return f"not-found page: {full.answer.title!r}"
        if _similar(full.answer.body, probe_answer.body) and await self._same_one_level_up(base, full.answer.body):
            return "same page as a made-up address on the host"
        return None

    async def _same_one_level_up(self, url: str, body: bytes) -> bool:
        """Whether a made-up page one folder above ``url``'s is the same page too.

        A page that a made-up sibling matches is either the host's catch-all (which answers a made-up page one
        level up the same way) or a page whose last name the host ignores (``/documents/2025-02121/<any slug>``),
        which one level up is not found or another page. A sibling already at the host's root decides alone.
        """
        parts = urlsplit(url)
        folder = parts.path.rsplit("/", 1)[0]
        if not folder.strip("/"):
            return True
        up = urlunsplit((parts.scheme, parts.netloc, f"{folder.rsplit('/', 1)[0]}/_", "", ""))
        outcome, _ = await self._probe(up)
        answer = outcome.answer
        return answer is not None and answer.status == 200 and _similar(body, answer.body)

    async def check_all(
        self, urls: Iterable[str], progress: Callable[[CheckResult], None] | None = None
    ) -> dict[str, CheckResult]:
        unique = list(dict.fromkeys(urls))
        results: dict[str, CheckResult] = {}

        for url in unique:
            self._host(url).urls_left += 1

        async def one(url: str) -> None:
            try:
                result = await self.check(url)
            except Exception as error:  # noqa: BLE001 - one odd URL must not stop the run
                result = CheckResult(url=url, verdict=Verdict.BROKEN, error=f"{type(error).__name__}: {error}")
            self._host(url).urls_left -= 1
            results[url] = result
            if progress:
                progress(result)

        await asyncio.gather(*(one(url) for url in unique))
        for probe in self._probes.values():
            if not probe.done():  # pragma: no cover - every probe is awaited by its URL
                probe.cancel()
        return mark_home_redirects({url: results[url] for url in unique}, self.config)


def _is_challenge(answer: Answer) -> bool:
    if answer.headers.get("cf-mitigated", "").lower() == "challenge":
        return True
    return answer.status in (403, 429, 503, 200) and bool(answer.body) and bool(CHALLENGE_TITLE.search(answer.title))


def mark_home_redirects(results: dict[str, CheckResult], config: CheckConfig) -> dict[str, CheckResult]:
    """Many different URLs redirected to one site root: the site sends missing pages home (soft-404)."""
    finals = Counter(
        r.final_url for r in results.values() if r.redirects and r.verdict in (Verdict.OK, Verdict.REDIRECTED)
    )
    marked: dict[str, CheckResult] = {}
    for url, result in results.items():
        final = result.final_url or ""
        is_root = urlsplit(final).path in ("", "/") and urlsplit(url).path not in ("", "/")
        if (
            result.redirects
            and result.verdict in (Verdict.OK, Verdict.REDIRECTED)
            and is_root
            and finals[final] >= config.home_redirect_threshold
        ):
            result = replace(result, verdict=Verdict.SOFT_404, error=f"redirected to the home page {final}")
        marked[url] = result
    return marked


async def check_urls_async(
    urls: Iterable[str], config: CheckConfig, progress: Callable[[CheckResult], None] | None = None
) -> tuple[dict[str, CheckResult], int]:
    """Check URLs (each distinct URL once); the results by URL and the number of requests sent."""
    async with make_client(config) as client:
        checker = Checker(config, client)
        results = await checker.check_all(urls, progress)
        return results, checker.requests_sent


def check_urls(
    urls: Iterable[str], config: CheckConfig, progress: Callable[[CheckResult], None] | None = None
) -> tuple[dict[str, CheckResult], int]:
    """Synchronous entry point of :func:`check_urls_async`."""
    return asyncio.run(check_urls_async(urls, config, progress))
