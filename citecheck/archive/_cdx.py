"""The two CDX server dialects: the Internet Archive's (and OpenWayback's) and pywb's.

Internet Archive (``/cdx/search/cdx``): ``output=json`` is a JSON array of arrays whose first
row names the fields (``original``, ``statuscode``, ``mimetype``); filters are
``[!]field:regex``. pywb (``/<coll>/cdx``): ``output=json`` is one JSON object per line
(NDJSON), fields named ``url``, ``status``, ``mime``; unknown ``fl`` names are dropped; filters
are ``[!][=|~]field:value`` (``~`` a regex match at the start); revisit records carry no
``status`` at all. ``parse_cdx`` reads either answer (and pywb's native CDXJ lines), whatever
endpoint sent it; a body that is neither raises ``CdxFormatError`` saying what it found.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import re
from typing import Any

from citecheck.archive._capture import AFTER, BEFORE, Memento

_TIMESTAMP = re.compile(r"\d{4,14}")
_IA_FIELDS = "timestamp,original,statuscode,mimetype,digest"
_PYWB_FIELDS = "timestamp,url,status,mime,digest"
_ROWS = "50"


class CdxFormatError(ValueError):
    """The answer is not CDX JSON in any dialect."""


class Dialect(enum.Enum):
    INTERNET_ARCHIVE = "internet-archive"
    PYWB = "pywb"


def cdx_params(dialect: Dialect, url: str, visited: dt.date) -> dict[str, str]:
    """The query for the captures of ``url`` around ``visited``, nearest first."""
    window = {
        "url": url,
        "output": "json",
        "from": f"{visited - BEFORE:%Y%m%d}",
        "to": f"{visited + AFTER:%Y%m%d}",
        "closest": f"{visited:%Y%m%d}235959",
        "sort": "closest",
        "limit": _ROWS,
    }
    if dialect is Dialect.INTERNET_ARCHIVE:
        return {**window, "fl": _IA_FIELDS, "filter": "statuscode:2.."}
    # No 4xx/5xx; keeps redirects and revisit records (no status field), resolved on replay.
    return {**window, "fl": _PYWB_FIELDS, "filter": "!~status:[45]"}


def parse_cdx(text: str) -> list[Memento]:
    """CDX ``output=json`` of either dialect (empty body or ``[]``: no captures)."""
    text = text.strip()
    if not text:
        return []
    if text.startswith("["):
        return _json_array(text)
    return [_memento(_line(line, number)) for number, line in _lines(text)]


def _json_array(text: str) -> list[Memento]:
    try:
        rows = json.loads(text)
    except ValueError as exc:
        raise CdxFormatError(f"a JSON array that does not parse ({exc})") from exc
    if not isinstance(rows, list) or not all(isinstance(r, list) for r in rows):
        raise CdxFormatError("a JSON value that is not an array of arrays")
    if not rows:
        return []
    header, *captures = rows
    return [_memento(dict(zip(header, row, strict=False))) for row in captures]


def _lines(text: str) -> list[tuple[int, str]]:
    return [(n, line.strip()) for n, line in enumerate(text.splitlines(), 1) if line.strip()]


def _line(line: str, number: int) -> dict[str, Any]:
    """A JSON object line, or a CDXJ line: ``urlkey timestamp {json}``."""
    head, brace, rest = line.partition("{")
    parts = head.split()
    if not brace or len(parts) not in (0, 2):
        raise CdxFormatError(f"line {number} is not a JSON object: {line[:80]!r}")
    try:
        row = json.loads(brace + rest)
    except ValueError as exc:
        raise CdxFormatError(f"line {number} does not parse ({exc}): {line[:80]!r}") from exc
    if not isinstance(row, dict):
        raise CdxFormatError(f"line {number} is not a JSON object: {line[:80]!r}")
    return {"urlkey": parts[0], "timestamp": parts[1], **row} if parts else row


def _memento(row: dict[str, Any]) -> Memento:
    timestamp = str(row.get("timestamp", ""))
    original = row.get("original", row.get("url"))
    if not _TIMESTAMP.fullmatch(timestamp) or not original:
        raise CdxFormatError(f"a row without a timestamp and URL: {str(row)[:120]}")
    return Memento(
        timestamp=timestamp,
        original=str(original),
        status=str(row.get("statuscode", row.get("status", "-"))),
        mimetype=row.get("mimetype", row.get("mime")),
        digest=row.get("digest"),
    )
