"""``run_pipeline`` on the bundled report against a simulated web answering for its own host
names (routed by SimWeb's resolver, so the production code path runs unchanged) and a local
Wayback-compatible archive."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from citecheck.check import StaticResolver
from citecheck.config import Settings
from citecheck.model import ContentStatus, FailureKind, Verdict
from citecheck.pipeline import PipelineResult, run_pipeline
from citecheck.report import Category, FixAction, to_csv, to_html, to_json, to_markdown
from tests.e2e import world as w
from tests.report.browser import launch_browser


def settings_for(world: w.World) -> Settings:
    return dataclasses.replace(
        Settings(),
        allow_private=True,  # the simulated web lives on loopback
        timeout=5.0,
        retries=0,
        per_host_interval=0.0,
        soft404_probe=False,
        ca_bundle=world.ca_pem,
        wayback_url=world.archive.base_url,
        availability_url=world.archive.availability_url,
    )


@dataclasses.dataclass(frozen=True)
class Run:
    result: PipelineResult
    snapshots: Path
    archive: str  # the local archive's base URL, which the capture links point at


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Run]:
    tmp = tmp_path_factory.mktemp("e2e")
    with w.world(tmp) as world:
        result = run_pipeline(
            w.DOCUMENT, settings_for(world), snapshots=tmp / "snapshots",
            resolver=world.web.resolver(), clock=lambda: w.NOW, sleep=lambda _s: None,
        )  # fmt: skip
        yield Run(result, tmp / "snapshots", world.archive.base_url)


def _entry(result: PipelineResult, url: str):  # type: ignore[no-untyped-def]
    return next(e for e in result.report.entries if e.url == url)


def test_every_cited_url_gets_an_entry(run: Run) -> None:
    result = run.result
    assert not result.inconclusive
    assert len(result.report.entries) == len(w.report_links()) == 208


@pytest.mark.parametrize(
    ("url", "verdict", "category"),
    [
        (w.GONE_404, Verdict.GONE, Category.GONE),
        (w.MOVED, Verdict.MOVED, Category.MOVED),
        (w.SOFT_404, Verdict.GONE, Category.GONE),
        ("http://humantraffickingsearch.org/impact/", Verdict.GONE, Category.GONE),
        (w.BLOCKED, Verdict.BLOCKED, Category.UNVERIFIED),
        (w.CHANGED, Verdict.ALIVE, Category.CHANGED),
        (w.NO_ARCHIVE, Verdict.ALIVE, Category.ALIVE),
        (w.NO_HOST, Verdict.GONE, Category.GONE),
        ("https://www.unodc.org/documents/human-trafficking/2008/BPO16ProfilingtheTraffickers.pdf",
         Verdict.ALIVE, Category.ALIVE),
    ],
)  # fmt: skip
def test_verdicts(run: Run, url: str, verdict: Verdict, category: Category) -> None:
    entry = _entry(run.result, url)
    assert (entry.verdict, entry.category) == (verdict, category), entry.evidence


def test_reasons_are_specific(run: Run) -> None:
    result = run.result
    assert "soft 404" in _entry(result, w.SOFT_404).reason
    assert "parked" in _entry(result, "http://humantraffickingsearch.org/impact/").reason
    assert "host name does not exist" in _entry(result, w.NO_HOST).reason
    no_host = _entry(result, w.NO_HOST)
    assert no_host.result.failure is FailureKind.NAME
    assert no_host.watch is not None and no_host.watch.citation_error  # no capture either
    assert _entry(result, w.GONE_404).status_code == 404


def test_fixes_in_the_reports_style(run: Run) -> None:
    result = run.result
    gone = _entry(result, w.GONE_404).fix
    assert gone.action is FixAction.ADD_ARCHIVE
    assert gone.text == (
        f"at <{w.GONE_404}> (last visited Oct. 5, 2018), archived at "
        f"<{run.archive}/web/20181005120000/{w.GONE_404}> (archived Oct. 5, 2018)"
    )
    moved = _entry(result, w.MOVED).fix
    assert moved.action is FixAction.REPLACE_URL
    assert moved.text == f"at <{w.MOVED_TO}> (last visited Nov. 27, 2026)"
    changed = _entry(result, w.CHANGED)
    assert changed.content is ContentStatus.CHANGED
    assert changed.fix.action is FixAction.ADD_ARCHIVE
    no_copy = _entry(result, w.NO_HOST).fix
    assert no_copy.action is FixAction.NONE
    assert _entry(result, w.NO_ARCHIVE).content is ContentStatus.NO_BASELINE


def test_undated_sources_are_compared_near_an_inferred_day(run: Run) -> None:
    undated = [e for e in run.result.report.entries if e.last_visited is None]
    assert len(undated) == 5
    assert all(e.baseline is not None for e in undated)
    assert all(e.content is ContentStatus.UNCHANGED for e in undated)
    blockchain = _entry(run.result, "https://www.investopedia.com/terms/b/blockchain.asp")
    assert blockchain.evidence[1] == (
        "no visit date; compared with the copy nearest the document's publication date (Nov. 2018)"
    )
    polaris = _entry(
        run.result, "https://polarisproject.org/blog/2016/01/05/average-age-entry-myth"
    )
    assert polaris.evidence[1] == (
        "no visit date; compared with the copy nearest the cited work's publication date "
        "(Jan. 5, 2016)"
    )
    assert polaris.archive_date == dt.date(2016, 1, 5)
    data = json.loads(to_json(run.result.report))
    sources = {x["url"]: x["date_source"] for x in data["links"]}
    assert sources[blockchain.url] == "document" and sources[polaris.url] == "published"
    assert list(sources.values()).count("visited") == 203


def test_report_order_puts_editor_work_first(run: Run) -> None:
    categories = [e.category for e in run.result.report.entries]
    assert categories == sorted(categories, key=list(Category).index)
    assert categories[0] is Category.GONE
    assert categories[-1] is Category.ALIVE


def test_renderings_of_the_run(run: Run) -> None:
    report = run.result.report
    markdown = to_markdown(report)
    assert markdown.startswith("# citecheck change report: technology-facilitated")
    for heading in ("### Gone (", "### Moved (1)", "### Changed since cited (1)",
                    "### Blocked or unverified ("):  # fmt: skip
        assert heading in markdown
    assert "&lt;script&gt;" in markdown or "<script>" not in markdown
    assert len(markdown) <= 60_000
    data = json.loads(to_json(report))
    link = next(x for x in data["links"] if x["url"] == w.CHANGED)
    assert link["content"] == "changed"
    assert 0 <= link["similarity"] < 1
    assert link["archive_url"].endswith(f"/web/20181005120000/{w.CHANGED}")
    assert link["fix"]["action"] == "add-archive"
    assert to_csv(report).count("\r\n") == 209
    page = to_html(report)
    assert page.count("<script") == 1
    assert "pwned = 1" in page  # the page's text is shown in the diff, escaped
    assert "&lt;script&gt;" in page
    assert "<img" not in page


def test_diff_of_the_changed_source_is_in_the_page(run: Run) -> None:
    entry = _entry(run.result, w.CHANGED)
    assert entry.texts is not None
    assert entry.texts.baseline and "2018" in entry.texts.baseline
    assert entry.texts.live and "2026" in entry.texts.live
    assert _entry(run.result, w.GONE_404).texts is not None
    assert _entry(run.result, w.GONE_404).texts.live is None  # type: ignore[union-attr]


def test_offline_run_is_inconclusive_and_changes_no_snapshot(run: Run, tmp_path: Path) -> None:
    snapshots = run.snapshots
    before = _tree(snapshots)
    with w.world(tmp_path) as world:
        result = run_pipeline(
            w.DOCUMENT, settings_for(world), snapshots=snapshots, resolver=StaticResolver({}),
            clock=lambda: w.NOW, sleep=lambda _s: None,
        )  # fmt: skip
    assert result.inconclusive
    assert result.report.inconclusive
    assert (
        to_markdown(result.report)
        .splitlines()[3]
        .startswith("> **inconclusive — network unreachable**")
    )
    assert _tree(snapshots) == before


def _tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    yield from launch_browser()


@pytest.mark.browser
def test_html_of_the_run_in_a_browser(run: Run, browser: Any, tmp_path: Path) -> None:
    path = tmp_path / "report.html"
    path.write_text(to_html(run.result.report), encoding="utf-8")
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    problems: list[str] = []
    page.on("console", lambda m: m.type == "error" and problems.append(m.text))
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.goto(path.as_uri())
    page.select_option("#status", "changed")
    entry = page.locator("#entries > li:not([hidden])")
    assert entry.count() == 1
    entry.locator("details.diff-view > summary").click()
    assert entry.locator(".diff li.ins").count() > 0
    assert "pwned = 1" in entry.inner_text()
    assert page.evaluate("typeof window.__pwned") == "undefined"
    page.select_option("#status", "needs")
    assert page.locator("#shown").inner_text() == "Showing 8 of 208 links."
    page.close()
    assert problems == []
