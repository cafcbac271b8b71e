"""Weekly runs end to end: the real pipeline and snapshot store, a simulated web, a moving clock.

Each run is ``run_pipeline`` on the same snapshot directory at a later date; the monitor then
reads what the archive stage kept in each source's ``meta.json``. A source that stays gone is
confirmed on its third weekly failure, exactly once; a blocked one never is.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import trustme

from citecheck.monitor import (
    Change,
    RotState,
    SinceLastRun,
    decide,
    since_last_run,
)
from citecheck.pipeline import PipelineResult, run_pipeline
from citecheck.report import since_section, to_markdown
from tests.monitor.conftest import sim_settings
from tests.support.simweb import Reply, SimRequest, SimWeb, html, redirect
from tests.support.wayback import WaybackServer

T0 = dt.datetime(2026, 11, 2, 6, 0, tzinfo=dt.UTC)
STUDY = "https://www.example.org/study"
PAPER = "https://sample.example/paper.html"
WALL = "https://wall.example/page"
DOCUMENT = f"""# A small report

Claims.[^1] More claims.[^2] Even more.[^3]

[^1]: Jane Doe, *A Study of Things*, Example Org, 2017, at <{STUDY}> (last visited Oct. 5, 2018).
[^2]: John Roe, *Another Paper*, Sample Institute, 2016, at {PAPER} (last visited Oct. 5, 2018).
[^3]: *Behind a Wall*, Wall Inc., at <{WALL}> (last visited Oct. 5, 2018).
"""


def article(topic: str) -> str:
    return "".join(
        f"<p>Finding {n} of the study on {topic}: the authors report what {topic} means for "
        f"the families and agencies they interviewed, with case {n * 3} as an example.</p>"
        for n in range(8)
    )


@dataclass
class World:
    """What the simulated web answers this week."""

    study: str = "alive"
    paper: str = "original"

    def study_reply(self, _request: SimRequest) -> Reply:
        if self.study == "alive":
            return html(article("online exploitation"), title="A Study of Things")
        return html("Not Found", status=404)

    def paper_reply(self, _request: SimRequest) -> Reply:
        if self.paper == "moved":
            return redirect("https://sample.example/archive/2026/paper.html")
        topic = "child protection policy" if self.paper == "original" else "a new product launch"
        return html(article(topic), title="Another Paper")


class Weekly:
    """Runs the pipeline on one snapshot directory at chosen dates; keeps the last result."""

    def __init__(self, world: World, run_at: Callable[[dt.datetime], PipelineResult]) -> None:
        self.world = world
        self._run_at = run_at
        self.last: PipelineResult | None = None

    def run(self, days: int) -> SinceLastRun:
        self.last = self._run_at(T0 + dt.timedelta(days=days))
        assert not self.last.inconclusive
        assert self.last.watch == since_last_run(self.last.archive)  # the pipeline's own watch
        return self.last.watch


@pytest.fixture
def weekly(tmp_path: Path, ca: trustme.CA) -> Iterator[Weekly]:
    report = tmp_path / "report.md"
    report.write_text(DOCUMENT, "utf-8")
    world = World()
    hosts = ("www.example.org", "sample.example", "wall.example")
    with SimWeb(tls_hosts=hosts, ca=ca) as web, WaybackServer(clock=lambda: T0) as archive:
        web.route("www.example.org", "/study", world.study_reply)
        web.route("sample.example", "/paper.html", world.paper_reply)
        web.route(
            "sample.example", "/archive/2026/paper.html", html(article("a new product launch"))
        )
        web.fallback("wall.example", Reply(403, (("cf-mitigated", "challenge"),), b"Just a moment"))
        archive.add_capture(STUDY, "20181001000000", html(article("online exploitation")).body)
        settings = sim_settings(tmp_path, ca, archive)

        def run_at(at: dt.datetime) -> PipelineResult:
            return run_pipeline(
                report, settings, snapshots=tmp_path / "snapshots", resolver=web.resolver(),
                clock=lambda: at, sleep=lambda _seconds: None,
            )  # fmt: skip

        yield Weekly(world, run_at)


def watch(since: SinceLastRun, url: str) -> tuple[tuple[Change, ...], RotState]:
    found = next(w for w in since.sources if w.url == url)
    return found.changes, found.rot.state


def test_a_source_gone_for_three_weeks_is_confirmed_once(weekly: Weekly) -> None:
    first = weekly.run(0)
    assert first.first_run
    assert watch(first, STUDY) == ((), RotState.HEALTHY)
    weekly.world.study = "gone"
    seen = [weekly.run(days) for days in (7, 14, 21, 28)]
    assert [watch(s, STUDY) for s in seen] == [
        ((Change.NEW_GONE,), RotState.FIRST_FAILURE),
        ((), RotState.FAILING),
        ((Change.NEW_CONFIRMED_GONE,), RotState.CONFIRMED_GONE),
        ((), RotState.CONFIRMED_GONE),
    ]
    assert [decide(s).failed for s in seen] == [False, False, True, False]
    # The blocked source stayed blocked all along: never gone, never failing the job.
    assert {watch(s, WALL) for s in seen} == {((), RotState.UNVERIFIED)}


def test_recovery_resets_and_content_changes_and_moves_are_reported(weekly: Weekly) -> None:
    weekly.run(0)
    weekly.world.study = "gone"
    weekly.run(7)
    weekly.world.study = "alive"
    weekly.world.paper = "rewritten"
    since = weekly.run(14)
    assert watch(since, STUDY) == ((Change.RECOVERED,), RotState.HEALTHY)
    assert watch(since, PAPER)[0] == (Change.CHANGED,)
    weekly.world.paper = "moved"
    since = weekly.run(21)
    assert watch(since, PAPER) == ((Change.MOVED,), RotState.HEALTHY)


def test_the_section_renders_at_the_top_of_the_markdown_report(weekly: Weekly) -> None:
    weekly.run(0)
    weekly.world.study = "gone"
    since = weekly.run(7)
    section = since_section(since)
    assert [row[:2] for row in section.rows] == [("newly gone", STUDY)]
    assert weekly.last is not None
    assert weekly.last.report.since == section
    markdown = to_markdown(weekly.last.report)
    assert "Since the last run" in markdown
    assert markdown.index("Since the last run") < markdown.index("A Study of Things")
    assert "newly gone" in markdown


def rot_of(weekly: Weekly, url: str) -> str | None:
    assert weekly.last is not None
    entry = next(e for e in weekly.last.report.entries if e.url == url)
    return entry.watch.rot if entry.watch else None


def test_report_entries_tell_a_first_failure_from_confirmed_rot(weekly: Weekly) -> None:
    weekly.run(0)
    weekly.world.study = "gone"
    states = []
    for days in (7, 14, 21):
        weekly.run(days)
        states.append(rot_of(weekly, STUDY))
    assert states == ["first-failure", "failing", "confirmed-gone"]
    assert rot_of(weekly, WALL) == "unverified"
    assert weekly.last is not None
    markdown = to_markdown(weekly.last.report)
    assert "confirmed gone: failed 3 checks" in markdown
