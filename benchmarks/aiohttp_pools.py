"""A prototype: the checker's connection layer on aiohttp instead of ``citecheck.net``'s own.

Issue 20 asks whether a well-kept client can replace the ~1,150 hand-written lines of
``citecheck/net`` (pools, streams, HTTP/1.1 framing, transport). This module is a drop-in for
``citecheck.net.Pools`` as the checker's fetch uses it (``lease`` → ``reserve`` → ``open(ask)``
→ an answer's head and body chunks), built on one ``aiohttp.ClientSession``:

- pools and per-host limits: aiohttp's ``TCPConnector`` (``limit_per_host`` = ``per_host``);
- the address guard: a resolver hook (``aiohttp.abc.AbstractResolver``) that resolves with
  citecheck's ``Resolver``, refuses non-public addresses and hands aiohttp only vetted ones,
  so it connects to exactly those; literal addresses, which aiohttp does not resolve, are
  vetted before the request;
- proxies: aiohttp's ``proxy=`` per request, chosen by citecheck's ``choose_proxy``;
- timeouts: ``ClientTimeout`` per read and connect, and the attempt's deadline around it all;
- errors: mapped onto the httpcore types the checker's ``failure_of`` already understands.

Everything above it — fetch policy, politeness, retries, verdicts — is citecheck's, unchanged.
``benchmarks/fetch_variant.py`` runs ``citecheck`` with this in place of ``Pools`` for the
whole-process benchmark. It is measured, not shipped: see benchmarks/RESULTS.md.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import ssl
import urllib.request
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import httpcore
import yarl
from aiohttp.abc import AbstractResolver, ResolveResult

from citecheck.config import Settings
from citecheck.net import (
    AddressRefused,
    Answer,
    Ask,
    Line,
    NameNotResolved,
    Origin,
    Resolver,
    address_kind,
    choose_proxy,
    ssl_context,
)


class GuardResolver(AbstractResolver):
    """aiohttp's resolver hook: resolve with citecheck's ``Resolver``, then vet every address."""

    def __init__(self, resolver: Resolver, *, allow_private: bool) -> None:
        self._resolver = resolver
        self._allow_private = allow_private
        self.resolved = 0

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        try:
            found = list(await self._resolver.resolve(host, port))
        except socket.gaierror as exc:
            missing = exc.errno in (socket.EAI_NONAME, getattr(socket, "EAI_NODATA", -2))
            raise NameNotResolved(host, missing, str(exc.strerror or exc)) from exc
        if not found:
            raise NameNotResolved(host, True, "no addresses")
        self.resolved += 1
        if not self._allow_private:
            public = [(a, p) for a, p in found if address_kind(a) is None]
            if not public:
                address = found[0][0]
                raise AddressRefused(host, address, address_kind(address) or "non-public")
            found = public
        return [_result(host, address, target) for address, target in found]

    async def close(self) -> None:
        return None


def _result(host: str, address: str, port: int) -> ResolveResult:
    family = socket.AF_INET6 if ":" in address else socket.AF_INET
    return ResolveResult(
        hostname=host,
        host=address,
        port=port,
        family=family,
        proto=0,
        flags=socket.AI_NUMERICHOST,
    )


class AiohttpPools:
    """``citecheck.net.Pools``' interface on one aiohttp session (see the module docstring)."""

    def __init__(
        self,
        settings: Settings,
        resolver: Resolver,
        network_backend: httpcore.AsyncNetworkBackend | None = None,
    ) -> None:
        del network_backend  # aiohttp has its own transports
        self._settings = settings
        self._guard = GuardResolver(resolver, allow_private=settings.allow_private)
        connector = aiohttp.TCPConnector(
            limit=0,  # the checker's politeness holds the global limit
            limit_per_host=settings.per_host,
            resolver=self._guard,
            ttl_dns_cache=None,  # one lookup per name and run, as citecheck's guard does
        )
        self._session = aiohttp.ClientSession(
            connector=connector,
            auto_decompress=False,  # the fetcher decodes (and caps) bodies itself
            cookie_jar=aiohttp.DummyCookieJar(),  # the fetcher keeps one jar per check
            skip_auto_headers=("User-Agent", "Accept", "Accept-Encoding"),
        )
        self._context: ssl.SSLContext | None = None  # built on first use: loading CAs ~50 ms
        self._environment = urllib.request.getproxies()
        self._proxies: dict[tuple[str, str], str | None] = {}
        self.connections = 0

    @property
    def answered(self) -> bool:
        return self.connections > 0 or self._guard.resolved > 0

    def proxy(self, scheme: str, host: str) -> str | None:
        key = (scheme, host)
        if key not in self._proxies:
            self._proxies[key] = choose_proxy(self._settings, scheme, host, self._environment)
        return self._proxies[key]

    def keep(self, host: str, count: int) -> None:
        return None  # aiohttp closes idle keep-alive connections itself

    async def release_host(self, host: str) -> None:
        return None

    def lease(self, scheme: str, host: str) -> contextlib.AbstractAsyncContextManager[Any]:
        return contextlib.nullcontext(self)

    def reserve(
        self, _origin: Origin, _timeout: float
    ) -> contextlib.AbstractAsyncContextManager[Line]:
        # aiohttp takes (or opens) a connection inside the request: nothing to set aside.
        return contextlib.nullcontext(self)

    @contextlib.asynccontextmanager
    async def open(self, ask: Ask) -> AsyncIterator[Answer]:
        scheme, host = ask.scheme.decode("ascii"), ask.host.decode("ascii")
        if not self._settings.allow_private:
            kind = address_kind(host)
            if kind is not None:  # a literal address: aiohttp does not resolve it
                raise AddressRefused(host, host, kind)
        shown = f"[{host}]" if ":" in host else host
        url = yarl.URL(f"{scheme}://{shown}:{ask.port}{ask.target.decode('latin-1')}", encoded=True)
        timeout = aiohttp.ClientTimeout(sock_connect=ask.timeout, sock_read=ask.timeout)
        headers = [(k.decode("latin-1"), v.decode("latin-1")) for k, v in ask.headers]
        async with asyncio.timeout_at(ask.deadline):
            try:
                async with self._session.request(
                    ask.method.decode("ascii"),
                    url,
                    headers=headers,
                    allow_redirects=False,
                    timeout=timeout,
                    proxy=self.proxy(scheme, host),
                    ssl=self._ssl(scheme),
                ) as response:
                    self.connections += 1
                    yield _Answer(response)
            except aiohttp.ClientError as exc:
                raise _mapped(exc) from exc

    def _ssl(self, scheme: str) -> ssl.SSLContext | bool:
        if scheme != "https":
            return True  # aiohttp's default; no context needed for plain HTTP
        if self._context is None:
            self._context = ssl_context(self._settings)
        return self._context

    async def aclose(self) -> None:
        await self._session.close()


class _Answer:
    def __init__(self, response: aiohttp.ClientResponse) -> None:
        self._response = response
        self.status = response.status
        self.reason = (response.reason or "").encode("latin-1")
        version = response.version
        self.http_version = f"HTTP/{version.major}.{version.minor}".encode() if version else b""
        self.headers = list(response.raw_headers)

    def peer(self) -> Any:
        connection = self._response.connection
        transport = connection.transport if connection is not None else None
        return transport.get_extra_info("peername") if transport is not None else None

    def chunks(self) -> AsyncIterator[bytes]:
        return self._response.content.iter_any()


def _mapped(exc: aiohttp.ClientError) -> Exception:
    """The httpcore exception ``failure_of`` maps to the same failure kind."""
    if isinstance(exc, aiohttp.ClientConnectorError):
        error = httpcore.ConnectError(str(exc))
        error.__cause__ = exc.os_error  # refused / TLS are told apart by the cause
        return error
    if isinstance(exc, aiohttp.ServerDisconnectedError | aiohttp.ClientPayloadError):
        return httpcore.ReadError(str(exc))
    if isinstance(exc, aiohttp.ClientOSError):
        error = httpcore.ReadError(str(exc))
        error.__cause__ = exc
        return error
    return httpcore.RemoteProtocolError(f"{type(exc).__name__}: {exc}")
