"""Workflow commands, step outputs and GitHub's size limits (pure functions, no runner)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from citecheck.github import (
    PR_BODY_LIMIT,
    STEP_SUMMARY_LIMIT,
    DocumentRun,
    Request,
    command,
    escape_data,
    escape_property,
    expand,
    fit,
    footer,
    output_lines,
    run_document,
    sarif_annotations,
)
from citecheck.github._run import exit_code
from tests.adopt.composite import parse_outputs


@pytest.mark.parametrize(
    ("text", "data", "prop"),
    [
        ("plain", "plain", "plain"),
        ("100% sure", "100%25 sure", "100%25 sure"),
        ("a\nb\r\nc", "a%0Ab%0D%0Ac", "a%0Ab%0D%0Ac"),
        ("https://x.test/a,b", "https://x.test/a,b", "https%3A//x.test/a%2Cb"),
        ("%0A", "%250A", "%250A"),  # already-escaped text stays literal
    ],
)
def test_escaping_follows_the_runner_rules(text: str, data: str, prop: str) -> None:
    assert escape_data(text) == data
    assert escape_property(text) == prop


def test_a_hostile_message_cannot_start_a_second_command() -> None:
    line = command("warning", "gone\n::add-mask::secret\n::error::x", {"file": "a,b:c.md"})
    assert "\n" not in line
    assert line == "::warning file=a%2Cb%3Ac.md::gone%0A::add-mask::secret%0A::error::x"


def test_outputs_use_a_heredoc_for_values_that_span_lines() -> None:
    text = output_lines({"exit-code": "1", "fixed-documents": "a.md\nb.md"})
    assert text.startswith("exit-code=1\nfixed-documents<<ghadelimiter_")
    assert parse_outputs(text) == {"exit-code": "1", "fixed-documents": "a.md\nb.md"}


def test_annotations_from_sarif_unquote_paths_and_keep_columns_on_one_line() -> None:
    log = {
        "runs": [{
            "tool": {"driver": {"rules": [{"id": "source-gone",
                                           "shortDescription": {"text": "Gone"}}]}},
            "results": [
                {"ruleId": "source-gone", "message": {"text": "m"}, "locations": [
                    {"physicalLocation": {"artifactLocation": {"uri": "my%20docs/r.md"},
                     "region": {"startLine": 3, "startColumn": 2, "endLine": 3,
                                "endColumn": 9}}}]},
                {"ruleId": "source-gone", "message": {"text": "n"}, "locations": [
                    {"physicalLocation": {"artifactLocation": {"uri": "r.md"}}}]},
            ],
        }]
    }  # fmt: skip
    assert sarif_annotations(log) == [
        "::warning file=my docs/r.md,line=3,endLine=3,col=2,endColumn=9,title=citecheck%3A Gone::m",
        "::warning file=r.md,title=citecheck%3A Gone::n",
    ]


def test_summary_fits_one_mebibyte_in_bytes_and_links_the_full_report() -> None:
    huge = "| row | ünïcödé |\n" * 200_000  # ~4 MB of UTF-8
    tail = footer("https://github.test/a/1", "citecheck-report", "https://github.test/r/1")
    text = fit(huge, STEP_SUMMARY_LIMIT - len(tail.encode()), "see the report", measure="bytes")
    assert len((text + tail).encode("utf-8")) <= STEP_SUMMARY_LIMIT
    assert "> **Truncated** to fit GitHub's limit: see the report.\n" in text
    assert fit("short\n", STEP_SUMMARY_LIMIT, "x") == "short\n"


def test_pull_request_body_fits_in_characters() -> None:
    text = fit("x" * 50 + "\n" * 1 + "y" * 70_000 + "\n", PR_BODY_LIMIT - 2_000, "rest")
    assert len(text) <= PR_BODY_LIMIT and text.startswith("x" * 50 + "\n")


def test_footer_without_an_artifact_url_points_at_the_run() -> None:
    assert footer("", "cc", "https://github.test/o/r/actions/runs/7") == (
        "\n---\n\nFull report: the `cc` artifact of "
        "[this workflow run](https://github.test/o/r/actions/runs/7).\n"
    )


def test_documents_expand_globs_keep_order_and_missing_plain_paths(tmp_path: Path) -> None:
    for name in ("b.md", "a.md", "sub/c.md"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text("x", "utf-8")
    found = expand(["  report.md", "*.md", "", "**/*.md", "a.md"], tmp_path)
    assert found == ["report.md", "a.md", "b.md", "sub/c.md"]


@pytest.mark.parametrize(
    ("codes", "worst"),
    [((), 0), ((0, 0), 0), ((0, 3), 3), ((3, 1), 1), ((1, 2, 3), 2), ((0, 4), 4), ((4, 3), 3)],
)
def test_the_worst_exit_code_wins(codes: tuple[int, ...], worst: int) -> None:
    runs = [DocumentRun(f"d{i}", Path(), code) for i, code in enumerate(codes)]
    assert exit_code(runs) == worst


def test_fixes_are_asked_of_citecheck_only_for_text_documents(tmp_path: Path) -> None:
    commands: list[list[str]] = []

    def runner(command: list[str], **_: object) -> subprocess.CompletedProcess[bytes]:
        commands.append(command)
        return subprocess.CompletedProcess(command, 0)

    request = Request(("x",), "snapshots", "never", ("--timeout", "5"), tmp_path, fix=True)
    text = run_document(request, "docs/report.md", tmp_path / "a", ["citecheck"], runner)
    docx = run_document(request, "docs/report.docx", tmp_path / "b", ["citecheck"], runner)
    assert "--fixed-copy" in commands[0] and "--fixed-copy" not in commands[1]
    assert commands[1] == [
        "citecheck", "run", "docs/report.docx", "--snapshots", "snapshots", "--output",
        str(tmp_path / "b"), "--format", "sarif", "--fail-on", "never", "--timeout", "5",
    ]  # fmt: skip
    assert (text.fix_skipped, docx.fix_skipped) == (False, True)
    assert not text.fixed  # the fake run wrote no fixed copy: nothing replaced the document
