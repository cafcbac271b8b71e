"""The next edition of a Word document: every fix a tracked change, nothing else touched.

Notes live in ``word/footnotes.xml`` and ``word/endnotes.xml``, "Source:" boxes in the body.
Only the notes (and box paragraphs) that change are rewritten — spliced into the part's own
bytes, so every other note keeps its exact XML — and a moved hyperlink gets a new relationship
in the part's ``.rels``. Every other part of the package is copied byte for byte (``_zip``).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from xml.sax.saxutils import quoteattr

from lxml import etree

from citecheck.errors import InputError
from citecheck.fix._locate import Locator, cited_urls, locate
from citecheck.fix._plan import Plan, Unfixed
from citecheck.fix._text import Edit
from citecheck.fix._wordml import NoteText, Revisions, SpansParagraphs, W, track
from citecheck.fix._zip import rewrite_members

AUTHOR = "citecheck"
_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_HYPERLINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
_NOT_NOTES = {"separator", "continuationSeparator", "continuationNotice"}
_HIDDEN = {W + "del", W + "moveFrom"}
_BOX = re.compile(r"^\s*Sources?:", re.IGNORECASE)
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)


@dataclass(frozen=True)
class DocxEdition:
    data: bytes
    edits: tuple[Edit, ...]
    unfixed: tuple[Unfixed, ...]
    cited: frozenset[str]


@dataclass(frozen=True)
class _Unit:
    """A note (``note``) or a box paragraph (``box``) and its element."""

    element: etree._Element
    note: int | None = None
    box: int | None = None


def docx_edition(data: bytes, name: str, plans: dict[str, Plan], day: dt.date) -> DocxEdition:
    """``data`` with the ``plans`` written as tracked changes by "citecheck" on ``day``."""
    package = _Package(data, name)
    revisions = Revisions(AUTHOR, day, package.max_id() + 1)
    edits: list[Edit] = []
    unfixed: list[Unfixed] = []
    cited: set[str] = set()
    for part in package.parts_with_notes():
        for unit in package.units(part):
            note = NoteText(unit.element, part.rels.targets)
            found = locate(note.text, plans, note.anchors)
            cited |= cited_urls(note.text, note.anchors)
            text = note.text
            for locator in reversed(found):
                try:
                    track(note, locator, revisions, part.rels.relate)
                except SpansParagraphs:
                    why = "the citation runs across paragraphs: edit by hand"
                    unfixed.append(Unfixed(locator.url, _notes(unit), why))
                    continue
                part.changed.append(unit.element)
                edits.append(_edit(unit, locator, text))
    changed: dict[str, bytes] = {}
    for part in package.parts_with_notes():
        changed |= part.rewritten(name)
    out = rewrite_members(data, changed, name) if changed else data
    edits.sort(key=lambda e: (e.note is None, e.note or 0, e.box or 0))
    return DocxEdition(out, tuple(edits), tuple(unfixed), frozenset(cited))


def _edit(unit: _Unit, locator: Locator, text: str) -> Edit:
    return Edit(
        None, locator.url, locator.action, text[locator.start : locator.end],
        locator.rewrite(text), note=unit.note, box=unit.box,
    )  # fmt: skip


def _notes(unit: _Unit) -> tuple[int, ...]:
    return (unit.note,) if unit.note is not None else ()


@dataclass
class _Rels:
    """A part's relationships: hyperlink targets by id, and the ones this edition adds."""

    path: str
    raw: str | None
    can_add: bool
    targets: dict[str, str] = field(default_factory=dict)
    added: dict[str, str] = field(default_factory=dict)  # target → new id

    def relate(self, target: str) -> str | None:
        """The id of an external hyperlink relationship to ``target``, added if need be."""
        for ident, known in self.targets.items():
            if known == target:
                return ident
        if not self.can_add:
            return None
        if target not in self.added:
            taken = set(self.targets) | set(self.added.values()) | self._all_ids
            number = len(taken) + 1
            while f"rId{number}" in taken:
                number += 1
            self.added[target] = f"rId{number}"
        return self.added[target]

    @property
    def _all_ids(self) -> set[str]:
        return set(re.findall(r'\bId="([^"]*)"', self.raw or ""))

    def rewritten(self) -> bytes | None:
        if not self.added:
            return None
        new = "".join(
            f"<Relationship Id={quoteattr(ident)} Type={quoteattr(_HYPERLINK)} "
            f'Target={quoteattr(target)} TargetMode="External"/>'
            for target, ident in self.added.items()
        )
        if self.raw is None:
            return (
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                f'<Relationships xmlns="{_REL_NS}">{new}</Relationships>'
            ).encode()
        at = self.raw.rindex("</")
        return (self.raw[:at] + new + self.raw[at:]).encode()


@dataclass
class _Part:
    """One XML part holding notes or boxes: its bytes, its tree, what changed in it."""

    path: str
    raw: str
    root: etree._Element
    rels: _Rels
    kind: str  # "footnote", "endnote" or "body"
    changed: list[etree._Element] = field(default_factory=list)

    def rewritten(self, name: str) -> dict[str, bytes]:
        if not self.changed:
            return {}
        tag = "p" if self.kind == "body" else self.kind
        spans = _spans(self.raw, self.root, tag)
        elements = list(self.root.iter(W + tag))
        if len(spans) != len(elements):
            raise InputError(
                f"{name}: cannot edit {self.path} in place (unexpected XML); nothing was written"
            )
        where = {id(element): span for element, span in zip(elements, spans, strict=True)}
        out, cursor = [], 0
        for element in sorted(set(self.changed), key=lambda e: where[id(e)][0]):
            start, end = where[id(element)]
            out += [self.raw[cursor:start], _serialized(element, self.raw[start:end])]
            cursor = end
        out.append(self.raw[cursor:])
        changed = {self.path: "".join(out).encode("utf-8")}
        rels = self.rels.rewritten()
        if rels is not None:
            changed[self.rels.path] = rels
        return changed


class _Package:
    def __init__(self, data: bytes, name: str) -> None:
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            self.names = set(self.zip.namelist())
        except zipfile.BadZipFile as exc:
            raise InputError(f"{name}: not a readable DOCX ({exc}); re-save it") from None
        self.name = name
        self._parts: list[_Part] | None = None

    def xml(self, path: str) -> tuple[str, etree._Element]:
        raw = self.zip.read(path)
        try:
            return raw.decode("utf-8"), etree.fromstring(raw, _PARSER)
        except (UnicodeDecodeError, etree.XMLSyntaxError) as exc:
            raise InputError(f"{self.name}: {path} cannot be edited ({exc})") from None

    def max_id(self) -> int:
        """The largest numeric ``w:id`` of any part: revision ids must be unique."""
        largest = 0
        for path in self.names:
            if path.startswith("word/") and path.endswith(".xml"):
                raw = self.zip.read(path).decode("utf-8", "replace")
                for value in re.findall(r'\bw:id="(-?\d+)"', raw):
                    largest = max(largest, int(value))
        return largest

    def parts_with_notes(self) -> list[_Part]:
        if self._parts is None:
            self._parts = [self._part(path, kind) for path, kind in self._paths()]
        return self._parts

    def _paths(self) -> Iterator[tuple[str, str]]:
        for kind in ("footnote", "endnote"):
            if f"word/{kind}s.xml" in self.names:
                yield f"word/{kind}s.xml", kind
        if "word/document.xml" in self.names:
            yield "word/document.xml", "body"

    def _part(self, path: str, kind: str) -> _Part:
        raw, root = self.xml(path)
        return _Part(path, raw, root, self._rels(path), kind)

    def _rels(self, path: str) -> _Rels:
        folder, _, base = path.rpartition("/")
        rels_path = f"{folder}/_rels/{base}.rels"
        types = self.zip.read("[Content_Types].xml").decode("utf-8", "replace")
        can_add = 'Extension="rels"' in types or rels_path in self.names
        if rels_path not in self.names:
            return _Rels(rels_path, None, can_add)
        raw, root = self.xml(rels_path)
        targets = {
            rel.get("Id", ""): rel.get("Target", "")
            for rel in root.iter(f"{{{_REL_NS}}}Relationship")
            if rel.get("Type", "").endswith("/hyperlink")
        }
        return _Rels(rels_path, raw, can_add, targets)

    def units(self, part: _Part) -> Iterator[_Unit]:
        if part.kind == "body":
            yield from self._boxes(part)
            return
        numbers = self._numbers(part.kind)
        for element in part.root.iter(W + part.kind):
            if element.get(W + "type") not in _NOT_NOTES:
                yield _Unit(element, note=numbers.get(element.get(W + "id", "")))

    def _numbers(self, kind: str) -> dict[str, int]:
        """Note numbers as Word gives them: in order of first reference in the body, endnotes
        after footnotes (as the read stage numbers them)."""
        order = {"footnote": self._order("footnote"), "endnote": self._order("endnote")}
        offset = len(order["footnote"]) if kind == "endnote" else 0
        return {ident: offset + n for n, ident in enumerate(order[kind], start=1)}

    def _order(self, kind: str) -> list[str]:
        if "word/document.xml" not in self.names:
            return []
        body = next(p for p in self.parts_with_notes() if p.kind == "body").root
        found: list[str] = []
        for element in body.iter(W + f"{kind}Reference"):
            ident = element.get(W + "id", "")
            if ident not in found and not _hidden(element):
                found.append(ident)
        return found

    def _boxes(self, part: _Part) -> Iterator[_Unit]:
        index = 0
        for paragraph in part.root.iter(W + "p"):
            text = "".join(t.text or "" for t in paragraph.iter(W + "t"))
            if _BOX.match(text) and not _hidden(paragraph):
                index += 1
                yield _Unit(paragraph, box=index)


def _hidden(element: etree._Element) -> bool:
    return any(parent.tag in _HIDDEN for parent in element.iterancestors())


def _spans(raw: str, root: etree._Element, local: str) -> list[tuple[int, int]]:
    """Where each ``local`` element of the W namespace starts and ends in ``raw``, in document
    order (comments, CDATA and processing instructions skipped; nesting counted)."""
    prefix = next((p for p, uri in root.nsmap.items() if f"{{{uri}}}" == W), None)
    qname = re.escape(f"{prefix}:{local}" if prefix else local)
    tags = re.compile(
        rf"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>"
        rf"|<(/?){qname}(?=[\s/>])(?:[^>\"']|\"[^\"]*\"|'[^']*')*>",
        re.DOTALL,
    )
    spans: list[tuple[int, int]] = []
    open_at: list[int] = []
    for match in tags.finditer(raw):
        tag = match.group(0)
        if tag.startswith(("<!--", "<![CDATA[", "<?")):
            continue
        if match.group(1):
            if open_at:
                spans.append((open_at.pop(), match.end()))
        elif tag.endswith("/>"):
            spans.append((match.start(), match.end()))
        else:
            open_at.append(match.start())
    return sorted(spans)


def _serialized(element: etree._Element, original: str) -> str:
    """The element's XML without the namespace declarations lxml repeats from its ancestors
    (unless the original start tag had them itself)."""
    text = str(etree.tostring(element, encoding="unicode", with_tail=False))
    head_end = text.index(">")
    head = text[:head_end]
    parent = element.getparent()
    inherited = parent.nsmap if parent is not None else {}
    original_head = original[: original.index(">")]
    for prefix, uri in inherited.items():
        declaration = f' xmlns:{prefix}="{uri}"' if prefix else f' xmlns="{uri}"'
        if declaration in head and declaration not in original_head:
            head = head.replace(declaration, "", 1)
    return head + text[head_end:]
