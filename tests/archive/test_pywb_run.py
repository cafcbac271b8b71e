"""Whole archive runs whose baselines come from a real pywb: as ``--wayback-url`` and as an
``--archive`` beside the (local) Internet Archive; verdicts, names, links that replay."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from citecheck.archive import archive_links
from citecheck.config import Settings
from citecheck.model import ArchiveRun, ContentStatus, Link, LinkResult, SourceStatus, Verdict
from citecheck.report._fix import propose_fix
from citecheck.report._model import Category
from tests.archive.conftest import NOW
from tests.archive.helpers import link, no_sleep
from tests.report.browser import launch_browser
from tests.support.pywb import Capture, PywbServer, write_warc
from tests.support.simweb import Reply, SimWeb
from tests.support.wayback import WaybackServer

PAGES = Path(__file__).parent / "pages"
ARTICLE = (PAGES / "article-2018.html").read_bytes()
REDESIGN = (PAGES / "article-2026-chrome.html").read_bytes()
REWRITE = (PAGES / "article-2026-rewritten.html").read_bytes()
KEPT = "http://www.example.org/news/hotline-reports"
REWRITTEN = "http://www.example.org/news/annual-figures"
HEADING = "Hotline reports rose sharply in 2017"


def page(body: bytes) -> Reply:
    return Reply(200, (("Content-Type", "text/html; charset=utf-8"),), body)


@pytest.fixture(scope="module")
def collection(pywb: PywbServer, tmp_path_factory: pytest.TempPathFactory) -> str:
    captures = [
        Capture(KEPT, "2018-10-03T12:00:00Z", ARTICLE),
        Capture(KEPT, "2018-10-07T12:00:00Z", REWRITE),  # after the visit: never the baseline
        Capture(REWRITTEN, "2018-10-03T12:00:00Z", ARTICLE),
    ]
    warc = write_warc(tmp_path_factory.mktemp("run-warcs") / "ngo.warc.gz", captures)
    return pywb.collection("ngo-site", [warc])


@pytest.fixture
def live(simweb: SimWeb) -> SimWeb:
    simweb.route("www.example.org", "/news/hotline-reports", page(REDESIGN))
    simweb.route("www.example.org", "/news/annual-figures", page(REWRITE))
    return simweb


def run(web: SimWeb, settings: Settings, store: Path, links: list[Link]) -> ArchiveRun:
    return archive_links(
        links, settings, store, resolver=web.resolver(), clock=lambda: NOW, sleep=no_sleep
    )


def by_url(result: ArchiveRun) -> dict[str, SourceStatus]:
    return {status.url: status for status in result.statuses}


def test_pywb_as_the_wayback_server_gives_the_verdicts(
    live: SimWeb, settings: Settings, collection: str, tmp_path: Path
) -> None:
    local = replace(settings, wayback_url=collection, availability_url=None)
    links = [link(KEPT, "src-kept"), link(REWRITTEN, "src-rewritten")]
    statuses = by_url(run(live, local, tmp_path / "snapshots", links))
    kept, rewritten = statuses[KEPT], statuses[REWRITTEN]
    assert kept.content is ContentStatus.UNCHANGED  # only the chrome changed since Oct. 3
    assert kept.archive_timestamp == "20181003120000"
    assert kept.archive_url == f"{collection}/20181003120000/{KEPT}"
    assert kept.archive_name is None  # the configured server: its address names it
    assert rewritten.content is ContentStatus.CHANGED
    assert rewritten.similarity is not None and rewritten.similarity < 0.5


def test_an_archive_nearer_the_visit_wins_and_is_named_in_the_fix(
    live: SimWeb, settings: Settings, collection: str, wayback: WaybackServer, tmp_path: Path
) -> None:
    wayback.add_capture(KEPT, "20180915000000", ARTICLE)  # the Internet Archive's, older
    both = replace(settings, archives=(f"NGO web archive={collection}/",))
    (status,) = run(live, both, tmp_path / "snapshots", [link(KEPT, "src-kept")]).statuses
    assert status.archive_name == "NGO web archive"
    assert status.archive_url == f"{collection}/20181003120000/{KEPT}"
    result = LinkResult(KEPT, Verdict.ALIVE, "OK", 200)
    fix = propose_fix(
        Category.CHANGED, result, status, dt.date(2018, 10, 5), dt.date(2018, 10, 3), NOW.date()
    )
    assert fix.text.endswith(
        f"archived at <{collection}/20181003120000/{KEPT}> (NGO web archive, archived Oct. 3, 2018)"
    )


def test_the_internet_archive_keeps_a_tie_and_its_usual_citation(
    live: SimWeb, settings: Settings, collection: str, wayback: WaybackServer, tmp_path: Path
) -> None:
    wayback.add_capture(KEPT, "20181003120000", ARTICLE)  # the same second in both archives
    both = replace(settings, archives=(f"{collection}/",))
    (status,) = run(live, both, tmp_path / "snapshots", [link(KEPT, "src-kept")]).statuses
    assert status.archive_url == f"{wayback.base_url}/web/20181003120000/{KEPT}"


# --------------------------------------------------------------------------- in a browser


@pytest.mark.browser
def test_the_archive_link_replays_the_2018_page_in_pywb(
    live: SimWeb, settings: Settings, collection: str, tmp_path: Path
) -> None:
    local = replace(settings, wayback_url=collection, availability_url=None)
    (status,) = run(live, local, tmp_path / "snapshots", [link(KEPT, "src-kept")]).statuses
    assert status.archive_url is not None
    # Launched after the run: Playwright's sync API holds an event loop while it is open.
    browsers = launch_browser()
    browser: Any = next(browsers)
    try:
        tab = browser.new_page()
        tab.goto(status.archive_url)
        frame = tab.frame_locator("#replay_iframe")
        assert HEADING in frame.locator("body").inner_text(timeout=30_000)
    finally:
        browsers.close()


# --------------------------------------------------------------------------- the CLI


def test_run_with_archive_option_names_the_archive_in_the_fix(
    pywb: PywbServer, simweb: SimWeb, wayback: WaybackServer, tmp_path: Path
) -> None:
    base = f"http://127.0.0.1:{simweb.http_port}"
    simweb.route("127.0.0.1", "/news/a", page(REWRITE))
    capture = Capture(f"{base}/news/a", "2018-10-03T12:00:00Z", ARTICLE)
    collection = pywb.collection("cli-run", [write_warc(tmp_path / "cli.warc.gz", [capture])])
    document = tmp_path / "report.md"
    document.write_text(
        "# A report\n\nA claim.[^1]\n\n[^1]: Jane Doe, *Hotline Reports*, Example (2018), "
        f"{base}/news/a (last visited Oct. 5, 2018).\n"
    )
    done = subprocess.run(
        [sys.executable, "-m", "citecheck", "run", str(document), "--format", "json",
         "--allow-private", "--timeout", "5", "--wayback-url", wayback.base_url,
         "--archive", f"NGO web archive={collection}/"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode in (0, 1), done.stderr
    (entry,) = json.loads(done.stdout)["links"]
    assert entry["content"] == "changed" and entry["archive_name"] == "NGO web archive"
    assert entry["fix"]["text"].endswith(
        f"archived at <{collection}/20181003120000/{base}/news/a> "
        "(NGO web archive, archived Oct. 3, 2018)"
    )
