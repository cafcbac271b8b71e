"""Fixes as tracked changes in WordprocessingML: one note (or box paragraph) at a time.

A note's text is what Word shows with every change accepted: its runs' text, hyperlinks
(``w:hyperlink`` with a relationship, ``w:fldSimple``, or a complex ``HYPERLINK`` field)
as anchors. Each locator's ops are merged into one change — the old text from the first
changed character to the last struck through (``w:del``), the new text after it inserted
(``w:ins``) — so the editor accepts or rejects each fix as one. A moved hyperlink keeps its
element with the old text deleted inside it, and a new one (a new relationship, or a new
field) holds the inserted text: accepting gives the new link, rejecting the old one.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import groupby

from lxml import etree

from citecheck.fix._locate import Anchor, Locator, Piece

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
# Content that is not there once changes are accepted.
_HIDDEN = {W + "del", W + "moveFrom", _MC + "Fallback"}
_NOT_TEXT = {W + "rPr", W + "pPr", W + "footnoteRef", W + "endnoteRef"}
_SPACE_LIKE = {W + "tab": " ", W + "br": " ", W + "cr": " ", W + "noBreakHyphen": "-"}
# Revision and grouping elements an insertion must not go inside (a w:ins inside a w:ins is
# not allowed); a hyperlink the change replaces is left too.
_WRAPPERS = {W + "ins", W + "del", W + "moveTo", W + "smartTag", W + "customXml"}
_HYPERLINK_FIELD = re.compile(r'^\s*HYPERLINK\s+(?:"([^"]*)"|(\S+))', re.DOTALL)

Relate = Callable[[str], str | None]
"""Gives the relationship id of a hyperlink target (a new one if needed), None if none can be."""


class SpansParagraphs(Exception):
    """A locator runs across paragraphs: it is left for an editor."""


@dataclass(eq=False)
class _Link:
    """A hyperlink in the XML: a ``w:hyperlink``/``w:fldSimple`` element, or a complex field
    (``runs`` from its ``begin`` to its ``end``)."""

    target: str
    kind: str  # "hyperlink", "simple" or "field"
    element: etree._Element
    runs: list[etree._Element] = field(default_factory=list)


@dataclass(frozen=True)
class _Atom:
    """A piece of visible text: one ``w:t`` (or tab, break…), or a paragraph break (no node)."""

    start: int
    text: str
    node: etree._Element | None
    link: _Link | None

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    @property
    def run(self) -> etree._Element:
        assert self.node is not None
        return self.node.getparent()


@dataclass
class _Field:
    instruction: str = ""
    runs: list[etree._Element] = field(default_factory=list)
    link: _Link | None = None
    in_result: bool = False


class NoteText:
    """The visible text of a note (or a box paragraph), its hyperlinks, and where each
    character sits in the XML."""

    def __init__(self, unit: etree._Element, targets: dict[str, str]) -> None:
        self.unit = unit
        self.targets = targets
        self.atoms: list[_Atom] = []
        self._fields: list[_Field] = []
        self._read()

    def _read(self) -> None:
        self.atoms, self._fields = [], []
        for paragraph in _top_paragraphs(self.unit):
            if self.atoms:
                self._add(" ", None, None)
            self._walk(paragraph, None)

    @property
    def text(self) -> str:
        return "".join(atom.text for atom in self.atoms)

    @property
    def anchors(self) -> list[Anchor]:
        found: list[Anchor] = []
        for link, group in _grouped(self.atoms):
            atoms = list(group)
            if link is not None:
                found.append(Anchor(atoms[0].start, atoms[-1].end, link.target))
        return found

    def link_at(self, index: int) -> _Link | None:
        return self._atom_at(index).link

    def run_at(self, index: int) -> etree._Element:
        return self._atom_at(index).run

    def _atom_at(self, index: int) -> _Atom:
        return next(a for a in self.atoms if a.node is not None and a.start <= index < a.end)

    # ----------------------------------------------------------------------------- reading

    def _add(self, text: str, node: etree._Element | None, link: _Link | None) -> None:
        start = self.atoms[-1].end if self.atoms else 0
        self.atoms.append(_Atom(start, text, node, link))

    def _walk(self, element: etree._Element, link: _Link | None) -> None:
        for child in element:
            tag = child.tag
            if not isinstance(tag, str) or tag in _HIDDEN or tag in _NOT_TEXT:
                continue
            if tag == W + "r":
                self._run(child, link)
            elif tag == W + "hyperlink":
                self._walk(child, self._hyperlink(child) or link)
            elif tag == W + "fldSimple":
                target = _field_target(child.get(W + "instr", ""))
                self._walk(child, _Link(target, "simple", child) if target else link)
            else:
                self._walk(child, link)

    def _hyperlink(self, element: etree._Element) -> _Link | None:
        target = self.targets.get(element.get(R + "id") or "")
        if not target:
            return None
        anchor = element.get(W + "anchor")
        return _Link(f"{target}#{anchor}" if anchor else target, "hyperlink", element)

    def _run(self, run: etree._Element, link: _Link | None) -> None:
        for open_field in self._fields:
            open_field.runs.append(run)
        for child in run:
            tag = child.tag
            if tag == W + "fldChar":
                self._field_char(child, run)
            elif tag == W + "instrText" and self._fields and not self._fields[-1].in_result:
                self._fields[-1].instruction += child.text or ""
            elif tag == W + "t" and child.text:
                self._add(child.text, child, self._field_link() or link)
            elif tag in _SPACE_LIKE:
                self._add(_SPACE_LIKE[tag], child, self._field_link() or link)

    def _field_char(self, element: etree._Element, run: etree._Element) -> None:
        kind = element.get(W + "fldCharType")
        if kind == "begin":
            self._fields.append(_Field(runs=[run]))
        elif kind == "separate" and self._fields:
            top = self._fields[-1]
            top.in_result = True
            target = _field_target(top.instruction)
            top.link = _Link(target, "field", run, top.runs) if target else None
        elif kind == "end" and self._fields:
            self._fields.pop()

    def _field_link(self) -> _Link | None:
        return next((f.link for f in reversed(self._fields) if f.in_result and f.link), None)

    # ----------------------------------------------------------------------------- editing

    def split(self, index: int) -> None:
        """Make ``index`` a run boundary: the run holding the character there is cut in two."""
        for atom in self.atoms:
            if atom.node is None or not atom.start <= index < atom.end:
                continue
            offset = index - atom.start
            if offset or _before(atom.node):
                _cut(atom.node, offset)
                self._read()
            return


@dataclass
class Revisions:
    """Who and when every tracked change is, and a counter for their unique ids."""

    author: str
    day: dt.date
    next_id: int

    def take(self) -> int:
        self.next_id += 1
        return self.next_id - 1

    def mark(self, tag: str) -> etree._Element:
        element = etree.Element(W + tag)
        element.set(W + "id", str(self.take()))
        element.set(W + "author", self.author)
        element.set(W + "date", f"{self.day.isoformat()}T00:00:00Z")
        return element


def track(note: NoteText, locator: Locator, revisions: Revisions, relate: Relate) -> None:
    """Write one locator's ops into the note as one tracked change."""
    start = locator.ops[0].start
    end = max(op.end for op in locator.ops)
    pieces = _merged(note.text, locator, start, end)
    made = _made(note, pieces, revisions, relate)
    if start < end:
        note.split(end)
        note.split(start)
        replaced = [note.link_at(op.anchor.start) for op in locator.ops if op.anchor]
        last = _strike(note, start, end, [link for link in replaced if link], revisions)
    else:
        last = _insertion_point(note, start, revisions)
    _insert_after(last, made)


def _merged(text: str, locator: Locator, start: int, end: int) -> list[Piece]:
    """The locator's ops as one replacement of ``[start, end)``: unchanged text between two
    ops is deleted and inserted again, so that the fix is accepted or rejected whole."""
    pieces: list[Piece] = []
    cursor = start
    for op in locator.ops:
        if op.start > cursor:
            pieces.append(Piece(text[cursor : op.start], cursor))
        pieces += op.pieces
        cursor = op.end
    return pieces


def _strike(
    note: NoteText, start: int, end: int, replaced: list[_Link], revisions: Revisions
) -> etree._Element:
    """Mark ``[start, end)`` (already run boundaries) deleted; the element to insert the new
    text after."""
    inside = (a for a in note.atoms if a.node is not None and start <= a.start < end)
    runs = list(dict.fromkeys(atom.run for atom in inside))
    for link in replaced:
        if link.kind == "field":
            runs += [run for run in link.runs if run not in runs]
    runs.sort(key=_document_order(note.unit))
    if len({_paragraph(run) for run in runs}) > 1:
        raise SpansParagraphs
    for run in runs:
        _as_deleted(run)
    wrappers = [_wrap(group, revisions) for group in _adjacent(runs)]
    return _climb(wrappers[-1], {id(link.element) for link in replaced}, revisions)


def _insertion_point(note: NoteText, index: int, revisions: Revisions) -> etree._Element:
    """Where new text goes at ``index``: after the run ending there — after the whole link
    when that run ends a hyperlink or field."""
    note.split(index)
    atom = next(a for a in reversed(note.atoms) if a.node is not None and a.end <= index)
    after = atom.link.runs[-1] if atom.link and atom.link.kind == "field" else atom.run
    links = {id(atom.link.element)} if atom.link and atom.link.kind != "field" else set()
    return _climb(after, links, revisions)


def _climb(element: etree._Element, leave: set[int], revisions: Revisions) -> etree._Element:
    """The paragraph-level element to insert after: out of the links ``leave`` names and of
    other authors' revisions — which are split in two at ``element``, so what follows it in
    them stays after the insertion."""
    parent = element.getparent()
    while parent is not None and (parent.tag in _WRAPPERS or id(parent) in leave):
        following = list(element.itersiblings())
        if parent.tag in _WRAPPERS and following:
            rest = etree.Element(parent.tag, dict(parent.attrib))
            if rest.get(W + "id") is not None:
                rest.set(W + "id", str(revisions.take()))
            rest.extend(following)
            grand = parent.getparent()
            grand.insert(grand.index(parent) + 1, rest)
        element, parent = parent, parent.getparent()
    return element


def _made(
    note: NoteText, pieces: list[Piece], revisions: Revisions, relate: Relate
) -> list[etree._Element]:
    """The inserted elements: text runs (consecutive ones in one ``w:ins``), hyperlinks and
    HYPERLINK fields, each formatted like the text it stands for."""
    made: list[etree._Element] = []
    texts: list[etree._Element] = []
    for piece in pieces:
        run = _text_run(piece.text, note.run_at(piece.like).find(W + "rPr"))
        link = _link(note, piece, run, revisions, relate) if piece.target else None
        if link is None:
            texts.append(run)
            continue
        if texts:
            made.append(_inserted(texts, revisions))
            texts = []
        made.append(link)
    if texts:
        made.append(_inserted(texts, revisions))
    return made


def _link(
    note: NoteText, piece: Piece, run: etree._Element, revisions: Revisions, relate: Relate
) -> etree._Element | None:
    """A new hyperlink of the kind the document uses there; None when none can be added
    (the URL then goes in as text)."""
    assert piece.target is not None
    model = note.link_at(piece.like)
    if model is not None and model.kind == "field":
        return _inserted(_field_runs(piece.target, run), revisions)
    ident = relate(piece.target)
    if ident is None:
        return None
    link = etree.Element(W + "hyperlink")
    link.set(R + "id", ident)
    link.set(W + "history", "1")
    link.append(_inserted([run], revisions))
    return link


def _inserted(runs: list[etree._Element], revisions: Revisions) -> etree._Element:
    mark = revisions.mark("ins")
    mark.extend(runs)
    return mark


def _text_run(text: str, properties: etree._Element | None) -> etree._Element:
    run = etree.Element(W + "r")
    if properties is not None:
        kept = copy.deepcopy(properties)
        for change in kept.findall(W + "rPrChange"):
            kept.remove(change)
        run.append(kept)
    t = etree.SubElement(run, W + "t")
    t.set(_XML_SPACE, "preserve")
    t.text = text
    return run


def _field_runs(url: str, shown: etree._Element) -> list[etree._Element]:
    def char(kind: str) -> etree._Element:
        run = etree.Element(W + "r")
        etree.SubElement(run, W + "fldChar").set(W + "fldCharType", kind)
        return run

    instruction = etree.Element(W + "r")
    text = etree.SubElement(instruction, W + "instrText")
    text.set(_XML_SPACE, "preserve")
    text.text = f' HYPERLINK "{url}" '
    return [char("begin"), instruction, char("separate"), shown, char("end")]


def _insert_after(anchor: etree._Element, elements: list[etree._Element]) -> None:
    parent = anchor.getparent()
    assert parent is not None
    at = parent.index(anchor) + 1
    for offset, element in enumerate(elements):
        parent.insert(at + offset, element)


def _as_deleted(run: etree._Element) -> None:
    for child in run:
        if child.tag == W + "t":
            child.tag = W + "delText"
        elif child.tag == W + "instrText":
            child.tag = W + "delInstrText"


def _wrap(runs: list[etree._Element], revisions: Revisions) -> etree._Element:
    mark = revisions.mark("del")
    parent = runs[0].getparent()
    parent.insert(parent.index(runs[0]), mark)
    mark.extend(runs)
    return mark


def _adjacent(runs: list[etree._Element]) -> Iterator[list[etree._Element]]:
    """Runs in groups of siblings that follow each other directly."""
    group: list[etree._Element] = []
    for run in runs:
        if group and run.getprevious() is not group[-1]:
            yield group
            group = []
        group.append(run)
    if group:
        yield group


def _document_order(root: etree._Element) -> Callable[[etree._Element], int]:
    order = {id(element): index for index, element in enumerate(root.iter())}
    return lambda element: order[id(element)]


def _paragraph(element: etree._Element) -> etree._Element | None:
    parent = element.getparent()
    while parent is not None and parent.tag != W + "p":
        parent = parent.getparent()
    return parent


def _cut(node: etree._Element, offset: int) -> None:
    """Split the run holding ``node`` before ``node``'s character ``offset``."""
    run = node.getparent()
    right = etree.Element(W + "r")
    for key, value in run.attrib.items():
        right.set(key, value)
    properties = run.find(W + "rPr")
    if properties is not None:
        right.append(copy.deepcopy(properties))
    if offset:
        tail = copy.deepcopy(node)
        tail.text = (node.text or "")[offset:]
        node.text = (node.text or "")[:offset]
        for t in (node, tail):
            t.set(_XML_SPACE, "preserve")
        right.append(tail)
        moving = list(node.itersiblings())
    else:
        moving = [node, *node.itersiblings()]
    right.extend(moving)
    parent = run.getparent()
    parent.insert(parent.index(run) + 1, right)


def _before(node: etree._Element) -> bool:
    """Something other than run properties comes before ``node`` in its run."""
    return any(sibling.tag != W + "rPr" for sibling in node.itersiblings(preceding=True))


def _top_paragraphs(unit: etree._Element) -> list[etree._Element]:
    if unit.tag == W + "p":
        return [unit]
    return [p for p in unit.iter(W + "p") if _paragraph(p) is None or _paragraph(p) is unit]


def _grouped(atoms: list[_Atom]) -> Iterator[tuple[_Link | None, Iterator[_Atom]]]:
    return groupby((a for a in atoms if a.node is not None), key=lambda atom: atom.link)


def _field_target(instruction: str) -> str | None:
    match = _HYPERLINK_FIELD.match(instruction)
    if match is None:
        return None
    return (match.group(1) if match.group(1) is not None else match.group(2)) or None
