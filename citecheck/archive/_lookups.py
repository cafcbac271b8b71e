"""Baseline lookups beside the check, each archive endpoint kept as busy as its pace allows.

A first run's time is the archives' politeness: every source needs its captures listed (a CDX
query, a Memento TimeMap) and the best one replayed, and each endpoint allows a request every
few seconds. Asked one after another, the index waits while a capture replays and the replay
endpoint waits while the index is asked. Here one thread lists captures while another replays
the captures already listed, each paced by its own endpoints (``Pacer``), and listing starts
as soon as the check has answered for a source, not after the whole check. A capture whose
digest is the live payload's is not replayed at all: its bytes are the live capture's.

Nothing is asked before some host has answered the check (``open``): a run that finds the
network unreachable asks the archives nothing, as it writes nothing (``close`` unopened).

    lookups = Lookups(baselines)
    lookups.ask(url, day, live_digest, rank)  # as each check result comes in
    lookups.open()                            # some host answered: the network is there
    found = lookups.find(url, day)            # later, in the archive stage: waits if needed
    lookups.close()
"""

from __future__ import annotations

import datetime as dt
import itertools
import queue
import sys
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field

from citecheck.archive._capture import ArchiveUnreachable, Memento
from citecheck.archive._sources import ArchiveSource, Baselines, Found

# How often a wait for a lookup wakes to say what it is waiting for (progress).
TICK = 1.0


@dataclass
class _Job:
    url: str
    visited: dt.date
    live_digest: str | None
    result: Future[Found | None] = field(default_factory=Future)
    listed: list[tuple[ArchiveSource, Memento]] = field(default_factory=list)


class Lookups:
    """``Baselines.find`` for many sources at once, listing and replaying side by side."""

    def __init__(self, baselines: Baselines, waiting: Callable[[], None] | None = None) -> None:
        """``waiting`` is called every second while ``find`` waits, and when it has its
        result: the caller's moment to say what the archives made the lookups wait for."""
        self._baselines = baselines
        self._waiting = waiting
        self._jobs: dict[tuple[str, dt.date], _Job] = {}
        # Listed in the order the archive stage will want them (``rank``), as they come.
        self._to_list: queue.PriorityQueue[tuple[int, int, _Job | None]] = queue.PriorityQueue()
        self._order = itertools.count()
        self._to_replay: queue.Queue[_Job | None] = queue.Queue()
        self._opened = threading.Event()
        self._cancelled = False
        self._threads = [
            threading.Thread(target=self._lister, name="citecheck-list", daemon=True),
            threading.Thread(target=self._replayer, name="citecheck-replay", daemon=True),
        ]
        for thread in self._threads:
            thread.start()

    @property
    def sources(self) -> Sequence[ArchiveSource]:
        return self._baselines.sources

    def ask(self, url: str, visited: dt.date, live_digest: str | None, rank: int = -1) -> None:
        """Look up ``url``'s capture nearest ``visited`` (``live_digest``: the live payload's,
        or None when the check kept no capture). Of the lookups waiting, the lowest ``rank``
        goes first: the archive stage's order (the default: before any other)."""
        key = (url, visited)
        if key not in self._jobs:
            job = self._jobs[key] = _Job(url, visited, live_digest)
            self._to_list.put((rank, next(self._order), job))

    def open(self) -> None:
        """The network answers: start asking the archives."""
        self._opened.set()

    def find(self, url: str, visited: dt.date) -> Found | None:
        """The lookup's result (``Baselines.find``'s), waiting for it if need be. A URL not
        asked for is asked now. Raises what the lookup raised (ArchiveUnreachable)."""
        self.ask(url, visited, None)
        self.open()
        result = self._jobs[(url, visited)].result
        waiting = self._waiting or (lambda: None)
        while True:
            try:
                found = result.result(timeout=TICK)
            except TimeoutError:
                waiting()
                continue
            waiting()
            return found

    def close(self, *, wait: bool = True) -> None:
        """Ask nothing more: lookups not done yet fail (an inconclusive run). With ``wait``
        the request under way, if any, is finished first; without (Ctrl-C, an error) it is
        left to its thread, which ends with the process."""
        self._cancelled = True
        self._opened.set()
        self._to_list.put((sys.maxsize, next(self._order), None))
        if wait:
            for thread in self._threads:
                thread.join()

    def _lister(self) -> None:
        self._opened.wait()
        while (job := self._to_list.get()[2]) is not None:
            if self._cancelled:
                job.result.set_exception(ArchiveUnreachable("the lookups were stopped"))
                continue
            try:
                job.listed = self._baselines.listed(job.url, job.visited)
            except Exception as exc:  # unreachable, or a bug: find() raises it where it waits
                job.result.set_exception(exc)
                continue
            self._to_replay.put(job)
        self._to_replay.put(None)

    def _replayer(self) -> None:
        while (job := self._to_replay.get()) is not None:
            if self._cancelled:
                job.result.set_exception(ArchiveUnreachable("the lookups were stopped"))
                continue
            try:
                found = self._baselines.choose(job.url, job.listed, job.visited, job.live_digest)
            except Exception as exc:  # as in the lister
                job.result.set_exception(exc)
                continue
            job.result.set_result(found)
