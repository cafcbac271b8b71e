"""Baseline lookups beside the check (issue 16): started as the check answers, a capture with
the live bytes not replayed, and a re-run that changed nothing asks the archive nothing."""

from __future__ import annotations

import dataclasses
import datetime as dt
import time
from pathlib import Path

import pytest

from citecheck.config import Settings
from citecheck.model import ContentStatus
from tests.archive.conftest import NOW
from tests.archive.helpers import archive, link
from tests.support.simweb import Reply, SimWeb, html
from tests.support.wayback import LoggedRequest, WaybackServer

ARTICLE = html(
    "<article><h1>Hotline reports</h1><p>"
    + "Reports to the hotline rose sharply in 2017, the centre says. " * 12
    + "</p></article>",
    title="Hotline reports",
)


@pytest.fixture
def store(tmp_path: Path) -> Path:
    return tmp_path / "snapshots"


def test_a_rerun_that_changed_nothing_asks_the_archive_nothing(
    simweb: SimWeb, wayback: WaybackServer, settings: Settings, store: Path
) -> None:
    simweb.route("a.example", "/kept", ARTICLE)
    simweb.route("b.example", "/never-archived", ARTICLE)
    simweb.route("c.example", "/gone", Reply(404))
    wayback.add_capture("http://a.example/kept", "20181003120000", b"<p>The 2018 text.</p>")
    wayback.add_capture("http://c.example/gone", "20181001000000", b"<p>Once there.</p>")
    links = [
        link("http://a.example/kept", "src-a"),
        link("http://b.example/never-archived", "src-b"),
        link("http://c.example/gone", "src-c"),
    ]
    archive(simweb, settings, store, links, NOW)
    assert len(wayback.requests_to("/cdx")) == 3
    asked = len(wayback.requests)
    archive(simweb, settings, store, links, NOW + dt.timedelta(days=1))
    assert len(wayback.requests) == asked  # baselines found, and not found, are recorded


def test_a_capture_with_the_live_bytes_is_not_replayed(
    simweb: SimWeb, wayback: WaybackServer, settings: Settings, store: Path
) -> None:
    url = "http://www.example.org/report"
    simweb.route("www.example.org", "/report", ARTICLE)
    wayback.add_capture(url, "20181003120000", ARTICLE.body)  # the page has not changed
    run = archive(simweb, settings, store, [link(url, "src-report")], NOW)
    assert len(wayback.requests_to("/cdx")) == 1
    assert wayback.requests_to("/web/") == []  # no replay: the digests are the same
    (status,) = run.statuses
    assert status.content is ContentStatus.UNCHANGED and status.similarity == 1.0
    assert status.archive_timestamp == "20181003120000"
    assert status.archive_url == f"{wayback.base_url}/web/20181003120000/{url}"
    baseline = (store / "src-report" / "baseline.txt").read_text("utf-8")
    assert baseline == (store / "src-report" / "text.txt").read_text("utf-8")
    assert "Reports to the hotline rose sharply" in baseline


def test_lookups_start_while_the_check_runs(
    simweb: SimWeb, wayback: WaybackServer, settings: Settings, store: Path
) -> None:
    slow = "http://slow.example/page"
    fast = "http://fast.example/page"
    simweb.route("slow.example", "/page", dataclasses.replace(ARTICLE, delay=1.5))
    simweb.route("fast.example", "/page", ARTICLE)
    for url in (slow, fast):
        wayback.add_capture(url, "20181003120000", b"<p>The 2018 text.</p>")
    asked: dict[str, float] = {}
    answer = wayback.answer

    def timed(request: LoggedRequest) -> tuple[int, list[tuple[str, str]], bytes]:
        if request.path.startswith("/cdx"):
            asked.setdefault(request.query["url"][0], time.monotonic())
        return answer(request)

    wayback.answer = timed  # type: ignore[method-assign]
    archive(simweb, settings, store, [link(slow, "src-slow"), link(fast, "src-fast")], NOW)
    (page,) = simweb.requests_for("slow.example", "/page")
    assert page.finished is not None
    assert asked[fast] < page.finished  # the fast source was looked up before the slow answered
