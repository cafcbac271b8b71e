"""``citecheck lint``: offline warnings, a baseline of accepted ones, new ones fail."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from citecheck.cli import app
from citecheck.errors import ConfigError
from citecheck.lint import WarningKey, compare, key_of, lint_findings, load_baseline
from citecheck.model import Finding

FIXTURE = Path(__file__).parent / "fixtures" / "report.md"
runner = CliRunner()
UNDATED = "[^4]: *Blog*, at <https://polarisproject.org/blog/average-age>.\n"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copy(FIXTURE, tmp_path / "report.md")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _lint(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["lint", *args])
    return result.exit_code, result.stdout, result.stderr


def test_without_a_baseline_every_warning_is_new(repo: Path) -> None:
    code, out, err = _lint("report.md")
    assert code == 1
    assert out == (
        "report.md:6: note 2: url-without-date: no 'last visited' date for "
        "https://judiciary.house.gov/wp-content/uploads/2017/09/Leary-Testimony-Final.pdf\n"
    )
    assert "1 new warning not in .citecheck-baseline.json" in err
    assert "--update-baseline" in err


def test_accepted_warnings_pass_and_a_seeded_defect_fails(repo: Path) -> None:
    code, out, _ = _lint("report.md", "--update-baseline")
    assert (code, out) == (
        0,
        "wrote .citecheck-baseline.json: 1 warning accepted in 1 document\n",
    )
    assert _lint("report.md")[0] == 0
    with (repo / "report.md").open("a", encoding="utf-8") as fh:
        fh.write(UNDATED)
    code, out, _ = _lint("report.md")
    assert code == 1
    assert out == (
        "report.md:8: note 4: note-without-marker: no marker in the body refers to note 4\n"
        "report.md:8: note 4: url-without-date: no 'last visited' date for "
        "https://polarisproject.org/blog/average-age\n"
    )


def test_renumbering_footnotes_keeps_accepted_warnings_accepted(repo: Path) -> None:
    _lint("report.md", "--update-baseline")
    text = (repo / "report.md").read_text("utf-8")
    text = text.replace("[^2]", "[^9]").replace("[^1]", "[^2]").replace("[^9]", "[^1]")
    (repo / "report.md").write_text(text, "utf-8")
    assert _lint("report.md")[0] == 0


def test_a_second_identical_warning_is_new() -> None:
    finding = Finding("url-without-date", 2, "no 'last visited' date for https://x.test/")
    twice = lint_findings([finding, Finding(finding.code, 7, finding.message)])
    comparison = compare(twice, [key_of(finding)])
    assert [item.finding.note for item in comparison.new] == [7]
    assert comparison.fixed == ()


def test_fixed_warnings_are_reported_not_failed(repo: Path) -> None:
    _lint("report.md", "--update-baseline")
    text = (repo / "report.md").read_text("utf-8")
    (repo / "report.md").write_text(
        text.replace("Final.pdf>.", "Final.pdf> (last visited Oct. 5, 2018)."), "utf-8"
    )
    code, out, err = _lint("report.md")
    assert (code, out) == (0, "")
    assert "1 accepted warning no longer occurs; --update-baseline drops them" in err


def test_keys_drop_note_and_box_numbers_but_keep_the_subject() -> None:
    key = key_of(Finding("url-host-typo", 101, "hosts a.test (note 131, a sidebar) and b.test "
                         "(notes 101) differ"))  # fmt: skip
    assert key == WarningKey(
        "url-host-typo", "hosts a.test (note #, a sidebar) and b.test (notes #) differ"
    )
    assert key_of(Finding("url-without-date", None, "Sidebar 4: no date for https://x.test/4"))\
        .message == "Sidebar #: no date for https://x.test/4"  # fmt: skip


def test_baseline_is_deterministic_and_keyed_by_path_from_its_folder(repo: Path) -> None:
    (repo / "docs").mkdir()
    shutil.move(repo / "report.md", repo / "docs" / "report.md")
    _lint("docs/report.md", "--update-baseline")
    first = (repo / ".citecheck-baseline.json").read_bytes()
    assert list(json.loads(first)["documents"]) == ["docs/report.md"]
    _, out, _ = _lint("docs/report.md", "--update-baseline")
    assert "unchanged" in out and (repo / ".citecheck-baseline.json").read_bytes() == first


def test_a_broken_baseline_is_a_one_line_usage_error(repo: Path) -> None:
    (repo / ".citecheck-baseline.json").write_text("{not json", "utf-8")
    code, _, err = _lint("report.md")
    assert code == 2 and err.count("\n") == 1
    assert err.startswith("citecheck: error: .citecheck-baseline.json: not a citecheck baseline")
    with pytest.raises(ConfigError):
        load_baseline(repo / ".citecheck-baseline.json")


def test_a_document_without_footnotes_is_a_usage_error(repo: Path) -> None:
    (repo / "README.md").write_text("# Hello\n", "utf-8")
    code, _, err = _lint("README.md")
    assert code == 2
    assert err.startswith("citecheck: error: README.md: the document has no footnotes")
