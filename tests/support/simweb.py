"""A simulated web on loopback: many virtual hosts, real sockets, real TLS, scripted replies.

One asyncio server thread listens on 127.0.0.1 (an HTTP port and, with ``tls_hosts``, an HTTPS
port whose certificate from a throwaway trustme CA names every TLS host). Requests are routed by
their Host header, so thousands of host names share one port pair; ``resolver()`` returns the
``StaticResolver`` that sends those names (port 80/443) to these ports, so the code under test
runs its production path with real URLs such as ``https://www.unodc.org/...``.

A request for a host that has no routes gets ``421 Misdirected Request`` (the server is not
authoritative for it). A routed host with no matching path and no fallback gets ``404``.

A request in absolute form (``GET http://host/path``) is served as if this server were the
client's HTTP proxy (``SimRequest.proxied``), for testing proxy settings with plain HTTP.

``addresses`` adds more loopback addresses (127.0.0.2, ...) on the same HTTP port, for tools
that cannot be given a resolver: each address is then a distinct host (route it by address).

Special replies: ``Reply(action="reset")`` aborts the connection with a TCP RST,
``Reply(action="close")`` closes it without answering, ``Reply(action="stall")`` never answers
(the client must time out). ``Reply(stream_bytes=N)`` streams N bytes in chunks (memory stays
small on both sides); the request log records how many bytes were actually sent.
"""

from __future__ import annotations

import asyncio
import contextlib
import http
import socket
import ssl
import struct
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from types import TracebackType
from typing import Literal

import h11
import trustme

from citecheck.check import StaticResolver

_CHUNK = 64 * 1024
_PHRASES = {s.value: s.phrase for s in http.HTTPStatus}


@dataclass(frozen=True)
class Reply:
    """What the server answers. ``delay`` is slept (really) before the answer starts."""

    status: int = 200
    headers: tuple[tuple[str, str], ...] = ()
    body: bytes = b""
    delay: float = 0.0
    action: Literal["respond", "reset", "close", "stall"] = "respond"
    stream_bytes: int = 0


@dataclass
class SimRequest:
    """One request as the server saw it; ``finished``/``bytes_sent`` are filled in afterwards."""

    method: str
    host: str
    path: str
    headers: tuple[tuple[str, str], ...]
    at: float
    port: int
    scheme: str = "http"
    proxied: bool = False
    client: str = ""  # the client's address and port: one value per TCP connection
    finished: float | None = None
    bytes_sent: int = 0

    def header(self, name: str) -> str | None:
        name = name.lower()
        return next((v for k, v in self.headers if k.lower() == name), None)


Handler = Reply | Callable[[SimRequest], Reply]


def html(text: str, *, title: str = "", status: int = 200, extra: str = "") -> Reply:
    """A small HTML page reply."""
    page = f"<html><head><title>{title}</title>{extra}</head><body>{text}</body></html>"
    return Reply(status, (("Content-Type", "text/html; charset=utf-8"),), page.encode())


def redirect(location: str, status: int = 301) -> Reply:
    return Reply(status, (("Location", location),))


def sequence(*replies: Reply) -> Callable[[SimRequest], Reply]:
    """A handler answering with each reply in turn, then repeating the last one."""
    queue = list(replies)
    lock = threading.Lock()

    def handle(_request: SimRequest) -> Reply:
        with lock:
            return queue.pop(0) if len(queue) > 1 else queue[0]

    return handle


@dataclass
class _Host:
    routes: dict[str, Handler] = field(default_factory=dict)
    fallback: Handler | None = None


class SimWeb:
    """Context manager running the simulated web; see the module docstring."""

    def __init__(
        self,
        *,
        tls_hosts: Sequence[str] = (),
        ca: trustme.CA | None = None,
        addresses: Sequence[str] = ("127.0.0.1",),
    ) -> None:
        if not all(a.startswith("127.") for a in addresses):
            raise ValueError("SimWeb listens on loopback addresses only")
        self.ca = ca or trustme.CA()
        self.addresses = tuple(addresses)
        self.requests: list[SimRequest] = []
        self.http_port = 0
        self.https_port: int | None = None
        self._tls_hosts = tuple(h.lower() for h in tls_hosts)
        self._hosts: dict[str, _Host] = {}
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._servers: list[asyncio.base_events.Server] = []
        self._tasks: set[asyncio.Task[None]] = set()

    # ------------------------------------------------------------------ configuration

    def route(self, host: str, path: str, reply: Handler) -> None:
        """Answer ``path`` (including any query string) on ``host`` with ``reply``."""
        self._host(host).routes[path] = reply

    def fallback(self, host: str, reply: Handler) -> None:
        """Answer every unrouted path on ``host`` with ``reply``."""
        self._host(host).fallback = reply

    def resolver(self) -> StaticResolver:
        """Routes every known host's port 80 (and 443 for TLS hosts) to this server."""
        mapping: dict[str | tuple[str, int], tuple[str, int]] = {}
        for host in sorted(set(self._hosts) | set(self._tls_hosts)):
            mapping[(host, 80)] = ("127.0.0.1", self.http_port)
            if self.https_port is not None:
                mapping[(host, 443)] = ("127.0.0.1", self.https_port)
        return StaticResolver(mapping)

    def url(self, host: str, path: str = "/", *, https: bool = False) -> str:
        return f"{'https' if https else 'http'}://{host}{path}"

    def requests_for(self, host: str, path: str | None = None) -> list[SimRequest]:
        host = host.lower()
        return [r for r in self.requests if r.host == host and path in (None, r.path)]

    def _host(self, host: str) -> _Host:
        return self._hosts.setdefault(host.lower(), _Host())

    # ------------------------------------------------------------------ lifecycle

    def __enter__(self) -> SimWeb:
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self._start(), self._loop).result(10)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        asyncio.run_coroutine_threadsafe(self._stop(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)
        self._loop.close()

    async def _start(self) -> None:
        first = await asyncio.start_server(self._serve, self.addresses[0], 0, backlog=1024)
        self._servers.append(first)
        self.http_port = first.sockets[0].getsockname()[1]
        for address in self.addresses[1:]:  # every extra loopback address, on the same port
            extra = await asyncio.start_server(self._serve, address, self.http_port, backlog=1024)
            self._servers.append(extra)
        if self._tls_hosts:
            secure = await asyncio.start_server(
                self._serve, "127.0.0.1", 0, ssl=self._ssl_context(), backlog=1024
            )
            self._servers.append(secure)
            self.https_port = secure.sockets[0].getsockname()[1]

    async def _stop(self) -> None:
        for server in self._servers:
            server.close()
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        for server in self._servers:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(server.wait_closed(), 2)

    def _ssl_context(self) -> ssl.SSLContext:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        self.ca.issue_cert(*self._tls_hosts).configure_cert(context)
        return context

    # ------------------------------------------------------------------ serving

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._tasks.add(task)
        port = writer.get_extra_info("sockname")[1]
        conn = h11.Connection(h11.SERVER)
        try:
            while await self._one_exchange(conn, reader, writer, port):
                conn.start_next_cycle()
        except (ConnectionError, h11.ProtocolError, ssl.SSLError, asyncio.IncompleteReadError):
            pass
        except asyncio.CancelledError:
            pass  # shutdown: end quietly (asyncio's stream callback reports cancelled tasks)
        finally:
            self._tasks.discard(task)
            with contextlib.suppress(Exception):
                writer.close()

    async def _one_exchange(
        self,
        conn: h11.Connection,
        reader: asyncio.StreamReader,
        writer: asyncio.StreamWriter,
        port: int,
    ) -> bool:
        request = await _read_request(conn, reader)
        if request is None:
            return False
        sim = self._record(request, port)
        sim.client = str(writer.get_extra_info("peername"))
        reply = self._reply_for(sim)
        if reply.delay:
            await asyncio.sleep(reply.delay)
        if reply.action != "respond":
            await self._abort(writer, reply.action)
            return False
        await self._send(conn, writer, sim, reply)
        sim.finished = time.monotonic()
        return conn.our_state is h11.DONE and conn.their_state is h11.DONE

    def _record(self, request: h11.Request, port: int) -> SimRequest:
        headers = tuple((k.decode("latin-1"), v.decode("latin-1")) for k, v in request.headers)
        host = next((v for k, v in headers if k.lower() == "host"), "")
        host = host.rsplit(":", 1)[0] if not host.endswith("]") else host
        target = request.target.decode()
        proxied = target.startswith("http://")
        if proxied:  # absolute form: a client using this server as its HTTP proxy
            parts = urllib.parse.urlsplit(target)
            host = parts.hostname or ""
            target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        sim = SimRequest(
            method=request.method.decode(),
            host=host.lower(),
            path=target,
            headers=headers,
            at=time.monotonic(),
            port=port,
            scheme="https" if port == self.https_port else "http",
            proxied=proxied,
        )
        self.requests.append(sim)
        return sim

    def _reply_for(self, request: SimRequest) -> Reply:
        host = self._hosts.get(request.host)
        if host is None:
            return Reply(421, body=b"misdirected request")
        handler = host.routes.get(request.path, host.fallback)
        if handler is None:
            return Reply(404, (("Content-Type", "text/plain"),), b"no such route")
        return handler if isinstance(handler, Reply) else handler(request)

    async def _abort(self, writer: asyncio.StreamWriter, action: str) -> None:
        if action == "stall":
            await asyncio.sleep(3600)
        if action == "reset":
            sock = writer.get_extra_info("socket")
            if sock is not None:
                # SO_LINGER with a zero timeout makes close() send RST instead of FIN.
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        writer.transport.abort() if action == "reset" else writer.close()

    async def _send(
        self, conn: h11.Connection, writer: asyncio.StreamWriter, sim: SimRequest, reply: Reply
    ) -> None:
        size = reply.stream_bytes or len(reply.body)
        headers = [(k, v) for k, v in reply.headers]
        if not any(k.lower() == "content-length" for k, _ in headers):
            headers.append(("Content-Length", str(size)))
        phrase = _PHRASES.get(reply.status, "").encode()
        response = h11.Response(status_code=reply.status, headers=headers, reason=phrase)
        writer.write(conn.send(response))
        if sim.method != "HEAD":
            for chunk in _chunks(reply):
                writer.write(conn.send(h11.Data(data=chunk)))
                await writer.drain()
                sim.bytes_sent += len(chunk)
        writer.write(conn.send(h11.EndOfMessage()))
        await writer.drain()


def _chunks(reply: Reply) -> Iterator[bytes]:
    """The body in chunks; a ``stream_bytes`` body is generated lazily, never held whole."""
    left = reply.stream_bytes
    while left > 0:
        n = min(_CHUNK, left)
        left -= n
        yield b"x" * n
    if reply.body and not reply.stream_bytes:
        yield reply.body


async def _read_request(conn: h11.Connection, reader: asyncio.StreamReader) -> h11.Request | None:
    request: h11.Request | None = None
    while True:
        event = conn.next_event()
        if event is h11.NEED_DATA:
            data = await reader.read(_CHUNK)
            conn.receive_data(data)
            if not data and request is None:
                return None
            continue
        if isinstance(event, h11.Request):
            request = event
        elif isinstance(event, h11.EndOfMessage):
            return request
        elif isinstance(event, h11.ConnectionClosed):
            return None
