"""An httpcore network backend on plain asyncio streams.

httpcore's own async backend goes through anyio, whose cancel scopes around every read and
write cost more CPU than the HTTP work itself when thousands of short requests are in flight
(benchmarks/RESULTS.md: about a third of the checker's CPU). This backend maps the same calls
onto asyncio streams with ``asyncio.timeout`` and raises httpcore's exception types, keeping
the OS error as ``__cause__`` so callers can tell a refused connection from a reset one.
"""

from __future__ import annotations

import asyncio
import ssl
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

import httpcore

_LIMIT = 64 * 1024


@contextmanager
def _mapped(timeout_error: type[Exception], os_error: type[Exception]) -> Iterator[None]:
    try:
        yield
    except TimeoutError as exc:
        raise timeout_error("timed out") from exc
    except (OSError, ssl.SSLError) as exc:  # ssl.SSLError is an OSError; named for clarity
        raise os_error(str(exc) or type(exc).__name__) from exc


class AsyncioStream(httpcore.AsyncNetworkStream):
    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self._reader = reader
        self._writer = writer

    async def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        with _mapped(httpcore.ReadTimeout, httpcore.ReadError):
            async with asyncio.timeout(timeout):
                return await self._reader.read(max_bytes)

    async def write(self, buffer: bytes, timeout: float | None = None) -> None:
        if not buffer:
            return
        with _mapped(httpcore.WriteTimeout, httpcore.WriteError):
            self._writer.write(buffer)
            transport = self._writer.transport
            if not transport.get_write_buffer_size() and not transport.is_closing():
                return  # all in the kernel already: no drain, so no timer to set and cancel
            async with asyncio.timeout(timeout):
                await self._writer.drain()

    async def aclose(self) -> None:
        if self._writer.get_extra_info("ssl_object") is not None:
            # A graceful TLS close waits for the peer's close_notify, which the loop may not
            # live to see; the exchange is over, so drop the connection at once.
            self._writer.transport.abort()
        else:
            self._writer.close()

    async def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.AsyncNetworkStream:
        try:
            with _mapped(httpcore.ConnectTimeout, httpcore.ConnectError):
                async with asyncio.timeout(timeout):
                    await self._writer.start_tls(ssl_context, server_hostname=server_hostname)
        except BaseException:
            self._writer.close()  # httpcore forgets a stream whose handshake failed: close it
            raise
        return self

    def get_extra_info(self, info: str) -> Any:
        if info == "is_readable":
            # An idle keep-alive connection is "readable" once the server closed it.
            return self._reader.at_eof() or self._writer.transport.is_closing()
        names = {"ssl_object": "ssl_object", "client_addr": "sockname",
                 "server_addr": "peername", "socket": "socket"}
        return self._writer.get_extra_info(names[info]) if info in names else None


class AsyncioBackend(httpcore.AsyncNetworkBackend):
    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        local = (local_address, 0) if local_address else None
        with _mapped(httpcore.ConnectTimeout, httpcore.ConnectError):
            async with asyncio.timeout(timeout):
                reader, writer = await asyncio.open_connection(
                    host, port, limit=_LIMIT, local_addr=local
                )
        sock = writer.get_extra_info("socket")
        for option in socket_options or ():
            sock.setsockopt(*option)
        return AsyncioStream(reader, writer)

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        raise httpcore.ConnectError("unix sockets are not used by citecheck")

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(seconds)
