"""One HTTP/1.1 client connection, parsed by llhttp (httptools) instead of h11.

The checker sends thousands of small GET requests and reads short answers. With httpcore's
``AsyncHTTP11Connection`` a third of its CPU went to h11's pure-Python parsing and the event
machinery around it, and another sixth to building httpcore's request and response objects
(benchmarks/RESULTS.md). This connection runs on the same network stream (``GuardedBackend``
below it, TLS included) and raises httpcore's exception types, but takes a plain ``Ask`` and
parses with httptools' C parser. It speaks only what the checker sends: one bodiless request
at a time.

Body framing is llhttp's (RFC 9112 section 6.3: no body for a 1xx/204/304 answer, chunked,
Content-Length, or else everything until the server closes the connection), except for an
answer to HEAD, which llhttp cannot be told about and which ends with its head.

Every read waits at most the read timeout and never past the ask's ``deadline`` (event-loop
time): a server trickling one byte per read timeout would otherwise hold a check forever.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any, Protocol

import httpcore
import httptools

_READ = 64 * 1024
# A head this large is an attack or a broken server, not an answer (httpcore's limit for h11).
_MAX_HEAD = 100 * 1024


@dataclass(frozen=True, slots=True)
class Ask:
    """One request as the fetcher sends it (no body: the checker only sends GET and HEAD)."""

    method: bytes
    scheme: bytes
    host: bytes
    port: int
    target: bytes  # path and query, as sent on the request line
    headers: tuple[tuple[bytes, bytes], ...]
    timeout: float  # for connecting, each write and each read
    deadline: float  # loop time by which the whole answer must have been read


class Answer(Protocol):
    """An answer's head, and its body as a stream of chunks."""

    status: int
    reason: bytes
    http_version: bytes
    headers: list[tuple[bytes, bytes]]

    def peer(self) -> Any: ...

    def chunks(self) -> AsyncIterator[bytes]: ...


class _Message:
    """httptools' callbacks for one response: status, headers, body chunks, completion."""

    __slots__ = ("body", "complete", "headers", "headers_done", "reason")

    def __init__(self) -> None:
        self.on_message_begin()

    def on_message_begin(self) -> None:
        # After an interim 1xx answer the final one begins, possibly in the same read.
        self.reason = b""
        self.headers: list[tuple[bytes, bytes]] = []
        self.headers_done = False
        self.body: list[bytes] = []
        self.complete = False

    def on_status(self, reason: bytes) -> None:
        self.reason += reason

    def on_header(self, name: bytes, value: bytes) -> None:
        self.headers.append((name, value))

    def on_headers_complete(self) -> None:
        self.headers_done = True

    def on_body(self, chunk: bytes) -> None:
        self.body.append(chunk)

    def on_message_complete(self) -> None:
        self.complete = True


class Connection:
    """A keep-alive HTTP/1.1 connection to one origin; one request at a time.

    The caller (``HostConnections``) leases it to one request and takes it back with
    ``is_idle``: reusable once an answer was read to its end and both sides keep it alive.
    """

    def __init__(self, stream: httpcore.AsyncNetworkStream) -> None:
        self._stream = stream
        self._idle = True  # nothing in flight and the connection may carry another request
        self._closed = False

    def is_idle(self) -> bool:
        return self._idle and not self._closed

    def has_expired(self) -> bool:
        # An idle connection with something to read was closed by the server (or it sent
        # bytes nobody asked for): either way it cannot carry another request.
        return bool(self._stream.get_extra_info("is_readable"))

    def usable(self) -> bool:
        """Whether it can carry the next request now: idle, and not closed meanwhile."""
        return self.is_idle() and not self.has_expired()

    async def aclose(self) -> None:
        self._idle = False
        if not self._closed:
            self._closed = True
            await self._stream.aclose()

    async def exchange(self, ask: Ask) -> Reader:
        """Send ``ask`` and read the answer's head; the body is read from the ``Reader``."""
        if not self.is_idle():
            raise httpcore.ConnectionNotAvailable()
        self._idle = False
        reader = Reader(self, ask)
        try:
            await self._stream.write(_head(ask), ask.timeout)
            await reader.read_head()
        except BaseException:
            await self.aclose()
            raise
        return reader

    async def receive(self, timeout: float, deadline: float) -> bytes:
        remaining = deadline - asyncio.get_running_loop().time()
        if remaining <= 0:
            raise httpcore.ReadTimeout("the answer took longer than the attempt's budget")
        return await self._stream.read(_READ, min(timeout, remaining))

    def peer(self) -> Any:
        return self._stream.get_extra_info("server_addr")

    def finished(self, reusable: bool) -> None:
        self._idle = reusable


class Reader:
    """One answer on a connection: its head (read by ``exchange``), then its body."""

    def __init__(self, connection: Connection, ask: Ask) -> None:
        self._connection = connection
        self._ask = ask
        self._message = _Message()
        self._parser = httptools.HttpResponseParser(self._message)
        # As lenient as browsers (and h11 before): a checker must not call a page broken that
        # every browser shows. Both leniencies matter only to proxies (request smuggling).
        self._parser.set_dangerous_leniencies(
            lenient_chunked_length=True,  # Transfer-Encoding and Content-Length: chunked wins
            lenient_optional_cr_before_lf=True,  # bare LF line ends, as old servers send
        )
        self._until_close = False  # the body is delimited by the server closing the connection
        self._keep_alive = False
        self._done = False
        self.status = 0
        self.reason = b""
        self.http_version = b"HTTP/1.1"
        self.headers: list[tuple[bytes, bytes]] = []

    def peer(self) -> Any:
        return self._connection.peer()

    async def read_head(self) -> None:
        """Parse up to the end of a final (non-1xx) answer's head."""
        message, received = self._message, 0
        while True:
            data = await self._receive()
            if not data:
                raise httpcore.RemoteProtocolError(
                    "Server disconnected in the middle of the response head."
                    if received
                    else "Server disconnected without sending a response."
                )
            received += len(data)
            self._feed(data)
            if message.headers_done and not 100 <= self._parser.get_status_code() < 200:
                break  # a final answer's head (an interim 1xx one is followed by another)
            if received > _MAX_HEAD:
                raise httpcore.RemoteProtocolError("response head larger than 100 KB")
        self.status = self._parser.get_status_code()
        self.reason, self.headers = message.reason, message.headers
        self.http_version = b"HTTP/" + self._parser.get_http_version().encode("ascii")
        self._keep_alive = _persistent(self.http_version, message.headers)
        if self._ask.method == b"HEAD":
            # llhttp would wait for the body that Content-Length announces; the answer ends
            # with its head. Only a read that ended exactly there leaves the connection clean.
            self._end(reusable=self._keep_alive and data.endswith(b"\r\n\r\n"))
        elif message.complete:
            self._end(reusable=self._keep_alive)
        else:
            self._until_close = not _framed(message.headers)

    async def chunks(self) -> AsyncIterator[bytes]:
        """The body as it arrives; stopping early leaves the connection to ``aclose``."""
        message = self._message
        while True:
            if message.body:
                chunks, message.body = message.body, []
                for chunk in chunks:
                    yield chunk
            if self._done:
                return
            if message.complete:
                self._end(reusable=self._keep_alive)
            else:
                await self._more()

    async def aclose(self) -> None:
        if not self._done:  # the caller stopped reading: what is left cannot be skipped
            self._done = True
            await self._connection.aclose()

    async def _more(self) -> None:
        data = await self._receive()
        if data:
            self._feed(data)
        elif self._until_close:
            self._end(reusable=False)  # the server's close ended the body, as announced
        else:
            raise httpcore.RemoteProtocolError(
                "peer closed connection without sending complete message body"
            )

    async def _receive(self) -> bytes:
        return await self._connection.receive(self._ask.timeout, self._ask.deadline)

    def _feed(self, data: bytes) -> None:
        try:
            self._parser.feed_data(data)
        except httptools.HttpParserError as exc:
            raise httpcore.RemoteProtocolError(f"malformed HTTP response: {exc}") from exc

    def _end(self, reusable: bool) -> None:
        self._done = True
        self._connection.finished(reusable)


def _head(ask: Ask) -> bytes:
    """The request line and headers."""
    lines = [b"%s %s HTTP/1.1" % (ask.method, ask.target)]
    for name, value in ask.headers:
        if b"\r" in value or b"\n" in value or b"\r" in name or b"\n" in name:
            raise httpcore.LocalProtocolError(f"illegal header {name!r}")
        lines.append(name + b": " + value)
    lines.append(b"\r\n")
    return b"\r\n".join(lines)


def _framed(headers: list[tuple[bytes, bytes]]) -> bool:
    """Whether the body's end is announced (chunked or Content-Length) rather than a close."""
    return any(name.lower() in (b"content-length", b"transfer-encoding") for name, _ in headers)


def _persistent(http_version: bytes, headers: list[tuple[bytes, bytes]]) -> bool:
    """Whether the server keeps the connection open after this answer (RFC 9112 section 9.3).

    Decided from the head, not by asking llhttp: once a message is complete, llhttp has
    already reset the flags its answer depends on."""
    tokens = {
        token.strip().lower()
        for name, value in headers
        if name.lower() == b"connection"
        for token in value.split(b",")
    }
    if b"close" in tokens:
        return False
    return http_version != b"HTTP/1.0" or b"keep-alive" in tokens
