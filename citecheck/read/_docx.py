"""Footnotes and endnotes of Word documents (DOCX), with every link's exact target.

Notes live in ``word/footnotes.xml`` and ``word/endnotes.xml``; the body refers to them by id
(``w:footnoteReference``), and Word numbers them in order of reference. A link is either a
``w:hyperlink`` whose relationship holds the target, or a ``HYPERLINK`` field code whose
instruction does; either way the visible text may be shortened, so the target is what counts.
Tracked changes read as accepted: inserted text is kept, deleted text dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from lxml import etree

from citecheck.errors import InputError
from citecheck.model import (
    Box,
    DocumentInfo,
    DocumentNote,
    Hyperlink,
    LinkOrigin,
    Location,
    Placement,
    ReadWarning,
)
from citecheck.read._dates import iso_date, printed_date
from citecheck.read._input import Input
from citecheck.read._parts import SOURCE_BOX, Parts, box, unique
from citecheck.read._render import Run, render
from citecheck.read._zip import OfficeZip

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_CORE = {
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
}
_NOT_NOTES = {"separator", "continuationSeparator", "continuationNotice"}
# Deleted text and moved-away text are not in the document once changes are accepted; the
# fallback of mc:AlternateContent repeats its choice for older readers.
_DROPPED = {W + "del", W + "moveFrom", W + "delText", _MC + "Fallback", W + "instrText"}
_HYPERLINK_FIELD = re.compile(r'^\s*HYPERLINK\s+(?:"([^"]*)"|(\S+))(.*)$', re.DOTALL)
_FIELD_ANCHOR = re.compile(r'\\l\s+"([^"]*)"')
_HEADING_STYLE = re.compile(r"^(?:heading|title|berschrift|titre)\s*\d*$", re.IGNORECASE)


@dataclass
class _Field:
    """A complex field being read: its instruction, then (after ``separate``) its result."""

    instruction: str = ""
    target: str | None = None
    in_result: bool = False


@dataclass
class _Links:
    """A part's relationships: rId → target."""

    targets: dict[str, str] = field(default_factory=dict)


def read_docx(given: Input) -> Parts:
    package = OfficeZip.open(given)
    names = package.names()
    if "word/document.xml" not in names:
        raise InputError(_not_docx(given.name, names))
    body = package.xml("word/document.xml")
    order = _reference_order(body)
    notes: list[DocumentNote] = []
    warnings: list[ReadWarning] = []
    for kind, placement in (("footnote", Placement.FOOTNOTE), ("endnote", Placement.ENDNOTE)):
        part = f"word/{kind}s.xml"
        if part not in names:
            continue
        found = _notes(package, part, kind, order[kind], placement, offset=len(notes))
        if notes and found:
            warnings.append(
                ReadWarning(
                    "endnotes-renumbered",
                    None,
                    "the document has footnotes and endnotes; endnotes are numbered "
                    f"{_span(len(notes) + 1, len(notes) + len(found))} after the footnotes",
                )
            )
        notes += found
    numbers = {(kind, ident): n for kind, ids in order.items() for n, ident in _numbered(ids)}
    body_parts = _body(body, _relationships(package, "word/document.xml"), numbers, notes)
    info = replace(_info(package, names), printed_date=printed_date(_lines(body)))
    return Parts(
        tuple(notes), body_parts.boxes, body_parts.markers, body_parts.links,
        tuple(warnings), info,
    )  # fmt: skip


def _span(first: int, last: int) -> str:
    return str(first) if first == last else f"{first}–{last}"


def _not_docx(name: str, names: set[str]) -> str:
    if "content.xml" in names and "mimetype" in names:
        return f"{name} is an OpenDocument file (.odt); save it as .docx or PDF first"
    if any(n.startswith("xl/") for n in names) or any(n.startswith("ppt/") for n in names):
        return f"{name} is an Excel or PowerPoint file, not a Word document"
    return f"{name} is a ZIP archive but not a DOCX (no word/document.xml)"


def _reference_order(body: etree._Element) -> dict[str, list[str]]:
    """Note ids in order of first reference in the body: the order Word numbers them in."""
    order: dict[str, list[str]] = {"footnote": [], "endnote": []}
    for element in _kept(body):
        for kind in order:
            if element.tag == f"{W}{kind}Reference":
                ident = element.get(f"{W}id")
                if ident is not None and ident not in order[kind]:
                    order[kind].append(ident)
    return order


def _numbered(ids: list[str]) -> Iterator[tuple[int, str]]:
    return ((number, ident) for number, ident in enumerate(ids, start=1))


def _notes(
    package: OfficeZip, part: str, kind: str, order: list[str], placement: Placement, offset: int
) -> list[DocumentNote]:
    root = package.xml(part)
    links = _relationships(package, part)
    elements = {
        element.get(f"{W}id"): element
        for element in root.iter(f"{W}{kind}")
        if element.get(f"{W}type") not in _NOT_NOTES
    }
    # A note nothing refers to (its reference deleted, the change accepted) is not printed.
    ordered = [ident for ident in order if ident in elements]
    found = []
    for number, ident in enumerate(ordered, start=offset + 1):
        text, carried = render(_note_runs(elements[ident], links))
        found.append(DocumentNote(number, text, carried, Location(), placement))
    return found


def _note_runs(note: etree._Element, links: _Links) -> list[Run]:
    runs: list[Run] = []
    for paragraph in note.iter(f"{W}p"):
        runs += _paragraph_runs(paragraph, links)
        runs.append(Run(" "))
    return runs


def _paragraph_runs(paragraph: etree._Element, links: _Links) -> list[Run]:
    """The runs of one paragraph, fields and hyperlinks resolved to their targets."""
    out: list[Run] = []
    fields: list[_Field] = []
    for element, target, origin in _walk(paragraph, links, None, LinkOrigin.RELATIONSHIP):
        tag = element.tag
        if tag == f"{W}fldChar":
            _field_char(element, fields)
        elif tag == f"{W}instrText" and fields and not fields[-1].in_result:
            fields[-1].instruction += element.text or ""
        elif tag == f"{W}fldSimple":
            continue  # its runs come through _walk with the field's target
        else:
            text = _text_of(element)
            if text:
                field_target = next(
                    (f.target for f in reversed(fields) if f.in_result and f.target), None
                )
                run_target = field_target or target
                run_origin = LinkOrigin.FIELD if field_target else origin
                out.append(Run(text, _italic(element), run_target, run_origin))
    return out


def _walk(
    element: etree._Element, links: _Links, target: str | None, origin: LinkOrigin
) -> Iterator[tuple[etree._Element, str | None, LinkOrigin]]:
    """Every text-bearing element in order, with the hyperlink target around it."""
    for child in element:
        tag = child.tag
        if not isinstance(tag, str) or (tag in _DROPPED and tag != f"{W}instrText"):
            continue
        if tag == f"{W}hyperlink":
            yield from _walk(child, links, _hyperlink_target(child, links) or target, origin)
        elif tag == f"{W}fldSimple":
            field_target = _field_target(child.get(f"{W}instr", ""))
            field_origin = LinkOrigin.FIELD if field_target else origin
            yield from _walk(child, links, field_target or target, field_origin)
        elif tag in (
            f"{W}t",
            f"{W}tab",
            f"{W}br",
            f"{W}cr",
            f"{W}noBreakHyphen",
            f"{W}sym",
        ) or tag in (f"{W}fldChar", f"{W}instrText"):
            yield child, target, origin
        elif tag in (f"{W}footnoteRef", f"{W}endnoteRef", f"{W}footnoteReference",
                     f"{W}endnoteReference", f"{W}rPr", f"{W}pPr"):  # fmt: skip
            continue
        else:
            yield from _walk(child, links, target, origin)


def _field_char(element: etree._Element, fields: list[_Field]) -> None:
    kind = element.get(f"{W}fldCharType")
    if kind == "begin":
        fields.append(_Field())
    elif kind == "separate" and fields:
        fields[-1].in_result = True
        fields[-1].target = _field_target(fields[-1].instruction)
    elif kind == "end" and fields:
        fields.pop()


def _field_target(instruction: str) -> str | None:
    match = _HYPERLINK_FIELD.match(instruction)
    if match is None:
        return None
    target = match.group(1) if match.group(1) is not None else match.group(2)
    anchor = _FIELD_ANCHOR.search(match.group(3))
    if anchor and target:
        target = f"{target}#{anchor.group(1)}"
    return target or None


def _hyperlink_target(element: etree._Element, links: _Links) -> str | None:
    ident = element.get(f"{R}id")
    target = links.targets.get(ident) if ident else None
    anchor = element.get(f"{W}anchor")
    if target and anchor:
        return f"{target}#{anchor}"
    return target


def _text_of(element: etree._Element) -> str:
    tag = element.tag
    if tag == f"{W}t":
        return element.text or ""
    if tag == f"{W}noBreakHyphen":
        return "-"
    if tag == f"{W}sym":
        return ""
    return " "  # tab, break, carriage return


def _italic(element: etree._Element) -> bool:
    run = element.getparent()
    while run is not None and run.tag != f"{W}r":
        run = run.getparent()
    if run is None:
        return False
    properties = run.find(f"{W}rPr")
    if properties is None:
        return False
    italic = properties.find(f"{W}i")
    if italic is not None:
        return italic.get(f"{W}val", "true") not in ("0", "false", "off")
    style = properties.find(f"{W}rStyle")
    return style is not None and "emphasis" in (style.get(f"{W}val") or "").lower()


def _relationships(package: OfficeZip, part: str) -> _Links:
    folder, _, name = part.rpartition("/")
    rels = f"{folder}/_rels/{name}.rels"
    if not package.has(rels):
        return _Links()
    return _Links(
        {
            rel.get("Id", ""): rel.get("Target", "")
            for rel in package.xml(rels).iter(f"{_REL}Relationship")
            if rel.get("Type", "").endswith("/hyperlink")
        }
    )


def _kept(root: etree._Element) -> Iterator[etree._Element]:
    """Every element once changes are accepted (deleted and fallback content skipped)."""
    for child in root:
        if not isinstance(child.tag, str) or child.tag in _DROPPED:
            continue
        yield child
        yield from _kept(child)


# ---------------------------------------------------------------------------------- body


@dataclass
class _BodyParts:
    boxes: tuple[Box, ...]
    markers: tuple[int, ...]
    links: tuple[Hyperlink, ...]


def _body(
    body: etree._Element,
    links: _Links,
    numbers: dict[tuple[str, str], int],
    notes: list[DocumentNote],
) -> _BodyParts:
    boxes: list[Box] = []
    markers: list[int] = []
    found: list[Hyperlink] = []
    sections: dict[int, str] = {}
    section: str | None = None
    offset = sum(1 for note in notes if note.placement is Placement.FOOTNOTE)
    for paragraph in _paragraphs(body):
        text, carried = render(_paragraph_runs(paragraph, links))
        if _is_heading(paragraph) and text:
            section = text
        for kind, ident in _references(paragraph):
            number = numbers.get((kind, ident))
            if number is not None:
                number += offset if kind == "endnote" else 0
                markers.append(number)
                if section:
                    sections.setdefault(number, section)
        if SOURCE_BOX.match(text):
            boxes.append(box(len(boxes) + 1, text, carried, Location(section=section)))
        else:
            found += carried
    for index, note in enumerate(notes):
        if note.number in sections:
            notes[index] = _located(note, sections[note.number])
    return _BodyParts(tuple(boxes), tuple(markers), unique(found))


def _located(note: DocumentNote, section: str) -> DocumentNote:
    return DocumentNote(
        note.number, note.text, note.links, Location(section=section), note.placement
    )


def _paragraphs(body: etree._Element) -> Iterator[etree._Element]:
    for element in _kept(body):
        if element.tag == f"{W}p":
            yield element


def _references(paragraph: etree._Element) -> Iterator[tuple[str, str]]:
    for element in _kept(paragraph):
        for kind in ("footnote", "endnote"):
            if element.tag == f"{W}{kind}Reference":
                yield kind, element.get(f"{W}id", "")


def _is_heading(paragraph: etree._Element) -> bool:
    properties = paragraph.find(f"{W}pPr")
    if properties is None:
        return False
    style = properties.find(f"{W}pStyle")
    outline = properties.find(f"{W}outlineLvl")
    name = style.get(f"{W}val", "") if style is not None else ""
    return bool(_HEADING_STYLE.match(name)) or outline is not None


# ------------------------------------------------------------------------------ metadata


def _info(package: OfficeZip, names: set[str]) -> DocumentInfo:
    if "docProps/core.xml" not in names:
        return DocumentInfo()
    core = package.xml("docProps/core.xml")

    def value(path: str) -> str | None:
        found = core.find(path, _CORE)
        text = found.text.strip() if found is not None and found.text else ""
        return text or None

    created = value("dcterms:created")
    return DocumentInfo(
        title=value("dc:title"),
        author=value("dc:creator"),
        date=iso_date(created) if created else None,
        pages=_pages(package, names),
    )


def _lines(body: etree._Element) -> Iterator[str]:
    """The body's paragraphs as plain text, for the date on its title page."""
    for paragraph in _paragraphs(body):
        yield "".join(t.text or "" for t in paragraph.iter(f"{W}t"))


def _pages(package: OfficeZip, names: set[str]) -> int | None:
    if "docProps/app.xml" not in names:
        return None
    app = package.xml("docProps/app.xml")
    pages = app.find("{*}Pages")
    return int(pages.text) if pages is not None and (pages.text or "").isdigit() else None
