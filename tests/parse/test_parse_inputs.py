"""Bad input files, and Markdown footnotes as a second input format (detected automatically)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from citecheck.errors import InputError
from citecheck.parse import parse_document
from citecheck.read import read_document
from tests.parse._real import BUNDLED, NOTES, SIDEBARS, document

FIXTURES = Path(__file__).parent / "fixtures"


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda tmp: tmp / "missing.md", "no such file"),
        (lambda tmp: tmp, "is a directory"),
        (lambda tmp: _write(tmp, "empty.md", b""), "is empty"),
        (lambda tmp: _write(tmp, "blank.md", b"  \n\n\t\n"), "is empty"),
        (
            lambda tmp: _write(tmp, "report.pdf", b"%PDF-1.7\n\x00\x01\x02 stream"),
            "not a readable PDF",
        ),
        (
            lambda tmp: _write(tmp, "image.bin", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
            "looks binary",
        ),
        (
            lambda tmp: _write(tmp, "latin1.md", "Caf\xe9 \xb9 report".encode("latin-1")),
            "is not UTF-8",
        ),
    ],
)
def test_unreadable_inputs_raise_one_line_input_errors(
    tmp_path: Path, make: Callable[[Path], Path], message: str
) -> None:
    path = make(tmp_path)
    with pytest.raises(InputError) as raised:
        read_document(path)
    assert message in str(raised.value)
    assert "\n" not in str(raised.value)
    assert str(path) in str(raised.value)


def test_a_document_without_footnotes_is_an_input_error() -> None:
    with pytest.raises(InputError, match="no footnotes"):
        parse_document("A report with body text¹ and no footnotes at all.\n\nMore text.\n")


def test_read_document_returns_text_without_a_byte_order_mark(tmp_path: Path) -> None:
    path = _write(tmp_path, "bom.md", "\ufeff".encode() + BUNDLED.read_bytes())
    assert read_document(path).text == BUNDLED.read_text(encoding="utf-8")


# ------------------------------------------------------------------ 9. Markdown footnotes


def test_markdown_footnotes_are_detected_and_parsed() -> None:
    report = parse_document(read_document(FIXTURES / "markdown-footnotes.md"))
    assert [note.number for note in report.notes] == [1, 2, 3, 4, 5, 6]
    assert report.notes[4].text == NOTES[131]  # indented continuation lines joined
    assert len(report.sidebars) == 1
    assert [(f.note, f.code) for f in report.findings] == [
        (5, "url-without-date"),
        (6, "ambiguous-id"),
    ]


def test_markdown_and_superscript_forms_parse_alike() -> None:
    markdown = parse_document(read_document(FIXTURES / "markdown-footnotes.md"))
    superscript = parse_document(
        document(
            NOTES[10],
            "*Id.*",
            NOTES[12],
            "Mark Latonero, *supra* note 3, at 15.",
            NOTES[131],
            NOTES[132],
            sidebars=(SIDEBARS[3],),
        )
    )
    assert markdown.sources == superscript.sources
    assert markdown.notes == superscript.notes
    assert markdown.sidebars == superscript.sidebars


def test_markdown_footnotes_that_do_not_line_up() -> None:
    report = parse_document(read_document(FIXTURES / "markdown-footnotes-broken.md"))
    assert [(f.note, f.code) for f in report.findings] == [
        (3, "note-gap"),
        (4, "marker-without-note"),
        (5, "note-without-marker"),
    ]
    assert report.findings[0].message == "footnote numbering skips 3–4"


def test_markdown_labels_that_are_not_numbers_count_in_definition_order() -> None:
    text = f"Claim.[^iom] Again.[^again]\n\n[^iom]: {NOTES[10]}\n[^again]: *Id.*\n"
    report = parse_document(text)
    assert [note.number for note in report.notes] == [1, 2]
    assert report.notes[1].citations[0].source == report.notes[0].citations[0].source
    assert not report.findings
