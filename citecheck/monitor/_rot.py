"""Confirmed rot: a source counts as gone only after failing in several runs spread over days.

One failed check proves little (a server restarting, a bad deploy, a regional outage), so like
InternetArchiveBot a source is confirmed gone only after ``failures`` failed checks each at least
``interval`` after the previous counted one. Only ``gone`` verdicts count: ``blocked`` and
``error`` say nothing about the source itself, so they neither count nor reset the streak, and
a source that is only ever blocked is never declared gone. Any ``alive`` or ``moved`` check is a
recovery and starts the count over.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from citecheck.config import Settings
from citecheck.model import ANSWERED, HistoryEntry, Verdict
from citecheck.words import counted

# A check that found the source: a recovery, which starts the count over.


class RotState(StrEnum):
    """Where a source stands on the way from a first failure to confirmed rot."""

    HEALTHY = "healthy"
    FIRST_FAILURE = "first-failure"
    FAILING = "failing"
    CONFIRMED_GONE = "confirmed-gone"
    UNVERIFIED = "unverified"
    UNCHECKED = "unchecked"


@dataclass(frozen=True)
class RotPolicy:
    """How many spaced failures confirm rot (InternetArchiveBot: three, three days apart)."""

    failures: int = 3
    interval: dt.timedelta = dt.timedelta(days=3)

    @classmethod
    def from_settings(cls, settings: Settings) -> RotPolicy:
        return cls(settings.rot_failures, dt.timedelta(days=settings.rot_interval_days))


@dataclass(frozen=True)
class RotAssessment:
    """A ``RotState`` with its evidence: the failed checks since the last good one.

    ``failures`` are all ``gone`` checks of the current streak (oldest first); ``counted`` the
    subset spaced at least the policy's interval apart, which is what confirmation needs.
    """

    state: RotState
    failures: tuple[dt.datetime, ...] = ()
    counted: tuple[dt.datetime, ...] = ()
    last_ok: dt.datetime | None = None

    @property
    def first_failure(self) -> dt.datetime | None:
        return self.failures[0] if self.failures else None

    def describe(self, policy: RotPolicy) -> str:
        """One line for a human: what the evidence is and how far from confirmation it stands."""
        if self.first_failure is None:
            return _QUIET[self.state]
        since = self.first_failure.date().isoformat()
        return (
            f"failed {counted(len(self.failures), 'check')} since {since}; "
            f"{len(self.counted)} of {policy.failures} needed, "
            f"each at least {counted(policy.interval.days, 'day')} apart"
        )


DEFAULT_POLICY = RotPolicy()

_QUIET = {
    RotState.HEALTHY: "alive at the last check",
    RotState.UNVERIFIED: "could not be verified (blocked or erroring); never counted as gone",
    RotState.UNCHECKED: "no check recorded yet",
}


def assess_rot(
    history: Sequence[HistoryEntry], now: dt.datetime, policy: RotPolicy = DEFAULT_POLICY
) -> RotAssessment:
    """Judge a source's rot from its check history as of ``now``.

    Entries after ``now`` are ignored, so replaying an old date gives the answer of that date.
    """
    entries = sorted((e for e in history if e.at <= now), key=lambda e: e.at)
    if not entries:
        return RotAssessment(RotState.UNCHECKED)
    last_ok = next((e.at for e in reversed(entries) if e.verdict in ANSWERED), None)
    failures = tuple(e.at for e in entries if e.verdict is Verdict.GONE and _after(e.at, last_ok))
    if not failures:
        state = RotState.HEALTHY if entries[-1].verdict in ANSWERED else RotState.UNVERIFIED
        return RotAssessment(state, last_ok=last_ok)
    counted = _spaced(failures, policy.interval)
    return RotAssessment(_failing_state(failures, counted, policy), failures, counted, last_ok)


def _after(at: dt.datetime, last_ok: dt.datetime | None) -> bool:
    return last_ok is None or at > last_ok


def _spaced(failures: Sequence[dt.datetime], interval: dt.timedelta) -> tuple[dt.datetime, ...]:
    """The failures that count: the first, then each one at least ``interval`` after the last."""
    counted = [failures[0]]
    for at in failures[1:]:
        if at - counted[-1] >= interval:
            counted.append(at)
    return tuple(counted)


def _failing_state(
    failures: Sequence[dt.datetime], counted: Sequence[dt.datetime], policy: RotPolicy
) -> RotState:
    if len(counted) >= policy.failures:
        return RotState.CONFIRMED_GONE
    return RotState.FIRST_FAILURE if len(failures) == 1 else RotState.FAILING
