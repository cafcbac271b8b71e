"""The Wayback Machine's read side: CDX lookups, the availability API, ``id_`` replay.

Which capture is the baseline (InternetArchiveBot's rule): the closest 2xx capture on or before
the last-visited day, looking back at most ``BEFORE`` (a year); else the closest one after it,
at most ``AFTER`` (half a year) later — later copies drift away from what the authors read.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urldefrag

import httpx

from citecheck.archive._pace import Pacer, Sleep, Throttled, http_client
from citecheck.config import Settings

BEFORE = dt.timedelta(days=365)
AFTER = dt.timedelta(days=180)
# Well-behaved CDX clients stay near 20–25 requests a minute; a lookup is a CDX query plus
# one replay, so 1.5 s between any two requests keeps the CDX rate near 20 a minute.
INTERVAL = Settings.archive_interval
_FIELDS = "timestamp,original,statuscode,mimetype,digest"
_REPLAY_TS = re.compile(r"/web/(\d{14})")
_OK = re.compile(r"2\d\d")


class ArchiveUnreachable(Exception):
    """The lookup could not be answered now (network, 5xx, 429, garbage): try again next run."""


@dataclass(frozen=True)
class Memento:
    """One capture as the CDX server lists it."""

    timestamp: str
    original: str
    status: str
    mimetype: str | None = None
    digest: str | None = None


@dataclass(frozen=True)
class Replay:
    """The original bytes of a capture, and the capture time the archive really served."""

    timestamp: str
    body: bytes
    content_type: str | None


class WaybackClient:
    """Finds and fetches captures from any Wayback-compatible server."""

    def __init__(
        self,
        http: httpx.Client,
        *,
        base_url: str = "https://web.archive.org",
        availability_url: str = "https://archive.org/wayback/available",
        pacer: Pacer | None = None,
        max_bytes: int = 64 * 1024 * 1024,
    ) -> None:
        self.http = http
        self.base_url = base_url.rstrip("/")
        self.availability_url = availability_url
        self.pacer = pacer or Pacer(INTERVAL)
        self.max_bytes = max_bytes

    @classmethod
    def from_settings(
        cls,
        settings: Settings,
        *,
        transport: httpx.BaseTransport | None = None,
        sleep: Sleep = time.sleep,
    ) -> WaybackClient:
        return cls(
            http_client(settings, transport),
            base_url=settings.wayback_url,
            availability_url=settings.availability_endpoint(),
            pacer=Pacer(settings.archive_interval, sleep=sleep),
            max_bytes=settings.capture_max_bytes,
        )

    def human_url(self, timestamp: str, url: str) -> str:
        """The link to cite: the archive's own page for the capture."""
        return f"{self.base_url}/web/{timestamp}/{url}"

    # ----------------------------------------------------------------- lookup

    def closest(self, url: str, visited: dt.date) -> Memento | None:
        """The baseline capture of ``url`` for a visit on ``visited``; None when there is none."""
        url = urldefrag(url).url  # archives key captures without the fragment
        try:
            rows = self._cdx(url, visited)
        except (httpx.HTTPError, ArchiveUnreachable, ValueError):
            rows = self._available(url, visited)
        return pick(rows, visited)

    def _cdx(self, url: str, visited: dt.date) -> list[Memento]:
        params = {
            "url": url,
            "output": "json",
            "fl": _FIELDS,
            "filter": "statuscode:2..",
            "from": f"{visited - BEFORE:%Y%m%d}",
            "to": f"{visited + AFTER:%Y%m%d}",
            "closest": f"{visited:%Y%m%d}235959",
            "sort": "closest",
            "limit": "50",
        }
        response = self._get(f"{self.base_url}/cdx/search/cdx", params)
        return parse_cdx(response.text)

    def _available(self, url: str, visited: dt.date) -> list[Memento]:
        params = {"url": url, "timestamp": f"{visited:%Y%m%d}235959"}
        try:
            response = self._get(self.availability_url, params)
            return parse_available(response.json())
        except (httpx.HTTPError, ValueError) as exc:
            raise ArchiveUnreachable(f"availability API: {exc}") from exc

    def _get(self, url: str, params: dict[str, str]) -> httpx.Response:
        try:
            response = self.pacer.send(lambda: self.http.get(url, params=params))
        except Throttled as exc:
            raise ArchiveUnreachable(str(exc)) from exc
        if response.status_code != 200:
            raise ArchiveUnreachable(f"{url} answered {response.status_code}")
        return response

    # ----------------------------------------------------------------- replay

    def replay(self, memento: Memento) -> Replay:
        """The capture's original bytes (``id_``), following the archive's redirect to the
        closest capture when there is none at exactly that second."""
        url = f"{self.base_url}/web/{memento.timestamp}id_/{memento.original}"
        for _hop in range(5):
            try:
                response = self.pacer.send(functools.partial(self._fetch, url))
            except (httpx.HTTPError, Throttled) as exc:
                raise ArchiveUnreachable(f"replay of {memento.timestamp}: {exc}") from exc
            location = response.headers.get("location")
            if response.is_redirect and location:
                url = str(httpx.URL(url).join(location))
                continue
            return self._replayed(response, url)
        raise ArchiveUnreachable(f"replay of {memento.timestamp}: too many redirects")

    def _fetch(self, url: str) -> httpx.Response:
        with self.http.stream("GET", url) as response:
            body = bytearray()
            for chunk in response.iter_bytes():
                body += chunk
                if len(body) >= self.max_bytes:
                    break
            return httpx.Response(
                response.status_code,
                headers=response.headers,
                content=bytes(body),
                request=response.request,
            )

    def _replayed(self, response: httpx.Response, url: str) -> Replay:
        if not response.is_success or "memento-datetime" not in response.headers:
            raise ArchiveUnreachable(f"{url}: answered {response.status_code}, not a capture")
        match = _REPLAY_TS.search(httpx.URL(url).path)
        timestamp = match.group(1) if match else _memento_timestamp(response)
        return Replay(timestamp, response.content, response.headers.get("content-type"))


def _memento_timestamp(response: httpx.Response) -> str:
    when = dt.datetime.strptime(response.headers["memento-datetime"], "%a, %d %b %Y %H:%M:%S GMT")
    return f"{when:%Y%m%d%H%M%S}"


# --------------------------------------------------------------------------- parsing


def parse_cdx(text: str) -> list[Memento]:
    """CDX ``output=json``: a header row naming the fields, then one row per capture."""
    if not text.strip():
        return []
    rows = json.loads(text)
    if not isinstance(rows, list) or not all(isinstance(r, list) for r in rows):
        raise ValueError("CDX answer is not a JSON array of arrays")
    if not rows:
        return []
    header, *captures = rows
    return [_memento(dict(zip(header, row, strict=False))) for row in captures]


def _memento(row: dict[str, Any]) -> Memento:
    return Memento(
        timestamp=str(row["timestamp"]),
        original=str(row["original"]),
        status=str(row.get("statuscode", "-")),
        mimetype=row.get("mimetype"),
        digest=row.get("digest"),
    )


def parse_available(data: Any) -> list[Memento]:
    """Availability API: ``archived_snapshots.closest`` or nothing."""
    snapshots = data.get("archived_snapshots") if isinstance(data, dict) else None
    closest = snapshots.get("closest") if isinstance(snapshots, dict) else None
    if not isinstance(closest, dict) or not closest.get("available"):
        return []
    original = re.sub(r"^.*?/web/\d{14}[a-z_]*/", "", str(closest["url"]))
    return [Memento(str(closest["timestamp"]), original, str(closest.get("status", "-")))]


def pick(captures: list[Memento], visited: dt.date) -> Memento | None:
    """The closest 2xx capture on or before ``visited`` (within BEFORE), else after (AFTER)."""
    end = f"{visited:%Y%m%d}235959"
    first = f"{visited - BEFORE:%Y%m%d}000000"
    last = f"{visited + AFTER:%Y%m%d}235959"
    ok = [c for c in captures if _OK.fullmatch(c.status) and first <= c.timestamp <= last]
    before = [c for c in ok if c.timestamp <= end]
    if before:
        return max(before, key=lambda c: c.timestamp)
    after = [c for c in ok if c.timestamp > end]
    return min(after, key=lambda c: c.timestamp) if after else None
