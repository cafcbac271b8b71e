"""``citecheck fix`` on DOCX, PDF-like and HTML documents, and what it refuses, in one line."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from citecheck.cli import app
from citecheck.read import read_document
from tests.monitor.conftest import Site, site  # noqa: F401 (the fixture)
from tests.support import docx_build as build
from tests.support.docx_review import accept, reject


def run_fix(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["fix", *args])
    return result.exit_code, result.stdout, result.stderr


def small_docx(base: str) -> bytes:
    """The site's small report as a Word document with hyperlinks."""
    return build.docx(
        [
            build.run("Jane Doe, A Study, 2017, at ") + build.hyperlink("rId1", f"{base}/study")
            + build.run(" (last visited Oct. 5, 2018)."),
            build.run("John Roe, A Paper, 2016, at ") + build.hyperlink("rId2", "the paper")
            + build.run(" (last visited Oct. 6, 2018)."),
            build.run("Gone Page, at ") + build.hyperlink("rId3", f"{base}/gone")
            + build.run(" (last visited Oct. 7, 2018)."),
        ],
        {"rId1": f"{base}/study", "rId2": f"{base}/old-paper", "rId3": f"{base}/gone"},
    )  # fmt: skip


def notes(data: bytes) -> list[str]:
    return [note.text for note in read_document(data, format="docx", name="x").notes]


def test_a_docx_comes_back_a_docx_with_tracked_changes(site: Site) -> None:  # noqa: F811
    Path("report.docx").write_bytes(small_docx(site.base))
    code, out, err = run_fix("report.docx", "-o", "next.docx", *site.options)
    assert code == 0, err
    assert "wrote next.docx: 3 edits, 0 not fixed" in err and out == ""
    assert "note 1: visit date updated for" in err and "note 2: new address for" in err
    fixed = Path("next.docx").read_bytes()
    accepted = notes(accept(fixed))
    assert "/study> (last visited " in accepted[0] and "Oct. 5, 2018" not in accepted[0]
    assert accepted[1].startswith(f"John Roe, A Paper, 2016, at [the paper]({site.base}/papers/")
    assert "/gone> (last visited Oct. 7, 2018), archived at <" in accepted[2]
    assert notes(reject(fixed)) == notes(Path("report.docx").read_bytes())


def test_keep_dates_and_a_dry_run_without_an_output(site: Site) -> None:  # noqa: F811
    Path("report.docx").write_bytes(small_docx(site.base))
    code, out, err = run_fix("report.docx", "--dry-run", "--keep-dates", *site.options)
    assert code == 0, err
    assert out.startswith("# Fixes for report.docx\n\n2 fixes from the change report of ")
    assert "## Note 2: new URL" in out and "## Note 3: archived copy added" in out
    assert "would write report.docx: 2 edits" in err
    assert not Path("next.docx").exists()


def test_a_list_of_fixes_as_csv(site: Site) -> None:  # noqa: F811
    code, _out, err = run_fix(str(site.report), "-o", "fixes.csv", *site.options)
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(Path("fixes.csv").read_text("utf-8"))))
    assert [row["note"] for row in rows] == ["1", "2", "3"]


@pytest.mark.parametrize(
    ("document", "output", "message"),
    [
        ("report.docx", "next.md~", "the next edition of a DOCX document is a DOCX (.docx)"),
        ("report.docx", "report.docx", "is the document itself"),
        ("page.html", "next.docx", "the next edition of a HTML document is a HTML"),
    ],
)
def test_refusals_before_any_network_use(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, document: str, output: str, message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("report.docx").write_bytes(small_docx("http://127.0.0.1:9"))
    Path("page.html").write_text(
        '<p>A.<sup><a href="#fn1" id="r1">1</a></sup></p><ol class="footnotes"><li id="fn1">'
        'At <a href="http://127.0.0.1:9/x">x</a>. <a href="#r1">↩</a></li></ol>',
        "utf-8",
    )
    code, _out, err = run_fix(document, "-o", output)
    assert (code, err.count("\n")) == (2, 1), err
    assert message in err
    assert not Path(output).exists() or output == document


def test_a_corrupt_docx_and_a_missing_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    good = small_docx("http://127.0.0.1:9")
    Path("broken.docx").write_bytes(good[: len(good) // 2])
    code, _out, err = run_fix("broken.docx", "-o", "next.docx")
    assert (code, err.count("\n")) == (2, 1) and "citecheck: error:" in err
    assert not Path("next.docx").exists()
    code, _out, err = run_fix("broken.docx")
    assert (code, err.count("\n")) == (2, 1) and "give -o FILE for the updated copy" in err


def test_a_docx_edition_keeps_the_zip_layout(site: Site) -> None:  # noqa: F811
    Path("report.docx").write_bytes(small_docx(site.base))
    code, _out, err = run_fix("report.docx", "-o", "next.docx", *site.options)
    assert code == 0, err
    before = zipfile.ZipFile("report.docx").infolist()
    after = zipfile.ZipFile("next.docx").infolist()
    assert [(i.filename, i.compress_type) for i in after] == [
        (i.filename, i.compress_type) for i in before
    ]
