"""An httpcore network backend on a small asyncio protocol.

httpcore's own async backend goes through anyio, whose cancel scopes around every read and
write cost more CPU than the HTTP work itself when thousands of short requests are in flight
(benchmarks/RESULTS.md: about a third of the checker's CPU). asyncio's streams plus an
``asyncio.timeout`` per read were still a tenth of it, so this backend buffers incoming bytes
in its own protocol and only arms a timer (one ``call_later``) when a read has to wait. It
raises httpcore's exception types, keeping the OS error as ``__cause__`` so callers can tell a
refused connection from a reset one.
"""

from __future__ import annotations

import asyncio
import ssl
from collections.abc import Iterable
from typing import Any, cast

import httpcore

_LIMIT = 64 * 1024  # bytes buffered before the socket stops being read, as asyncio's streams
_INFO = {
    "ssl_object": "ssl_object",
    "client_addr": "sockname",
    "server_addr": "peername",
    "socket": "socket",
}


def _mapped(exc: OSError, timeout_error: type[Exception], os_error: type[Exception]) -> Exception:
    """httpcore's exception for an OS error (TimeoutError is one), to raise ``from`` it.

    A function for ``except`` clauses, not a context manager: reads and writes are the
    hottest calls of a run, and a generator-based context manager per call is measurable."""
    if isinstance(exc, TimeoutError):
        return timeout_error("timed out")
    return os_error(str(exc) or type(exc).__name__)  # ssl.SSLError is an OSError too


class _Protocol(asyncio.Protocol):
    """Collects what the peer sends and wakes the one reader or writer that waits for it."""

    def __init__(self) -> None:
        self.transport: asyncio.Transport | None = None
        self.buffer = bytearray()
        self.eof = False
        self.lost = False
        self.error: BaseException | None = None  # why the connection was lost, if not cleanly
        self.tls = False
        self._reading_paused = False
        self._writing_paused = False
        self._waiter: asyncio.Future[None] | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        # A cast, not an isinstance check: uvloop's transports do not subclass asyncio's.
        self.transport = cast(asyncio.Transport, transport)

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        self._wake()
        if len(self.buffer) > 2 * _LIMIT and not self._reading_paused:
            self._reading_paused = True  # a slow consumer must not make the buffer grow
            self._transport().pause_reading()

    def eof_received(self) -> bool:
        self.eof = True
        self._wake()
        return not self.tls  # as asyncio's streams: keep a plain socket half-open until closed

    def connection_lost(self, exc: Exception | None) -> None:
        self.eof = self.lost = True
        self.error = exc
        self._wake()

    def pause_writing(self) -> None:
        self._writing_paused = True

    def resume_writing(self) -> None:
        self._writing_paused = False
        self._wake()

    def take(self, max_bytes: int) -> bytes:
        chunk = bytes(self.buffer[:max_bytes])
        del self.buffer[:max_bytes]
        if self._reading_paused and len(self.buffer) <= _LIMIT:
            self._reading_paused = False
            self._transport().resume_reading()
        return chunk

    def must_drain(self) -> bool:
        return self._writing_paused

    async def wait(self, timeout: float | None) -> None:
        """Until data, EOF, loss or room to write arrives; TimeoutError after ``timeout``."""
        loop = asyncio.get_running_loop()
        waiter = self._waiter = loop.create_future()
        timer = loop.call_later(timeout, _expire, waiter) if timeout is not None else None
        try:
            await waiter
        finally:
            self._waiter = None
            if timer is not None:
                timer.cancel()

    def _wake(self) -> None:
        if self._waiter is not None and not self._waiter.done():
            self._waiter.set_result(None)

    def _transport(self) -> asyncio.Transport:
        assert self.transport is not None
        return self.transport


def _lost(protocol: _Protocol) -> OSError:
    error = protocol.error
    return error if isinstance(error, OSError) else ConnectionResetError("Connection lost")


def _expire(waiter: asyncio.Future[None]) -> None:
    if not waiter.done():
        waiter.set_exception(TimeoutError())


class AsyncioStream(httpcore.AsyncNetworkStream):
    def __init__(self, transport: asyncio.Transport, protocol: _Protocol) -> None:
        self._transport = transport
        self._protocol = protocol

    async def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        protocol = self._protocol
        try:
            while not protocol.buffer and not protocol.eof:
                await protocol.wait(timeout)  # only a read that must wait arms a timer
            if protocol.error is not None:
                raise protocol.error  # a reset loses what was buffered, as with asyncio streams
        except OSError as exc:
            raise _mapped(exc, httpcore.ReadTimeout, httpcore.ReadError) from exc
        return protocol.take(max_bytes)

    async def write(self, buffer: bytes, timeout: float | None = None) -> None:
        if not buffer:
            return
        protocol = self._protocol
        try:
            if protocol.lost:
                raise _lost(protocol)
            self._transport.write(buffer)
            while protocol.must_drain():  # the kernel's buffer is full: wait for room
                await protocol.wait(timeout)
                if protocol.lost:
                    raise _lost(protocol)
        except OSError as exc:
            raise _mapped(exc, httpcore.WriteTimeout, httpcore.WriteError) from exc

    async def aclose(self) -> None:
        if self._protocol.tls:
            # A graceful TLS close waits for the peer's close_notify, which the loop may not
            # live to see; the exchange is over, so drop the connection at once.
            self._transport.abort()
        else:
            self._transport.close()

    async def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.AsyncNetworkStream:
        loop = asyncio.get_running_loop()
        try:
            async with asyncio.timeout(timeout):
                secure = await loop.start_tls(
                    self._transport,
                    self._protocol,
                    ssl_context,
                    server_hostname=server_hostname,
                )
        except BaseException as exc:
            self._transport.close()  # httpcore forgets a stream whose handshake failed: close it
            if isinstance(exc, OSError):
                raise _mapped(exc, httpcore.ConnectTimeout, httpcore.ConnectError) from exc
            raise
        # uvloop's transports are not subclasses of asyncio.Transport, only shaped like one.
        assert secure is not None, "start_tls gives a transport unless it raises"
        self._transport = self._protocol.transport = secure
        self._protocol.tls = True
        return self

    def get_extra_info(self, info: str) -> Any:
        if info == "is_readable":
            # An idle keep-alive connection is "readable" once the server closed it.
            return self._protocol.eof or self._transport.is_closing()
        return self._transport.get_extra_info(_INFO[info]) if info in _INFO else None


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
        loop = asyncio.get_running_loop()
        try:
            async with asyncio.timeout(timeout):
                transport, protocol = await loop.create_connection(
                    _Protocol, host, port, local_addr=local
                )
        except OSError as exc:
            raise _mapped(exc, httpcore.ConnectTimeout, httpcore.ConnectError) from exc
        sock = transport.get_extra_info("socket")
        for option in socket_options or ():
            sock.setsockopt(*option)
        return AsyncioStream(transport, protocol)

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(seconds)
