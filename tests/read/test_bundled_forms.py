"""The bundled report gives the same notes and URLs from every form a converter made of it.

The forms are committed under tests/documents/icmec-2018/ (made by scripts/make_documents.py
with pandoc and LibreOffice); the Markdown converted from the published PDF is the reference.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from citecheck.model import Format, ParsedDocument
from citecheck.parse import links, parse_document
from citecheck.read import read_document

ROOT = Path(__file__).resolve().parents[2]
FORMS = ROOT / "tests" / "documents" / "icmec-2018"
BUNDLED = ROOT / "references" / "technology-facilitated-child-sex-trafficking-2018.md"


@pytest.fixture(scope="module")
def reference() -> ParsedDocument:
    return parse_document(read_document(BUNDLED))


def _urls(parsed: ParsedDocument) -> set[str]:
    return {link.url for link in links(parsed)}


@pytest.mark.parametrize(
    ("name", "form"),
    [
        ("icmec-2018.md", Format.MARKDOWN),
        ("icmec-2018.docx", Format.DOCX),
        ("icmec-2018.html", Format.HTML),
        ("icmec-2018.lo.html", Format.HTML),
    ],
)
def test_every_form_gives_the_same_notes_and_urls(
    name: str, form: Format, reference: ParsedDocument
) -> None:
    document = read_document(FORMS / name)
    assert document.format is form
    parsed = parse_document(document)
    assert [note.number for note in parsed.notes] == list(range(1, 347))
    assert len(parsed.sidebars) == 10
    assert _urls(parsed) == _urls(reference)
    assert len(_urls(parsed)) == 208


def test_tracked_changes_read_as_accepted(reference: ParsedDocument) -> None:
    parsed = parse_document(read_document(FORMS / "icmec-2018-tracked.docx"))
    assert len(parsed.notes) == 346
    note_10 = parsed.notes[9].citations[0]
    assert str(note_10.last_visited) == "2018-11-02"  # the inserted date, not the deleted one
    assert "Oct. 5, 2018" not in parsed.notes[9].text
    assert all(citation.url is None for citation in parsed.notes[219].citations)
