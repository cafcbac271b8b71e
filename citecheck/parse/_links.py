"""The distinct URLs a parsed document cites, each with every place that cites it."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from citecheck.model import Citation, CitationKind, Link, ParsedDocument, preferred_baseline


def links(document: ParsedDocument) -> tuple[Link, ...]:
    """Each distinct URL once, with every note, sidebar and source citing it.

    Short cites count as citing their source's URL. ``last_visited`` is the latest date given
    for that exact URL by a full citation; without one, ``inferred`` is the baseline day its
    sources were given (their publication date, else the document's). A citation giving
    several URLs for one work lists the later ones only in ``Source.urls``; they are checked
    too, as cited wherever the source is. Sorted by first citing note; URLs cited only in
    sidebars follow, by sidebar; then the body's URLs when the document was parsed with
    ``body_links``.
    """
    notes: dict[str, set[int]] = defaultdict(set)
    sidebars: dict[str, set[int]] = defaultdict(set)
    sources: dict[str, set[str]] = defaultdict(set)
    visited: dict[str, list[dt.date]] = defaultdict(list)
    places: list[tuple[int | None, int | None, Citation]] = [
        (note.number, None, c) for note in document.notes for c in note.citations
    ]
    places += [(None, side.index, c) for side in document.sidebars for c in side.citations]
    for number, sidebar, citation in places:
        if citation.url is None:
            continue
        _record(citation, notes, sidebars, sources, visited, number, sidebar)
    for source in document.sources:
        for url in source.urls:
            if url not in notes and url not in sidebars:
                notes[url].update(source.cited_in)
                sidebars[url].update(source.sidebars)
                sources[url].add(source.id)
                visited[url].extend([source.last_visited] if source.last_visited else [])
    by_id = {source.id: source for source in document.sources}
    return tuple(
        sorted(
            (
                Link(
                    url,
                    tuple(sorted(notes[url])),
                    tuple(sorted(sources[url])),
                    max(visited[url]) if visited[url] else None,
                    tuple(sorted(sidebars[url])),
                    None
                    if visited[url]
                    else preferred_baseline(by_id[i].inferred for i in sources[url] if i in by_id),
                )
                for url in set(notes) | set(sidebars)
            ),
            key=_link_order,
        )
    ) + _body_links(document, set(notes) | set(sidebars))


def _body_links(document: ParsedDocument, cited: set[str]) -> tuple[Link, ...]:
    """The body's URLs (kept with ``--body-links``) not cited in a note: checked last."""
    return tuple(
        Link(url, (), (), None) for url in dict.fromkeys(document.body_urls) if url not in cited
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
