"""WARC records of the checker's final exchange, built with warcio from the captured values.

``warcio.capture_http`` only sees ``http.client`` traffic, so the request and response records
are built from the ``Exchange`` the checker kept. The body there is the decoded entity (httpx
undoes chunking and Content-Encoding), so those two headers are renamed and Content-Length is
set to what is stored: a replay tool must not try to gunzip plain bytes.

One file per source and UTC day: a same-day re-run that sees the same payload writes nothing;
a later run that sees the same payload writes only a revisit record (profile
identical-payload-digest) that refers to the capture recorded in the source's metadata.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import io
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from citecheck import __version__
from citecheck.errors import StoreError
from citecheck.files import write_atomic
from citecheck.model import Exchange

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
    try:
        existing = path.read_bytes() if path.is_file() else b""
        last_digest, last_full = _last_payload(existing)
    except (OSError, ArchiveLoadFailed) as exc:
        raise StoreError(f"{path}: unreadable WARC ({exc}); move it away and re-run") from exc
    if last_digest == digest:
        return previous or last_full or WarcRef(exchange.url, warc_date(at))
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    if not existing:
        writer.write_record(_warcinfo(writer, path.name))
    response = _response_or_revisit(writer, exchange, at, previous, digest)
    writer.write_request_response_pair(_request(writer, exchange), response)
    try:
        write_atomic(path, existing + out.getvalue())
    except OSError as exc:
        raise StoreError(f"{path}: cannot write WARC ({exc.strerror or exc})") from exc
    return previous or WarcRef(exchange.url, warc_date(at))


def _last_payload(data: bytes) -> tuple[str | None, WarcRef | None]:
    digest, full = None, None
    for record in ArchiveIterator(io.BytesIO(data)):
        if record.rec_type not in ("response", "revisit"):
            continue
        digest = record.rec_headers.get_header("WARC-Payload-Digest")
        if record.rec_type == "response":
            uri = record.rec_headers.get_header("WARC-Target-URI")
            full = WarcRef(uri, record.rec_headers.get_header("WARC-Date"))
    return digest, full


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
