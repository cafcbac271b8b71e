"""Name resolution, injectable: the system resolver, or a static "connect-to" map for tests.

The transport resolves every host itself (instead of letting the socket layer do it) so that
the address guard can vet the address and the connection goes to exactly that address.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import threading
from collections.abc import Mapping, Sequence
from typing import Any, Protocol


class Resolver(Protocol):
    """Turns a host name into candidate ``(address, port)`` pairs, best first."""

    async def resolve(self, host: str, port: int) -> Sequence[tuple[str, int]]: ...


class SystemResolver:
    """The operating system's resolver (``getaddrinfo``), run off the event loop.

    Each lookup runs in its own daemon thread rather than the loop's executor: a resolver that
    cannot reach its servers stalls for seconds, and ``asyncio.run`` waits for executor threads
    at exit, so an abandoned lookup would hold up the end of an already-decided run.
    """

    async def resolve(self, host: str, port: int) -> Sequence[tuple[str, int]]:
        loop = asyncio.get_running_loop()
        future: asyncio.Future[list[Any]] = loop.create_future()
        thread = threading.Thread(
            target=_lookup, args=(loop, future, host, port), name="citecheck-dns", daemon=True
        )
        thread.start()
        infos = await future
        seen: dict[tuple[str, int], None] = {}
        for _family, _type, _proto, _name, sockaddr in infos:
            seen[(str(sockaddr[0]), int(sockaddr[1]))] = None
        return list(seen)


def _lookup(
    loop: asyncio.AbstractEventLoop, future: asyncio.Future[list[Any]], host: str, port: int
) -> None:
    try:
        outcome: list[Any] | OSError = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError as exc:
        outcome = exc
    with contextlib.suppress(RuntimeError):  # the loop closed while the lookup stalled
        loop.call_soon_threadsafe(_settle, future, outcome)


def _settle(future: asyncio.Future[list[Any]], outcome: list[Any] | OSError) -> None:
    if future.done():  # the waiter was cancelled or timed out
        return
    if isinstance(outcome, OSError):
        future.set_exception(outcome)
    else:
        future.set_result(outcome)


class StaticResolver:
    """A fixed map like curl's ``--connect-to``: ``host`` or ``(host, port)`` -> ``(addr, port)``.

    Names missing from the map resolve through ``fallback`` if one is given, otherwise they do
    not exist (``socket.gaierror`` with ``EAI_NONAME``, exactly what the system resolver raises).
    The host name itself is kept for the Host header, SNI and certificate checks, so code under
    test runs the production path against local servers.
    """

    def __init__(
        self,
        mapping: Mapping[str | tuple[str, int], tuple[str, int]],
        fallback: Resolver | None = None,
    ) -> None:
        self._mapping = {_key(k): v for k, v in mapping.items()}
        self._fallback = fallback

    async def resolve(self, host: str, port: int) -> Sequence[tuple[str, int]]:
        host = host.lower().rstrip(".")
        target = self._mapping.get((host, port)) or self._mapping.get(host)
        if target is not None:
            return [target]
        if self._fallback is not None:
            return await self._fallback.resolve(host, port)
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")


def _key(key: str | tuple[str, int]) -> str | tuple[str, int]:
    if isinstance(key, tuple):
        return (key[0].lower().rstrip("."), key[1])
    return key.lower().rstrip(".")
