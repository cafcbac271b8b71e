"""Stage 1: parse a report's footnotes and "Source:" sidebars into citations and sources.

Pipeline (eyecite-like): find footnotes/sidebars/markers (``_find``) → split into citations
(``_split``) → read fields (``_fields``; a citation's head in ``_head``, what its items name in
``_names``; ``_urls``, ``_dates``) → key sources (``_ids``) → resolve *Id.*/*supra*
(``_resolve``) → annotate integrity findings (``_findings``).

Public API::

    read_report(path) -> str
    parse_report(text, *, supra_matcher=match_name) -> ParsedReport
    links(report) -> tuple[Link, ...]
    find_urls(text) -> list[UrlSpan]   # every URL written in the text, with its span
"""

from __future__ import annotations

import datetime as dt
import pathlib
from collections import defaultdict

from citecheck.errors import InputError
from citecheck.model import Citation, CitationKind, Link, ParsedReport
from citecheck.parse._build import build
from citecheck.parse._resolve import Candidate, Matcher, match_name
from citecheck.parse._urls import UrlSpan, find_urls

__all__ = [
    "Candidate",
    "Matcher",
    "UrlSpan",
    "find_urls",
    "links",
    "match_name",
    "parse_report",
    "read_report",
]

_BINARY_SNIFF = 8192


def read_report(path: pathlib.Path) -> str:
    """The text of the report at ``path``; InputError with a one-line fix for unusable files."""
    if not path.exists():
        raise InputError(f"{path}: no such file; give the path of the report (.md or .txt)")
    if path.is_dir():
        raise InputError(f"{path} is a directory; give the path of the report file inside it")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror}); check its permissions") from exc
    if not data.strip():
        raise InputError(f"{path} is empty; convert the report to text/Markdown first")
    if b"\x00" in data[:_BINARY_SNIFF]:
        raise InputError(
            f"{path} looks binary (a PDF or image?); convert it to text/Markdown first"
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{path} is not UTF-8 (bad byte at offset {exc.start}); re-save it as UTF-8"
        ) from exc
    return text.removeprefix("\ufeff")


def parse_report(text: str, *, supra_matcher: Matcher = match_name) -> ParsedReport:
    """Notes, sidebars, sources and integrity findings of a report's text.

    Raises InputError when the text holds no footnotes.
    """
    return build(text, supra_matcher)


def links(report: ParsedReport) -> tuple[Link, ...]:
    """Each distinct URL once, with every note, sidebar and source citing it.

    Short cites count as citing their source's URL. ``last_visited`` is the latest date given
    for that exact URL by a full citation. A citation giving several URLs for one work lists
    the later ones only in ``Source.urls``; they are checked too, as cited wherever the source
    is. Sorted by first citing note; URLs cited only in sidebars follow, by sidebar.
    """
    notes: dict[str, set[int]] = defaultdict(set)
    sidebars: dict[str, set[int]] = defaultdict(set)
    sources: dict[str, set[str]] = defaultdict(set)
    visited: dict[str, list[dt.date]] = defaultdict(list)
    places: list[tuple[int | None, int | None, Citation]] = [
        (note.number, None, c) for note in report.notes for c in note.citations
    ]
    places += [(None, side.index, c) for side in report.sidebars for c in side.citations]
    for number, sidebar, citation in places:
        if citation.url is None:
            continue
        _record(citation, notes, sidebars, sources, visited, number, sidebar)
    for source in report.sources:
        for url in source.urls:
            if url not in notes and url not in sidebars:
                notes[url].update(source.cited_in)
                sidebars[url].update(source.sidebars)
                sources[url].add(source.id)
                visited[url].extend([source.last_visited] if source.last_visited else [])
    return tuple(
        sorted(
            (
                Link(
                    url,
                    tuple(sorted(notes[url])),
                    tuple(sorted(sources[url])),
                    max(visited[url]) if visited[url] else None,
                    tuple(sorted(sidebars[url])),
                )
                for url in set(notes) | set(sidebars)
            ),
            key=_link_order,
        )
    )


def _record(
    citation: Citation,
    notes: dict[str, set[int]],
    sidebars: dict[str, set[int]],
    sources: dict[str, set[str]],
    visited: dict[str, list[dt.date]],
    number: int | None,
    sidebar: int | None,
) -> None:
    url = citation.url
    assert url is not None  # caller skips citations without a URL
    if number is not None:
        notes[url].add(number)
    if sidebar is not None:
        sidebars[url].add(sidebar)
    if citation.source is not None:
        sources[url].add(citation.source)
    if citation.kind is CitationKind.FULL and citation.last_visited is not None:
        visited[url].append(citation.last_visited)


def _link_order(link: Link) -> tuple[int, int, str]:
    if link.notes:
        return (0, link.notes[0], link.url)
    return (1, link.sidebars[0] if link.sidebars else 0, link.url)
