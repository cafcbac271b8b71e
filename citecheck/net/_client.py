"""A guarded synchronous httpx client, for the web archives' APIs.

The archive stage talks to the Wayback Machine and Save Page Now through httpx. Its requests
pass the same address guard as the checker's: a host is resolved with the run's ``Resolver``, a
non-public address is refused (unless ``allow_private``), and the request goes to exactly the
vetted address — the URL carries the address while the Host header, TLS SNI and the
certificate check keep the name, as curl's ``--resolve`` does — so a DNS answer cannot change
between the check and the connection. The archive endpoints named in the settings are trusted
configuration, like a proxy, and are not vetted; whatever they redirect to elsewhere is.

Behind a proxy the proxy resolves names, so only literal addresses and ``localhost`` are
refused (``guard_url_host``), as in the checker.
"""

from __future__ import annotations

import asyncio
import socket
import urllib.request
from collections.abc import Iterable, Mapping

import httpx

from citecheck.config import Settings
from citecheck.net._config import choose_proxy, ssl_context
from citecheck.net._guard import AddressRefused, address_kind, guard_url_host, is_ip
from citecheck.net._resolver import Resolver, SystemResolver

# (scheme, host, port): what a request's URL points at.
_Origin = tuple[str, str, int]


def guarded_client(
    settings: Settings,
    *,
    trusted: Iterable[str] = (),
    resolver: Resolver | None = None,
    transport: httpx.BaseTransport | None = None,
) -> httpx.Client:
    """An ``httpx.Client`` with the run's timeout, proxy, CA bundle and User-Agent, whose every
    request passes the address guard except those to the origins of the ``trusted`` URLs.

    ``transport`` carries the vetted requests somewhere else (tests); redirects are not
    followed by the client: its caller follows them, and each hop is vetted again.
    """
    guarded = GuardedTransport(settings, trusted=trusted, resolver=resolver, inner=transport)
    return httpx.Client(
        timeout=settings.timeout,
        transport=guarded,
        headers={"User-Agent": settings.user_agent},
        follow_redirects=False,
        trust_env=False,  # the guard chooses proxies itself (choose_proxy), as the checker does
    )


class GuardedTransport(httpx.BaseTransport):
    """Vet, then send: see the module docstring."""

    def __init__(
        self,
        settings: Settings,
        *,
        trusted: Iterable[str] = (),
        resolver: Resolver | None = None,
        inner: httpx.BaseTransport | None = None,
        environment: Mapping[str, str] | None = None,
    ) -> None:
        self._settings = settings
        self._trusted = {_origin(httpx.URL(url)) for url in trusted}
        self._resolver = resolver or SystemResolver()
        self._inner = inner
        self._environment = urllib.request.getproxies() if environment is None else environment
        self._transports: dict[str | None, httpx.BaseTransport] = {}
        self._addresses: dict[tuple[str, int], list[tuple[str, int]]] = {}

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        origin = _origin(request.url)
        proxy = self._proxy(origin)
        transport = self._transport(proxy)
        if origin in self._trusted:
            return transport.handle_request(request)
        if proxy is not None:
            if not self._settings.allow_private:
                _vet_name(request, origin[1])
            return transport.handle_request(request)
        return self._pinned(transport, request, origin)

    def close(self) -> None:
        for transport in self._transports.values():
            transport.close()
        if self._inner is not None:
            self._inner.close()

    def _proxy(self, origin: _Origin) -> str | None:
        if self._inner is not None:
            return None
        return choose_proxy(self._settings, origin[0], origin[1], self._environment)

    def _transport(self, proxy: str | None) -> httpx.BaseTransport:
        if self._inner is not None:
            return self._inner
        transport = self._transports.get(proxy)
        if transport is None:
            transport = httpx.HTTPTransport(
                verify=ssl_context(self._settings), proxy=proxy, trust_env=False
            )
            self._transports[proxy] = transport
        return transport

    def _pinned(
        self, transport: httpx.BaseTransport, request: httpx.Request, origin: _Origin
    ) -> httpx.Response:
        """Send ``request`` to each vetted address of its host in turn, until one connects."""
        host = origin[1]
        addresses = self._vetted(request, host, origin[2])
        error: httpx.ConnectError | None = None
        for address, port in addresses:
            pinned = httpx.Request(
                request.method,
                request.url.copy_with(host=address, port=port),
                headers=request.headers,  # the Host header keeps the name
                stream=request.stream,
                extensions={**request.extensions, "sni_hostname": host},
            )
            try:
                return transport.handle_request(pinned)
            except httpx.ConnectError as exc:
                error = exc
        assert error is not None
        raise error

    def _vetted(self, request: httpx.Request, host: str, port: int) -> list[tuple[str, int]]:
        addresses = self._resolve(request, host, port)
        if self._settings.allow_private:
            return addresses
        public = [(a, p) for a, p in addresses if address_kind(a) is None]
        if not public:
            address = addresses[0][0]
            refused = AddressRefused(host, address, address_kind(address) or "non-public")
            raise httpx.ConnectError(f"address guard: {refused}", request=request) from refused
        return public

    def _resolve(self, request: httpx.Request, host: str, port: int) -> list[tuple[str, int]]:
        if is_ip(host):
            return [(host, port)]
        key = (host.lower(), port)
        if key not in self._addresses:  # one lookup per name, as the checker does per run
            try:
                found = list(asyncio.run(_lookup(self._resolver, host, port)))
            except OSError as exc:
                detail = exc.strerror if isinstance(exc, socket.gaierror) else exc
                raise httpx.ConnectError(f"{host}: {detail}", request=request) from exc
            if not found:
                raise httpx.ConnectError(f"{host}: no addresses", request=request)
            self._addresses[key] = found
        return self._addresses[key]


async def _lookup(resolver: Resolver, host: str, port: int) -> list[tuple[str, int]]:
    # The archive client is synchronous: each lookup gets a short-lived event loop of its own.
    return list(await resolver.resolve(host, port))


def _vet_name(request: httpx.Request, host: str) -> None:
    """The guard behind a proxy, which resolves names itself: literal addresses and localhost."""
    try:
        guard_url_host(host)
    except AddressRefused as exc:
        raise httpx.ConnectError(f"address guard: {exc}", request=request) from exc


def _origin(url: httpx.URL) -> _Origin:
    port = url.port or (443 if url.scheme == "https" else 80)
    return (url.scheme, url.host.lower().rstrip("."), port)
