"""Multi-run scenarios: weekly runs with an injected clock, history kept as the archive keeps it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

import pytest

from citecheck.archive._store import add_history
from citecheck.errors import ConfigError
from citecheck.model import ContentStatus, FailureKind, HistoryEntry, Hop, Reachability, Verdict
from citecheck.monitor import (
    DEFAULT_FAIL_ON,
    Change,
    FailOn,
    RotState,
    SinceLastRun,
    decide,
    parse_fail_on,
    since_last_run,
)
from citecheck.report import since_section
from tests.monitor.scenario import Outcome, archive_run

T0 = dt.datetime(2026, 11, 2, 6, 0, tzinfo=dt.UTC)
URL = "https://www.example.org/report.pdf"
OTHER = "https://other.example/page"
G, A, M, B, E = Verdict.GONE, Verdict.ALIVE, Verdict.MOVED, Verdict.BLOCKED, Verdict.ERROR


@dataclass
class Schedule:
    """Runs the monitor at chosen times, keeping each URL's history across runs the way the
    archive stage does (``add_history``: repeated failures once a day, repeated successes once)."""

    history: dict[str, tuple[HistoryEntry, ...]] = field(default_factory=dict)

    def run(self, days: float, *outcomes: Outcome) -> SinceLastRun:
        at = T0 + dt.timedelta(days=days)
        kept = []
        for o in outcomes:
            before = self.history.get(o.url, ())
            entry = HistoryEntry(at, o.verdict, None, o.final_url or o.url, o.reason)
            self.history[o.url] = add_history(before, entry)
            previous = before[-1].verdict if before else None
            kept.append(replace(o, history=self.history[o.url], previous=previous))
        return since_last_run(archive_run(kept, at=at), now=at)


def one(since: SinceLastRun) -> tuple[tuple[Change, ...], RotState]:
    (watch,) = since.sources
    return watch.changes, watch.rot.state


def test_first_run_has_nothing_to_compare() -> None:
    since = Schedule().run(0, Outcome(URL, G))
    assert since.first_run
    assert one(since) == ((), RotState.FIRST_FAILURE)
    assert since_section(since).rows == ()
    assert since_section(since).intro.startswith("First run")


def test_fail_fail_recover() -> None:
    weekly = Schedule()
    weekly.run(0, Outcome(URL, A))
    assert one(weekly.run(7, Outcome(URL, G))) == ((Change.NEW_GONE,), RotState.FIRST_FAILURE)
    assert one(weekly.run(14, Outcome(URL, G))) == ((), RotState.FAILING)
    assert one(weekly.run(21, Outcome(URL, A))) == ((Change.RECOVERED,), RotState.HEALTHY)


def test_failing_weekly_is_confirmed_on_the_third_failure_and_fails_ci_once() -> None:
    weekly = Schedule()
    weekly.run(0, Outcome(URL, A))
    exits = []
    for days in (7, 14, 21, 28):
        since = weekly.run(days, Outcome(URL, G))
        exits.append(decide(since, DEFAULT_FAIL_ON).failed)
    assert one(since) == ((), RotState.CONFIRMED_GONE)
    assert exits == [False, False, True, False]


def test_three_failures_on_one_day_are_not_confirmed() -> None:
    daily = Schedule()
    daily.run(0, Outcome(URL, A))
    states = [one(daily.run(1 + hours / 24, Outcome(URL, G)))[1] for hours in (0, 4, 8)]
    assert RotState.CONFIRMED_GONE not in states
    assert not decide(daily.run(1.5, Outcome(URL, G))).failed


def test_failures_three_days_apart_confirm_within_a_week() -> None:
    runs = Schedule()
    runs.run(0, Outcome(URL, A))
    assert [one(runs.run(d, Outcome(URL, G)))[1] for d in (1, 4, 7)] == [
        RotState.FIRST_FAILURE,
        RotState.FAILING,
        RotState.CONFIRMED_GONE,
    ]


def test_blocked_forever_is_never_gone() -> None:
    weekly = Schedule()
    weekly.run(0, Outcome(URL, A))
    for week in range(1, 11):
        since = weekly.run(7 * week, Outcome(URL, B))
        assert one(since)[1] is RotState.UNVERIFIED
        assert not decide(since, {FailOn.CONFIRMED_GONE, FailOn.NEW_CONFIRMED_GONE}).failed
        newly = decide(since, {FailOn.UNVERIFIED}).failed
        assert newly is (week == 1)


def test_moved_is_reported_when_it_moves_and_when_it_moves_again() -> None:
    weekly = Schedule()
    weekly.run(0, Outcome(URL, A))
    to_a = Outcome(URL, M, final_url="https://new.example/a")
    assert one(weekly.run(7, to_a))[0] == (Change.MOVED,)
    assert one(weekly.run(14, to_a))[0] == ()
    to_b = Outcome(URL, M, final_url="https://new.example/b")
    assert one(weekly.run(21, to_b))[0] == (Change.MOVED,)


def test_content_change_since_the_previous_snapshot() -> None:
    weekly = Schedule()
    weekly.run(0, Outcome(URL, A))
    since = weekly.run(7, Outcome(URL, A, changed=True, content=ContentStatus.CHANGED))
    assert one(since)[0] == (Change.CHANGED,)
    assert decide(since, {FailOn.CHANGED}).reasons == (f"changed: {URL}",)
    assert not decide(since).failed


def test_likely_citation_error_needs_a_missing_host_and_no_capture() -> None:
    typo = "http://27f5111qnwey246mkc1vzqg0-wpengine.netdna-ssl.com/Thorn.pdf"
    rotted = "https://gone.example/page"
    weekly = Schedule()
    outcomes = [
        Outcome(typo, G, failure=FailureKind.NAME),
        Outcome(rotted, G, failure=FailureKind.NAME, archive_timestamp="20181005"),
        # A redirect to a missing host: the cited host existed, so this is rot, not a typo.
        Outcome(URL, G, failure=FailureKind.NAME, redirects=(Hop(URL, 301),)),
        Outcome("https://flaky.example/", E, failure=FailureKind.DNS),
    ]
    since = weekly.run(0, *outcomes)
    assert [w.url for w in since.citation_errors] == [typo]
    assert decide(since, {FailOn.CITATION_ERROR}).reasons == (f"citation-error: {typo}",)


def test_section_lists_only_what_changed_most_urgent_first() -> None:
    weekly = Schedule()
    other = "https://alive.example/"
    weekly.run(0, Outcome(URL, A), Outcome(other, G))
    since = weekly.run(7, Outcome(URL, G, reason="404 Not Found"), Outcome(other, A))
    section = since_section(since)
    assert section.title == "Since the last run"
    assert [row[:2] for row in section.rows] == [("newly gone", URL), ("recovered", other)]
    assert section.rows[0][3:5] == ("gone", "alive")
    assert "404 Not Found" in section.rows[0][5]
    assert "1 of 3 needed" in section.rows[0][5]
    assert section.intro.startswith("1 newly gone; 1 recovered.")


def test_any_fails_on_every_problem_but_not_on_skipped() -> None:
    since = Schedule().run(0, Outcome(URL, B), Outcome("https://x.example/", Verdict.SKIPPED))
    assert decide(since, {FailOn.ANY}).reasons == (f"any: {URL}",)
    assert not decide(since, {FailOn.NEVER}).failed


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("new-confirmed-gone", {FailOn.NEW_CONFIRMED_GONE}),
        (" moved, Changed ,new-gone", {FailOn.MOVED, FailOn.CHANGED, FailOn.NEW_GONE}),
        ("never", {FailOn.NEVER}),
    ],
)
def test_parse_fail_on(text: str, expected: set[FailOn]) -> None:
    assert parse_fail_on(text) == expected


@pytest.mark.parametrize("text", ["", "gone-ish", "moved,nope", "never,moved"])
def test_parse_fail_on_rejects_bad_words_in_one_line(text: str) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_fail_on(text)
    assert "\n" not in str(caught.value)
    assert "--fail-on" in str(caught.value)


def test_an_inconclusive_run_changes_nothing_and_keeps_the_rot_state() -> None:
    weekly = Schedule()
    weekly.run(0, Outcome(URL, A), Outcome(OTHER, A))
    weekly.run(7, Outcome(URL, G), Outcome(OTHER, A))
    outages = [
        Outcome(
            url, E, reason="network unreachable", previous=previous, history=weekly.history[url]
        )
        for url, previous in ((URL, G), (OTHER, A))
    ]
    at = T0 + dt.timedelta(days=14)
    since = since_last_run(archive_run(outages, at=at, reachability=Reachability.UNREACHABLE))
    assert [(w.changes, w.rot.state) for w in since.sources] == [
        ((), RotState.FIRST_FAILURE),
        ((), RotState.HEALTHY),
    ]
    assert not decide(since, set(FailOn) - {FailOn.NEVER, FailOn.ANY}).failed
