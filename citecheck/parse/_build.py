"""Assemble a ``ParsedDocument``: find → read fields → key sources → resolve → annotate."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import TypeVar

from citecheck.errors import InputError
from citecheck.model import (
    BaselineDate,
    Box,
    Citation,
    CitationKind,
    Document,
    DocumentNote,
    Finding,
    Format,
    Hyperlink,
    Link,
    Note,
    ParsedDocument,
    Sidebar,
    Source,
)
from citecheck.net import redact_userinfo
from citecheck.parse import _findings, _ids
from citecheck.parse._baseline import document_baseline, inferred_baseline
from citecheck.parse._fields import Fields, read
from citecheck.parse._head import clean
from citecheck.parse._links import links
from citecheck.parse._resolve import Matcher, Resolved, match_name, resolve
from citecheck.parse._split import split
from citecheck.parse._urls import url_key
from citecheck.read import read_document


@dataclass
class _Accumulated:
    """Everything the document says about one source, gathered in document order."""

    first: Fields
    urls: list[str] = field(default_factory=list)
    visited: list[dt.date] = field(default_factory=list)
    names: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Place:
    """One citation where it stands: in note ``note`` or in sidebar ``sidebar``."""

    note: int | None
    sidebar: int | None
    fields: Fields
    resolved: Resolved

    @property
    def label(self) -> str:
        """Prefix for findings: sidebars have no note number to carry them."""
        return f"Sidebar {self.sidebar}: " if self.sidebar is not None else ""


def parse_document(
    document: Document | str,
    *,
    supra_matcher: Matcher = match_name,
    body_links: bool = False,
) -> ParsedDocument:
    """Notes, sidebars, sources and integrity findings of a document read by ``citecheck.read``
    (or of Markdown/text given as a string).

    With ``body_links`` the URLs of the body (outside notes and boxes) are kept too, to be
    checked with the cited ones. Raises InputError when the document has no notes (and, with
    ``body_links``, no body links either), saying what it does have.
    """
    return Parsing(document, supra_matcher=supra_matcher, body_links=body_links).result()


class Parsing:
    """One document's parse, note by note, for a checker that starts before the parse ends.

    ``urls()`` reads the notes (then the sidebars, then the body's links with ``body_links``)
    one at a time and yields the URLs each cites as soon as it is read: the distinct URLs of
    ``links(result())``, in their first citing note's order. ``result()`` reads whatever is
    left and resolves the whole document, which needs every note (ids, *Id.*/*supra*,
    findings). Arguments and errors as ``parse_document``; the InputError comes at once.
    """

    def __init__(
        self,
        document: Document | str,
        *,
        supra_matcher: Matcher = match_name,
        body_links: bool = False,
    ) -> None:
        if isinstance(document, str):
            document = read_document(document.encode("utf-8"), format=Format.MARKDOWN, name="")
        document = without_credentials(document)
        self._body = _body_urls(document) if body_links else ()
        if not document.notes and not self._body:
            raise InputError(_no_notes(document))
        self._document = document
        self._matcher = supra_matcher
        self._notes: list[tuple[int, list[Fields]]] = []
        self._sidebars: list[list[Fields]] = []
        self._parsed: ParsedDocument | None = None

    def urls(self) -> Iterator[str]:
        """The URLs of each note as it is read (each citation's, in order; repeats kept)."""
        for note in self._document.notes[len(self._notes) :]:
            group = _read(note.text)
            self._notes.append((note.number, group))
            yield from _cited(group)
        for box in self._document.boxes[len(self._sidebars) :]:
            group = _read(box.text)
            self._sidebars.append(group)
            yield from _cited(group)
        yield from self._body

    def result(self) -> ParsedDocument:
        if self._parsed is None:
            for _ in self.urls():  # the notes not read yet
                pass
            self._parsed = self._resolve()
        return self._parsed

    def links(self) -> tuple[Link, ...]:
        """``citecheck.parse.links`` of the result."""
        return links(self.result())

    def _resolve(self) -> ParsedDocument:
        note_fields, sidebar_fields = self._notes, self._sidebars
        every_full = [f for _, group in note_fields for f in group if f.kind is CitationKind.FULL]
        every_full += [f for group in sidebar_fields for f in group if f.kind is CitationKind.FULL]
        ids = _ids.assign([_key(f) for f in every_full])
        gathered = _gather(every_full, ids)
        names = {source_id: " ".join(acc.names) for source_id, acc in gathered.items()}
        note_res, side_res = resolve(
            [(number, [(f, _id_of(f, ids)) for f in group]) for number, group in note_fields],
            [[(f, _id_of(f, ids)) for f in group] for group in sidebar_fields],
            names,
            self._matcher,
        )
        places = [
            _Place(number, None, f, r)
            for (number, group), results in zip(note_fields, note_res, strict=True)
            for f, r in zip(group, results, strict=True)
        ]
        places += [
            _Place(None, index, f, r)
            for index, (group, results) in enumerate(
                zip(sidebar_fields, side_res, strict=True), start=1
            )
            for f, r in zip(group, results, strict=True)
        ]
        assembled = _assemble(self._document, places, gathered, ids)
        return ParsedDocument(*assembled, body_urls=self._body)


def _cited(group: list[Fields]) -> Iterator[str]:
    """The URLs the link list takes from a note's citations: every URL of a full citation
    (short cites point at a source whose full citation gave its URLs)."""
    for fields in group:
        if fields.kind is CitationKind.FULL:
            for ref in fields.urls:
                yield ref.url


def _no_notes(document: Document) -> str:
    """What the document has instead of notes, and what to do about it."""
    prefix = f"{document.name}: " if document.name else ""
    urls = len(_body_urls(document))
    if urls:
        return (
            f"{prefix}0 notes; found {urls} URL{'s' if urls != 1 else ''} in the body — "
            "use --body-links to check them"
        )
    return (
        f"{prefix}the document has no footnotes or endnotes (looked for DOCX/HTML/PDF notes, "
        "Markdown [^1] notes, superscript-numbered notes and a numbered Notes list)"
    )


def _body_urls(document: Document) -> tuple[str, ...]:
    return tuple(link.target for link in document.body_links)


def without_credentials(document: Document) -> Document:
    """The document with the user-info of every URL masked (``alice:****@``): the parse and
    every stage after it never hold a password a URL carried (a finding says so)."""
    if "@" not in (document.text or "@"):
        return document
    return replace(
        document,
        notes=tuple(_masked(note) for note in document.notes),
        boxes=tuple(_masked(box) for box in document.boxes),
        body_links=tuple(_masked_link(link) for link in document.body_links),
        warnings=tuple(replace(w, message=redact_userinfo(w.message)) for w in document.warnings),
    )


_Part = TypeVar("_Part", DocumentNote, Box)


def _masked(part: _Part) -> _Part:
    links = tuple(_masked_link(link) for link in part.links)
    return replace(part, text=redact_userinfo(part.text), links=links)


def _masked_link(link: Hyperlink) -> Hyperlink:
    return replace(link, target=redact_userinfo(link.target))


def _read(text: str) -> list[Fields]:
    return [read(segment) for segment in split(text)]


def _key(fields: Fields) -> str:
    if fields.urls:
        return _ids.url_source_key(url_key(fields.urls[0].url))
    return _ids.title_source_key(fields.title or clean(fields.text))


def _id_of(fields: Fields, ids: dict[str, str]) -> str | None:
    return ids[_key(fields)] if fields.kind is CitationKind.FULL else None


def _gather(every_full: list[Fields], ids: dict[str, str]) -> dict[str, _Accumulated]:
    gathered: dict[str, _Accumulated] = {}
    for fields in every_full:
        acc = gathered.setdefault(ids[_key(fields)], _Accumulated(fields))
        for ref in fields.urls:
            if ref.url not in acc.urls:
                acc.urls.append(ref.url)
            if ref.visited is not None and (visited := ref.visited.as_date()):
                acc.visited.append(visited)
        acc.names.append(
            " ".join(
                [
                    *fields.authors,
                    fields.title or "",
                    fields.container or fields.publisher or "",
                    clean(fields.text.split("http")[0]),
                ]
            )
        )
    return gathered


def _assemble(
    document: Document,
    places: list[_Place],
    gathered: dict[str, _Accumulated],
    ids: dict[str, str],
) -> tuple[tuple[Note, ...], tuple[Sidebar, ...], tuple[Source, ...], tuple[Finding, ...]]:
    by_note: dict[int, list[Citation]] = defaultdict(list)
    by_sidebar: dict[int, list[Citation]] = defaultdict(list)
    for place in places:
        target = by_note[place.note] if place.note is not None else by_sidebar[place.sidebar or 0]
        target.append(_citation(place, gathered))
    notes = tuple(Note(raw.number, raw.text, tuple(by_note[raw.number])) for raw in document.notes)
    sidebars = tuple(
        Sidebar(index, body, tuple(by_sidebar[index]))
        for index, body in enumerate((box.text for box in document.boxes), start=1)
    )
    findings = _findings.structural(document)
    for place in places:
        findings += _place_findings(place, gathered, ids)
    findings += _findings.host_typos([(p.note, ref.url) for p in places for ref in p.fields.urls])
    sources = _sources(places, gathered, document_baseline(document.info))
    return notes, sidebars, sources, _findings.ordered(findings)


def _citation(place: _Place, gathered: dict[str, _Accumulated]) -> Citation:
    """A model citation; a short cite carries the URL and latest visit of its source."""
    fields, source = place.fields, place.resolved.source
    acc = gathered.get(source) if source else None
    url: str | None = None
    visited: dt.date | None = None
    if fields.kind is CitationKind.FULL and fields.urls:
        url = fields.urls[0].url
        visited = fields.urls[0].visited.as_date() if fields.urls[0].visited else None
    elif acc is not None:
        url = acc.urls[0] if acc.urls else None
        visited = max(acc.visited) if acc.visited else None
    return Citation(
        kind=fields.kind,
        text=clean(fields.text),
        source=source,
        url=url,
        last_visited=visited,
        pinpoint=fields.pinpoint,
        signal=fields.signal,
        parentheticals=fields.parentheticals,
        supra_note=fields.supra_note,
    )


def _place_findings(
    place: _Place, gathered: dict[str, _Accumulated], ids: dict[str, str]
) -> list[Finding]:
    found = _findings.for_citation(place.note, place.label, place.fields)
    if place.resolved.problem:
        code, message = place.resolved.problem
        found.append(Finding(code, place.note, place.label + message))
    fields = place.fields
    if fields.kind is CitationKind.FULL and fields.urls:
        first = gathered[ids[_key(fields)]].urls[0]
        if fields.urls[0].url != first:
            found.append(
                Finding(
                    "url-variants",
                    place.note,
                    f"{place.label}{fields.urls[0].url} is cited elsewhere as {first}",
                )
            )
    if place.sidebar is not None:
        found = [replace(f, sidebar=place.sidebar) for f in found]
    return found


def _sources(
    places: list[_Place], gathered: dict[str, _Accumulated], document: BaselineDate | None
) -> tuple[Source, ...]:
    notes: dict[str, set[int]] = defaultdict(set)
    sidebars: dict[str, set[int]] = defaultdict(set)
    for place in places:
        if place.resolved.source is None:
            continue
        if place.note is not None:
            notes[place.resolved.source].add(place.note)
        if place.sidebar is not None:
            sidebars[place.resolved.source].add(place.sidebar)
    return tuple(
        Source(
            id=source_id,
            title=acc.first.title,
            authors=acc.first.authors,
            corporate_author=acc.first.corporate_author,
            container=acc.first.container,
            date=acc.first.date.value if acc.first.date else None,
            url=acc.urls[0] if acc.urls else None,
            last_visited=max(acc.visited) if acc.visited else None,
            cited_in=tuple(sorted(notes[source_id])),
            sidebars=tuple(sorted(sidebars[source_id])),
            urls=tuple(acc.urls),
            work_type=acc.first.work_type,
            publisher=acc.first.publisher,
            volume=acc.first.details.volume,
            issue=acc.first.details.issue,
            pages=acc.first.details.pages,
            editors=acc.first.details.editors,
            edition=acc.first.details.edition,
            number=acc.first.details.number,
            inferred=None if acc.visited else _inferred(acc, document),
        )
        for source_id, acc in gathered.items()
    )


def _inferred(acc: _Accumulated, document: BaselineDate | None) -> BaselineDate | None:
    """An undated source's baseline; only a source with a URL has a copy to look for."""
    if not acc.urls:
        return None
    return inferred_baseline(acc.first.date.value if acc.first.date else None, document)
