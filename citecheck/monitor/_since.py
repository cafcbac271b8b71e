"""Since the last run: what a scheduled run found different from the run before it.

A weekly job that lists every dead link every week trains people to ignore it. This module
reduces an ``ArchiveRun`` to the few transitions worth a maintainer's attention: sources that
newly broke, became confirmed gone, recovered, moved, changed, or stopped answering.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from citecheck.model import ANSWERED, ArchiveRun, HistoryEntry, LinkResult, SourceStatus, Verdict
from citecheck.monitor._citation import likely_citation_error
from citecheck.monitor._rot import (
    DEFAULT_POLICY,
    RotAssessment,
    RotPolicy,
    RotState,
    assess_rot,
)

_UNVERIFIED = frozenset({Verdict.BLOCKED, Verdict.ERROR})


class Change(StrEnum):
    """One transition between the previous run and this one (the words are used by --fail-on)."""

    NEW_CONFIRMED_GONE = "new-confirmed-gone"
    NEW_GONE = "new-gone"
    RECOVERED = "recovered"
    MOVED = "moved"
    CHANGED = "changed"
    UNVERIFIED = "unverified"


@dataclass(frozen=True)
class SourceWatch:
    """One cited URL as the monitor sees it: this run's verdict, the last one, rot, changes."""

    url: str
    notes: tuple[int, ...]
    verdict: Verdict
    previous: Verdict | None
    rot: RotAssessment
    changes: tuple[Change, ...]
    likely_citation_error: bool
    final_url: str | None = None
    reason: str = ""


@dataclass(frozen=True)
class SinceLastRun:
    """Every source's watch, in the run's order; ``first_run`` when nothing was known before."""

    sources: tuple[SourceWatch, ...]
    first_run: bool
    policy: RotPolicy

    def with_change(self, change: Change) -> tuple[SourceWatch, ...]:
        return tuple(s for s in self.sources if change in s.changes)

    def in_state(self, state: RotState) -> tuple[SourceWatch, ...]:
        return tuple(s for s in self.sources if s.rot.state is state)

    @property
    def citation_errors(self) -> tuple[SourceWatch, ...]:
        return tuple(s for s in self.sources if s.likely_citation_error)


def since_last_run(
    run: ArchiveRun, *, now: dt.datetime | None = None, policy: RotPolicy = DEFAULT_POLICY
) -> SinceLastRun:
    """Compare this run with the history kept in the snapshots, as of ``now``.

    ``now`` defaults to the run's own end, so the answer never depends on the wall clock.
    History entries from before the run started are the past; this run's own check is taken from
    the run itself, so the answer is the same whether or not the archive already appended it.
    An inconclusive run (network unreachable) checked nothing: it changes nothing either.
    """
    now = now or run.check.finished_at
    statuses = {status.url: status for status in run.statuses}
    started = None if run.check.inconclusive else run.check.started_at
    watches = tuple(
        _watch(result, statuses.get(result.url), started, now, policy)
        for result in run.check.results
    )
    first = all(w.previous is None for w in watches)
    return SinceLastRun(watches, first, policy)


def _watch(
    result: LinkResult,
    status: SourceStatus | None,
    started: dt.datetime | None,
    now: dt.datetime,
    policy: RotPolicy,
) -> SourceWatch:
    """``started`` is None for an inconclusive run, whose results are no checks at all."""
    history = status.history if status else ()
    past = tuple(e for e in history if started is None or e.at < started)
    current = HistoryEntry(now, result.verdict, result.status_code, result.final_url, result.reason)
    previous = status.previous_verdict if status else None
    before = assess_rot(past, now, policy)
    if started is None:
        return SourceWatch(result.url, result.notes, result.verdict, previous, before, (), False)
    rot = assess_rot((*past, current), now, policy)
    return SourceWatch(
        url=result.url,
        notes=result.notes,
        verdict=result.verdict,
        previous=previous,
        rot=rot,
        changes=_changes(result, status, past, before, rot),
        likely_citation_error=likely_citation_error(result, status),
        final_url=result.final_url,
        reason=result.reason,
    )


def _changes(
    result: LinkResult,
    status: SourceStatus | None,
    past: tuple[HistoryEntry, ...],
    before: RotAssessment,
    rot: RotAssessment,
) -> tuple[Change, ...]:
    previous = status.previous_verdict if status else None
    if previous is None:
        return ()  # a first check has nothing to differ from
    verdict = result.verdict
    found: list[Change] = []
    if rot.state is RotState.CONFIRMED_GONE and before.state is not RotState.CONFIRMED_GONE:
        found.append(Change.NEW_CONFIRMED_GONE)
    if verdict is Verdict.GONE and previous is not Verdict.GONE:
        found.append(Change.NEW_GONE)
    if verdict in ANSWERED and previous not in ANSWERED:
        found.append(Change.RECOVERED)
    if verdict is Verdict.MOVED and _moved_elsewhere(result, previous, past):
        found.append(Change.MOVED)
    # The archive's flag also flips when a source comes back (content status unavailable ->
    # unchanged); only a source that answered both times can have *changed*.
    if (
        verdict in ANSWERED
        and previous in ANSWERED
        and status is not None
        and status.changed_since_last_run
    ):
        found.append(Change.CHANGED)
    if verdict in _UNVERIFIED and previous in ANSWERED:
        found.append(Change.UNVERIFIED)
    return tuple(found)


def _moved_elsewhere(result: LinkResult, previous: Verdict, past: tuple[HistoryEntry, ...]) -> bool:
    """Moved now, and either was not moved last time or now lands somewhere else."""
    if previous is not Verdict.MOVED:
        return True
    return bool(past) and past[-1].final_url != result.final_url
