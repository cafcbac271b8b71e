"""Every command takes any format: by content, forced with --from, or from standard input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from citecheck.cli import app

ROOT = Path(__file__).resolve().parents[2]
FORMS = ROOT / "tests" / "documents" / "icmec-2018"
runner = CliRunner()


def _citecheck(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "citecheck", *args], input=stdin, capture_output=True, check=False
    )


def test_standard_input_is_read_by_content() -> None:
    proc = _citecheck("parse", "-", "-f", "json", stdin=(FORMS / "icmec-2018.docx").read_bytes())
    assert proc.returncode == 0, proc.stderr
    assert len(json.loads(proc.stdout)["notes"]) == 346


def test_from_forces_a_format(tmp_path: Path) -> None:
    misnamed = tmp_path / "report.bin"
    misnamed.write_bytes((FORMS / "icmec-2018.html").read_bytes())
    result = runner.invoke(app, ["parse", str(misnamed), "--from", "html"])
    assert result.exit_code == 0, result.output
    assert "notes      346" in result.stdout
    wrong = runner.invoke(app, ["parse", str(misnamed), "--from", "pdf"])
    assert wrong.exit_code == 2
    assert "not a readable PDF" in wrong.stderr


def test_body_links_are_checked_when_asked(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text("# A page\n\nSee <http://127.0.0.1:9/a> and <http://127.0.0.1:9/b>.\n")
    refused = runner.invoke(app, ["check", str(page)])
    assert refused.exit_code == 2
    assert "0 notes; found 2 URLs in the body — use --body-links" in refused.stderr
    checked = runner.invoke(app, ["check", str(page), "--body-links", "-f", "json"])
    assert checked.exit_code == 4, checked.output  # loopback is refused: nothing checked
    urls = [link["url"] for link in json.loads(checked.stdout)["links"]]
    assert urls == ["http://127.0.0.1:9/a", "http://127.0.0.1:9/b"]


def test_fix_refuses_a_docx_edition_under_another_format_in_one_line(tmp_path: Path) -> None:
    docx = tmp_path / "report.docx"
    docx.write_bytes((FORMS / "icmec-2018.docx").read_bytes())
    before = docx.read_bytes()
    result = runner.invoke(app, ["fix", str(docx), "-o", str(tmp_path / "next.txt")])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert "the next edition of a DOCX document is a DOCX (.docx)" in result.stderr
    assert not (tmp_path / "next.txt").exists()
    assert docx.read_bytes() == before
