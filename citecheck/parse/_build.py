"""Assemble a ``ParsedReport``: find → read fields → key sources → resolve → annotate."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from citecheck.errors import InputError
from citecheck.model import Citation, CitationKind, Finding, Note, ParsedReport, Sidebar, Source
from citecheck.parse import _findings, _ids
from citecheck.parse._fields import Fields, clean, read
from citecheck.parse._find import find
from citecheck.parse._resolve import Matcher, Resolved, match_name, resolve
from citecheck.parse._split import split
from citecheck.parse._urls import url_key


@dataclass
class _Accumulated:
    """Everything the report says about one source, gathered in document order."""

    first: Fields
    urls: list[str] = field(default_factory=list)
    visited: list[dt.date] = field(default_factory=list)
    notes: set[int] = field(default_factory=set)
    sidebars: set[int] = field(default_factory=set)
    names: list[str] = field(default_factory=list)


def build(text: str, matcher: Matcher = match_name) -> ParsedReport:
    structure = find(text)
    if not structure.notes:
        raise InputError("the document has no footnotes (expected paragraphs starting with "
                         "superscript numerals like '¹ ' or Markdown '[^1]: ' definitions)")
    note_fields = [(note.number, [read(seg) for seg in split(note.text)])
                   for note in structure.notes]
    sidebar_fields = [[read(seg) for seg in split(body)] for body in structure.sidebars]
    every_full = [f for _, group in note_fields for f in group if f.kind is CitationKind.FULL]
    every_full += [f for group in sidebar_fields for f in group if f.kind is CitationKind.FULL]
    ids = _ids.assign([_key(f) for f in every_full])
    gathered = _gather(every_full, ids)
    names = {source_id: " ".join(acc.names) for source_id, acc in gathered.items()}
    note_res, side_res = resolve(
        [(number, [(f, _id_of(f, ids)) for f in group]) for number, group in note_fields],
        [[(f, _id_of(f, ids)) for f in group] for group in sidebar_fields], names, matcher)
    findings = _findings.structural(structure)
    notes = [_note(number, raw.text, group, res, gathered, findings)
             for (number, group), res, raw in zip(note_fields, note_res, structure.notes,
                                                   strict=True)]
    sidebars = [_sidebar(index, body, group, res, gathered, findings)
                for index, (body, group, res) in enumerate(
                    zip(structure.sidebars, sidebar_fields, side_res, strict=True), start=1)]
    findings += _variants(note_fields, sidebar_fields, ids, gathered)
    findings += _findings.host_typos(
        [(number, ref.url) for number, group in note_fields for f in group for ref in f.urls]
        + [(None, ref.url) for group in sidebar_fields for f in group for ref in f.urls])
    sources = _sources(gathered)
    return ParsedReport(tuple(notes), tuple(sidebars), sources, _findings.ordered(findings))


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
        for ref in fields.urls[:1]:
            if ref.url not in acc.urls:
                acc.urls.append(ref.url)
            if ref.visited is not None and (visited := ref.visited.as_date()):
                acc.visited.append(visited)
        acc.names.append(" ".join([*fields.authors, fields.title or "", fields.container or "",
                                   clean(fields.text.split("http")[0])]))
    return gathered


def _citations(
    group: Sequence[Fields], resolved: Sequence[Resolved], gathered: dict[str, _Accumulated],
) -> list[Citation]:
    citations = []
    for fields, res in zip(group, resolved, strict=True):
        acc = gathered.get(res.source) if res.source else None
        url: str | None
        if fields.kind is CitationKind.FULL and fields.urls:
            url = fields.urls[0].url
            visited = fields.urls[0].visited.as_date() if fields.urls[0].visited else None
        else:
            url = acc.urls[0] if acc and acc.urls else None
            visited = max(acc.visited) if acc and acc.visited else None
        citations.append(Citation(
            kind=fields.kind, text=clean(fields.text), source=res.source, url=url,
            last_visited=visited, pinpoint=fields.pinpoint, signal=fields.signal,
            parentheticals=fields.parentheticals, supra_note=fields.supra_note))
    return citations


def _note(number: int, text: str, group: Sequence[Fields], resolved: Sequence[Resolved],
          gathered: dict[str, _Accumulated], findings: list[Finding]) -> Note:
    for fields, res in zip(group, resolved, strict=True):
        findings.extend(_findings.for_citation(number, "", fields))
        if res.problem:
            findings.append(Finding(res.problem[0], number, res.problem[1]))
        if res.source in gathered:
            gathered[res.source].notes.add(number)
    return Note(number, text, tuple(_citations(group, resolved, gathered)))


def _sidebar(index: int, text: str, group: Sequence[Fields], resolved: Sequence[Resolved],
             gathered: dict[str, _Accumulated], findings: list[Finding]) -> Sidebar:
    label = f"Sidebar {index}: "
    for fields, res in zip(group, resolved, strict=True):
        findings.extend(_findings.for_citation(None, label, fields))
        if res.problem:
            findings.append(Finding(res.problem[0], None, label + res.problem[1]))
        if res.source in gathered:
            gathered[res.source].sidebars.add(index)
    return Sidebar(index, text, tuple(_citations(group, resolved, gathered)))


def _variants(
    note_fields: list[tuple[int, list[Fields]]], sidebar_fields: list[list[Fields]],
    ids: dict[str, str], gathered: dict[str, _Accumulated],
) -> list[Finding]:
    """Flag each citation whose URL spells its source's URL differently."""
    places: list[tuple[int | None, str, Fields]] = [
        (number, "", f) for number, group in note_fields for f in group]
    places += [(None, f"Sidebar {i}: ", f) for i, group in enumerate(sidebar_fields, start=1)
               for f in group]
    found = []
    for number, label, fields in places:
        if fields.kind is CitationKind.FULL and fields.urls:
            first = gathered[ids[_key(fields)]].urls[0]
            if fields.urls[0].url != first:
                found.append(Finding("url-variants", number,
                                     f"{label}{fields.urls[0].url} is cited elsewhere as {first}"))
    return found


def _sources(gathered: dict[str, _Accumulated]) -> tuple[Source, ...]:
    sources = []
    for source_id, acc in gathered.items():
        first = acc.first
        sources.append(Source(
            id=source_id, title=first.title, authors=first.authors, container=first.container,
            date=first.date.value if first.date else None,
            url=acc.urls[0] if acc.urls else None,
            last_visited=max(acc.visited) if acc.visited else None,
            cited_in=tuple(sorted(acc.notes)), sidebars=tuple(sorted(acc.sidebars)),
            urls=tuple(acc.urls)))
    return tuple(sources)
