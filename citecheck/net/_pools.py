"""Connections: one small set of keep-alive connections per (scheme, host).

All of them share one SSLContext. A single pool for thousands of hosts is CPU-bound in its
bookkeeping, and even httpcore's per-host pool costs a quarter of the checker's CPU (see
benchmarks/RESULTS.md), so direct traffic uses ``HostConnections``; proxied hosts use
httpcore's pool, which knows proxy tunnels. Every connection goes through ``GuardedBackend``.
"""

from __future__ import annotations

import asyncio
import contextlib
import ssl
import urllib.request
from collections import OrderedDict
from collections.abc import AsyncIterator
from typing import Any, Protocol

import httpcore

from citecheck.config import Settings
from citecheck.net._config import choose_proxy, ssl_context
from citecheck.net._guard import GuardedBackend
from citecheck.net._http11 import Answer, Ask, Connection, Reader
from citecheck.net._resolver import Resolver

_SPARE_POOLS = 32


# (scheme, host, port) as sent: where a connection goes.
Origin = tuple[bytes, bytes, int]


class Line(Protocol):
    """A way to one origin, set aside for one request: ``async with line.open(ask)``."""

    def open(self, ask: Ask) -> contextlib.AbstractAsyncContextManager[Answer]: ...


class Streamer(Protocol):
    """What the fetcher needs of a pool: a line per request, and closing."""

    def reserve(
        self, origin: Origin, timeout: float
    ) -> contextlib.AbstractAsyncContextManager[Line]: ...

    async def aclose(self) -> None: ...


class HostConnections:
    """Keep-alive HTTP/1.1 connections to one host, without httpcore's general pool.

    The politeness gate already lets at most ``per_host`` requests at a time reach a host, so
    the only bookkeeping left is a list of idle connections per origin. httpcore's pool does
    much more (queues, locks, assignment passes): a quarter of the checker's CPU, measured.
    Connections are opened here and speak HTTP/1.1 through ``_http11.Connection`` (httptools'
    C parser; h11 and httpcore's connection machinery were another third of the CPU).
    """

    def __init__(
        self,
        context: ssl.SSLContext | None,
        backend: httpcore.AsyncNetworkBackend,
    ) -> None:
        self._context = context
        self._backend = backend
        self._idle: dict[Origin, list[Connection]] = {}

    def reserve(self, origin: Origin, timeout: float) -> _Reserved:
        """``async with connections.reserve(origin, timeout) as line:`` a connection, idle or
        new, for one request; the request may wait for its global slot in between."""
        return _Reserved(self, origin, timeout)

    async def connection(self, origin: Origin, timeout: float) -> Connection:
        idle = self._idle.get(origin, [])
        while idle:
            connection = idle.pop()
            if connection.usable():
                return connection
            await connection.aclose()
        return await self.connect(origin, timeout)

    async def connect(self, origin: Origin, timeout: float) -> Connection:
        """A new connection to ``origin`` (through the guarded backend; TLS for https)."""
        return Connection(await self._stream(origin, timeout))

    async def _stream(self, origin: Origin, timeout: float) -> httpcore.AsyncNetworkStream:
        scheme, raw_host, port = origin
        host = raw_host.decode("ascii")
        stream = await self._backend.connect_tcp(host, port, timeout=timeout)
        if scheme != b"https":
            return stream
        context = self._context
        assert context is not None, "Pools builds the context before an https pool"
        context.set_alpn_protocols(["http/1.1"])
        try:
            return await stream.start_tls(context, server_hostname=host, timeout=timeout)
        except BaseException:
            await stream.aclose()
            raise

    async def put_back(self, origin: Origin, connection: Connection) -> None:
        if connection.is_idle():
            self._idle.setdefault(origin, []).append(connection)
        else:
            await connection.aclose()

    async def aclose(self) -> None:
        idle, self._idle = self._idle, {}
        for connections in idle.values():
            for connection in connections:
                await connection.aclose()


class _Reserved:
    """One request's connection: taken (or opened) on entry, put back on exit. Classes, not
    ``contextlib.asynccontextmanager``: one of each is entered per request, and the generator
    machinery is measurable."""

    __slots__ = ("_connection", "_connections", "_origin", "_timeout")

    def __init__(self, connections: HostConnections, origin: Origin, timeout: float) -> None:
        self._connections = connections
        self._origin = origin
        self._timeout = timeout
        self._connection: Connection | None = None

    async def __aenter__(self) -> _Reserved:
        self._connection = await self._connections.connection(self._origin, self._timeout)
        return self

    async def __aexit__(self, *_exc: object) -> None:
        assert self._connection is not None
        await self._connections.put_back(self._origin, self._connection)

    def open(self, ask: Ask) -> _Exchange:
        """``async with line.open(ask) as answer:`` the exchange on the reserved connection."""
        return _Exchange(self, ask)

    async def ready(self) -> Connection:
        """The reserved connection, or a new one if the server closed it in the meantime (a
        request may wait long for its global slot; servers drop silent connections)."""
        connection = self._connection
        assert connection is not None
        if connection.usable():
            return connection
        await connection.aclose()
        fresh = await self._connections.connect(self._origin, self._timeout)
        self._connection = fresh
        return fresh


class _Exchange:
    """One ask on a reserved connection; the reader is closed on exit (which drops the
    connection if its answer was not read to the end)."""

    __slots__ = ("_ask", "_line", "_reader")

    def __init__(self, line: _Reserved, ask: Ask) -> None:
        self._line = line
        self._ask = ask
        self._reader: Reader | None = None

    async def __aenter__(self) -> Reader:
        connection = await self._line.ready()
        self._reader = await connection.exchange(self._ask)
        return self._reader

    async def __aexit__(self, *_exc: object) -> None:
        if self._reader is not None:
            await self._reader.aclose()


class ProxiedConnections:
    """Requests through an HTTP proxy: httpcore's pool, which knows tunnels and absolute-form
    requests, behind the same interface. Its pool connects inside the exchange, so a
    reservation sets nothing aside."""

    def __init__(self, pool: httpcore.AsyncConnectionPool) -> None:
        self._pool = pool

    def reserve(
        self, _origin: Origin, _timeout: float
    ) -> contextlib.AbstractAsyncContextManager[Line]:
        return contextlib.nullcontext(self)

    @contextlib.asynccontextmanager
    async def open(self, ask: Ask) -> AsyncIterator[Answer]:
        url = httpcore.URL(scheme=ask.scheme, host=ask.host, port=ask.port, target=ask.target)
        timeouts = {"connect": ask.timeout, "read": ask.timeout, "write": ask.timeout}
        extensions = {"timeout": timeouts}
        async with asyncio.timeout_at(ask.deadline):
            async with self._pool.stream(
                ask.method, url, headers=list(ask.headers), extensions=extensions
            ) as response:
                yield _ProxiedAnswer(response)

    async def aclose(self) -> None:
        await self._pool.aclose()


class _ProxiedAnswer:
    def __init__(self, response: httpcore.Response) -> None:
        self._response = response
        self.status = response.status
        self.reason = bytes(response.extensions.get("reason_phrase", b""))
        self.http_version = bytes(response.extensions.get("http_version", b"HTTP/1.1"))
        self.headers = list(response.headers)

    def peer(self) -> Any:
        stream = self._response.extensions.get("network_stream")
        return stream.get_extra_info("server_addr") if stream is not None else None

    def chunks(self) -> AsyncIterator[bytes]:
        return self._response.aiter_stream()


class Pools:
    """Connections per (scheme, host), created lazily and closed when no longer needed."""

    def __init__(
        self,
        settings: Settings,
        resolver: Resolver,
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

    def lease(self, scheme: str, host: str) -> _Lease:
        """``async with pools.lease(scheme, host) as pool:`` the pool for one request."""
        return _Lease(self, (scheme, host))

    def _take(self, key: tuple[str, str]) -> Streamer:
        pool = self._pools.get(key) or self._create(key)
        self._spare.pop(key, None)  # in use: not a spare
        self._leases[key] = self._leases.get(key, 0) + 1
        return pool

    async def _give_back(self, key: tuple[str, str]) -> None:
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
            pool = ProxiedConnections(
                httpcore.AsyncConnectionPool(
                    ssl_context=self._context,
                    proxy=httpcore.Proxy(proxy, ssl_context=self._context),
                    max_connections=self._settings.per_host,
                    network_backend=self._proxy_backend,
                )
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


class _Lease:
    """A class, not ``contextlib.asynccontextmanager``: one is entered per request."""

    __slots__ = ("_key", "_pools")

    def __init__(self, pools: Pools, key: tuple[str, str]) -> None:
        self._pools = pools
        self._key = key

    async def __aenter__(self) -> Streamer:
        return self._pools._take(self._key)

    async def __aexit__(self, *_exc: object) -> None:
        await self._pools._give_back(self._key)
