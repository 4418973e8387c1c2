"""The client: one small connection pool per origin, every connection through the address guard."""

from __future__ import annotations

import importlib.util
import ssl
import sys

import httpcore
import httpx

from .config import CheckConfig
from .guard import GuardedBackend

if importlib.util.find_spec("sniffio") is None:  # pragma: no branch
    # httpcore asks for sniffio on every lock it makes; without the package each ask is a failed import that
    # searches sys.path again (about a second of CPU per thousand requests). None in sys.modules makes it fail fast.
    sys.modules.setdefault("sniffio", None)  # type: ignore[arg-type]


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
