"""The address guard: resolve, vet the address, connect to exactly that address.

``GuardedBackend`` wraps httpcore's network backend. It resolves the host itself with the
injectable ``Resolver``, refuses non-public addresses (unless allowed), and connects to the
vetted address; httpcore keeps the host name for the Host header, SNI and certificate checks.
Because the socket connects to the address that was checked, a DNS answer cannot change
between the check and the connection (no rebinding). httpcore calls ``connect_tcp`` for every
new connection, so every redirect hop to a new host is vetted too.

Behind a proxy (``--proxy`` or the ``*_PROXY`` variables) the proxy resolves target names, so
only literal IP addresses and ``localhost`` in the URL can be vetted (``guard_url_host``).
"""

from __future__ import annotations

import asyncio
import functools
import ipaddress
import socket
from collections.abc import Iterable

import httpcore

from citecheck.net._resolver import Resolver
from citecheck.net._stream import AsyncioBackend


class NameNotResolved(httpcore.ConnectError):
    """The host name did not resolve. ``permanent`` is True when the name does not exist."""

    def __init__(self, host: str, permanent: bool, detail: str) -> None:
        super().__init__(f"{host}: {detail}")
        self.host = host
        self.detail = detail
        self.permanent = permanent


class AddressRefused(Exception):
    """The address guard refused to connect: the host is, or resolves to, a non-public address."""

    def __init__(self, host: str, address: str, kind: str) -> None:
        super().__init__(f"{host} resolves to {address} ({kind})")
        self.host = host
        self.address = address
        self.kind = kind


def address_kind(address: str) -> str | None:
    """Why ``address`` is not public ("loopback", "private", ...), or None if it is public."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return None
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped  # ::ffff:127.0.0.1 reaches 127.0.0.1: judge the IPv4 address
    checks = (
        ("unspecified", ip.is_unspecified),
        ("loopback", ip.is_loopback),
        ("link-local", ip.is_link_local),
        ("multicast", ip.is_multicast),
        ("reserved", ip.is_reserved),
        ("private", ip.is_private),
    )
    for kind, hit in checks:
        if hit:
            return kind
    # Shared address space (100.64.0.0/10, carrier-grade NAT) and other special ranges.
    return None if ip.is_global else "non-public"


def guard_url_host(host: str) -> None:
    """The guard for proxied requests: refuse literal non-public addresses and ``localhost``."""
    bare = host.strip("[]").lower().rstrip(".")
    if bare == "localhost" or bare.endswith(".localhost"):
        raise AddressRefused(host, bare, "loopback")
    kind = address_kind(bare)
    if kind is not None:
        raise AddressRefused(host, bare, kind)


class GuardedBackend(httpcore.AsyncNetworkBackend):
    """Resolve with ``resolver``, vet, then connect to the vetted address (see module doc).

    ``connections`` counts TCP connections that were established: zero after a run with network
    attempts means no host answered anything, the evidence for "network unreachable".
    ``resolved`` counts names that resolved: any at all means name service works.
    """

    def __init__(
        self,
        resolver: Resolver,
        *,
        allow_private: bool,
        inner: httpcore.AsyncNetworkBackend | None = None,
    ) -> None:
        self._resolver = resolver
        self._allow_private = allow_private
        self._inner = inner or AsyncioBackend()
        self.connections = 0
        self.resolved = 0
        self._lookups: dict[tuple[str, int], asyncio.Future[list[tuple[str, int]]]] = {}

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        addresses = await self._vetted(host, port, timeout)
        error: Exception | None = None
        for address, target_port in addresses:
            try:
                stream = await self._inner.connect_tcp(
                    address, target_port, timeout, local_address, socket_options
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                error = exc
                continue
            self.connections += 1
            return stream
        assert error is not None
        raise error

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)

    async def _vetted(self, host: str, port: int, timeout: float | None) -> list[tuple[str, int]]:
        addresses = await self._resolve(host, port, timeout)
        if self._allow_private:
            return addresses
        public = [(a, p) for a, p in addresses if address_kind(a) is None]
        if not public:
            address = addresses[0][0]
            raise AddressRefused(host, address, address_kind(address) or "non-public")
        return public

    async def _resolve(self, host: str, port: int, timeout: float | None) -> list[tuple[str, int]]:
        bare = host.strip("[]")
        if is_ip(bare):
            return [(bare, port)]
        # One lookup per name and run: connections to one host share it, and a missing name
        # stays missing; a temporary failure is forgotten so the next connection asks again.
        key = (bare.lower(), port)
        lookup = self._lookups.get(key)
        if lookup is None:
            lookup = asyncio.ensure_future(self._lookup(host, bare, port, timeout))
            lookup.add_done_callback(_retrieve)
            self._lookups[key] = lookup
        try:
            return await asyncio.shield(lookup)
        except NameNotResolved as exc:
            if not exc.permanent:
                self._lookups.pop(key, None)
            raise

    async def _lookup(
        self, host: str, bare: str, port: int, timeout: float | None
    ) -> list[tuple[str, int]]:
        try:
            async with asyncio.timeout(timeout):
                found = list(await self._resolver.resolve(bare, port))
        except socket.gaierror as exc:
            raise NameNotResolved(host, _name_missing(exc), str(exc.strerror or exc)) from exc
        except TimeoutError as exc:
            raise NameNotResolved(host, False, "name lookup timed out") from exc
        except OSError as exc:
            raise NameNotResolved(host, False, str(exc)) from exc
        if not found:
            raise NameNotResolved(host, True, "no addresses")
        self.resolved += 1
        return found


def _retrieve(future: asyncio.Future[list[tuple[str, int]]]) -> None:
    # Every waiter may have gone (cancelled): mark the outcome seen so asyncio does not warn.
    if not future.cancelled():
        future.exception()


def _name_missing(exc: socket.gaierror) -> bool:
    # EAI_NONAME / EAI_NODATA: the name has no address. EAI_AGAIN etc. are temporary failures.
    permanent = {socket.EAI_NONAME, getattr(socket, "EAI_NODATA", socket.EAI_NONAME)}
    return exc.errno in permanent


@functools.lru_cache(maxsize=1024)  # asked once per connection; bounded, so memory stays flat
def is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        return False
    return True
