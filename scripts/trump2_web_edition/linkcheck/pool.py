"""The client: kept-alive connections per origin, opened through the address guard, with the run's cookies.

The standard library's asyncio streams with h11's framing (``exchange``) instead of httpx: a check asks for little
(a status, headers, the start of a body), and httpx's layers cost about 0.8 ms of CPU per request and 60 ms of
imports at start-up, which on the benchmark's 1,000 URLs was the gap to lychee.
"""

from __future__ import annotations

import contextlib
import ssl
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from .config import CheckConfig
from .cookies import CookieJar
from .exchange import Body, NoAnswerError, Wire
from .guard import Guard

# An idle connection older than this is closed rather than reused (servers close theirs after a few seconds).
KEEP_ALIVE = 5.0
ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
ACCEPT_LANGUAGE = "zh-CN,zh;q=0.9,en;q=0.8"
# What may stay as it is in a request's path and query (RFC 3986 pchar, "%" for escapes already made).
PATH_SAFE = "/%!$&'()*+,;=:@"
QUERY_SAFE = PATH_SAFE + "?"


@dataclass(frozen=True)
class Address:
    """Where a URL's request goes: scheme, host and port, the request target, the Host header."""

    scheme: str
    host: str
    port: int
    target: str
    host_header: str

    @property
    def origin(self) -> tuple[str, str, int]:
        return (self.scheme, self.host, self.port)

    @property
    def url(self) -> str:
        """The URL as requested (host IDNA-encoded, path escaped): what the cookie jar matches cookies by."""
        return f"{self.scheme}://{self.host_header}{self.target}"


def address_of(url: str) -> Address:
    """The request address of an http(s) URL (non-ASCII names IDNA-encoded, unsafe characters escaped)."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"not an http(s) URL: {url!r}")
    host = parts.hostname if parts.hostname.isascii() else parts.hostname.encode("idna").decode("ascii")
    default = 443 if scheme == "https" else 80
    port = parts.port or default
    shown = f"[{host}]" if ":" in host else host
    target = quote(parts.path or "/", safe=PATH_SAFE)
    if parts.query:
        target += "?" + quote(parts.query, safe=QUERY_SAFE)
    return Address(scheme, host, port, target, shown if port == default else f"{shown}:{port}")


@dataclass(eq=False)
class Connection:
    """A connection of the pool: its wire, and since when it has been idle."""

    wire: Wire
    idle_since: float = 0.0
    reused: bool = False

    def usable(self, now: float) -> bool:
        wire = self.wire
        return now - self.idle_since < KEEP_ALIVE and not wire.reader.at_eof() and not wire.writer.is_closing()

    def close(self) -> None:
        self.wire.close()


@dataclass(frozen=True)
class Response:
    """An answer whose body has not been read yet."""

    status: int
    headers: dict[str, str]
    body: Body

    async def read(self) -> bytes:
        """The next piece of the body (decoded); b"" at its end."""
        return await self.body.read()


class Client:
    """Requests with one client for the run: connections, TLS context and cookies shared by every check."""

    def __init__(self, config: CheckConfig) -> None:
        self._config = config
        self._guard = Guard(config)
        self._idle: dict[tuple[str, str, int], list[Connection]] = {}
        self._cookies = CookieJar()
        self._tls: ssl.SSLContext | None = None  # made when the first https origin is met
        self._max_idle = max(config.concurrency, 1) * 2

    def _tls_context(self) -> ssl.SSLContext:
        if self._tls is None:
            context = ssl.create_default_context()
            if not self._config.verify_tls:
                context.check_hostname = False
                context.verify_mode = ssl.CERT_NONE
            context.set_alpn_protocols(["http/1.1"])
            self._tls = context
        return self._tls

    def _headers(self, address: Address) -> list[tuple[str, str]]:
        headers = [
            ("Host", address.host_header),
            ("User-Agent", self._config.user_agent),
            ("Accept", ACCEPT),
            ("Accept-Language", ACCEPT_LANGUAGE),
            ("Accept-Encoding", "gzip, deflate"),
        ]
        cookie = self._cookies.header(address.url)
        return [*headers, ("Cookie", cookie)] if cookie else headers

    async def _connection(self, address: Address) -> Connection:
        idle = self._idle.get(address.origin)
        now = time.monotonic()
        while idle:
            connection = idle.pop()
            if connection.usable(now):
                connection.reused = True
                return connection
            connection.close()
        tls = self._tls_context() if address.scheme == "https" else None
        reader, writer = await self._guard.open(address.host, address.port, tls)
        return Connection(Wire(reader, writer))

    def _keep(self, origin: tuple[str, str, int], connection: Connection) -> None:
        """Keep a connection whose answer was read to its end, within the per-host and overall idle limits."""
        connection.idle_since = time.monotonic()
        idle = self._idle.pop(origin, [])
        self._idle[origin] = idle  # the most recently used origin last
        idle.append(connection)
        if len(idle) > max(self._config.per_host, 1):
            idle.pop(0).close()
        if sum(len(connections) for connections in self._idle.values()) > self._max_idle:
            oldest = next(connections for connections in self._idle.values() if connections)
            oldest.pop(0).close()

    @contextlib.asynccontextmanager
    async def stream(self, method: str, url: str) -> AsyncIterator[Response]:
        """Send a request; the answer's head is read, its body is read by the caller. Redirects are not followed."""
        address = address_of(url)
        headers = self._headers(address)
        while True:
            connection = await self._connection(address)
            try:
                head = await connection.wire.request(method, address.target, headers)
                break
            except (NoAnswerError, ConnectionError):
                connection.close()
                if not connection.reused:
                    raise
                # A kept-alive connection the server had closed: the request goes again on a new one.
            except BaseException:
                connection.close()
                raise
        if head.cookies:
            self._cookies.store(address.url, head.cookies)
        response = Response(head.status, head.headers, Body(connection.wire, head))
        try:
            yield response
        finally:
            if connection.wire.reusable:
                self._keep(address.origin, connection)
            else:
                connection.close()

    async def aclose(self) -> None:
        idle, self._idle = self._idle, {}
        for connections in idle.values():
            for connection in connections:
                connection.close()


@contextlib.asynccontextmanager
async def make_client(config: CheckConfig) -> AsyncIterator[Client]:
    """The run's client, its connections closed on the way out."""
    client = Client(config)
    try:
        yield client
    finally:
        await client.aclose()
