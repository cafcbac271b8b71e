"""``citecheck parse`` end to end: exit codes, one-line errors, and the committed exports."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from citecheck import export
from citecheck.cli import app
from citecheck.parse import parse_document
from citecheck.read import read_document

ROOT = Path(__file__).resolve().parent.parent
DOCUMENT = ROOT / "references" / "technology-facilitated-child-sex-trafficking-2018.md"
REGENERATE = f"citecheck parse {DOCUMENT.relative_to(ROOT)} --export-dir references"

runner = CliRunner()


def test_committed_exports_are_fresh() -> None:
    """references/ must be what the parser produces today; regenerate with the README command."""
    parsed = parse_document(read_document(DOCUMENT))
    for name, content in export.bundle(parsed).items():
        committed = (ROOT / "references" / name).read_text(encoding="utf-8")
        assert committed == content, f"references/{name} is stale: run `{REGENERATE}`"


def test_summary_of_the_bundled_report() -> None:
    result = runner.invoke(app, ["parse", str(DOCUMENT)])
    assert result.exit_code == 0, result.output
    assert "notes      346" in result.stdout
    assert "warnings" in result.stdout


@pytest.mark.parametrize("fmt", ["json", "bibtex", "csl-json"])
def test_output_file_matches_stdout(tmp_path: Path, fmt: str) -> None:
    out = tmp_path / "out"
    printed = runner.invoke(app, ["parse", str(DOCUMENT), "--format", fmt])
    written = runner.invoke(app, ["parse", str(DOCUMENT), "--format", fmt, "-o", str(out)])
    assert printed.exit_code == written.exit_code == 0
    assert out.read_text(encoding="utf-8") == printed.stdout


def test_json_output_parses(tmp_path: Path) -> None:
    result = runner.invoke(app, ["parse", str(DOCUMENT), "--format", "json"])
    data = json.loads(result.stdout)
    assert len(data["notes"]) == 346
    assert all(c["kind"] in {"full", "id", "supra"} for n in data["notes"] for c in n["citations"])


def _bad_inputs(tmp_path: Path) -> dict[str, Path]:
    empty = tmp_path / "empty.md"
    empty.write_bytes(b"")
    binary = tmp_path / "report.pdf"
    binary.write_bytes(b"%PDF-1.7\n\x00\x01\x02\xff\xfe binary")
    latin1 = tmp_path / "latin1.md"
    latin1.write_bytes("Caf\xe9 report\u00b9".encode("latin-1", errors="replace"))
    plain = tmp_path / "plain.md"
    plain.write_text("A report with body text and no footnotes at all.\n", encoding="utf-8")
    return {
        "missing": tmp_path / "nope.md",
        "directory": tmp_path,
        "empty": empty,
        "binary": binary,
        "non-utf8": latin1,
        "no-footnotes": plain,
    }


@pytest.mark.parametrize(
    "case", ["missing", "directory", "empty", "binary", "non-utf8", "no-footnotes"]
)
def test_bad_input_is_one_line_and_exit_2(tmp_path: Path, case: str) -> None:
    path = _bad_inputs(tmp_path)[case]
    proc = subprocess.run(
        [sys.executable, "-m", "citecheck", "parse", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 2
    assert proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("citecheck: error: ")
    assert "Traceback" not in proc.stderr


def test_failed_parse_keeps_existing_output(tmp_path: Path) -> None:
    out = tmp_path / "citations.json"
    out.write_text("good result\n", encoding="utf-8")
    result = runner.invoke(
        app, ["parse", str(tmp_path / "missing.md"), "-f", "json", "-o", str(out)]
    )
    assert result.exit_code == 2
    assert out.read_text(encoding="utf-8") == "good result\n"


def test_export_dir_is_a_no_op_when_fresh(tmp_path: Path) -> None:
    first = runner.invoke(app, ["parse", str(DOCUMENT), "--export-dir", str(tmp_path)])
    assert first.exit_code == 0
    before = {p.name: p.stat().st_mtime_ns for p in tmp_path.iterdir()}
    second = runner.invoke(app, ["parse", str(DOCUMENT), "--export-dir", str(tmp_path)])
    assert second.exit_code == 0
    assert "unchanged" in second.stderr
    assert {p.name: p.stat().st_mtime_ns for p in tmp_path.iterdir()} == before
    assert sorted(before) == sorted(export.BUNDLE)
