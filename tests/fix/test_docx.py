"""DOCX in, DOCX out: each fix one tracked change, every other byte of the package kept.

Checked by reading the edition back as an editor would have it: all changes accepted gives
the fixed notes, all rejected gives the document as it was.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from citecheck.errors import InputError
from citecheck.fix._docx import docx_edition
from citecheck.fix._locate import apply_ops, locate
from citecheck.fix._plan import Archived, Plan
from citecheck.model import Document
from citecheck.read import read_document
from citecheck.report import FixAction
from tests.support import docx_build as build
from tests.support.docx_review import W, accept, changes, marks, reject

CORPUS = Path(__file__).parents[1] / "documents" / "icmec-2018"
DAY = dt.date(2026, 11, 27)
LUX = "http://luxembourgguidelines.org/english-version/"
LUX_NEW = "https://ecpat.org/luxembourg-guidelines/"
LEARY = "https://judiciary.house.gov/wp-content/uploads/2017/09/Leary-Testimony-Final.pdf"
LEARY_COPY = f"https://web.archive.org/web/20181001093000/{LEARY}"
VIENNA = "https://www.unodc.org/documents/human-trafficking/2008/BPO16ProfilingtheTraffickers.pdf"
PLANS = {
    LUX: Plan(FixAction.REPLACE_URL, LUX_NEW, "Nov. 27, 2026", None),
    LEARY: Plan(FixAction.ADD_ARCHIVE, None, None,
                Archived(LEARY_COPY, dt.date(2018, 10, 1), None)),
    VIENNA: Plan(FixAction.REFRESH, None, "Nov. 27, 2026", None),
}  # fmt: skip
VARIANTS = [
    "icmec-2018.docx",  # pandoc: w:hyperlink with relationships
    "icmec-2018.lo.docx",  # re-saved by LibreOffice
    "icmec-2018-fields.docx",  # HYPERLINK field codes
    "icmec-2018-short-links.docx",  # links showing "example.org/…/report"
    "icmec-2018-tracked.docx",  # with other authors' tracked changes
]


def notes(data: bytes) -> list[str]:
    return [note.text for note in read_document(data, format="docx", name="x").notes]


def expected(document: Document, plans: dict[str, Plan]) -> list[str]:
    """Each note as the Markdown engine would fix its text: what accepting must give."""
    fixed = []
    for note in document.notes:
        ops = [op for loc in locate(note.text, plans, markup=True) for op in loc.ops]
        fixed.append(apply_ops(note.text, ops))
    return fixed


def raw_members(data: bytes) -> list[tuple[str, int, bytes]]:
    """Each member's name, method and raw bytes (local header and compressed data)."""
    found = []
    for info in zipfile.ZipFile(io.BytesIO(data)).infolist():
        start = info.header_offset
        name_len, extra_len = (
            int.from_bytes(data[start + 26 : start + 28], "little"),
            int.from_bytes(data[start + 28 : start + 30], "little"),
        )
        end = start + 30 + name_len + extra_len + info.compress_size
        found.append((info.filename, info.compress_type, data[start:end]))
    return found


def footnotes(data: bytes) -> etree._Element:
    return etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/footnotes.xml"))


@pytest.mark.parametrize("name", VARIANTS)
def test_each_fix_is_one_tracked_change_and_review_gives_the_fixed_or_original_notes(
    name: str,
) -> None:
    data = (CORPUS / name).read_bytes()
    document = read_document(data, format="docx", name=name)
    edition = docx_edition(data, name, PLANS, DAY)
    assert [(e.note, e.action) for e in edition.edits] == [
        (1, FixAction.REPLACE_URL), (5, FixAction.ADD_ARCHIVE), (6, FixAction.REFRESH),
    ]  # fmt: skip
    assert notes(accept(edition.data)) == expected(document, PLANS)
    assert notes(reject(edition.data)) == [note.text for note in document.notes]
    assert notes(edition.data) == expected(document, PLANS)  # read as accepted, like Word


@pytest.mark.parametrize("name", VARIANTS)
def test_only_the_changed_notes_and_their_relationships_differ(name: str) -> None:
    data = (CORPUS / name).read_bytes()
    edition = docx_edition(data, name, PLANS, DAY)
    before, after = raw_members(data), raw_members(edition.data)
    assert [(n, m) for n, m, _ in after][: len(before)] == [(n, m) for n, m, _ in before]
    differing = {n for (n, _, a), (_, _, b) in zip(before, after, strict=False) if a != b}
    assert differing <= {"word/footnotes.xml", "word/_rels/footnotes.xml.rels"}
    assert "word/footnotes.xml" in differing
    assert zipfile.ZipFile(io.BytesIO(edition.data)).testzip() is None
    old_xml = zipfile.ZipFile(io.BytesIO(data)).read("word/footnotes.xml").decode()
    new_xml = zipfile.ZipFile(io.BytesIO(edition.data)).read("word/footnotes.xml").decode()
    # Every note but the three fixed ones keeps its exact bytes.
    pattern = re.compile(r"<w:footnote\b.*?</w:footnote>", re.DOTALL)
    kept = [n for n in pattern.findall(old_xml) if n in new_xml]
    assert len(pattern.findall(old_xml)) - len(kept) == 3


@pytest.mark.parametrize("name", VARIANTS)
def test_revisions_are_citechecks_dated_and_uniquely_numbered(name: str) -> None:
    data = (CORPUS / name).read_bytes()
    edition = docx_edition(data, name, PLANS, DAY)
    ours = [m for m in marks(edition.data) if m.get(W + "author") == "citecheck"]
    assert len(ours) == len(marks(edition.data)) - len(marks(data))
    assert {m.get(W + "date") for m in ours} == {"2026-11-27T00:00:00Z"}
    package = zipfile.ZipFile(io.BytesIO(edition.data))
    ids = [
        value
        for part in package.namelist() if part.startswith("word/") and part.endswith(".xml")
        for value in re.findall(r'\bw:id="(-?\d+)"', package.read(part).decode())
    ]  # fmt: skip
    assert len({m.get(W + "id") for m in ours}) == len(ours)
    assert not {m.get(W + "id") for m in ours} & set(
        re.findall(r'\bw:id="(-?\d+)"', package.read("word/document.xml").decode())
    )
    assert ids  # the package has ids of its own, which ours must not repeat
    per_note = [changes(note) for note in footnotes(edition.data).iter(W + "footnote")]
    assert sorted(count for count in per_note if count) == [1, 1, 1]


def test_a_moved_link_gets_a_new_relationship_and_keeps_the_old_one() -> None:
    data = (CORPUS / "icmec-2018.docx").read_bytes()
    edition = docx_edition(data, "x", PLANS, DAY)
    rels = zipfile.ZipFile(io.BytesIO(edition.data)).read("word/_rels/footnotes.xml.rels")
    targets = dict(re.findall(rb'Id="([^"]+)"[^>]*Target="([^"]+)"', rels))
    assert LUX.encode() in targets.values() and LUX_NEW.encode() in targets.values()
    note = footnotes(edition.data).find(f".//{W}hyperlink/{W}del/..")
    assert note is not None  # the old link holds its deleted text


def test_a_hyperlink_field_is_replaced_by_a_new_field() -> None:
    data = build.docx(
        [build.run("See ") + build.field(LUX, LUX) + build.run(" (last visited Oct. 9, 2018).")]
    )
    edition = docx_edition(data, "x", PLANS, DAY)
    xml = zipfile.ZipFile(io.BytesIO(edition.data)).read("word/footnotes.xml").decode()
    assert f'HYPERLINK "{LUX_NEW}"' in xml and "delInstrText" in xml
    assert notes(accept(edition.data)) == [f"See <{LUX_NEW}> (last visited Nov. 27, 2026)."]
    assert notes(reject(edition.data)) == [f"See <{LUX}> (last visited Oct. 9, 2018)."]


def test_a_url_written_as_text_and_a_note_part_without_relationships() -> None:
    data = build.docx([build.run(f"At {LEARY} (last visited Oct. 5, 2018).")])
    edition = docx_edition(data, "x", PLANS, DAY)
    members = zipfile.ZipFile(io.BytesIO(edition.data)).namelist()
    assert "word/_rels/footnotes.xml.rels" not in members  # the archive URL is text, as cited
    assert notes(accept(edition.data)) == [
        f"At {LEARY} (last visited Oct. 5, 2018), archived at {LEARY_COPY} (archived Oct. 1, 2018)."
    ]


def test_a_first_hyperlink_in_a_note_part_adds_its_relationships_part() -> None:
    data = build.docx([build.run("At ") + build.hyperlink("rId9", "here")], {"rId9": LEARY})
    plain = build.docx([build.run(f"At {LUX} (last visited Oct. 9, 2018).")])
    moved = docx_edition(plain, "x", PLANS, DAY)
    assert notes(accept(moved.data)) == [f"At {LUX_NEW} (last visited Nov. 27, 2026)."]
    linked = docx_edition(data, "x", PLANS, DAY)
    assert notes(accept(linked.data)) == [
        f"At [here]({LEARY}), archived at <{LEARY_COPY}> (archived Oct. 1, 2018)"
    ]


def test_a_note_with_another_authors_insertion() -> None:
    inserted = (
        '<w:ins w:id="7" w:author="Editor" w:date="2025-01-01T00:00:00Z">'
        f"{build.run(f'At {VIENNA} (last visited Oct. 5, 2018).')}</w:ins>"
    )
    data = build.docx([inserted])
    edition = docx_edition(data, "x", PLANS, DAY)
    assert notes(accept(edition.data)) == [f"At {VIENNA} (last visited Nov. 27, 2026)."]
    xml = zipfile.ZipFile(io.BytesIO(edition.data)).read("word/footnotes.xml").decode()
    # Our deletion sits inside the editor's insertion, which is split around our insertion.
    assert re.search(r'<w:ins w:id="7" w:author="Editor"[^>]*>.*<w:del [^>]*w:author="citecheck"'
                     r'.*</w:del></w:ins><w:ins [^>]*w:author="citecheck".*</w:ins>'
                     r'<w:ins w:id="\d+" w:author="Editor"', xml)  # fmt: skip
    assert notes(reject(edition.data)) == [f"At {VIENNA} (last visited Oct. 5, 2018)."]
    assert notes(accept(edition.data, author=None)) == notes(edition.data)


def test_a_damaged_package_is_refused_in_one_line() -> None:
    data = bytearray((CORPUS / "icmec-2018.docx").read_bytes())
    directory = data.rfind(b"PK\x01\x02")
    data[directory : directory + 4] = b"XXXX"
    with pytest.raises(InputError, match=r"damaged|not a readable DOCX"):
        docx_edition(bytes(data), "broken.docx", PLANS, DAY)
