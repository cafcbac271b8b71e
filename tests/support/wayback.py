"""A local Wayback-compatible archive on loopback, speaking the real wire formats.

Endpoints (as documented in shared/reference/web-archives.md):

* ``GET /cdx/search/cdx`` — CDX server: ``url``, ``matchType`` (exact/prefix), ``output=json``
  (header row first; no captures -> ``[]`` or an empty body, see ``empty_cdx``), ``fl``,
  ``from``/``to``, repeatable ``filter=[!]field:regex`` (full match), ``collapse=field[:N]``,
  ``limit=N|-N``, ``closest=<ts>&sort=closest``, ``sort=reverse``. ``statuscode`` is a string,
  ``-`` for captures added with ``status=None`` (revisit records).
* ``GET /wayback/available?url=&timestamp=`` — availability API (closest 2xx capture).
* ``GET /web/<ts><flag>/<url>`` — replay: the exact capture with ``Memento-Datetime`` and
  ``Link`` headers and ``X-Archive-Orig-*`` copies of its headers; ``id_`` gives the original
  bytes, no flag gives the "browser view" with a toolbar injected; any other timestamp gets a
  302 to the closest capture.
* Save Page Now 2: ``POST /save`` (``Authorization: LOW key:secret``, form body, JSON with a
  ``job_id``; refusals as HTTP 200 with ``"status": "error"``; 429 when throttled),
  ``GET /save/status/<job_id>`` (pending -> success/error; a success adds a capture) and
  ``GET /save/status/user``.

Every request is logged in ``requests``. Knobs: ``cdx_throttle`` / ``cdx_errors`` (the next N
CDX requests answer 429 / 503), ``cdx_stall`` (URLs whose lookups hang until the server
stops) and ``spn`` (an ``SpnBehaviour``).

    with WaybackServer() as archive:
        archive.add_capture("http://example.org/a", "20181003120000", body=b"<html>...")
        settings = replace(settings, wayback_url=archive.base_url,
                           availability_url=archive.availability_url)
"""

from __future__ import annotations

import base64
import datetime as dt
import email.utils
import hashlib
import json
import re
import socket
import ssl
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any
from urllib.parse import parse_qs, urlsplit

FIELDS = ("urlkey", "timestamp", "original", "mimetype", "statuscode", "digest", "length")
Answer = tuple[int, list[tuple[str, str]], bytes]
_REPLAY = re.compile(r"^/web/(\d{1,14})([a-z]{2}_)?/(.+)$", re.S)


@dataclass(frozen=True)
class ArchivedCapture:
    """One capture in the archive. ``status=None`` is listed as ``-`` (a revisit record)."""

    url: str
    timestamp: str
    body: bytes = b""
    status: int | None = 200
    mimetype: str = "text/html; charset=utf-8"
    headers: tuple[tuple[str, str], ...] = ()

    @property
    def digest(self) -> str:
        return base64.b32encode(hashlib.sha1(self.body).digest()).decode("ascii")

    def row(self) -> dict[str, str]:
        return {
            "urlkey": surt(self.url),
            "timestamp": self.timestamp,
            "original": self.url,
            "mimetype": self.mimetype.split(";")[0],
            "statuscode": "-" if self.status is None else str(self.status),
            "digest": self.digest,
            "length": str(len(self.body) + 300),
        }


@dataclass(frozen=True)
class LoggedRequest:
    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: bytes
    target: str = ""

    @classmethod
    def of(cls, method: str, target: str, headers: dict[str, str], body: bytes) -> LoggedRequest:
        parts = urlsplit(target)
        query = parse_qs(parts.query, keep_blank_values=True)
        return cls(method, parts.path, query, headers, body, target)


@dataclass
class SpnBehaviour:
    """How Save Page Now behaves. ``refuse``/``fail`` map URLs to a ``status_ext``."""

    keys: tuple[str, str] = ("test-access-key", "test-secret-key")
    pending_polls: int = 1
    refuse: dict[str, str] = field(default_factory=dict)
    fail: dict[str, str] = field(default_factory=dict)
    throttle: int = 0
    available: int = 5
    final_url: dict[str, str] = field(default_factory=dict)
    body: bytes = b"<html><body><p>saved by SPN</p></body></html>"


@dataclass
class _Job:
    job_id: str
    url: str
    polls_left: int


def surt(url: str) -> str:
    """The CDX url key: scheme and ``www.`` dropped, host labels reversed, lower case."""
    parts = urlsplit(url if "://" in url else f"http://{url}")
    host = (parts.hostname or "").lower().removeprefix("www.")
    key = ",".join(reversed(host.split("."))) + ")" + (parts.path or "/").lower()
    return key + (f"?{parts.query.lower()}" if parts.query else "")


class WaybackServer:
    """Context manager: the archive on ``http://127.0.0.1:<port>``; see the module docstring."""

    def __init__(
        self,
        *,
        clock: Callable[[], dt.datetime] | None = None,
        empty_cdx: str = "[]",
        tls: ssl.SSLContext | None = None,
    ) -> None:
        self.captures: list[ArchivedCapture] = []
        self.requests: list[LoggedRequest] = []
        self.spn = SpnBehaviour()
        self.cdx_throttle = 0
        self.cdx_errors = 0
        self.cdx_stall: set[str] = set()
        self.empty_cdx = empty_cdx
        self.clock = clock or (lambda: dt.datetime.now(dt.UTC))
        self._jobs: dict[str, _Job] = {}
        self._lock = threading.Lock()
        self._closing = threading.Event()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        if tls is not None:  # HTTPS, for clients that reach it by a real name (web.archive.org)
            self._server.socket = tls.wrap_socket(self._server.socket, server_side=True)
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    # ------------------------------------------------------------------ API for tests

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    @property
    def availability_url(self) -> str:
        return f"{self.base_url}/wayback/available"

    def add_capture(
        self,
        url: str,
        timestamp: str,
        body: bytes = b"",
        *,
        status: int | None = 200,
        mimetype: str = "text/html; charset=utf-8",
        headers: tuple[tuple[str, str], ...] = (),
    ) -> ArchivedCapture:
        capture = ArchivedCapture(url, timestamp, body, status, mimetype, headers)
        with self._lock:
            self.captures.append(capture)
        return capture

    def requests_to(self, prefix: str) -> list[LoggedRequest]:
        return [r for r in self.requests if r.path.startswith(prefix)]

    def __enter__(self) -> WaybackServer:
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._closing.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def answer(self, request: LoggedRequest) -> Answer:
        """Log ``request`` and route it to its endpoint."""
        self.requests.append(request)
        path, query = request.path, request.query
        if path == "/cdx/search/cdx":
            status, mime, text = self.cdx(query)
            return status, [("Content-Type", mime)], text.encode()
        if path == "/wayback/available":
            return _json(200, self.available(query))
        if path == "/save" and request.method == "POST":
            return _json(*self.save(request.headers, parse_qs(request.body.decode())))
        if path.startswith("/save/status/"):
            return _json(200, self.save_status(path.removeprefix("/save/status/")))
        # Replay: the original URL's own query string is part of the path after /web/.
        return self.replay(request.target)

    # ------------------------------------------------------------------ CDX

    def cdx(self, query: dict[str, list[str]]) -> tuple[int, str, str]:
        if self.cdx_throttle > 0:
            self.cdx_throttle -= 1
            return 429, "text/plain", "Too Many Requests"
        if self.cdx_errors > 0:
            self.cdx_errors -= 1
            return 503, "text/plain", "Service Unavailable"
        one = {k: v[-1] for k, v in query.items()}
        if one.get("url") in self.cdx_stall:
            self._closing.wait(60)  # a lookup that hangs, e.g. to kill the client meanwhile
        rows = [c.row() for c in self._matching(one.get("url", ""), one.get("matchType"))]
        rows = _select(rows, one, query.get("filter", []))
        fields = one.get("fl", ",".join(FIELDS)).split(",")
        table = [[row[f] for f in fields] for row in rows]
        if one.get("output") == "json":
            body = json.dumps([fields, *table]) if table else self.empty_cdx
            return 200, "application/json", body
        return 200, "text/plain", "".join(" ".join(r) + "\n" for r in table)

    def _matching(self, url: str, match_type: str | None) -> list[ArchivedCapture]:
        key = surt(url)
        with self._lock:
            captures = list(self.captures)
        if match_type == "prefix":
            return [c for c in captures if surt(c.url).startswith(key)]
        return [c for c in captures if surt(c.url) == key]

    # ------------------------------------------------------------------ availability

    def available(self, query: dict[str, list[str]]) -> dict[str, Any]:
        url = query.get("url", [""])[-1]
        wanted = query.get("timestamp", ["99991231235959"])[-1]
        ok = [c for c in self._matching(url, None) if c.status and 200 <= c.status < 300]
        if not ok:
            return {"url": url, "archived_snapshots": {}}
        best = min(ok, key=lambda c: _distance(c.timestamp, wanted))
        closest = {
            "available": True,
            "url": f"http://web.archive.org/web/{best.timestamp}/{best.url}",
            "timestamp": best.timestamp,
            "status": str(best.status),
        }
        return {"url": url, "timestamp": wanted, "archived_snapshots": {"closest": closest}}

    # ------------------------------------------------------------------ replay

    def replay(self, path: str) -> Answer:
        match = _REPLAY.match(path)
        if match is None:
            return 404, [("Content-Type", "text/plain")], b"not a replay URL"
        timestamp, flag, url = match.group(1), match.group(2) or "", match.group(3)
        captures = self._matching(url, None)
        if not captures:
            return 404, [("Content-Type", "text/html")], b"<html>Hrm. Not in archive.</html>"
        exact = next((c for c in captures if c.timestamp == timestamp), None)
        if exact is None:
            best = min(captures, key=lambda c: _distance(c.timestamp, timestamp))
            return 302, [("Location", f"/web/{best.timestamp}{flag}/{best.url}")], b""
        return self._memento(exact, flag)

    def _memento(self, capture: ArchivedCapture, flag: str) -> Answer:
        when = _datetime(capture.timestamp)
        base = self.base_url
        link = ", ".join(
            [
                f'<{capture.url}>; rel="original"',
                f'<{base}/web/timemap/link/{capture.url}>; rel="timemap"; '
                'type="application/link-format"',
                f'<{base}/web/{capture.url}>; rel="timegate"',
                f'<{base}/web/{capture.timestamp}/{capture.url}>; rel="memento"; '
                f'datetime="{email.utils.format_datetime(when, usegmt=True)}"',
            ]
        )
        headers = [
            ("Content-Type", capture.mimetype),
            ("Memento-Datetime", email.utils.format_datetime(when, usegmt=True)),
            ("Link", link),
            *((f"X-Archive-Orig-{k}", v) for k, v in capture.headers),
        ]
        body = capture.body
        if flag != "id_" and b"<body>" in body:
            banner = b'<body><div id="wm-ipp">Wayback Machine toolbar: 1,234 captures</div>'
            body = body.replace(b"<body>", banner, 1)
        return capture.status or 200, headers, body

    # ------------------------------------------------------------------ Save Page Now

    def save(self, headers: dict[str, str], form: dict[str, list[str]]) -> tuple[int, Any]:
        access, secret = self.spn.keys
        if headers.get("authorization") != f"LOW {access}:{secret}":
            return 401, {"status": "error", "message": "You need to be logged in to use SPN2."}
        if self.spn.throttle > 0:
            self.spn.throttle -= 1
            return 429, {"message": "Too Many Requests"}
        url = form.get("url", [""])[-1]
        if url in self.spn.refuse:
            ext = self.spn.refuse[url]
            return 200, {"status": "error", "status_ext": ext, "message": f"refused: {ext}"}
        with self._lock:
            job_id = "spn2-" + hashlib.sha1(f"{url}#{len(self._jobs)}".encode()).hexdigest()
            self._jobs[job_id] = _Job(job_id, url, self.spn.pending_polls)
        return 200, {"url": url, "job_id": job_id}

    def save_status(self, job_id: str) -> dict[str, Any]:
        if job_id == "user":
            pending = sum(1 for j in self._jobs.values() if j.polls_left > 0)
            return {"available": self.spn.available, "processing": pending}
        job = self._jobs.get(job_id)
        if job is None:
            return {"status": "error", "status_ext": "error:not-found", "message": "no job"}
        if job.polls_left > 0:
            job.polls_left -= 1
            return {"status": "pending", "job_id": job_id, "resources": [job.url]}
        if job.url in self.spn.fail:
            ext = self.spn.fail[job.url]
            return {"status": "error", "status_ext": ext, "message": ext, "job_id": job_id}
        return self._saved(job)

    def _saved(self, job: _Job) -> dict[str, Any]:
        final = self.spn.final_url.get(job.url, job.url)
        timestamp = f"{self.clock():%Y%m%d%H%M%S}"
        if not any(c.url == final and c.timestamp == timestamp for c in self.captures):
            self.add_capture(final, timestamp, self.spn.body)
        return {
            "status": "success",
            "job_id": job.job_id,
            "original_url": final,
            "timestamp": timestamp,
            "duration_sec": 6.2,
        }


# --------------------------------------------------------------------------- CDX helpers


Row = dict[str, str]


def _select(rows: list[Row], one: dict[str, str], filters: list[str]) -> list[Row]:
    rows = [r for r in rows if _in_range(r["timestamp"], one.get("from"), one.get("to"))]
    for spec in filters:
        rows = [r for r in rows if _passes(r, spec)]
    rows.sort(key=lambda r: r["timestamp"])
    if one.get("collapse"):
        rows = _collapse(rows, one["collapse"])
    if one.get("sort") == "closest" and one.get("closest"):
        rows.sort(key=lambda r: _distance(r["timestamp"], one["closest"]))
    elif one.get("sort") == "reverse":
        rows.reverse()
    limit = int(one.get("limit", "0") or 0)
    if limit > 0:
        rows = rows[:limit]
    elif limit < 0:
        rows = rows[limit:]
    return rows


def _in_range(timestamp: str, start: str | None, end: str | None) -> bool:
    if start and timestamp < start.ljust(14, "0"):
        return False
    return not (end and timestamp[: len(end)] > end)


def _passes(row: dict[str, str], spec: str) -> bool:
    negate = spec.startswith("!")
    name, _, pattern = spec.lstrip("!").partition(":")
    matched = re.fullmatch(pattern, row.get(name, "")) is not None
    return matched != negate


def _collapse(rows: list[dict[str, str]], spec: str) -> list[dict[str, str]]:
    name, _, width = spec.partition(":")
    size = int(width) if width else None
    out: list[dict[str, str]] = []
    for row in rows:
        if not out or out[-1][name][:size] != row[name][:size]:
            out.append(row)
    return out


def _datetime(timestamp: str) -> dt.datetime:
    padded = timestamp.ljust(14, "0")
    month, day = max(int(padded[4:6]), 1), max(int(padded[6:8]), 1)
    return dt.datetime(
        int(padded[:4]),
        month,
        day,
        int(padded[8:10]),
        int(padded[10:12]),
        int(padded[12:14]),
        tzinfo=dt.UTC,
    )


def _distance(timestamp: str, wanted: str) -> float:
    return abs((_datetime(timestamp) - _datetime(wanted)).total_seconds())


# --------------------------------------------------------------------------- HTTP plumbing


def _handler_for(archive: WaybackServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:  # quiet test output
            return

        def setup(self) -> None:
            super().setup()
            # Headers and body go out in two writes: without this, delayed ACKs add 40 ms each.
            self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

        def do_GET(self) -> None:
            self._dispatch(b"")

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            self._dispatch(self.rfile.read(length))

        def _dispatch(self, body: bytes) -> None:
            headers = {k.lower(): v for k, v in self.headers.items()}
            self._send(*archive.answer(LoggedRequest.of(self.command, self.path, headers, body)))

        def _send(self, status: int, headers: list[tuple[str, str]], payload: bytes) -> None:
            self.send_response(status)
            for name, value in headers:
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

    return Handler


def _json(status: int, data: Any) -> Answer:
    return status, [("Content-Type", "application/json")], json.dumps(data).encode()
