"""One archive run: check with capture, keep each capture, find baselines, measure, save.

Captures are taken while the check runs (the checker hands each body over once and drops it),
which is safe for the outage rule: a body exists only if some host answered, and then the run
is conclusive. Baseline lookups start as the check answers, once some host has (``Lookups``:
each archive endpoint at its own pace, in threads beside the check). Everything else — drift,
metadata, files — happens after the check, and not at all when the run was inconclusive: then
no file changes, the archives were asked nothing, and the statuses come from the store.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import time
from collections import deque
from collections.abc import Callable, Sequence
from pathlib import Path
from urllib.parse import urlsplit

from citecheck.archive._lock import store_lock
from citecheck.archive._lookups import Lookups
from citecheck.archive._pace import BACKOFF, Sleep
from citecheck.archive._save import Saver
from citecheck.archive._snapshot import (
    Live,
    Outcome,
    archive_source,
    current_meta,
    is_good_capture,
    lookup_day,
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
from citecheck.model import (
    ANSWERED,
    ArchiveRun,
    CheckRun,
    Link,
    LinkResult,
    Verdict,
    distinct_links,
)
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
                within=within, clock=clock, waits=waits,
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
) -> ArchiveRun:
    """``archive_links`` once the store is locked and writable."""
    distinct = distinct_links(links)
    ids = snapshot_map(distinct)
    # Read every snapshot before the check: a damaged store fails fast, before any network use.
    previous = {sid: current_meta(snapshots, sid, url) for url, sid in ids.items()}
    baselines = Baselines(sources_from_settings(settings, wayback=wayback, sleep=waits.behind))
    lookups = Lookups(baselines, waiting=waits.show)
    stage = _Stage(snapshots, distinct, ids, previous, lookups, waits, clock)
    try:
        done = stage.run(settings, resolver, spn, within)
    except BaseException:  # Ctrl-C, a store error: leave the lookup under way to its thread
        lookups.close(wait=False)
        raise
    lookups.close()
    return done


@dataclasses.dataclass
class _Stage:
    """One archive run's state: the store, its links and their snapshots, the lookups."""

    snapshots: SnapshotStore
    links: list[Link]
    ids: dict[str, str]
    previous: dict[str, Meta | None]
    lookups: Lookups
    waits: _Waits
    clock: Callable[[], dt.datetime]

    def run(
        self, settings: Settings, resolver: Resolver | None, spn: SavePageNow | None, within: str
    ) -> ArchiveRun:
        captures = _Captures(self.snapshots, self.ids, self.previous, self.clock, self.lookups,
                             self.links)  # fmt: skip
        run = check_links(
            self.links,
            settings,
            resolver=resolver,
            capture=True,
            on_result=captures.take,
            progress=self.waits.progress,
            clock=self.clock,
        )
        if captures.error is not None:
            raise captures.error
        leftovers = self.snapshots.leftovers(set(self.ids.values()))
        if run.inconclusive:
            return ArchiveRun(run, read_statuses(self.snapshots, self.links, self.ids), leftovers)
        outcomes = self._archive(run, captures)
        metas = {o.meta.id: o.meta for o in outcomes}
        if spn is not None:
            verdicts = {result.url: result.verdict for result in run.results}
            live = [o.meta for o in outcomes if verdicts[o.meta.url] in ANSWERED]
            saver = Saver(spn, self.snapshots, self.clock(), within, within_seconds(within))
            metas.update(saver.save(live))
        statuses = tuple(
            to_status(metas[o.meta.id], o.changed_since_last_run, o.previous_verdict)
            for o in outcomes
        )
        return ArchiveRun(run, statuses, leftovers)

    def _archive(self, run: CheckRun, captures: _Captures) -> list[Outcome]:
        """Each source's snapshot, in order, with the baseline its lookup found meanwhile."""
        self.lookups.open()
        self.snapshots.tidy()
        results = {result.url: result for result in run.results}
        kept = [link for link in self.links if results[link.url].verdict is not Verdict.SKIPPED]
        self.waits.step = Step("archive", 0, len(kept))
        outcomes = []
        for link in kept:
            snapshot_id = self.ids[link.url]
            outcomes.append(archive_source(
                self.snapshots, self.lookups, link, snapshot_id, self.previous[snapshot_id],
                results[link.url], captures.live.get(link.url), run.finished_at,
            ))  # fmt: skip
            self.waits.step = Step("archive", len(outcomes), len(kept))
            self.waits.progress(self.waits.step)
        return outcomes


class _Waits:
    """The archive APIs' ``sleep``: a wait long enough to notice becomes a progress note
    (``archive 40/208 · waiting 60 s for web.archive.org (rate limit)``), so a run that pauses
    for an archive's rate limit does not look hung. The lookups wait in threads of their own
    (``behind``): their note is kept, and shown by the archive stage while it waits for them
    (``show``)."""

    NOTICE = 1.0  # seconds; shorter waits pass unremarked

    def __init__(self, sleep: Sleep, progress: Progress, archive: str) -> None:
        self.sleep = sleep
        self.progress = progress
        self.archive = archive
        self.step = Step("archive", 0, None)
        self.note = ""  # what a lookup thread waits for now
        self._noted: deque[str] = deque()  # waits begun since the last ``show``

    def __call__(self, seconds: float) -> None:
        """A wait of the stage's own thread (Save Page Now): said at once."""
        note = self._note(seconds)
        if note:
            self.progress(dataclasses.replace(self.step, note=note))
        self.sleep(seconds)

    def behind(self, seconds: float) -> None:
        """A wait in a lookup thread: noted for ``show``."""
        self.note = self._note(seconds)
        if self.note:
            self._noted.append(self.note)
        try:
            self.sleep(seconds)
        finally:
            self.note = ""

    def show(self) -> None:
        """Say what the lookups waited for since the last call, or wait for now."""
        notes = []
        while self._noted:
            notes.append(self._noted.popleft())
        for note in dict.fromkeys(notes or [self.note]):
            if note:
                self.progress(dataclasses.replace(self.step, note=note))

    def _note(self, seconds: float) -> str:
        if seconds < self.NOTICE:
            return ""
        why = " (rate limit)" if seconds >= BACKOFF else ""
        return f"waiting {seconds:.0f} s for {self.archive}{why}"


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
        lookups: Lookups,
        links: list[Link],
    ) -> None:
        self.store = store
        self.ids = ids
        self.previous = previous
        self.clock = clock
        self.lookups = lookups
        self.links = {link.url: link for link in links}
        self.rank = {link.url: rank for rank, link in enumerate(links)}
        self.live: dict[str, Live] = {}
        self.error: StoreError | None = None

    def take(self, result: LinkResult) -> None:
        """Keep the result's capture, then start its baseline lookup (if it needs one)."""
        self._capture(result)
        if result.status_code is not None:  # a host answered: the network is there
            self.lookups.open()
        day = lookup_day(self.previous[self.ids[result.url]], self.links[result.url], result)
        if day is not None:
            live = self.live.get(result.url)
            digest = live.capture.payload_digest if live else None
            self.lookups.ask(result.url, day, digest, self.rank[result.url])

    def _capture(self, result: LinkResult) -> None:
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
