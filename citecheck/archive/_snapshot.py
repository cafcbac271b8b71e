"""One source's snapshot: take the live capture, find the baseline, measure drift, write.

Order of writes: WARC, baseline.txt, text.txt, meta.json — each atomic, metadata last. A kill
between two of them leaves whole files and a ``meta.json`` describing the last complete state;
the next run notices the text hashes and repairs. A fetch that failed never touches the texts.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Protocol

from citecheck.archive._capture import AFTER, BEFORE, ArchiveUnreachable
from citecheck.archive._drift import Drift, compare
from citecheck.archive._extract import extract_text
from citecheck.archive._sources import ArchiveSource, Found
from citecheck.archive._store import (
    Baseline,
    Capture,
    Meta,
    SnapshotStore,
    add_history,
    format_time,
    text_hash,
)
from citecheck.archive._warc import WarcRef, append_capture, payload_digest
from citecheck.model import (
    ANSWERED,
    ContentStatus,
    Exchange,
    HistoryEntry,
    Link,
    LinkResult,
    Verdict,
)

log = logging.getLogger("citecheck.archive")
_NO_LOOKUP = {Verdict.INVALID, Verdict.SKIPPED}


class Finder(Protocol):
    """Where baselines are found: ``Baselines`` itself, or ``Lookups`` run beside the check."""

    @property
    def sources(self) -> Sequence[ArchiveSource]: ...

    def find(self, url: str, visited: dt.date) -> Found | None: ...


@dataclass(frozen=True)
class Outcome:
    meta: Meta
    changed_since_last_run: bool
    previous_verdict: Verdict | None


@dataclass(frozen=True)
class Live:
    """This run's good live capture, reduced to what outlives the response body."""

    capture: Capture
    text: str


@dataclass(frozen=True)
class _Texts:
    live: str | None
    baseline: str | None
    baseline_note: str


def take_capture(
    store: SnapshotStore, snapshot_id: str, meta: Meta | None, exchange: Exchange, now: dt.datetime
) -> Live:
    """Write the exchange to the day's WARC and extract its text (reused if the bytes are known).

    Runs while the check is still going, so the body can be dropped right after. ``meta`` is
    the snapshot's metadata before this run.
    """
    digest = payload_digest(exchange.body)
    known = meta.capture if meta and meta.capture else None
    if known is not None and known.payload_digest != digest:
        known = None
    warc = store.warc_path(snapshot_id, now.date())
    ref = append_capture(warc, exchange, now, _warc_ref(known), digest)
    if known is not None:
        text = _stored_text(store, meta)
        if text is None:  # text.txt lost or stale (a run killed between files): extract again
            text = extract_text(exchange.body, _content_type(exchange))
            known = replace(known, text_sha256=text_hash(text))
        return Live(known, text)
    text = extract_text(exchange.body, _content_type(exchange))
    capture = Capture(
        captured_at=format_time(now),
        url=exchange.url,
        status_code=exchange.status_code,
        content_type=_content_type(exchange),
        payload_digest=digest,
        text_sha256=text_hash(text),
        truncated=exchange.truncated,
        warc_file=warc.relative_to(store.root).as_posix(),
        warc_target_uri=ref.target_uri,
        warc_date=ref.date,
    )
    return Live(capture, text)


def is_good_capture(result: LinkResult) -> bool:
    exchange = result.exchange
    return result.verdict in ANSWERED and exchange is not None and 200 <= exchange.status_code < 300


def archive_source(
    store: SnapshotStore,
    baselines: Finder,
    link: Link,
    snapshot_id: str,
    previous: Meta | None,
    result: LinkResult,
    live: Live | None,
    now: dt.datetime,
) -> Outcome:
    """Update the snapshot ``snapshot_id`` (``previous``: its metadata before this run)."""
    meta = previous or Meta(id=snapshot_id, url=link.url)
    entry = HistoryEntry(now, result.verdict, result.status_code, result.final_url, result.reason)
    meta = replace(meta, history=add_history(meta.history, entry))
    old_text = _stored_text(store, previous)
    baseline, baseline_text, note = _baseline(store, baselines, meta, link, result, live)
    meta = replace(meta, baseline=baseline, capture=live.capture if live else meta.capture)
    live_text = live.text if live else None
    meta = _with_drift(meta, result, _Texts(live_text, baseline_text, note))
    if live_text is not None and live_text != old_text:
        store.write_text(snapshot_id, "text.txt", live_text)
    store.write_meta(meta)
    return Outcome(meta, _changed(previous, old_text, live_text), _last_verdict(previous))


def current_meta(store: SnapshotStore, snapshot_id: str, url: str) -> Meta | None:
    """The stored metadata, unless it belongs to another URL (the document's URL was corrected)."""
    meta = store.load(snapshot_id)
    return meta if meta is not None and meta.url == url else None


def _last_verdict(meta: Meta | None) -> Verdict | None:
    return meta.history[-1].verdict if meta and meta.history else None


def _stored_text(store: SnapshotStore, meta: Meta | None) -> str | None:
    """The previous capture's text, if the file is the one the metadata describes."""
    if meta is None or meta.capture is None:
        return None
    text = store.read_text(meta.id, "text.txt")
    return text if text is not None and text_hash(text) == meta.capture.text_sha256 else None


def _warc_ref(capture: Capture | None) -> WarcRef | None:
    return WarcRef(capture.warc_target_uri, capture.warc_date) if capture else None


def _content_type(exchange: Exchange) -> str | None:
    return next((v for k, v in exchange.response_headers if k.lower() == "content-type"), None)


# --------------------------------------------------------------------------- baseline


def lookup_day(previous: Meta | None, link: Link, result: LinkResult) -> dt.date | None:
    """The day whose capture the archives must be asked for, or None when they need not be:
    no day to look near, a baseline already recorded for that day (found or not: a source is
    looked up once), or a URL that was invalid or skipped."""
    if link.baseline is None or result.verdict in _NO_LOOKUP:
        return None
    day = link.baseline.day
    known = previous.baseline if previous is not None else None
    return None if known is not None and known.visited == day.isoformat() else day


def _baseline(
    store: SnapshotStore,
    baselines: Finder,
    meta: Meta,
    link: Link,
    result: LinkResult,
    live: Live | None,
) -> tuple[Baseline | None, str | None, str]:
    """The baseline (looked up once per URL and baseline day) with its text and a note.

    The day is the link's visit date or, for a source cited without one, the day inferred
    from its publication date or the document's (``Link.baseline``).
    """
    if link.baseline is None:
        return None, None, "no visit date, publication date or document date to look near"
    day = link.baseline.day
    known = meta.baseline
    if known is not None and known.visited == day.isoformat():
        text = store.read_text(meta.id, "baseline.txt") if known.timestamp else None
        return known, text, _none_note(day, baselines)
    if result.verdict in _NO_LOOKUP:
        return None, None, f"not looked up: the URL is {result.verdict.value}"
    try:
        return _lookup(store, baselines, meta.id, link.url, day, live)
    except ArchiveUnreachable as exc:
        log.warning("baseline lookup for %s failed: %s", link.url, exc)
        return None, None, f"the archive could not be asked ({exc}); retried next run"


def _lookup(
    store: SnapshotStore,
    baselines: Finder,
    snapshot_id: str,
    url: str,
    visited: dt.date,
    live: Live | None,
) -> tuple[Baseline, str | None, str]:
    found = baselines.find(url, visited)
    if found is None:
        return Baseline(visited.isoformat()), None, _none_note(visited, baselines)
    memento = found.memento
    if found.replay is None:  # not replayed: the capture has the live payload's bytes
        assert live is not None
        text = live.text
    else:
        text = extract_text(found.replay.body, found.replay.content_type)
    store.write_text(snapshot_id, "baseline.txt", text)
    baseline = Baseline(
        visited=visited.isoformat(),
        timestamp=found.timestamp,
        original=memento.original,
        archive_url=found.cite_url,
        digest=memento.digest if found.timestamp == memento.timestamp else None,
        text_sha256=text_hash(text),
        archive=found.archive,
    )
    return baseline, text, ""


def _none_note(visited: dt.date, baselines: Finder) -> str:
    where = "Wayback" if len(baselines.sources) == 1 else "archived"
    return (
        f"no 2xx {where} capture between {visited - BEFORE:%Y-%m-%d} and {visited + AFTER:%Y-%m-%d}"
    )


# --------------------------------------------------------------------------- drift


def _with_drift(meta: Meta, result: LinkResult, texts: _Texts) -> Meta:
    if texts.live is None:
        return replace(
            meta,
            content=ContentStatus.UNAVAILABLE.value,
            similarity=None,
            summary=f"live source {result.verdict.value}: {result.reason}",
        )
    if texts.baseline is None:
        return replace(
            meta,
            content=ContentStatus.NO_BASELINE.value,
            similarity=None,
            summary=texts.baseline_note,
        )
    drift = _drift(meta, texts.baseline, texts.live)
    status = ContentStatus.CHANGED if drift.changed else ContentStatus.UNCHANGED
    return replace(meta, content=status.value, similarity=drift.similarity, summary=drift.summary)


def _drift(meta: Meta, baseline: str, live: str) -> Drift:
    digest = meta.baseline.digest if meta.baseline else None
    if digest and meta.capture and meta.capture.payload_digest == f"sha1:{digest}":
        return Drift(False, 1.0, "same bytes as the archived capture")
    if not baseline.strip() or not live.strip():
        side = "archived capture" if not baseline.strip() else "live page"
        return Drift(True, 0.0, f"no text to compare in the {side}")
    return compare(baseline, live)


def _changed(previous: Meta | None, old_text: str | None, live: str | None) -> bool:
    """The live text changed materially since the previous snapshot (same measure as drift).

    Verdict changes (gone, recovered) are the history's business, not this flag's.
    """
    if previous is None or old_text is None or live is None:
        return False
    return compare(old_text, live).changed
