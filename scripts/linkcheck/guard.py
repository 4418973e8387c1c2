"""The address guard: each host resolved once per run, private addresses refused, connections only to checked ones."""

from __future__ import annotations

import asyncio
import ipaddress
import socket

import httpcore

from .config import CheckConfig


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
