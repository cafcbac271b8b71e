"""Wayback servers' read side: the Internet Archive, pywb, OpenWayback — CDX, ``id_`` replay.

``--wayback-url`` is the server as its users know it: ``https://web.archive.org`` (the
default), a pywb collection ``http://host:8080/my-coll``, an OpenWayback access point
``http://host:8080/wayback``. Its layout is learned from its answers on the first lookup and
kept for the run (each ``Layout`` tried in turn; one "answers" with a CDX body, or with
Memento headers, where the others answer 404, a redirect or a page that is not CDX):

* Internet Archive: CDX at ``<base>/cdx/search/cdx``, replay at ``<base>/web/``;
* pywb: CDX at ``<base>/cdx``, replay at ``<base>/``;
* Memento only (OpenWayback, whose CDX server is a separate application): TimeMap at
  ``<base>/timemap/link/``, TimeGate and replay at ``<base>/``.

A base without a path is tried as the Internet Archive first, one with a path as pywb first.
The Internet Archive's availability API is the fallback of an IA-style CDX server that fails.
A lookup that fails says which URLs were asked and what each answered.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urldefrag, urlsplit

import httpx

from citecheck.archive._capture import ArchiveUnreachable, Memento, Replay, pick
from citecheck.archive._cdx import CdxFormatError, Dialect, cdx_params, parse_cdx
from citecheck.archive._memento import ANSWER_MAX_BYTES, Endpoints, MementoArchive
from citecheck.archive._pace import Pacer, Sleep, http_client
from citecheck.archive._replay import Asker, describe, replay
from citecheck.config import IA_WAYBACK, Settings

# The index and the replay are two endpoints, each paced on its own: well-behaved CDX clients
# stay near 20-25 requests a minute (2.4 s apart); replay is asked 1.5 s apart.
CDX_INTERVAL = Settings.cdx_interval
INTERVAL = Settings.archive_interval
INTERNET_ARCHIVE = "Internet Archive"
log = logging.getLogger("citecheck.archive")
_REPLAY_FLAGS = re.compile(r"^.*?/web/\d{14}[a-z_]*/")


@dataclass(frozen=True)
class Layout:
    """Where one kind of Wayback server answers, relative to its base URL."""

    name: str
    cdx: str | None  # path of the CDX API; None: Memento only
    dialect: Dialect
    replay: str  # path of the replay prefix


IA_LAYOUT = Layout("Internet Archive", "/cdx/search/cdx", Dialect.INTERNET_ARCHIVE, "/web/")
PYWB_LAYOUT = Layout("pywb", "/cdx", Dialect.PYWB, "/")
MEMENTO_LAYOUT = Layout("Memento", None, Dialect.PYWB, "/")


class WaybackClient:
    """Finds and fetches captures from any Wayback-compatible server."""

    def __init__(
        self,
        http: httpx.Client,
        *,
        base_url: str = IA_WAYBACK,
        availability_url: str | None = "https://archive.org/wayback/available",
        pacer: Pacer | None = None,
        replay_pacer: Pacer | None = None,
        max_bytes: int = 64 * 1024 * 1024,
        name: str | None = None,
    ) -> None:
        self.http = http
        self.base_url = base_url.rstrip("/")
        self.availability_url = availability_url
        # The listings' pace (CDX, the availability API, a Memento-only server's TimeMap) and
        # the replays' (the same pacer when only one is given: one endpoint, one pace).
        self.pacer = pacer or Pacer(CDX_INTERVAL)
        self.replay_pacer = replay_pacer or (self.pacer if pacer else Pacer(INTERVAL))
        self.max_bytes = max_bytes
        self.name = name or _name(self.base_url)
        self.layout: Layout | None = IA_LAYOUT if self.base_url == IA_WAYBACK else None
        self._no_layout: str | None = None  # why no layout answered (kept for the run)
        self._memento: MementoArchive | None = None

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
            pacer=Pacer(settings.cdx_interval, sleep=sleep),
            replay_pacer=Pacer(settings.archive_interval, sleep=sleep),
            max_bytes=settings.capture_max_bytes,
        )

    def __repr__(self) -> str:
        return f"WaybackClient({self.base_url!r})"

    @property
    def cited_as(self) -> str | None:
        """The name a citation gives the archive: the configured server's own address
        identifies it, unless it is the Internet Archive."""
        return INTERNET_ARCHIVE if self.base_url == IA_WAYBACK else None

    @property
    def replay_prefix(self) -> str:
        return self.base_url + (self.layout or IA_LAYOUT).replay

    def human_url(self, timestamp: str, url: str) -> str:
        """The link to cite: the archive's own page for the capture."""
        return f"{self.replay_prefix}{timestamp}/{url}"

    def cite_url(self, url: str, memento: Memento, served: str) -> str:
        if self.layout is MEMENTO_LAYOUT and memento.uri:
            return self._memento_archive().cite_url(url, memento, served)
        return self.human_url(served, url)

    # ----------------------------------------------------------------- lookup

    def closest(self, url: str, visited: dt.date) -> Memento | None:
        """The baseline capture of ``url`` for a visit on ``visited``; None when there is none."""
        return pick(self.captures(url, visited), visited)

    def captures(self, url: str, visited: dt.date) -> list[Memento]:
        """The captures of ``url`` the server lists near ``visited`` (any status)."""
        url = urldefrag(url).url  # archives key captures without the fragment
        if self.layout is None:
            return self._discover(url, visited)
        try:
            return self._ask(self.layout, url, visited)
        except ArchiveUnreachable as exc:
            if self.layout is not IA_LAYOUT or not self.availability_url:
                raise
            return self._available(url, visited, failed=str(exc))

    def _discover(self, url: str, visited: dt.date) -> list[Memento]:
        """Try each layout until one answers; remember it (or that none did) for the run."""
        if self._no_layout is not None:
            raise ArchiveUnreachable(self._no_layout)
        misses = []
        for layout in self._layouts():
            try:
                rows = self._ask(layout, url, visited, probing=True)
            except _WrongLayout as miss:
                misses.append(str(miss))
                continue
            except ArchiveUnreachable as exc:
                if layout is IA_LAYOUT and self.availability_url:
                    return self._available(url, visited, failed=str(exc))
                raise
            log.info("%s answers as %s", self.base_url, layout.name)
            self.layout = layout
            return rows
        self._no_layout = (
            f"{self.base_url} does not answer like a Wayback server (no IA or pywb CDX API, "
            f"no Memento TimeMap): {'; '.join(misses)}"
        )
        raise ArchiveUnreachable(self._no_layout)

    def _layouts(self) -> list[Layout]:
        if urlsplit(self.base_url).path.strip("/"):
            return [PYWB_LAYOUT, IA_LAYOUT, MEMENTO_LAYOUT]
        return [IA_LAYOUT, PYWB_LAYOUT, MEMENTO_LAYOUT]

    def _ask(
        self, layout: Layout, url: str, visited: dt.date, *, probing: bool = False
    ) -> list[Memento]:
        """The captures listed at ``layout``'s endpoint; ``probing`` turns an answer from
        something else (a 404, a page that is not CDX) into ``_WrongLayout``."""
        wrong = _WrongLayout if probing else ArchiveUnreachable
        if layout.cdx is None:
            return self._ask_memento(url, visited, wrong)
        response = self._asker(ANSWER_MAX_BYTES).ask(
            self.base_url + layout.cdx, cdx_params(layout.dialect, url, visited)
        )
        if response.status_code != 200:  # a redirect or 4xx: nothing of that name here
            raise (wrong if 300 <= response.status_code < 500 else ArchiveUnreachable)(
                describe(response)
            )
        try:
            rows = parse_cdx(response.text)
        except CdxFormatError as exc:
            raise wrong(f"{describe(response)}: not CDX JSON: {exc}") from exc
        if probing and not rows and layout is PYWB_LAYOUT:
            self._check_collection()
        return rows

    def _check_collection(self) -> None:
        """pywb answers ``/<any name>/cdx`` with no rows: a mistyped collection would look
        empty. Its page (``<base>/``) is there only for a collection that exists."""
        response = self._asker(ANSWER_MAX_BYTES).ask(self.base_url + "/")
        if response.status_code == 404:
            raise _WrongLayout(f"{describe(response)}: no such pywb collection")

    def _ask_memento(
        self, url: str, visited: dt.date, wrong: type[ArchiveUnreachable]
    ) -> list[Memento]:
        archive = self._memento_archive()
        try:
            rows = archive.captures(url, visited)
        except ArchiveUnreachable as exc:
            raise (ArchiveUnreachable if archive.answered else wrong)(str(exc)) from exc
        if not archive.answered:
            raise wrong(f"{archive.endpoints.timemap}{url}: no Memento TimeMap or TimeGate")
        return rows

    def _memento_archive(self) -> MementoArchive:
        if self._memento is None:
            endpoints = Endpoints.of(self.base_url + MEMENTO_LAYOUT.replay)
            self._memento = MementoArchive(self.name, endpoints, self._asker(ANSWER_MAX_BYTES))
        return self._memento

    def _available(self, url: str, visited: dt.date, *, failed: str) -> list[Memento]:
        assert self.availability_url is not None
        params = {"url": url, "timestamp": f"{visited:%Y%m%d}235959"}
        try:
            response = self._asker(ANSWER_MAX_BYTES).ask(self.availability_url, params)
            if response.status_code != 200:
                raise ArchiveUnreachable(describe(response))
            return parse_available(response.json())
        except (ArchiveUnreachable, ValueError) as exc:
            raise ArchiveUnreachable(f"{failed}; availability API: {exc}") from exc

    def _asker(self, max_bytes: int) -> Asker:
        return Asker(self.http, self.pacer, max_bytes)

    # ----------------------------------------------------------------- replay

    def replay(self, memento: Memento) -> Replay:
        """The capture's original bytes (``id_``), following the archive's redirect to the
        closest capture when there is none at exactly that second."""
        if self.layout is MEMENTO_LAYOUT and memento.uri:
            return self._memento_archive().replay(memento)
        url = f"{self.replay_prefix}{memento.timestamp}id_/{memento.original}"
        asker = Asker(self.http, self.replay_pacer, self.max_bytes)
        return replay(asker, url, self.replay_prefix)


class _WrongLayout(ArchiveUnreachable):
    """This layout's endpoint is not there (404, or not a CDX answer): try the next one."""


def _name(base_url: str) -> str:
    if base_url == IA_WAYBACK:
        return INTERNET_ARCHIVE
    parts = urlsplit(base_url)
    return parts.netloc + parts.path.rstrip("/")


def parse_available(data: Any) -> list[Memento]:
    """Availability API: ``archived_snapshots.closest`` or nothing."""
    snapshots = data.get("archived_snapshots") if isinstance(data, dict) else None
    closest = snapshots.get("closest") if isinstance(snapshots, dict) else None
    if not isinstance(closest, dict) or not closest.get("available"):
        return []
    original = _REPLAY_FLAGS.sub("", str(closest["url"]))
    return [Memento(str(closest["timestamp"]), original, str(closest.get("status", "-")))]
