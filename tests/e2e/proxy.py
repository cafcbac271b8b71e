"""A small forward HTTP proxy on loopback that resolves names with a given resolver.

It lets the CLI (which has no resolver option, only ``--proxy``) reach SimWeb under the
report's real host names: ``CONNECT host:443`` is tunnelled to the address the resolver gives,
and absolute-form ``GET http://host/path`` requests are forwarded one per connection (the
answer gets ``Connection: close``, so the client never reuses a relayed connection).
A name the resolver does not know gets ``502 Bad Gateway``, as from a real proxy.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import threading
from types import TracebackType
from urllib.parse import urlsplit

from citecheck.check import Resolver

_BAD_GATEWAY = b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"


class ForwardProxy:
    """Context manager: the proxy on ``http://127.0.0.1:<port>`` (``url``)."""

    def __init__(self, resolver: Resolver) -> None:
        self.resolver = resolver
        self.port = 0
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._server: asyncio.base_events.Server | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> ForwardProxy:
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self._start(), self._loop).result(10)
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:  # fmt: skip
        asyncio.run_coroutine_threadsafe(self._stop(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)
        self._loop.close()

    async def _start(self) -> None:
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", 0, backlog=1024)
        self.port = self._server.sockets[0].getsockname()[1]

    async def _stop(self) -> None:
        assert self._server is not None
        self._server.close()
        with contextlib.suppress(Exception):
            await asyncio.wait_for(self._server.wait_closed(), 2)

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            head = await reader.readuntil(b"\r\n\r\n")
            method, target, _version = head.split(b"\r\n", 1)[0].decode("latin-1").split(" ", 2)
            if method == "CONNECT":
                await self._tunnel(target, reader, writer)
            else:
                await self._forward(method, target, head, reader, writer)
        except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError):
            pass
        finally:
            writer.close()

    async def _open(
        self, host: str, port: int
    ) -> tuple[asyncio.StreamReader, asyncio.StreamWriter] | None:
        try:
            address = (await self.resolver.resolve(host, port))[0]
        except socket.gaierror:
            return None
        return await asyncio.open_connection(*address)

    async def _tunnel(
        self, target: str, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
    ) -> None:
        host, port = target.rsplit(":", 1)
        upstream = await self._open(host, int(port))
        if upstream is None:
            writer.write(_BAD_GATEWAY)
            return
        writer.write(b"HTTP/1.1 200 Connection established\r\n\r\n")
        await _relay(reader, writer, *upstream)

    async def _forward(
        self, method: str, target: str, head: bytes, reader: asyncio.StreamReader,
        writer: asyncio.StreamWriter,
    ) -> None:  # fmt: skip
        parts = urlsplit(target)
        upstream = await self._open(parts.hostname or "", parts.port or 80)
        if upstream is None:
            writer.write(_BAD_GATEWAY)
            return
        up_reader, up_writer = upstream
        path = parts.path or "/"
        request_line = f"{method} {path}{'?' + parts.query if parts.query else ''} HTTP/1.1"
        up_writer.write(_with_close(head, request_line.encode("latin-1")))
        length = _content_length(head)
        if length:
            up_writer.write(await reader.readexactly(length))
        answer = await up_reader.readuntil(b"\r\n\r\n")
        status_line = answer.split(b"\r\n", 1)[0]
        writer.write(_with_close(answer, status_line))
        while chunk := await up_reader.read(65536):
            writer.write(chunk)
            await writer.drain()
        up_writer.close()


def _with_close(head: bytes, first_line: bytes) -> bytes:
    """``head`` with a new first line and ``Connection: close`` instead of any keep-alive."""
    lines = head.split(b"\r\n")[1:]
    kept = [x for x in lines if x and not x.lower().startswith((b"connection:", b"proxy-"))]
    return b"\r\n".join([first_line, *kept, b"Connection: close", b"", b""])


def _content_length(head: bytes) -> int:
    for line in head.split(b"\r\n"):
        if line.lower().startswith(b"content-length:"):
            return int(line.split(b":", 1)[1])
    return 0


async def _relay(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter,
    up_reader: asyncio.StreamReader, up_writer: asyncio.StreamWriter,
) -> None:  # fmt: skip
    async def pump(src: asyncio.StreamReader, dst: asyncio.StreamWriter) -> None:
        try:
            while chunk := await src.read(65536):
                dst.write(chunk)
                await dst.drain()
        except OSError:
            pass
        finally:
            with contextlib.suppress(OSError):
                dst.close()

    await asyncio.gather(pump(reader, up_writer), pump(up_reader, writer))
