"""Source ids: derived from content, stable when footnotes are inserted and renumbered."""

from __future__ import annotations

import re

from citecheck.model import ParsedDocument
from citecheck.parse import parse_document
from citecheck.parse._ids import assign, title_source_key, url_source_key
from citecheck.read import read_document
from tests.parse._real import BUNDLED, NOTES, document, sup

_SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_FROM_SUPERSCRIPT = str.maketrans(_SUPERSCRIPTS, "0123456789")
NEW_NOTE = (
    "Jane Roe, *A Study Inserted Near the Start*, NEW JOURNAL, Jan. 2, 2018, at "
    "<https://example.org/new-study> (last visited Oct. 1, 2018)."
)


def renumber_with_a_new_first_note(text: str) -> str:
    """Insert a footnote before note 1 and renumber every marker, footnote and *supra* note N,
    as an editor's word processor would."""

    def shift(match: re.Match[str]) -> str:
        return sup(int(match.group(0).translate(_FROM_SUPERSCRIPT)) + 1)

    text = re.sub(f"[{_SUPERSCRIPTS}]+", shift, text)
    text = re.sub(
        r"(supra\*?,?\s+note\s+)(\d+)", lambda m: f"{m.group(1)}{int(m.group(2)) + 1}", text
    )
    text = re.sub(
        r"\^\{([\d,\s]+)\}",
        lambda m: "^{" + ", ".join(str(int(n) + 1) for n in re.findall(r"\d+", m.group(1))) + "}",
        text,
    )
    text = text.replace(
        f"Trafficking of children{sup(2)}",
        f"A new claim.{sup(1)} Trafficking of children{sup(2)}",
        1,
    )
    return text.replace(
        f"\n\n{sup(2)} *Terminology Guidelines",
        f"\n\n{sup(1)} {NEW_NOTE}\n\n{sup(2)} *Terminology Guidelines",
        1,
    )


def test_inserting_a_footnote_near_the_start_keeps_every_source_id() -> None:
    before = parse_document(read_document(BUNDLED))
    after = parse_document(renumber_with_a_new_first_note(BUNDLED.read_text(encoding="utf-8")))
    assert len(after.notes) == 347
    assert [(f.note, f.code) for f in after.findings] == [
        (n + 1 if n else None, code) for n, code in ((f.note, f.code) for f in before.findings)
    ]
    new_ids = {source.id for source in after.sources} - {source.id for source in before.sources}
    assert len(new_ids) == 1
    for source in before.sources:
        moved = after.source(source.id)
        assert (moved.url, moved.title, moved.authors) == (source.url, source.title, source.authors)
        assert moved.cited_in == tuple(n + 1 for n in source.cited_in)
    assert _citation_sources(after)[1:] == _citation_sources(before)


def _citation_sources(report: ParsedDocument) -> list[list[str | None]]:
    return [[c.source for c in note.citations] for note in report.notes]


def test_ids_do_not_depend_on_note_numbers_or_order() -> None:
    forward = parse_document(document(NOTES[10], NOTES[12], NOTES[1]))
    backward = parse_document(document(NOTES[1], NOTES[12], NOTES[10], first=40))
    assert {s.id for s in forward.sources} == {s.id for s in backward.sources}


def test_ids_are_readable_slugs_with_a_hash() -> None:
    report = parse_document(document(NOTES[10], NOTES[51]))
    iom, journal = (source.id for source in report.sources)
    assert re.fullmatch(r"iom-family-members-linked-nearly-[0-9a-f]{8}", iom)
    assert re.fullmatch(r"human-sex-trafficking-recognition-[0-9a-f]{8}", journal)


def test_collisions_are_resolved_deterministically() -> None:
    keys = [url_source_key(f"example.org/a?page={n}") for n in (1, 2, 3)]
    keys.append(title_source_key("A Title"))

    def constant(_key: str) -> str:
        return "0" * 64  # force every key onto the same hash

    first = assign(keys, digest=constant)
    second = assign(list(reversed(keys)), digest=constant)
    assert first == second
    assert len(set(first.values())) == 4
    assert sorted(first.values())[:3] == [
        "example-0000000000000000",
        "example-0000000000000000-2",
        "example-0000000000000000-3",
    ]
    assert all(re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", value) for value in first.values())
