"""Confirmed rot over many runs: three failed checks, each at least three days apart."""

from __future__ import annotations

import datetime as dt

import pytest

from citecheck.config import Settings
from citecheck.model import HistoryEntry, Verdict
from citecheck.monitor import RotPolicy, RotState, assess_rot

T0 = dt.datetime(2026, 11, 2, 6, 0, tzinfo=dt.UTC)
G, A, M, B, E = Verdict.GONE, Verdict.ALIVE, Verdict.MOVED, Verdict.BLOCKED, Verdict.ERROR


def history(*checks: tuple[float, Verdict]) -> tuple[HistoryEntry, ...]:
    """Entries at T0 + ``days`` with the given verdicts."""
    return tuple(
        HistoryEntry(T0 + dt.timedelta(days=days), verdict, None, None, verdict.value)
        for days, verdict in checks
    )


def state(*checks: tuple[float, Verdict], now_days: float = 30) -> RotState:
    return assess_rot(history(*checks), T0 + dt.timedelta(days=now_days)).state


def test_no_history_is_unchecked() -> None:
    assert assess_rot((), T0).state is RotState.UNCHECKED


def test_first_failure_is_told_apart_from_confirmed() -> None:
    assert state((0, A), (7, G)) is RotState.FIRST_FAILURE
    assert state((0, A), (7, G), (14, G)) is RotState.FAILING
    assert state((0, A), (7, G), (14, G), (21, G)) is RotState.CONFIRMED_GONE


def test_three_failures_over_a_week_confirm() -> None:
    result = assess_rot(history((0, G), (3, G), (6, G)), T0 + dt.timedelta(days=7))
    assert result.state is RotState.CONFIRMED_GONE
    assert len(result.counted) == 3
    assert result.first_failure == T0


def test_three_failures_within_one_day_do_not_confirm() -> None:
    assert state((0, G), (0.2, G), (0.9, G)) is RotState.FAILING


def test_failures_too_close_together_count_once() -> None:
    # Days 0, 2, 4: only 0 and 4 are three days apart; a fourth check on day 7 confirms.
    assert state((0, G), (2, G), (4, G)) is RotState.FAILING
    result = assess_rot(history((0, G), (2, G), (4, G), (7, G)), T0 + dt.timedelta(days=8))
    assert result.state is RotState.CONFIRMED_GONE
    assert [t.day for t in result.counted] == [2, 6, 9]


def test_fail_fail_recover_resets_the_count() -> None:
    assert state((0, G), (3, G), (6, A)) is RotState.HEALTHY
    # After the recovery the count starts over: two new failures are not three.
    assert state((0, G), (3, G), (6, A), (9, G), (12, G)) is RotState.FAILING
    assert state((0, G), (3, G), (6, M)) is RotState.HEALTHY


def test_blocked_and_error_never_become_gone() -> None:
    forever = [(float(day), B) for day in range(0, 60, 3)]
    assert state(*forever, now_days=60) is RotState.UNVERIFIED
    assert state(*[(float(d), E) for d in range(0, 60, 3)], now_days=60) is RotState.UNVERIFIED


def test_blocked_checks_neither_count_nor_reset() -> None:
    assert state((0, G), (3, B), (6, G)) is RotState.FAILING
    assert state((0, G), (3, B), (4, G), (7, E), (8, G)) is RotState.CONFIRMED_GONE


def test_entries_after_now_are_ignored() -> None:
    checks = history((0, G), (3, G), (6, G))
    assert assess_rot(checks, T0 + dt.timedelta(days=4)).state is RotState.FAILING
    assert assess_rot(checks, T0 + dt.timedelta(days=6)).state is RotState.CONFIRMED_GONE


def test_unsorted_history_is_read_in_time_order() -> None:
    checks = history((6, G), (0, A), (3, G))
    assert assess_rot(checks, T0 + dt.timedelta(days=7)).state is RotState.FAILING


@pytest.mark.parametrize(
    ("failures", "days", "expected"),
    [(2, 1, RotState.CONFIRMED_GONE), (4, 3, RotState.FAILING), (3, 0, RotState.CONFIRMED_GONE)],
)
def test_policy_numbers_come_from_settings(failures: int, days: int, expected: RotState) -> None:
    settings = Settings(rot_failures=failures, rot_interval_days=days)
    policy = RotPolicy.from_settings(settings)
    checks = history((0, G), (0.5, G), (3, G), (6, G))
    assert assess_rot(checks, T0 + dt.timedelta(days=7), policy).state is expected


def test_describe_states_the_evidence() -> None:
    policy = RotPolicy()
    result = assess_rot(history((0, A), (7, G), (8, G)), T0 + dt.timedelta(days=9), policy)
    text = result.describe(policy)
    assert "failed 2 checks since 2026-11-09" in text
    assert "1 of 3 needed" in text
    assert assess_rot(history((0, B)), T0).describe(policy).startswith("could not be verified")
