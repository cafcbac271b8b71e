"""Where baselines come from: the Wayback server, then every ``--archive``, one choice over all.

    baselines = Baselines(sources_from_settings(settings))
    found = baselines.find("http://example.org/page", date(2018, 10, 5))   # a Found or None

Every archive lists its captures of the URL near the visit date; ``ordered`` ranks them all
together (nearest before the visit day first; ties go to the archive named first), and the
best are replayed in turn until one is a real page (a listing may not know a capture's
status; a replay may serve another time than asked). The archive that served it is named in
the result, so the report and the fix can say "archived by the Library of Congress".

If any archive cannot be asked, the lookup fails as a whole and is retried next run: a
baseline chosen without it might not be the nearest, and baselines are looked up once.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol
from urllib.parse import urldefrag, urlsplit

import httpx

from citecheck.archive._capture import (
    ArchiveUnreachable,
    Memento,
    NotACapture,
    Replay,
    in_window,
    is_before,
    ordered,
)
from citecheck.archive._memento import ANSWER_MAX_BYTES, Endpoints, MementoArchive
from citecheck.archive._names import archive_entry, archive_name
from citecheck.archive._pace import Pacer, Sleep
from citecheck.archive._replay import Asker
from citecheck.archive._wayback import WaybackClient
from citecheck.config import Settings

log = logging.getLogger("citecheck.archive")
TRIES = 4  # replays per lookup before giving up on the listed captures


class ArchiveSource(Protocol):
    """One archive: lists captures near a date, replays one, says which page to cite."""

    @property
    def name(self) -> str: ...

    @property
    def cited_as(self) -> str | None: ...

    def captures(self, url: str, visited: dt.date) -> list[Memento]: ...

    def replay(self, memento: Memento) -> Replay: ...

    def cite_url(self, url: str, memento: Memento, served: str) -> str: ...


@dataclass(frozen=True)
class Found:
    """The baseline: which archive, which capture, its bytes, and the page to cite.

    ``replay`` is None when the capture was not replayed because its digest is the live
    payload's: its bytes are the live capture's, already at hand."""

    archive: str | None
    memento: Memento
    replay: Replay | None
    cite_url: str

    @property
    def timestamp(self) -> str:
        """The capture time the baseline really has (a replay may serve a nearby one)."""
        return self.replay.timestamp if self.replay is not None else self.memento.timestamp


class Baselines:
    """Finds the capture of a URL nearest before its visit date across ``sources``."""

    def __init__(self, sources: Sequence[ArchiveSource], *, tries: int = TRIES) -> None:
        self.sources = list(sources)
        self.tries = tries

    def find(self, url: str, visited: dt.date, live_digest: str | None = None) -> Found | None:
        """The baseline of ``url``; None when no archive holds a usable capture near the date.

        ``live_digest`` (``sha1:<base32>``) is the live payload's: a capture listed with that
        digest is taken without replaying it. Raises ArchiveUnreachable (naming each archive
        that failed and why).
        """
        return self.choose(url, self.listed(url, visited), visited, live_digest)

    def choose(
        self,
        url: str,
        listed: list[tuple[ArchiveSource, Memento]],
        visited: dt.date,
        live_digest: str | None = None,
    ) -> Found | None:
        """The best of the ``listed`` captures that replays as a real page (``find``)."""
        url = urldefrag(url).url
        for source, memento in ordered(listed, visited, lambda pair: pair[1])[: self.tries]:
            if live_digest is not None and _same_bytes(memento, live_digest):
                cite = source.cite_url(url, memento, memento.timestamp)
                return Found(source.cited_as, memento, None, cite)
            try:
                found = source.replay(memento)
            except NotACapture as exc:
                log.info("skipped a capture of %s: %s", url, exc)
                continue
            if _faithful(memento, found, visited):
                cite = source.cite_url(url, memento, found.timestamp)
                return Found(source.cited_as, memento, found, cite)
            log.info("skipped %s: served %s for %s", url, found.timestamp, memento.timestamp)
        return None

    def listed(self, url: str, visited: dt.date) -> list[tuple[ArchiveSource, Memento]]:
        """Every archive's captures of ``url`` near ``visited``, with the archive listing it."""
        url = urldefrag(url).url  # archives key captures without the fragment
        listed: list[tuple[ArchiveSource, Memento]] = []
        failures = []
        for source in self.sources:
            try:
                listed += [(source, memento) for memento in source.captures(url, visited)]
            except ArchiveUnreachable as exc:
                failures.append(f"{source.name}: {exc}" if len(self.sources) > 1 else str(exc))
        if failures:
            raise ArchiveUnreachable("; ".join(failures))
        return listed


def _same_bytes(memento: Memento, live_digest: str) -> bool:
    """A 200 capture whose payload digest (as a CDX index lists it) is the live payload's."""
    return (
        memento.status == "200"
        and bool(memento.digest)
        and live_digest == (f"sha1:{memento.digest}")
    )


def _faithful(memento: Memento, found: Replay, visited: dt.date) -> bool:
    """The capture served is the one chosen, or one on the same side of the visit day."""
    if found.timestamp == memento.timestamp:
        return True
    before = is_before(memento, visited)
    served = Memento(found.timestamp, memento.original, memento.status)
    return in_window(found.timestamp, visited) and is_before(served, visited) == before


# --------------------------------------------------------------------------- settings


def sources_from_settings(
    settings: Settings,
    *,
    wayback: WaybackClient | None = None,
    transport: httpx.BaseTransport | None = None,
    sleep: Sleep = time.sleep,
) -> list[ArchiveSource]:
    """The Wayback server, then each of ``settings.archives`` in order.

    Archives on one host share a pacer, so listing the same archive twice (or the Wayback
    Machine as a Memento archive too) does not double the rate it is asked at.
    """
    wayback = wayback or WaybackClient.from_settings(settings, transport=transport, sleep=sleep)
    pacers = {urlsplit(wayback.base_url).netloc: wayback.pacer}
    sources: list[ArchiveSource] = [wayback]
    for entry in settings.archives:
        name, url = archive_entry(entry)
        host = urlsplit(url).netloc
        pacer = pacers.setdefault(host, Pacer(settings.archive_interval, sleep=sleep))
        asker = Asker(wayback.http, pacer, ANSWER_MAX_BYTES)
        sources.append(MementoArchive(name, Endpoints.of(url), asker))
    return sources


def memento_near(
    timegate: str,
    url: str,
    visited: dt.date,
    *,
    timemap: str | None = None,
    settings: Settings | None = None,
    transport: httpx.BaseTransport | None = None,
    sleep: Sleep = time.sleep,
) -> Found | None:
    """The capture of ``url`` nearest before ``visited`` in one Memento archive.

    The entry point for an archive cited in a document, e.g. a Perma.cc link:
    ``memento_near("https://perma.cc/timegate/", url, day,
    timemap="https://perma.cc/timemap/link/")``. Raises ArchiveUnreachable.
    """
    endpoints = Endpoints.of(timegate, timemap)
    archive = MementoArchive.from_settings(
        archive_name(timegate), endpoints, settings or Settings(), transport=transport, sleep=sleep
    )
    return Baselines([archive]).find(url, visited)
