"""How citecheck talks HTTP: one network layer beneath the check and archive stages.

Every request citecheck makes passes the address guard: the host is resolved with an
injectable ``Resolver``, non-public addresses (loopback, private, link-local, ...) are refused
unless ``allow_private``, and the connection goes to exactly the vetted address.

    pools = Pools(settings, resolver)                  # the checker's connections (asyncio)
    async with pools.lease(scheme, host) as pool:      # one request's pool
        async with pool.reserve(origin, timeout) as line, line.open(ask) as answer: ...

    client = guarded_client(settings, trusted=[settings.wayback_url])   # httpx, synchronous

Direct connections speak HTTP/1.1 on httptools (``_http11``) over a small asyncio protocol
(``_stream``); proxied ones go through httpcore's pool. ``ssl_context`` is the one TLS trust
of a run (``--ca-bundle`` or certifi's roots). Failures surface as httpcore's exception types
plus ``AddressRefused`` and ``NameNotResolved``; the checker turns them into evidence.
"""

from citecheck.net._client import GuardedTransport, guarded_client
from citecheck.net._config import choose_proxy, ssl_context
from citecheck.net._guard import (
    AddressRefused,
    GuardedBackend,
    NameNotResolved,
    address_kind,
    guard_url_host,
)
from citecheck.net._http11 import Answer, Ask
from citecheck.net._pools import Line, Origin, Pools
from citecheck.net._resolver import Resolver, StaticResolver, SystemResolver
from citecheck.net._stream import AsyncioBackend
from citecheck.net._userinfo import redact_userinfo

__all__ = [
    "AddressRefused",
    "Answer",
    "Ask",
    "AsyncioBackend",
    "GuardedBackend",
    "GuardedTransport",
    "Line",
    "NameNotResolved",
    "Origin",
    "Pools",
    "Resolver",
    "StaticResolver",
    "SystemResolver",
    "address_kind",
    "choose_proxy",
    "guard_url_host",
    "guarded_client",
    "redact_userinfo",
    "ssl_context",
]
