"""``citecheck fix`` as a command: real loopback servers, the written copy, --dry-run, refusals."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from citecheck.cli import app
from tests.monitor.conftest import Site, report_text


def run_fix(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["fix", *args])
    return result.exit_code, result.stdout, result.stderr


def test_fix_writes_a_copy_with_only_the_locators_changed(site: Site) -> None:
    report, options = site.report, site.options
    original = report.read_text("utf-8")
    code, out, err = run_fix(str(report), "-o", "next.md", *options)
    assert code == 0, err
    assert report.read_text("utf-8") == original  # the original is never modified
    updated = Path("next.md").read_text("utf-8")
    changed = [
        line for line in difflib.ndiff(original.splitlines(), updated.splitlines())
        if line[:1] in "+-"
    ]  # fmt: skip
    assert len(changed) == 6  # three footnotes, each one line out and one in
    assert "/study> (last visited " in updated and "(last visited Oct. 5, 2018)" not in updated
    assert "/papers/2026/paper (last visited " in updated and "/old-paper" not in updated
    assert "/gone> (last visited Oct. 7, 2018), archived at <" in updated
    assert "/web/20181001000000/" in updated and "(archived Oct. 1, 2018)" in updated
    assert "wrote next.md: 3 edits, 0 not fixed" in err
    assert out == ""


def test_dry_run_prints_the_diff_and_writes_nothing(site: Site) -> None:
    report, options = site.report, site.options
    code, out, err = run_fix(str(report), "-o", "next.md", "--dry-run", *options)
    assert code == 0, err
    assert not Path("next.md").exists()
    assert out.startswith(f"--- {report}\n+++ next.md\n")
    assert sum(line.startswith("+[^") for line in out.splitlines()) == 3
    assert "would write next.md" in err


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_a_dry_run_needs_no_output_and_changes_nothing_on_disk(site: Site) -> None:
    """Not even the snapshots: a dry run works on a scratch copy of them (issue 17)."""
    report, options = site.report, site.options
    assert run_fix(str(report), "-o", "first.md", *options)[0] == 0  # the store exists now
    before = _tree(report.parent)
    code, out, err = run_fix(str(report), "--dry-run", *options)
    assert code == 0, err
    assert out.startswith(f"--- {report}\n+++ {report}\n")
    assert f"would write {report}: 3 edits, 0 not fixed" in err
    assert _tree(report.parent) == before


def test_no_output_is_a_usage_error_without_a_dry_run(site: Site) -> None:
    code, _, err = run_fix(str(site.report), *site.options)
    assert code == 2
    assert (
        err
        == "citecheck: error: give -o FILE for the updated copy, or --dry-run to see the changes\n"
    )


def test_an_unfixable_source_is_listed_and_exits_1(site: Site) -> None:
    report, options = site.report, site.options
    report.write_text(f"Gone.[^3]\n\n[^3]: *Also Gone*, at <{site.base}/also-gone>.\n", "utf-8")
    code, _out, err = run_fix(str(report), "-o", "next.md", *options)
    assert code == 1
    assert "not fixed: " in err and "/also-gone (note 3)" in err
    assert "find a replacement" in err


@pytest.mark.parametrize("spelling", ["report.md", "./sub/../report.md"])
def test_refuses_to_overwrite_the_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, spelling: str
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sub").mkdir()
    report = tmp_path / "report.md"
    report.write_text(report_text("http://127.0.0.1:9"), "utf-8")
    code, _out, err = run_fix("report.md", "-o", spelling)
    assert code == 2
    assert err.count("\n") == 1 and "is the document itself" in err
    assert report.read_text("utf-8") == report_text("http://127.0.0.1:9")


def test_inconclusive_run_writes_nothing_and_exits_3(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    # Nothing listens on the discard port: every connection is refused, no host answers.
    Path("report.md").write_text(report_text("http://127.0.0.1:9"), "utf-8")
    code, _out, err = run_fix("report.md", "-o", "next.md", "--allow-private", "--timeout", "2")
    assert code == 3
    assert "inconclusive" in err
    assert not Path("next.md").exists()


def test_refuses_a_directory_and_a_missing_report_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("out").mkdir()
    Path("report.md").write_text(report_text("http://127.0.0.1:9"), "utf-8")
    code, _out, err = run_fix("report.md", "-o", "out")
    assert (code, err.count("\n")) == (2, 1) and "is a directory" in err
    Path("next.md").write_text("old copy", "utf-8")
    code, _out, err = run_fix("missing.md", "-o", "next.md")
    assert (code, err.count("\n")) == (2, 1) and "no such file" in err
