"""The address guard: each host resolved once per run, private addresses refused, connections only to checked ones."""

from __future__ import annotations

import asyncio
import ipaddress
import socket
import ssl

from .config import CheckConfig


class BlockedAddressError(Exception):
    """A host resolving to a private, loopback or link-local address while those are refused."""


class ConnectError(Exception):
    """No connection could be made: an unknown host, a refused or failed connection, a TLS failure."""


def address_forbidden(address: str, config: CheckConfig) -> bool:
    """Whether connecting to this IP address is refused under the config."""
    if config.allow_private or address in config.allowed_addresses:
        return False
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return not ip.is_global or ip.is_multicast


def _literal(host: str) -> str | None:
    """The host as an IP address when it is written as one (no lookup needed), else None."""
    try:
        return str(ipaddress.ip_address(host))
    except ValueError:
        return None


class Guard:
    """Resolves hosts itself, refuses forbidden addresses, then connects to a checked address.

    A host's addresses are resolved and checked once per run (a redirect to another host is resolved and checked
    when it is first met): later connections go to the same checked addresses, with no new lookup to race.
    """

    def __init__(self, config: CheckConfig) -> None:
        self._config = config
        self._resolved: dict[tuple[str, int], asyncio.Future[list[str]]] = {}

    async def _addresses(self, host: str, port: int) -> list[str]:
        key = (host, port)
        if key not in self._resolved:
            self._resolved[key] = asyncio.ensure_future(self._resolve(host, port))
            # Its failure is read by whoever awaits it; no "exception never retrieved" if nobody does.
            self._resolved[key].add_done_callback(lambda done: done.cancelled() or done.exception())
        future = self._resolved[key]
        try:
            # Shielded: a request that times out while waiting leaves the lookup to the others waiting on it.
            return await asyncio.shield(future)
        except BlockedAddressError:
            raise
        except BaseException:
            # A failed or timed-out lookup (perhaps a passing DNS failure) is tried afresh by the retry.
            if self._resolved.get(key) is future and future.done():
                del self._resolved[key]
            raise

    async def _resolve(self, host: str, port: int) -> list[str]:
        literal = _literal(host)
        if literal is not None:
            addresses = [literal]
        else:
            loop = asyncio.get_running_loop()
            try:
                infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
            except socket.gaierror as error:
                raise ConnectError(f"unknown host {host}: {error.strerror}") from error
            addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
        if f"{host.lower()}:{port}" in self._config.allowed_hosts:  # trusted configuration, such as an archive
            return addresses
        # Every address must be allowed, so that no address of the set can be reached by a retry.
        for address in addresses:
            if address_forbidden(address, self._config):
                raise BlockedAddressError(f"refused: {host} resolves to non-public address {address}")
        return addresses

    async def open(
        self, host: str, port: int, tls: ssl.SSLContext | None
    ) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
        """A connection to one of the host's checked addresses (TLS verified against the host's name)."""
        last: Exception | None = None
        for address in await self._addresses(host, port):
            try:
                return await asyncio.open_connection(address, port, ssl=tls, server_hostname=host if tls else None)
            except OSError as error:  # refused, unreachable, or a TLS failure (ssl.SSLError is an OSError)
                last = ConnectError(f"connection to {host}:{port} failed ({address}): {error}")
        raise last or ConnectError(f"no address for {host}")
