"""Acceptance: the bundled report as a DOCX, through ``fix`` against the simulated web.

The DOCX pandoc made of the bundled report (``tests/documents``) is run through the whole
pipeline against the end-to-end world (its 146 real host names on loopback, a local Wayback)
and written back with ``fix_document``. The edition must hold one tracked change per fix and
nothing else: every other ZIP member byte for byte, every other note and paragraph byte for
byte. Where LibreOffice is installed it opens the edition, lists the same changes, and
accepting or rejecting them all gives the fixed or the original notes.
"""

from __future__ import annotations

import io
import zipfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from lxml import etree

from citecheck.fix import Edition, fix_document
from citecheck.fix._docx import _spans
from citecheck.model import Document
from citecheck.pipeline import run_pipeline
from citecheck.read import read_document
from citecheck.report import FixAction
from tests.e2e import world as w
from tests.e2e.test_run_pipeline import settings_for
from tests.fix.test_docx import raw_members
from tests.support.docx_review import SOFFICE, LibreOffice, W, accept, changes, reject

DOCX = Path(__file__).parents[1] / "documents" / "icmec-2018" / "icmec-2018.docx"


@dataclass(frozen=True)
class Fixed:
    original: bytes
    document: Document
    edition: Edition
    keep_dates: Edition


@pytest.fixture(scope="module")
def fixed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Fixed]:
    tmp = tmp_path_factory.mktemp("fix-docx")
    data = DOCX.read_bytes()
    document = read_document(data, name=DOCX.name)
    with w.world(tmp) as world:
        result = run_pipeline(
            document, settings_for(world), snapshots=tmp / "snapshots",
            resolver=world.web.resolver(), clock=lambda: w.NOW, sleep=lambda _s: None,
        )  # fmt: skip
    assert not result.inconclusive
    edition = fix_document(data, document, result.parsed, result.report)
    kept = fix_document(data, document, result.parsed, result.report, keep_dates=True)
    yield Fixed(data, document, edition, kept)


def part(data: bytes, name: str) -> str:
    return zipfile.ZipFile(io.BytesIO(data)).read(name).decode("utf-8")


def test_the_fixes_that_matter(fixed: Fixed) -> None:
    actions = Counter(e.action for e in fixed.edition.edits)
    assert actions[FixAction.ADD_ARCHIVE] == 5 and actions[FixAction.REPLACE_URL] == 1
    assert actions[FixAction.REFRESH] >= 190
    kept = Counter(e.action for e in fixed.keep_dates.edits)
    assert kept == {FixAction.ADD_ARCHIVE: 5, FixAction.REPLACE_URL: 1}


@pytest.mark.parametrize("which", ["edition", "keep_dates"])
def test_one_tracked_change_per_fix_and_nothing_else(fixed: Fixed, which: str) -> None:
    edition: Edition = getattr(fixed, which)
    per_note = Counter(e.note for e in edition.edits if e.note is not None)
    root = etree.fromstring(part(edition.data, "word/footnotes.xml").encode())
    counted = [changes(note) for note in root.iter(W + "footnote")]
    assert sorted(c for c in counted if c) == sorted(per_note.values())
    before, after = raw_members(fixed.original), raw_members(edition.data)
    assert [(n, m) for n, m, _ in after] == [(n, m) for n, m, _ in before]
    differing = {n for (n, _, a), (_, _, b) in zip(before, after, strict=True) if a != b}
    allowed = {"word/footnotes.xml", "word/_rels/footnotes.xml.rels", "word/document.xml"}
    assert "word/footnotes.xml" in differing and differing <= allowed
    boxes = {e.box for e in edition.edits if e.box is not None}
    notes = {e.note for e in edition.edits if e.note is not None}
    assert _changed_elements(fixed.original, edition.data, "word/footnotes.xml", "footnote") == (
        len(notes)
    )
    if boxes:
        assert _changed_elements(fixed.original, edition.data, "word/document.xml", "p") == (
            len(boxes)
        )


def _changed_elements(old: bytes, new: bytes, name: str, tag: str) -> int:
    """How many ``tag`` elements differ, checking the rest of the part is byte for byte."""
    old_raw, new_raw = part(old, name), part(new, name)
    old_spans = _spans(old_raw, etree.fromstring(old_raw.encode()), tag)
    new_spans = _spans(new_raw, etree.fromstring(new_raw.encode()), tag)
    assert len(old_spans) == len(new_spans)
    restored, cursor, changed = [], 0, 0
    outer = [s for s in new_spans if not any(o[0] < s[0] and s[1] <= o[1] for o in new_spans)]
    for old_span, new_span in zip(old_spans, new_spans, strict=True):
        if new_span not in outer:
            continue
        old_text, new_text = old_raw[slice(*old_span)], new_raw[slice(*new_span)]
        changed += old_text != new_text
        restored += [new_raw[cursor : new_span[0]], old_text]
        cursor = new_span[1]
    restored.append(new_raw[cursor:])
    assert "".join(restored) == old_raw
    return changed


def test_accepting_gives_the_fixed_notes_and_rejecting_the_original(fixed: Fixed) -> None:
    original = [n.text for n in fixed.document.notes]
    rejected = read_document(reject(fixed.edition.data), format="docx", name="r")
    assert [n.text for n in rejected.notes] == original
    accepted = read_document(accept(fixed.edition.data), format="docx", name="a")
    changed = {n.number for n, o in zip(accepted.notes, original, strict=True) if n.text != o}
    assert changed == {e.note for e in fixed.edition.edits if e.note is not None}


@pytest.fixture(scope="module")
def libreoffice(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LibreOffice]:
    if SOFFICE is None:
        pytest.skip("LibreOffice is not installed here")
    yield LibreOffice(tmp_path_factory.mktemp("libreoffice"))


def test_libreoffice_opens_it_with_one_change_per_fix(
    fixed: Fixed, libreoffice: LibreOffice, tmp_path: Path
) -> None:
    edition = tmp_path / "next-edition.docx"
    edition.write_bytes(fixed.edition.data)
    seen, accepted_html = libreoffice.review(edition, "Accept")
    replacing = sum(e.action is not FixAction.ADD_ARCHIVE for e in fixed.edition.edits)
    assert Counter(seen) == {
        "Delete|citecheck": replacing,
        "Insert|citecheck": len(fixed.edition.edits),
    }
    ours = read_document(accept(fixed.edition.data), format="docx", name="a")
    by_libreoffice = read_document(accepted_html)
    assert [n.text for n in by_libreoffice.notes] == [n.text for n in ours.notes]
    original = tmp_path / "original.docx"
    original.write_bytes(fixed.original)
    _, as_it_was = libreoffice.review(original, "")
    _, rejected_html = libreoffice.review(edition, "Reject")
    assert [n.text for n in read_document(rejected_html).notes] == [
        n.text for n in read_document(as_it_was).notes
    ]
