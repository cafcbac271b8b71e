"""The network backend on its own asyncio protocol: reads, timeouts, flow control, resets.

Real loopback sockets; each test starts a tiny server whose behaviour it needs.
"""

from __future__ import annotations

import asyncio
import socket
import struct
from collections.abc import Awaitable, Callable

import httpcore
import pytest

from citecheck.net._stream import AsyncioBackend

Handler = Callable[[asyncio.StreamReader, asyncio.StreamWriter], Awaitable[None]]


async def _with_server(handler: Handler, body: Callable[[int], Awaitable[None]]) -> None:
    server = await asyncio.start_server(handler, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    try:
        await body(port)
    finally:
        server.close()
        await server.wait_closed()


def test_reads_what_was_sent_then_end_of_stream() -> None:
    async def handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        writer.write(b"hello " * 50_000)  # more than the buffer limit: reading pauses, resumes
        await writer.drain()
        writer.close()

    async def body(port: int) -> None:
        stream = await AsyncioBackend().connect_tcp("127.0.0.1", port, timeout=5)
        received = b""
        while chunk := await stream.read(64 * 1024, timeout=5):
            received += chunk
        await stream.aclose()
        assert received == b"hello " * 50_000

    asyncio.run(_with_server(handler, body))


def test_a_silent_server_times_the_read_out() -> None:
    async def handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await asyncio.sleep(5)
        writer.close()

    async def body(port: int) -> None:
        stream = await AsyncioBackend().connect_tcp("127.0.0.1", port, timeout=5)
        with pytest.raises(httpcore.ReadTimeout):
            await stream.read(1024, timeout=0.05)
        await stream.aclose()

    asyncio.run(_with_server(handler, body))


def test_a_server_that_never_reads_times_the_write_out() -> None:
    async def handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await asyncio.sleep(5)  # reads nothing: the socket buffers fill up
        writer.close()

    async def body(port: int) -> None:
        stream = await AsyncioBackend().connect_tcp("127.0.0.1", port, timeout=5)
        with pytest.raises(httpcore.WriteTimeout):
            for _ in range(64):
                await stream.write(b"x" * 1024 * 1024, timeout=0.05)
        await stream.aclose()

    asyncio.run(_with_server(handler, body))


def test_a_reset_is_a_read_error_caused_by_the_reset() -> None:
    async def handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        sock = writer.get_extra_info("socket")
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        writer.transport.abort()  # linger 0: the close sends a reset

    async def body(port: int) -> None:
        stream = await AsyncioBackend().connect_tcp("127.0.0.1", port, timeout=5)
        with pytest.raises(httpcore.ReadError) as caught:
            await stream.read(1024, timeout=5)
        assert isinstance(caught.value.__cause__, ConnectionResetError)
        await stream.aclose()

    asyncio.run(_with_server(handler, body))


def test_a_refused_connection_is_a_connect_error_caused_by_the_refusal() -> None:
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]  # bound, never listening: connections are refused

        async def body() -> None:
            with pytest.raises(httpcore.ConnectError) as caught:
                await AsyncioBackend().connect_tcp("127.0.0.1", port, timeout=5)
            assert isinstance(caught.value.__cause__, ConnectionRefusedError)

        asyncio.run(body())
