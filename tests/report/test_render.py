"""Renderers on the named ``mixed`` scenario: byte-exact goldens, escaping, truncation.

Regenerate the goldens after an intended change with ``CITECHECK_UPDATE_GOLDEN=1 pytest``
and review the diff.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from pathlib import Path

import pytest

from citecheck.report import (
    RENDERERS,
    ChangeReport,
    Section,
    build_report,
    to_csv,
    to_html,
    to_json,
    to_markdown,
)
from citecheck.report._markdown import GITHUB_BODY_LIMIT
from tests.report import scenarios

GOLDEN = Path(__file__).parent / "golden"
SINCE = Section(
    title="Since the last run",
    intro="1 newly gone.",
    columns=("Change", "URL", "Evidence"),
    rows=(("newly gone", "https://gone.example/paper.pdf", "HTTP 404 | was <b>alive</b>"),),
)


def _mixed(since: Section | None = SINCE) -> ChangeReport:
    sc = scenarios.mixed()
    report = build_report(
        sc.parsed, sc.run, texts=sc.texts, since=since, watches=sc.watches, title="Change report"
    )
    return scenarios.corrected(report, sc)


@pytest.mark.parametrize(("fmt", "name"), [("markdown", "mixed.md"), ("csv", "mixed.csv"),
                                           ("json", "mixed.json")])  # fmt: skip
def test_golden(fmt: str, name: str) -> None:
    data = RENDERERS[fmt](_mixed()).encode("utf-8")
    path = GOLDEN / name
    if os.environ.get("CITECHECK_UPDATE_GOLDEN"):
        path.write_bytes(data)
    assert data == path.read_bytes()


@pytest.mark.parametrize("fmt", sorted(RENDERERS))
def test_same_input_same_bytes(fmt: str) -> None:
    assert RENDERERS[fmt](_mixed()) == RENDERERS[fmt](_mixed())


def test_markdown_escapes_page_text() -> None:
    text = to_markdown(_mixed())
    # A code span (the corrected footnote, as the document writes it) shows its text literally.
    outside_code = re.sub(r"(`+).*?\1", "", text)
    assert "<script>" not in outside_code
    assert "<img" not in outside_code
    assert "&lt;script&gt;" in text
    assert "was &lt;b&gt;alive&lt;/b&gt;" in text
    assert "HTTP 404 \\| was" in text  # a pipe in a cell would split the table


def test_markdown_leads_with_the_inconclusive_warning() -> None:
    sc = scenarios.mixed()
    report = build_report(sc.parsed, sc.run)
    report = ChangeReport(report.title, report.run_date, True, report.entries)
    lines = to_markdown(report).splitlines()
    assert lines[2] == "> [!WARNING]"
    assert "inconclusive — network unreachable" in lines[3]
    assert lines[5] == "Could not check 10 links on Nov. 27, 2026: **no host answered**."
    assert "need an editor" not in to_html(report)


@pytest.mark.parametrize("fmt", sorted(RENDERERS))
def test_an_outage_says_not_checked_in_every_row(fmt: str) -> None:
    """One message, one truth: the summary says "not checked", so no row says ``error``."""
    sc = scenarios.mixed()
    text = RENDERERS[fmt](build_report(sc.parsed, scenarios.outage_run(sc)))
    assert "not checked" in text.lower()
    if fmt == "json":
        data = json.loads(text)
        assert {link["verdict"] for link in data["links"]} == {None}
        assert {link["failure"] for link in data["links"]} == {None}
        assert {link["verdict_text"] for link in data["links"]} == {"not checked"}
        assert data["summary"]["verdicts"] == {}
    elif fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
        assert {(r["verdict"], r["verdict_text"]) for r in rows} == {("", "not checked")}
    else:
        shown = re.sub(r"<(script|style)>.*?</\1>", "", text, flags=re.S)
        assert not re.search(r"\berror\b(?![.])", shown)  # (error.example is a host)


def test_markdown_sections_and_collapsed_rest() -> None:
    text = to_markdown(_mixed())
    order = ["## Since the last run", "## Needs an editor", "### Gone (2)", "### Moved (2)",
             "### Changed since cited (1)", "### Blocked or unverified (2)", "### Invalid URL (1)",
             "<details><summary>Everything else (2 links)</summary>"]  # fmt: skip
    positions = [text.index(heading) for heading in order]
    assert positions == sorted(positions)
    assert text.rstrip().endswith("</details>")


def test_the_truncation_notice_after_details_renders_on_github() -> None:
    """GitHub reads a line right after ``</details>`` as more HTML: a blank line must follow."""
    report = _mixed()
    full = len(to_markdown(report, max_chars=10**9))
    cut = next(
        text
        for limit in range(full + 400, full - 600, -10)
        if "</details>" in (text := to_markdown(report, max_chars=limit)) and "Truncated" in text
    )
    assert "</details>\n\n> **Truncated:**" in cut


def test_markdown_truncates_under_the_pull_request_limit() -> None:
    sc = scenarios.many(600)
    report = build_report(sc.parsed, sc.run)
    text = to_markdown(report)
    assert len(text) <= 60_000 < len(to_markdown(report, max_chars=10**9))
    assert "**Truncated:**" in text
    shown = text.count("| n. ")
    assert f"{600 - shown} more rows are not shown" in text
    assert text.count("| n. 1 |") == 1  # the first rows survive, in order
    assert f"| n. {shown} |" in text
    assert f"| n. {shown + 1} |" not in text


def test_markdown_never_exceeds_github_limit_even_if_asked() -> None:
    sc = scenarios.many(800)
    assert len(to_markdown(build_report(sc.parsed, sc.run), max_chars=10**9)) <= GITHUB_BODY_LIMIT


def test_csv_rows_and_formula_defusing() -> None:
    text = to_csv(_mixed())
    assert text.startswith("\ufeffcategory,")  # UTF-8 with a BOM: Excel reads it as UTF-8
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    assert [r["category"] for r in rows][:3] == ["gone", "gone", "moved"]
    assert len(rows) == 10
    formula = next(r for r in rows if r["url"] == "https://alive.example/new-only")
    assert formula["title"].startswith("'=")
    moved = next(r for r in rows if r["url"] == "http://moved.example/old")
    assert moved["final_url"] == "https://moved.example/new"
    assert moved["fix_action"] == "replace-url"


def test_json_has_check_fields_plus_drift_and_fix() -> None:
    data = json.loads(to_json(_mixed()))
    assert data["report"] == {"title": "Change report", "run_date": "2026-11-27",
                              "inconclusive": False, "status": "complete"}  # fmt: skip
    assert data["summary"]["needs_editor"] == 8
    assert data["since_last_run"]["rows"][0][0] == "newly gone"
    link = next(x for x in data["links"] if x["url"] == "https://drift.example/article")
    for key in ("verdict", "reason", "status_code", "final_url", "notes", "content",
                "similarity", "archive_url", "fix"):  # fmt: skip
        assert key in link
    assert link["content"] == "changed"
    assert link["fix"]["action"] == "add-archive"


def test_html_escapes_everything_server_side() -> None:
    page = to_html(_mixed())
    assert "<script>window" not in page
    assert "<img src=x" not in page
    assert page.count("<script") == 1  # only the page's own, pinned by the CSP
    assert "Content-Security-Policy" in page
    assert 'href="javascript' not in page
    assert "http://" not in page.split("<body>")[0].replace("http://www.w3.org", "")


def test_html_has_no_external_resources() -> None:
    page = to_html(_mixed())
    for needle in ("<link", 'src="http', "@import", "url(http"):
        assert needle not in page


def test_a_quiet_since_section_has_no_empty_table() -> None:
    quiet = Section("Since the last run", "Nothing changed since the last run.", ("Change",), ())
    markdown = to_markdown(_mixed(since=quiet))
    section = markdown.split("## Since the last run", 1)[1].split("##", 1)[0]
    assert "Nothing changed since the last run." in section
    assert "|" not in section
    assert (
        "<table"
        not in to_html(_mixed(since=quiet)).split('id="since-h"', 1)[1].split("</section>", 1)[0]
    )
