"""The benchmark's simulated web: a lean HTTP/1.1 server for many loopback hosts.

The test suite's ``SimWeb`` (asyncio streams + h11) is built for scripted scenarios; at 2,000
requests in under two seconds it needed most of a core itself, and on a 2-core machine its
queueing showed up in every tool's wall time. This server does one thing cheaply: on each
address, ``/paper/<n>`` is a ~3 KB HTML page and anything else a 404, each answered after a
fixed latency (a timer, not a sleeping task), on keep-alive connections. uvloop runs the loop,
httptools parses the requests.
"""

from __future__ import annotations

import asyncio
import hashlib
import threading
import time

import httptools
import uvloop

_NOT_FOUND = b"<h1>Not Found</h1>"
# When the first request since ``mark()`` arrived (time.monotonic(), the same clock in every
# process of the machine): how long a client took from its start to its first request.
_first: list[float | None] = [None]


def mark() -> None:
    _first[0] = None


def first_request() -> float | None:
    return _first[0]


def page(path: str) -> bytes:
    """The HTML of ``/paper/<n>``: a title and 300 words that differ from paper to paper."""
    seed = hashlib.sha256(path.encode()).digest()
    words = " ".join(f"word{(seed[i % 32] * (i + 1)) % 997}" for i in range(300))
    body = f"<html><head><title>Paper {path}</title></head><body><h1>Paper {path}</h1>"
    return (body + f"<p>{words}</p></body></html>").encode()


def _answer(status: bytes, content_type: bytes, body: bytes) -> bytes:
    head = b"HTTP/1.1 %s\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n"
    return head % (status, content_type, len(body)) + body


class _Exchange(asyncio.Protocol):
    """One client connection: parse requests, answer each after the latency, in order."""

    def __init__(self, latency: float) -> None:
        self._latency = latency
        self._parser = httptools.HttpRequestParser(self)
        self._transport: asyncio.Transport | None = None
        self._path = b""

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self._transport = transport  # type: ignore[assignment]

    def data_received(self, data: bytes) -> None:
        try:
            self._parser.feed_data(data)
        except httptools.HttpParserError:
            if self._transport is not None:
                self._transport.close()

    def on_url(self, url: bytes) -> None:
        self._path = url

    def on_message_complete(self) -> None:
        if _first[0] is None:
            _first[0] = time.monotonic()
        path = self._path.decode("latin-1")
        if path.startswith("/paper/"):
            reply = _answer(b"200 OK", b"text/html; charset=utf-8", page(path))
        else:
            reply = _answer(b"404 Not Found", b"text/html", _NOT_FOUND)
        if self._parser.get_method() == b"HEAD":
            reply = reply[: reply.index(b"\r\n\r\n") + 4]
        keep = self._parser.should_keep_alive()
        asyncio.get_running_loop().call_later(self._latency, self._send, reply, keep)

    def _send(self, reply: bytes, keep: bool) -> None:
        transport = self._transport
        if transport is None or transport.is_closing():
            return
        transport.write(reply)
        if not keep:
            transport.close()


async def _listen(addresses: list[str], latency: float) -> int:
    loop = asyncio.get_running_loop()
    port = 0  # the first address picks a free port; the others listen on the same one
    for address in addresses:
        server = await loop.create_server(lambda: _Exchange(latency), address, port, backlog=1024)
        port = server.sockets[0].getsockname()[1]
    return port


def start(addresses: list[str], latency: float) -> int:
    """Serve ``addresses`` from a daemon thread (for the life of the process); the port."""
    loop = uvloop.new_event_loop()
    port = loop.run_until_complete(_listen(addresses, latency))
    threading.Thread(target=loop.run_forever, name="lean-web", daemon=True).start()
    return port
