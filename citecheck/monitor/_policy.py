"""``--fail-on``: which findings make a scheduled run fail its CI job.

A weekly job should go red when a maintainer has something to do, not on every timeout. The
default fails only when a source became *confirmed* gone in this run: it fails once, the week
the evidence became conclusive, and not again for the same source.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from enum import StrEnum

from citecheck.errors import ConfigError
from citecheck.model import Verdict
from citecheck.monitor._rot import RotState
from citecheck.monitor._since import Change, SinceLastRun


class FailOn(StrEnum):
    """A condition that fails the run (the words are the values of ``--fail-on``)."""

    NEW_CONFIRMED_GONE = "new-confirmed-gone"  # became confirmed gone in this run
    CONFIRMED_GONE = "confirmed-gone"  # any source confirmed gone, old or new
    NEW_GONE = "new-gone"  # failed this run after not failing the last one (a first failure)
    MOVED = "moved"  # newly moved, or moved elsewhere
    CHANGED = "changed"  # text changed since the previous snapshot
    UNVERIFIED = "unverified"  # newly blocked or erroring
    CITATION_ERROR = "citation-error"  # a URL that probably never worked
    ANY = "any"  # any source not alive, as `citecheck check` exits
    NEVER = "never"  # report only; exit 0 unless the run was inconclusive


DEFAULT_FAIL_ON = frozenset({FailOn.NEW_CONFIRMED_GONE})
# What `any` tolerates: an excluded link was never meant to be checked.
_FINE = frozenset({Verdict.ALIVE, Verdict.SKIPPED})

_BY_CHANGE = {
    FailOn.NEW_CONFIRMED_GONE: Change.NEW_CONFIRMED_GONE,
    FailOn.NEW_GONE: Change.NEW_GONE,
    FailOn.MOVED: Change.MOVED,
    FailOn.CHANGED: Change.CHANGED,
    FailOn.UNVERIFIED: Change.UNVERIFIED,
}


@dataclass(frozen=True)
class FailDecision:
    """Whether to fail, and one line per condition that triggered, for the job log."""

    failed: bool
    reasons: tuple[str, ...] = ()


def parse_fail_on(text: str) -> frozenset[FailOn]:
    """``"new-gone,moved"`` -> conditions; an unknown word is a one-line ConfigError."""
    words = [word.strip().lower() for word in text.split(",") if word.strip()]
    known = {c.value: c for c in FailOn}
    unknown = [w for w in words if w not in known]
    if unknown or not words:
        raise ConfigError(
            f"--fail-on: unknown condition {', '.join(unknown) or '(empty)'}; "
            f"use a comma-separated list of: {', '.join(known)}"
        )
    conditions = frozenset(known[w] for w in words)
    if FailOn.NEVER in conditions and len(conditions) > 1:
        raise ConfigError("--fail-on: 'never' cannot be combined with other conditions")
    return conditions


def decide(since: SinceLastRun, fail_on: Collection[FailOn] = DEFAULT_FAIL_ON) -> FailDecision:
    """Apply the ``--fail-on`` conditions to a run's watch."""
    reasons = [reason for condition in _ordered(fail_on) for reason in _check(since, condition)]
    return FailDecision(bool(reasons), tuple(reasons))


def _ordered(fail_on: Collection[FailOn]) -> list[FailOn]:
    order = list(FailOn)
    return sorted(set(fail_on), key=order.index)


def _check(since: SinceLastRun, condition: FailOn) -> list[str]:
    if condition in _BY_CHANGE:
        hits = [w.url for w in since.with_change(_BY_CHANGE[condition])]
    elif condition is FailOn.CONFIRMED_GONE:
        hits = [w.url for w in since.in_state(RotState.CONFIRMED_GONE)]
    elif condition is FailOn.CITATION_ERROR:
        hits = [w.url for w in since.citation_errors]
    elif condition is FailOn.ANY:
        hits = [w.url for w in since.sources if w.verdict not in _FINE]
    else:
        hits = []
    return [f"{condition.value}: {url}" for url in hits]
