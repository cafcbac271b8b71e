"""WARC records of the checker's final exchange, built with warcio from the captured values.

``warcio.capture_http`` only sees ``http.client`` traffic, so the request and response records
are built from the ``Exchange`` the checker kept. The body there is the decoded entity (httpx
undoes chunking and Content-Encoding), so those two headers are renamed and Content-Length is
set to what is stored: a replay tool must not try to gunzip plain bytes.

One file per source and UTC day, only ever appended to: a same-day re-run that sees the same
payload writes nothing; a later run that sees the same payload writes only a revisit record
(profile identical-payload-digest) that refers to the capture recorded in the source's metadata.
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import hashlib
import io
import logging
import os
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urlsplit

from warcio.statusandheaders import StatusAndHeaders, StatusAndHeadersParser
from warcio.warcwriter import WARCWriter

from citecheck import __version__
from citecheck.errors import StoreError
from citecheck.model import Exchange

log = logging.getLogger("citecheck.archive")
_BLOCK = 64 * 1024
_HEAD = 64 * 1024  # a record's WARC headers are far smaller
_WARC_HEADERS = StatusAndHeadersParser(["WARC/1.0", "WARC/1.1"], verify=False)

_RENAMED = {"content-encoding", "transfer-encoding", "content-length"}
# Credentials a user may have configured as extra headers never go into an archive file.
_SECRET = {"authorization", "proxy-authorization"}


@dataclass(frozen=True)
class WarcRef:
    """Where the full (non-revisit) record of a payload is, for later revisit records."""

    target_uri: str
    date: str


def payload_digest(body: bytes) -> str:
    """The WARC/CDX payload digest: base32 SHA-1, labelled."""
    return "sha1:" + base64.b32encode(hashlib.sha1(body).digest()).decode("ascii")


def warc_date(at: dt.datetime) -> str:
    return at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def append_capture(
    path: Path, exchange: Exchange, at: dt.datetime, previous: WarcRef | None, digest: str
) -> WarcRef:
    """Add the exchange to the day's WARC ``path``; return where its payload's full record is.

    ``previous`` is the earlier full record with payload ``digest`` (then only a revisit record
    is written), or None when the payload is new. Nothing is written when the file already ends
    with this payload.
    """
    with WarcFile.open(path) as warc:
        if warc.last_digest == digest:
            return previous or warc.last_full or WarcRef(exchange.url, warc_date(at))
        warc.append_exchange(exchange, at, previous, digest)
    return previous or WarcRef(exchange.url, warc_date(at))


class WarcFile:
    """One source's WARC of one day, open for appending (the caller holds the store lock).

    Records are only ever appended, each as its own gzip member, so what a reader or a replay
    tool already has stays valid. Opening it reads the file once, in blocks: the last payload
    recorded, and where the last whole record ends. A run killed in the middle of an append
    leaves an unfinished gzip member at the end, which is cut off there; damage anywhere else
    is an error, never repaired by losing records.
    """

    def __init__(self, path: Path, fh: BinaryIO, tail: _Tail) -> None:
        self.path = path
        self._fh = fh
        self._writer = WARCWriter(fh, gzip=True)
        self._empty = tail.end == 0
        self.last_digest = tail.last_digest
        self.last_full = tail.last_full

    @classmethod
    def open(cls, path: Path) -> WarcFile:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fh = path.open("a+b")
        except OSError as exc:
            raise StoreError(f"{path}: cannot write WARC ({exc.strerror or exc})") from exc
        try:
            tail = _scan(fh)
            if tail.end < fh.seek(0, io.SEEK_END):
                log.warning("%s: cut off an unfinished record at byte %d", path, tail.end)
                fh.truncate(tail.end)
        except (OSError, zlib.error, ValueError) as exc:
            fh.close()
            raise StoreError(f"{path}: unreadable WARC ({exc}); move it away and re-run") from exc
        return cls(path, fh, tail)

    def __enter__(self) -> WarcFile:
        return self

    def __exit__(self, *_exc: object) -> None:
        self._fh.close()

    def append_exchange(
        self, exchange: Exchange, at: dt.datetime, previous: WarcRef | None, digest: str
    ) -> None:
        """Append the request and the response (or revisit) records of ``exchange``."""
        response = _response_or_revisit(self._writer, exchange, at, previous, digest)
        request = _request(self._writer, exchange)
        self._append(lambda: self._writer.write_request_response_pair(request, response))
        self.last_digest = digest

    def _append(self, write: Callable[[], None]) -> None:
        """Run ``write`` at the end of the file, durably; on failure cut the file back."""
        start = self._fh.seek(0, io.SEEK_END)
        try:
            if self._empty:
                self._writer.write_record(_warcinfo(self._writer, self.path.name))
            write()
            self._fh.flush()
            os.fsync(self._fh.fileno())
        except OSError as exc:
            with contextlib.suppress(OSError):
                self._fh.truncate(start)
            raise StoreError(f"{self.path}: cannot write WARC ({exc.strerror or exc})") from exc
        self._empty = False


@dataclass(frozen=True)
class _Tail:
    end: int  # where the last whole record ends: the file's valid length
    last_digest: str | None
    last_full: WarcRef | None


def _scan(fh: BinaryIO) -> _Tail:
    """Walk the file's gzip members (one per record) without holding any in memory."""
    end, last_digest, last_full = 0, None, None
    for member_end, head in _members(fh):
        end = member_end
        headers = _WARC_HEADERS.parse(io.BytesIO(head))
        kind = headers.get_header("WARC-Type")
        if kind not in ("response", "revisit"):
            continue
        last_digest = headers.get_header("WARC-Payload-Digest")
        if kind == "response":
            last_full = WarcRef(
                headers.get_header("WARC-Target-URI"), headers.get_header("WARC-Date")
            )
    return _Tail(end, last_digest, last_full)


def _members(fh: BinaryIO) -> Iterator[tuple[int, bytes]]:
    """(end offset, first bytes) of each whole gzip member; stops at an unfinished one."""
    fh.seek(0)
    position = 0  # bytes of the file consumed
    member: zlib._Decompress | None = None
    head = bytearray()
    data = b""
    while True:
        if not data:
            data = fh.read(_BLOCK)
            if not data:
                return
        if member is None:
            member, head = zlib.decompressobj(zlib.MAX_WBITS | 16), bytearray()
        out = member.decompress(data, _BLOCK)  # bounded output: a member may be 64 MiB
        if len(head) < _HEAD:
            head += out[: _HEAD - len(head)]
        rest = member.unused_data if member.eof else member.unconsumed_tail
        position += len(data) - len(rest)
        data = rest
        if member.eof:
            yield position, bytes(head)
            member = None


def _warcinfo(writer: WARCWriter, filename: str) -> object:
    info = {"software": f"citecheck/{__version__}", "format": "WARC File Format 1.0"}
    return writer.create_warcinfo_record(filename, info)


def _response_or_revisit(
    writer: WARCWriter, exchange: Exchange, at: dt.datetime, previous: WarcRef | None, digest: str
) -> object:
    headers = {"WARC-Date": warc_date(at)}
    if exchange.peer_address:
        headers["WARC-IP-Address"] = exchange.peer_address
    http = _response_headers(exchange)
    if previous is not None:
        # Revisit records carry the HTTP headers only: the payload is the earlier one's.
        return writer.create_revisit_record(
            exchange.url,
            digest,
            previous.target_uri,
            previous.date,
            http_headers=http,
            warc_headers_dict=headers,
        )
    if exchange.truncated:
        headers["WARC-Truncated"] = "length"
    return writer.create_warc_record(
        exchange.url,
        "response",
        payload=io.BytesIO(exchange.body),
        length=len(exchange.body),
        http_headers=http,
        warc_headers_dict=headers,
    )


def _response_headers(exchange: Exchange) -> StatusAndHeaders:
    headers: list[tuple[str, str]] = []
    for name, value in exchange.response_headers:
        if name.lower() in _RENAMED:
            headers.append((f"X-Original-{name}", value))
        else:
            headers.append((name, value))
    headers.append(("Content-Length", str(len(exchange.body))))
    status = f"{exchange.status_code} {exchange.reason_phrase}".strip()
    return StatusAndHeaders(status, headers, protocol="HTTP/1.1")


def _request(writer: WARCWriter, exchange: Exchange) -> object:
    parts = urlsplit(exchange.url)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    headers = [(k, v) for k, v in exchange.request_headers if k.lower() not in _SECRET]
    if not any(k.lower() == "host" for k, _ in headers):
        headers.insert(0, ("Host", parts.netloc))
    http = StatusAndHeaders(
        f"{exchange.method} {target} HTTP/1.1",
        headers,
        protocol="HTTP/1.1",
        is_http_request=True,
    )
    return writer.create_warc_record(
        exchange.url, "request", payload=io.BytesIO(b""), length=0, http_headers=http
    )
