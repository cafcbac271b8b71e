"""The network layer: resolve, vet the address, connect to exactly that address.

``GuardedBackend`` wraps httpcore's network backend. It resolves the host itself with the
injectable ``Resolver``, refuses non-public addresses (unless allowed), and connects to the
vetted address; httpcore keeps the host name for the Host header, SNI and certificate checks.
Because the socket connects to the address that was checked, a DNS answer cannot change
between the check and the connection (no rebinding). httpcore calls ``connect_tcp`` for every
new connection, so every redirect hop to a new host is vetted too.

Behind a proxy (``--proxy`` or the ``*_PROXY`` variables) the proxy resolves target names, so
only literal IP addresses and ``localhost`` in the URL can be vetted (``guard_url_host``).

``Pools`` holds one small set of keep-alive connections per (scheme, host), all sharing one
SSLContext: a single pool for thousands of hosts is CPU-bound in its bookkeeping, and even
httpcore's per-host pool costs a quarter of the checker's CPU (see benchmarks/RESULTS.md).
Proxied hosts use httpcore's pool, which knows proxy tunnels.
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import socket
import ssl
import urllib.request
from collections import OrderedDict
from collections.abc import AsyncIterator, Iterable, Mapping
from typing import Any, Protocol

import certifi
import httpcore

from citecheck.check._resolver import Resolver
from citecheck.check._stream import AsyncioBackend
from citecheck.config import Settings

_SPARE_POOLS = 32


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

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        raise httpcore.ConnectError("unix sockets are not used by citecheck")

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
        if _is_ip(bare):
            return [(bare, port)]
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


def _name_missing(exc: socket.gaierror) -> bool:
    # EAI_NONAME / EAI_NODATA: the name has no address. EAI_AGAIN etc. are temporary failures.
    permanent = {socket.EAI_NONAME, getattr(socket, "EAI_NODATA", socket.EAI_NONAME)}
    return exc.errno in permanent


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        return False
    return True


def ssl_context(settings: Settings) -> ssl.SSLContext:
    """One context for every pool: verifying, trusting ``--ca-bundle`` or certifi's roots."""
    cafile = str(settings.ca_bundle) if settings.ca_bundle is not None else certifi.where()
    return ssl.create_default_context(cafile=cafile)


def choose_proxy(
    settings: Settings, scheme: str, host: str, environment: Mapping[str, str]
) -> str | None:
    """The proxy for ``scheme://host``: ``--proxy``, else ``*_PROXY``/``NO_PROXY``, else None.

    ``environment`` is ``urllib.request.getproxies()``, read once per run (it scans os.environ).
    """
    if settings.proxy:
        return settings.proxy
    url = environment.get(scheme) or environment.get("all")
    if url and urllib.request.proxy_bypass(host):
        return None
    return url or None


class Streamer(Protocol):
    """What the fetcher needs of a pool: httpcore's ``stream`` and ``aclose``."""

    def stream(
        self, method: bytes | str, url: httpcore.URL, *, headers: Any = None,
        extensions: Any = None,
    ) -> contextlib.AbstractAsyncContextManager[httpcore.Response]: ...

    async def aclose(self) -> None: ...


class HostConnections:
    """Keep-alive HTTP/1.1 connections to one host, without httpcore's general pool.

    The politeness gate already lets at most ``per_host`` requests at a time reach a host, so
    the only bookkeeping left is a list of idle connections per origin. httpcore's pool does
    much more (queues, locks, assignment passes): a quarter of the checker's CPU, measured.
    """

    def __init__(self, context: ssl.SSLContext | None, backend: httpcore.AsyncNetworkBackend,
                 ) -> None:
        self._context = context
        self._backend = backend
        self._idle: dict[tuple[bytes, bytes, int], list[httpcore.AsyncHTTPConnection]] = {}

    @contextlib.asynccontextmanager
    async def stream(
        self, method: bytes | str, url: httpcore.URL, *, headers: Any = None,
        extensions: Any = None,
    ) -> AsyncIterator[httpcore.Response]:
        connection = await self._connection(url.origin)
        request = httpcore.Request(method, url, headers=headers, extensions=extensions)
        response = await connection.handle_async_request(request)
        try:
            yield response
        finally:
            await response.aclose()
            await self._put_back(url.origin, connection)

    async def _connection(self, origin: httpcore.Origin) -> httpcore.AsyncHTTPConnection:
        idle = self._idle.get(_key(origin), [])
        while idle:
            connection = idle.pop()
            if connection.is_available() and not connection.has_expired():
                return connection
            await connection.aclose()
        return httpcore.AsyncHTTPConnection(
            origin, ssl_context=self._context, network_backend=self._backend
        )

    async def _put_back(self, origin: httpcore.Origin, connection: httpcore.AsyncHTTPConnection
                        ) -> None:
        if connection.is_idle():
            self._idle.setdefault(_key(origin), []).append(connection)
        else:
            await connection.aclose()

    async def aclose(self) -> None:
        idle, self._idle = self._idle, {}
        for connections in idle.values():
            for connection in connections:
                await connection.aclose()


def _key(origin: httpcore.Origin) -> tuple[bytes, bytes, int]:
    return origin.scheme, origin.host, origin.port


class Pools:
    """Connections per (scheme, host), created lazily and closed when no longer needed."""

    def __init__(
        self, settings: Settings, resolver: Resolver,
        network_backend: httpcore.AsyncNetworkBackend | None = None,
    ) -> None:
        self._settings = settings
        self._backend = GuardedBackend(
            resolver, allow_private=settings.allow_private, inner=network_backend
        )
        # The proxy is trusted configuration and often local: its own address is not vetted.
        self._proxy_backend = GuardedBackend(resolver, allow_private=True, inner=network_backend)
        self._context: ssl.SSLContext | None = None  # built on first use: loading CAs takes ~50 ms
        self._environment = urllib.request.getproxies()
        self._proxies: dict[tuple[str, str], str | None] = {}
        self._pools: dict[tuple[str, str], Streamer] = {}
        self._leases: dict[tuple[str, str], int] = {}
        self._keep: dict[str, int] = {}
        # Idle pools of hosts with no links of their own (redirect targets), oldest first.
        self._spare: OrderedDict[tuple[str, str], None] = OrderedDict()

    @property
    def connections(self) -> int:
        """TCP connections established so far, to hosts or proxies."""
        return self._backend.connections + self._proxy_backend.connections

    @property
    def answered(self) -> bool:
        """Whether anything on the network answered: a name resolved or a connection opened."""
        return self.connections > 0 or self._backend.resolved + self._proxy_backend.resolved > 0

    def proxy(self, scheme: str, host: str) -> str | None:
        key = (scheme, host)
        if key not in self._proxies:
            self._proxies[key] = choose_proxy(self._settings, scheme, host, self._environment)
        return self._proxies[key]

    def keep(self, host: str, count: int) -> None:
        """Keep ``host``'s pools open until ``release_host`` was called ``count`` times."""
        self._keep[host] = self._keep.get(host, 0) + count

    async def release_host(self, host: str) -> None:
        self._keep[host] = self._keep.get(host, 1) - 1
        for scheme in ("http", "https"):
            await self._close_if_idle((scheme, host))

    @contextlib.asynccontextmanager
    async def lease(self, scheme: str, host: str) -> AsyncIterator[Streamer]:
        key = (scheme, host)
        pool = self._pools.get(key) or self._create(key)
        self._spare.pop(key, None)  # in use: not a spare
        self._leases[key] = self._leases.get(key, 0) + 1
        try:
            yield pool
        finally:
            self._leases[key] -= 1
            await self._close_if_idle(key)

    async def _trim_spares(self) -> None:
        while len(self._spare) > _SPARE_POOLS:
            key, _ = self._spare.popitem(last=False)
            pool = self._pools.pop(key, None)
            if pool is not None:
                await pool.aclose()

    async def aclose(self) -> None:
        pools, self._pools = list(self._pools.values()), {}
        for pool in pools:
            await pool.aclose()

    def _create(self, key: tuple[str, str]) -> Streamer:
        proxy = self.proxy(*key)
        if self._context is None and (key[0] == "https" or proxy):
            self._context = ssl_context(self._settings)
        pool: Streamer
        if proxy:  # tunnels and absolute-form requests: httpcore's proxy pool knows them
            pool = httpcore.AsyncConnectionPool(
                ssl_context=self._context,
                proxy=httpcore.Proxy(proxy, ssl_context=self._context),
                max_connections=self._settings.per_host,
                network_backend=self._proxy_backend,
            )
        else:
            pool = HostConnections(self._context, self._backend)
        self._pools[key] = pool
        return pool

    async def _close_if_idle(self, key: tuple[str, str]) -> None:
        # Idle keep-alive connections of finished hosts would pile up as open files.
        if self._leases.get(key, 0) or key not in self._pools or self._keep.get(key[1], 0) > 0:
            return
        if key[1] not in self._keep:
            # A redirect target (no links of its own): many links often redirect to the same
            # host, so a few such pools stay warm, least recently used closed first.
            self._spare[key] = None
            self._spare.move_to_end(key)
            await self._trim_spares()
            return
        await self._pools.pop(key).aclose()
