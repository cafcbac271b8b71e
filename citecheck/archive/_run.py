"""One archive run: check with capture, keep each capture, find baselines, measure, save.

Captures are taken while the check runs (the checker hands each body over once and drops it),
which is safe for the outage rule: a body exists only if some host answered, and then the run
is conclusive. Everything else — baselines, drift, metadata — happens after the check, and not
at all when the run was inconclusive: then no file changes and the statuses come from the store.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from urllib.parse import urlsplit

from citecheck.archive._lock import store_lock
from citecheck.archive._pace import BACKOFF, Sleep
from citecheck.archive._save import Saver
from citecheck.archive._snapshot import (
    Live,
    archive_source,
    current_meta,
    is_good_capture,
    take_capture,
)
from citecheck.archive._sources import Baselines, sources_from_settings
from citecheck.archive._spn import SavePageNow, keys_from_env, within_seconds
from citecheck.archive._statuses import read_statuses, to_status
from citecheck.archive._store import Meta, SnapshotStore, snapshot_map
from citecheck.archive._wayback import WaybackClient
from citecheck.check import Resolver, check_links, utc_now
from citecheck.config import Settings
from citecheck.errors import ConfigError, StoreError
from citecheck.model import ANSWERED, ArchiveRun, Link, LinkResult, Verdict, distinct_links
from citecheck.progress import Progress, Step, ignore

_KEYS_HELP = (
    "--save needs Save Page Now keys from archive.org: set CITECHECK_SPN_ACCESS_KEY and "
    "CITECHECK_SPN_SECRET_KEY (or IA_ACCESS_KEY and IA_SECRET_KEY)"
)


def archive_links(
    links: Sequence[Link],
    settings: Settings,
    store: Path,
    *,
    save: bool = False,
    resolver: Resolver | None = None,
    wayback: WaybackClient | None = None,
    spn: SavePageNow | None = None,
    clock: Callable[[], dt.datetime] = utc_now,
    sleep: Sleep = time.sleep,
    progress: Progress | None = None,
    on_wait: Callable[[str], None] | None = None,
) -> ArchiveRun:
    """Check ``links``, update their snapshots under ``store`` and measure drift.

    ``sleep`` paces the archive APIs (the checker keeps its own); ``progress`` hears the
    check's steps, then one ``archive`` step a snapshot (the baseline lookup is the slow part
    of a first run). Skipped links (``exclude``, the address guard) get no snapshot. With
    ``save`` live sources go to Save Page Now (keys from the environment unless ``spn`` is
    given). Raises ``ConfigError`` or ``StoreError`` only.

    One run at a time holds the store: before any network work the store is locked (if
    another run holds it, ``on_wait`` hears for whom and the run waits, or with
    ``settings.wait_for_lock`` off raises ``StoreBusy``) and shown to be writable.
    """
    within = _save_within(settings)
    progress = progress or ignore
    waits = _Waits(sleep, progress, _archive_name(settings))
    if save and spn is None:
        keys = keys_from_env(os.environ)
        if keys is None:
            raise ConfigError(_KEYS_HELP)
        spn = SavePageNow.from_settings(settings, keys, sleep=waits)
    snapshots = SnapshotStore(store)
    fresh = not store.exists()
    with store_lock(store, wait=settings.wait_for_lock, on_wait=on_wait) as lock:
        try:
            snapshots.prepare()
            return _archive(
                links, settings, snapshots, resolver=resolver, wayback=wayback, spn=spn,
                within=within, clock=clock, waits=waits, progress=progress,
            )  # fmt: skip
        finally:
            # A run that checked nothing (or could not reach the network) leaves no store.
            if fresh and snapshots.discard_if_unused():
                lock.remove()


def _archive(
    links: Sequence[Link],
    settings: Settings,
    snapshots: SnapshotStore,
    *,
    resolver: Resolver | None,
    wayback: WaybackClient | None,
    spn: SavePageNow | None,
    within: str,
    clock: Callable[[], dt.datetime],
    waits: _Waits,
    progress: Progress,
) -> ArchiveRun:
    """``archive_links`` once the store is locked and writable."""
    distinct = distinct_links(links)
    ids = snapshot_map(distinct)
    # Read every snapshot before the check: a damaged store fails fast, before any network use.
    previous = {sid: current_meta(snapshots, sid, url) for url, sid in ids.items()}
    captures = _Captures(snapshots, ids, previous, clock)
    run = check_links(
        distinct,
        settings,
        resolver=resolver,
        capture=True,
        on_result=captures.take,
        progress=progress,
        clock=clock,
    )
    if captures.error is not None:
        raise captures.error
    leftovers = snapshots.leftovers(set(ids.values()))
    if run.inconclusive:
        return ArchiveRun(run, read_statuses(snapshots, distinct, ids), leftovers)
    snapshots.tidy()
    baselines = Baselines(sources_from_settings(settings, wayback=wayback, sleep=waits))
    results = {result.url: result for result in run.results}
    kept = [link for link in distinct if results[link.url].verdict is not Verdict.SKIPPED]
    waits.step = Step("archive", 0, len(kept))
    outcomes = []
    for link in kept:
        outcomes.append(archive_source(
            snapshots, baselines, link, ids[link.url], previous[ids[link.url]],
            results[link.url], captures.live.get(link.url), run.finished_at,
        ))  # fmt: skip
        waits.step = Step("archive", len(outcomes), len(kept))
        progress(waits.step)
    metas = {o.meta.id: o.meta for o in outcomes}
    if spn is not None:
        live = [o.meta for o in outcomes if results[o.meta.url].verdict in ANSWERED]
        saver = Saver(spn, snapshots, clock(), within, within_seconds(within))
        metas.update(saver.save(live))
    statuses = tuple(
        to_status(metas[o.meta.id], o.changed_since_last_run, o.previous_verdict) for o in outcomes
    )
    return ArchiveRun(run, statuses, leftovers)


class _Waits:
    """The archive APIs' ``sleep``: a wait long enough to notice becomes a progress note
    (``archive 40/208 · waiting 60 s for web.archive.org (rate limit)``), so a run that pauses
    for an archive's rate limit does not look hung."""

    NOTICE = 1.0  # seconds; the polite interval between requests is shorter

    def __init__(self, sleep: Sleep, progress: Progress, archive: str) -> None:
        self.sleep = sleep
        self.progress = progress
        self.archive = archive
        self.step = Step("archive", 0, None)

    def __call__(self, seconds: float) -> None:
        if seconds >= self.NOTICE:
            why = " (rate limit)" if seconds >= BACKOFF else ""
            note = f"waiting {seconds:.0f} s for {self.archive}{why}"
            self.progress(dataclasses.replace(self.step, note=note))
        self.sleep(seconds)


def _archive_name(settings: Settings) -> str:
    if settings.archives:
        return "the web archives"
    return urlsplit(settings.wayback_url).hostname or "the web archive"


class _Captures:
    """The checker's ``on_result``: keeps each good capture's text, lets the body go."""

    def __init__(
        self,
        store: SnapshotStore,
        ids: dict[str, str],
        previous: dict[str, Meta | None],
        clock: Callable[[], dt.datetime],
    ) -> None:
        self.store = store
        self.ids = ids
        self.previous = previous
        self.clock = clock
        self.live: dict[str, Live] = {}
        self.error: StoreError | None = None

    def take(self, result: LinkResult) -> None:
        if self.error is not None or result.exchange is None or not is_good_capture(result):
            return
        snapshot_id = self.ids[result.url]
        try:
            self.live[result.url] = take_capture(
                self.store, snapshot_id, self.previous[snapshot_id], result.exchange, self.clock()
            )
        except StoreError as exc:
            # Raised here it would abort the checker's task group; re-raised after the check.
            self.error = exc


def _save_within(settings: Settings) -> str:
    try:
        within_seconds(settings.save_if_not_archived_within)
    except ValueError as exc:
        raise ConfigError(f"save-if-not-archived-within: {exc}") from exc
    return settings.save_if_not_archived_within
