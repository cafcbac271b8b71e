"""Name resolution, injectable: the system resolver, or a static "connect-to" map for tests.

The transport resolves every host itself (instead of letting the socket layer do it) so that
the address guard can vet the address and the connection goes to exactly that address.
"""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Mapping, Sequence
from typing import Protocol


class Resolver(Protocol):
    """Turns a host name into candidate ``(address, port)`` pairs, best first."""

    async def resolve(self, host: str, port: int) -> Sequence[tuple[str, int]]: ...


class SystemResolver:
    """The operating system's resolver (``getaddrinfo``), run off the event loop."""

    async def resolve(self, host: str, port: int) -> Sequence[tuple[str, int]]:
        loop = asyncio.get_running_loop()
        infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        seen: dict[tuple[str, int], None] = {}
        for _family, _type, _proto, _name, sockaddr in infos:
            seen[(str(sockaddr[0]), int(sockaddr[1]))] = None
        return list(seen)


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
