"""archive_links end to end: SimWeb for the live web, the local Wayback archive, a temp store."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from citecheck.archive import WaybackClient, archive_links, archive_run_to_dict, stored_statuses
from citecheck.check import StaticResolver
from citecheck.config import Settings
from citecheck.errors import StoreError
from citecheck.model import BaselineDate, ContentStatus, DateSource, Link, Verdict
from citecheck.progress import Step
from tests.archive.conftest import NOW
from tests.archive.helpers import archive, link, no_sleep, tree, warc_records
from tests.support.simweb import Reply, SimWeb, html, redirect
from tests.support.wayback import WaybackServer

PAGES = Path(__file__).parent / "pages"
ARTICLE = (PAGES / "article-2018.html").read_bytes()
REDESIGN = (PAGES / "article-2026-chrome.html").read_bytes()
REWRITE = (PAGES / "article-2026-rewritten.html").read_bytes()
URL = "http://www.example.org/news/hotline-reports"
NEXT_DAY = NOW + dt.timedelta(days=1)


def page(body: bytes, content_type: str = "text/html; charset=utf-8") -> Reply:
    return Reply(200, (("Content-Type", content_type),), body)


@pytest.fixture
def store(tmp_path: Path) -> Path:
    return tmp_path / "snapshots"


@pytest.fixture
def site(simweb: SimWeb, wayback: WaybackServer) -> SimWeb:
    """One cited article, redesigned since its 2018 capture."""
    simweb.route("www.example.org", "/news/hotline-reports", page(REDESIGN))
    wayback.add_capture(URL, "20181003120000", ARTICLE)
    return simweb


def meta(store: Path, snapshot: str = "src-hotline") -> dict[str, object]:
    data: dict[str, object] = json.loads((store / snapshot / "meta.json").read_text())
    return data


def test_first_run_writes_text_baseline_meta_and_warc(
    site: SimWeb, settings: Settings, store: Path, wayback: WaybackServer
) -> None:
    run = archive(site, settings, store, [link(URL, "src-hotline")], NOW)
    (status,) = run.statuses
    assert status.content is ContentStatus.UNCHANGED  # only the chrome changed
    assert status.similarity == 1.0
    assert status.archive_url == f"{wayback.base_url}/web/20181003120000/{URL}"
    assert status.archive_timestamp == "20181003120000"
    text = (store / "src-hotline" / "text.txt").read_text("utf-8")
    assert text.startswith("# Hotline reports rose sharply in 2017\n")
    assert "cookie" not in text.lower()
    assert (store / "src-hotline" / "baseline.txt").read_text("utf-8") == text
    data = meta(store)
    assert data["verdict"] == "alive" and data["content"] == "unchanged"
    assert sorted(data) == sorted(
        [
            "id",
            "url",
            "format",
            "verdict",
            "history",
            "capture",
            "baseline",
            "content",
            "similarity",
            "summary",
            "save",
        ]
    )
    assert (store / ".warc" / "src-hotline" / "20261127.warc.gz").is_file()


def test_meta_is_sorted_stable_json(site: SimWeb, settings: Settings, store: Path) -> None:
    archive(site, settings, store, [link(URL, "src-hotline")], NOW)
    raw = (store / "src-hotline" / "meta.json").read_text("utf-8")
    assert raw == json.dumps(json.loads(raw), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def test_warc_has_request_and_response_with_verified_digests(
    site: SimWeb, settings: Settings, store: Path
) -> None:
    archive(site, settings, store, [link(URL, "src-hotline")], NOW)
    path = store / ".warc" / "src-hotline" / "20261127.warc.gz"
    records = warc_records(path)
    assert [r.type for r in records] == ["warcinfo", "response", "request"]
    response = records[1]
    assert response.uri == URL and response.digests_passed is True
    assert response.payload_digest == meta(store)["capture"]["payload_digest"]  # type: ignore[index]
    assert REDESIGN in response.payload  # the HTTP block: headers, then the page's bytes
    # The real ``warcio check`` (its entry point, so no PATH lookup is needed).
    command = "import sys; from warcio.cli import main; main(sys.argv[1:])"
    check = subprocess.run(
        [sys.executable, "-c", command, "check", "-v", str(path)], capture_output=True, text=True
    )
    assert check.returncode == 0, check.stdout
    assert "digest pass" in check.stdout and "digest fail" not in check.stdout


def test_noop_rerun_changes_no_file(site: SimWeb, settings: Settings, store: Path) -> None:
    links = [link(URL, "src-hotline")]
    archive(site, settings, store, links, NOW)
    before = tree(store)
    run = archive(site, settings, store, links, NOW + dt.timedelta(hours=3))
    assert tree(store) == before  # same bytes and same mtimes: nothing was even rewritten
    assert run.statuses[0].changed_since_last_run is False
    assert run.statuses[0].previous_verdict is Verdict.ALIVE


def test_baseline_is_fetched_once(
    site: SimWeb, settings: Settings, store: Path, wayback: WaybackServer
) -> None:
    links = [link(URL, "src-hotline")]
    archive(site, settings, store, links, NOW)
    asked = len(wayback.requests)
    assert asked == 2  # one CDX lookup, one id_ replay
    archive(site, settings, store, links, NEXT_DAY)
    assert len(wayback.requests) == asked


def test_same_payload_next_day_writes_only_a_revisit(
    site: SimWeb, settings: Settings, store: Path
) -> None:
    links = [link(URL, "src-hotline")]
    archive(site, settings, store, links, NOW)
    committed = {k: v for k, v in tree(store).items() if not k.startswith(".warc/")}
    archive(site, settings, store, links, NEXT_DAY)
    assert {k: v for k, v in tree(store).items() if not k.startswith(".warc/")} == committed
    records = warc_records(store / ".warc" / "src-hotline" / "20261128.warc.gz")
    assert [r.type for r in records] == ["warcinfo", "revisit", "request"]
    revisit = records[1]
    assert revisit.profile == "http://netpreserve.org/warc/1.0/revisit/identical-payload-digest"
    assert revisit.refers_to == URL
    assert revisit.payload_digest == meta(store)["capture"]["payload_digest"]  # type: ignore[index]


def test_changed_page_is_recaptured_and_measured(
    site: SimWeb, settings: Settings, store: Path
) -> None:
    links = [link(URL, "src-hotline")]
    archive(site, settings, store, links, NOW)
    site.route("www.example.org", "/news/hotline-reports", page(REWRITE))
    run = archive(site, settings, store, links, NEXT_DAY)
    (status,) = run.statuses
    assert status.content is ContentStatus.CHANGED
    assert status.similarity is not None and status.similarity < 0.1
    assert "new heading “Update: corrected figures”" in status.summary
    assert status.changed_since_last_run is True
    assert "corrected its 2017 statistics" in (store / "src-hotline" / "text.txt").read_text()
    assert meta(store)["capture"]["captured_at"] == "2026-11-28T12:00:00Z"  # type: ignore[index]
    types = [r.type for r in warc_records(store / ".warc" / "src-hotline" / "20261128.warc.gz")]
    assert types == ["warcinfo", "response", "request"]


def test_failed_fetch_keeps_the_last_good_capture(
    site: SimWeb, settings: Settings, store: Path
) -> None:
    links = [link(URL, "src-hotline")]
    archive(site, settings, store, links, NOW)
    text = (store / "src-hotline" / "text.txt").read_bytes()
    capture = meta(store)["capture"]
    site.route("www.example.org", "/news/hotline-reports", html("Not here", status=404))
    run = archive(site, settings, store, links, NEXT_DAY)
    (status,) = run.statuses
    assert status.content is ContentStatus.UNAVAILABLE
    assert status.summary == "live source gone: 404 Not Found"
    assert (store / "src-hotline" / "text.txt").read_bytes() == text
    assert meta(store)["capture"] == capture
    assert [e.verdict for e in status.history] == [Verdict.ALIVE, Verdict.GONE]


def test_repeated_failures_add_one_history_entry_per_day(
    simweb: SimWeb, settings: Settings, store: Path
) -> None:
    simweb.route("gone.example", "/x", html("no", status=404))
    links = [link("http://gone.example/x", "src-gone")]
    for hours in (0, 5, 24, 30, 72):
        run = archive(simweb, settings, store, links, NOW + dt.timedelta(hours=hours))
    days = [e.at.date().isoformat() for e in run.statuses[0].history]
    assert days == ["2026-11-27", "2026-11-28", "2026-11-30"]


def test_inconclusive_run_changes_nothing(
    site: SimWeb, settings: Settings, store: Path, wayback: WaybackServer
) -> None:
    links = [link(URL, "src-hotline")]
    archive(site, settings, store, links, NOW)
    before = tree(store)
    asked = len(wayback.requests)
    offline = StaticResolver({})  # no name resolves: the network is unreachable
    run = archive_links(
        links,
        settings,
        store,
        resolver=offline,
        wayback=WaybackClient.from_settings(settings, sleep=no_sleep),
        clock=lambda: NEXT_DAY,
        sleep=no_sleep,
    )
    assert run.check.inconclusive
    assert tree(store) == before
    assert len(wayback.requests) == asked
    (status,) = run.statuses  # what the store said last time
    assert status.content is ContentStatus.UNCHANGED


def test_no_capture_near_the_date_is_no_baseline_and_not_asked_again(
    simweb: SimWeb, settings: Settings, store: Path, wayback: WaybackServer
) -> None:
    simweb.route("new.example", "/p", page(REDESIGN))
    wayback.add_capture("http://new.example/p", "20230101000000", ARTICLE)  # years too late
    links = [link("http://new.example/p", "src-new")]
    (status,) = archive(simweb, settings, store, links, NOW).statuses
    assert status.content is ContentStatus.NO_BASELINE
    assert status.summary == "no 2xx Wayback capture between 2017-10-05 and 2019-04-03"
    assert status.archive_url is None
    asked = len(wayback.requests)
    archive(simweb, settings, store, links, NEXT_DAY)
    assert len(wayback.requests) == asked


def test_archive_outage_is_retried_next_run(
    site: SimWeb, settings: Settings, store: Path, wayback: WaybackServer
) -> None:
    links = [link(URL, "src-hotline")]
    wayback.cdx_throttle = 100
    (status,) = archive(site, settings, store, links, NOW).statuses
    assert status.content is ContentStatus.NO_BASELINE
    assert "retried next run" in status.summary
    wayback.cdx_throttle = 0
    (status,) = archive(site, settings, store, links, NEXT_DAY).statuses
    assert status.content is ContentStatus.UNCHANGED


def test_no_last_visited_date_means_no_lookup(
    site: SimWeb, settings: Settings, store: Path, wayback: WaybackServer
) -> None:
    (status,) = archive(site, settings, store, [link(URL, "src-hotline", None)], NOW).statuses
    assert status.content is ContentStatus.NO_BASELINE
    assert wayback.requests == []


def test_undated_source_is_compared_with_the_copy_nearest_its_inferred_day(
    site: SimWeb, settings: Settings, store: Path, wayback: WaybackServer
) -> None:
    # Captures of 2018-10-03 (the fixture's), early 2017 and 2019: the document is of Nov. 2018.
    wayback.add_capture(URL, "20170110000000", REWRITE)
    wayback.add_capture(URL, "20190301000000", REWRITE)
    inferred = BaselineDate(dt.date(2018, 11, 30), DateSource.DOCUMENT, "2018-11")
    undated = Link(URL, (1,), ("src-hotline",), None, inferred=inferred)
    (status,) = archive(site, settings, store, [undated], NOW).statuses
    assert status.archive_timestamp == "20181003120000"
    assert status.content is ContentStatus.UNCHANGED
    assert meta(store)["baseline"]["visited"] == "2018-11-30"  # type: ignore[index]


def test_moved_source_captures_the_final_page(
    simweb: SimWeb, settings: Settings, store: Path, wayback: WaybackServer
) -> None:
    simweb.route("old.example", "/report", redirect("http://new.example/2024/report"))
    simweb.route("new.example", "/2024/report", page(REWRITE))
    wayback.add_capture("http://old.example/report", "20180101000000", ARTICLE)
    (status,) = archive(
        simweb, settings, store, [link("http://old.example/report", "src-r")], NOW
    ).statuses
    assert status.content is ContentStatus.CHANGED
    data = meta(store, "src-r")
    assert data["verdict"] == "moved"
    assert data["capture"]["url"] == "http://new.example/2024/report"  # type: ignore[index]


def test_legacy_encoding_end_to_end(simweb: SimWeb, settings: Settings, store: Path) -> None:
    sentence = "Le rapport “Trafic en ligne” estime le coût à 2 millions d’euros par année."
    body = f"<html><body><article><p>{sentence}</p></article></body></html>".encode("cp1252")
    simweb.route("legacy.example", "/fr", page(body, "text/html; charset=iso-8859-1"))
    archive(simweb, settings, store, [link("http://legacy.example/fr", "src-fr")], NOW)
    assert sentence in (store / "src-fr" / "text.txt").read_text("utf-8")


def test_a_url_never_chooses_a_path(simweb: SimWeb, settings: Settings, store: Path) -> None:
    simweb.route("evil.example", "/x", page(REDESIGN))
    links = [link("http://evil.example/x", "../../escape"), link("http://evil.example/x?b", "")]
    simweb.route("evil.example", "/x?b", page(REDESIGN))
    run = archive(simweb, settings, store, links, NOW)
    ids = [s.snapshot_id for s in run.statuses]
    assert ids[0].startswith("escape-") and ids[1].startswith("evil-example-")
    assert all(p.resolve().is_relative_to(store.resolve()) for p in store.rglob("*"))
    assert not (store.parent / "escape").exists()


def test_json_contract_and_check_reads_the_store(
    site: SimWeb, settings: Settings, store: Path
) -> None:
    links = [link(URL, "src-hotline")]
    run = archive(site, settings, store, links, NOW)
    data = archive_run_to_dict(run)
    (entry,) = data["links"]
    assert (entry["verdict"], entry["content"], entry["similarity"]) == ("alive", "unchanged", 1.0)
    assert entry["archive_url"].endswith(f"/web/20181003120000/{URL}")
    assert data["summary"]["content"] == {
        "unchanged": 1,
        "changed": 0,
        "no-baseline": 0,
        "unavailable": 0,
    }
    before = tree(store)
    (stored,) = stored_statuses(store, links)
    assert stored.archive_url == entry["archive_url"] and tree(store) == before
    assert stored_statuses(store.parent / "missing", links) == ()


def test_store_unreadable_meta_is_a_one_line_store_error(
    site: SimWeb, settings: Settings, store: Path
) -> None:
    links = [link(URL, "src-hotline")]
    archive(site, settings, store, links, NOW)
    (store / "src-hotline" / "meta.json").write_text("{not json")
    with pytest.raises(StoreError, match="restore it from git or delete it"):
        archive(site, settings, store, links, NEXT_DAY)


def test_report_url_corrected_under_same_source_starts_afresh(
    site: SimWeb, settings: Settings, store: Path, wayback: WaybackServer
) -> None:
    archive(site, settings, store, [link(URL, "src-hotline")], NOW)
    site.route("www.example.org", "/news/hotline-reports-2", page(REWRITE))
    other = URL + "-2"
    (status,) = archive(site, settings, store, [link(other, "src-hotline")], NEXT_DAY).statuses
    assert status.previous_verdict is None and len(status.history) == 1
    assert meta(store)["url"] == other
    assert status.content is ContentStatus.NO_BASELINE  # no capture of the corrected URL


def test_leftover_temporary_files_of_a_killed_run_are_swept(
    site: SimWeb, settings: Settings, store: Path
) -> None:
    links = [link(URL, "src-hotline")]
    archive(site, settings, store, links, NOW)
    leftover = store / "src-hotline" / f".text.txt.k1ll3d.{killed_pid()}.tmp"
    leftover.write_text("half a text")
    archive(site, settings, store, links, NEXT_DAY)
    assert not leftover.exists()


def killed_pid() -> int:
    """The id of a process that has ended."""
    child = subprocess.Popen(["true"])
    child.wait()
    return child.pid


def test_lost_text_file_is_extracted_again_without_a_new_capture(
    site: SimWeb, settings: Settings, store: Path
) -> None:
    links = [link(URL, "src-hotline")]
    archive(site, settings, store, links, NOW)
    capture = meta(store)["capture"]
    (store / "src-hotline" / "text.txt").unlink()
    archive(site, settings, store, links, NEXT_DAY)
    assert meta(store)["capture"] == capture  # same payload: same capture, same time
    assert (store / "src-hotline" / "text.txt").read_text().startswith("# Hotline reports")


def test_progress_counts_checks_then_snapshots(
    site: SimWeb, settings: Settings, store: Path
) -> None:
    site.route("www.example.org", "/second", page(REWRITE))
    seen: list[Step] = []
    archive_links(
        [link(URL, "src-hotline"), link("http://www.example.org/second", "src-second")],
        settings, store, resolver=site.resolver(),
        wayback=WaybackClient.from_settings(settings, sleep=no_sleep),
        clock=lambda: NOW, sleep=no_sleep, progress=seen.append,
    )  # fmt: skip
    assert [str(step) for step in seen] == ["check 1/2", "check 2/2", "archive 1/2", "archive 2/2"]


def test_a_rate_limit_pause_is_a_progress_note(
    site: SimWeb, wayback: WaybackServer, settings: Settings, store: Path
) -> None:
    wayback.cdx_throttle = 1  # the first lookup answers 429: a minute's pause, then again
    slept: list[float] = []
    seen: list[Step] = []
    archive_links(
        [link(URL, "src-hotline")], settings, store, resolver=site.resolver(),
        clock=lambda: NOW, sleep=slept.append, progress=seen.append,
    )  # fmt: skip
    assert 60.0 in slept
    assert "archive 0/1 · waiting 60 s for 127.0.0.1 (rate limit)" in [str(s) for s in seen]
    assert str(seen[-1]) == "archive 1/1"
