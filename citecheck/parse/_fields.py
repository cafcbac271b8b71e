"""Read the fields of one citation: short-cite form, authors, title, container, date, pinpoint,
URL with its "last visited" date, and parentheticals.

A full citation is a head (authors, title, publication, date and pinpoint: see ``_head``), then
its URLs, each with its "(last visited …)", then parentheticals: "(on file with …)" and quoted
explanations. Dates carry the document's typos ("Oct.10", "Fed. 10").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from citecheck.model import CitationKind, WorkType
from citecheck.parse import _dates
from citecheck.parse._head import clean, read_head
from citecheck.parse._names import names_site
from citecheck.parse._split import Segment
from citecheck.parse._urls import UrlSpan, find_urls, mask_urls
from citecheck.parse._work import Details, assign_roles, read_details

_ID = re.compile(r"^\*?(?:Id|Ibid)\.\*?,?", re.IGNORECASE)
_SUPRA = re.compile(
    r"^(?P<name>.*?)[,\s]*\*?supra\*?,?\s+note\s+(?P<note>\d+)(?P<rest>.*)$",
    re.IGNORECASE | re.DOTALL,
)
# A pinpoint runs to a parenthetical or the end of the sentence; "K.3., 61" keeps its periods.
_PINPOINT = re.compile(
    r"^\s*,?\s*(?:at\s+)?(?P<pin>.*?)\s*(?=\s\(|\.\s+[A-Z“\"]|\.?\s*$)", re.DOTALL
)
_AT_URL = re.compile(r"(?:,\s*)?\b(?:available\s+)?at\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class UrlRef:
    """A URL in a citation with the "(last visited …)" that follows it, if any."""

    url: str
    visited: _dates.Parsed | None


@dataclass(frozen=True)
class Fields:
    kind: CitationKind
    text: str
    signal: str | None
    urls: tuple[UrlRef, ...] = ()
    orphan_dates: tuple[_dates.Parsed, ...] = ()
    authors: tuple[str, ...] = ()
    corporate_author: bool = False
    title: str | None = None
    container: str | None = None
    date: _dates.Parsed | None = None
    pinpoint: str | None = None
    parentheticals: tuple[str, ...] = ()
    supra_note: int | None = None
    supra_name: str | None = None
    # What the full citation tells about the work (see ``_work``): its kind, who issued it, and
    # the publication details after its title.
    work_type: WorkType = WorkType.DOCUMENT
    publisher: str | None = None
    details: Details = field(default_factory=Details)


def read(segment: Segment) -> Fields:
    """The fields of one citation segment."""
    text = segment.text
    id_match = _ID.match(text)
    if id_match:
        pin, parens, end = _short_tail(text[id_match.end() :])
        return Fields(
            CitationKind.ID,
            _short_text(text[: id_match.end() + end]),
            segment.signal,
            pinpoint=pin,
            parentheticals=parens,
        )
    supra = _SUPRA.match(text)
    if supra and not find_urls(supra.group("name")):
        pin, parens, end = _short_tail(supra.group("rest"))
        name = clean(supra.group("name")).strip(" ,")
        return Fields(
            CitationKind.SUPRA,
            _short_text(text[: supra.start("rest") + end]),
            segment.signal,
            pinpoint=pin,
            parentheticals=parens,
            supra_note=int(supra.group("note")),
            supra_name=name,
        )
    return _full(segment)


def _short_text(text: str) -> str:
    """The short cite itself, ending with one period."""
    return clean(text).rstrip(" .") + "."


def _short_end(text: str) -> int:
    """Where the sentence holding a short cite's tail ends; explanation may follow it."""
    depth = 0
    for index, char in enumerate(text):
        depth += (char == "(") - (char == ")")
        if depth == 0 and char == "." and re.match(r"\.\s+[A-Z“\"]", text[index:]):
            return index + 1
    return len(text)


def _short_tail(rest: str) -> tuple[str | None, tuple[str, ...], int]:
    """Pinpoint, parentheticals and length of the tail after "Id." or "supra note N"."""
    end = _short_end(rest)
    rest = rest[:end]
    match = _PINPOINT.match(rest)
    pin = clean(match.group("pin")).strip(" ,.") if match else ""
    parens = tuple(group for group in _paren_groups(rest) if _is_parenthetical(group))
    return (pin or None), parens, end


def _paren_groups(text: str) -> list[str]:
    """Top-level parenthesized groups of ``text`` (balanced), their contents cleaned."""
    groups: list[str] = []
    depth, start = 0, 0
    for index, char in enumerate(text):
        if char == "(" and (index == 0 or text[index - 1] != "\\"):
            if depth == 0:
                start = index + 1
            depth += 1
        elif char == ")" and depth and text[index - 1] != "\\":
            depth -= 1
            if depth == 0:
                groups.append(clean(text[start:index]))
    return groups


# ---------------------------------------------------------------------------- full citations


def _full(segment: Segment) -> Fields:
    text = segment.text
    spans = find_urls(text)
    urls, orphans = _urls_with_dates(text, spans)
    head_end = spans[0].start if spans else _tail_start(text)
    head = _AT_URL.sub("", text[:head_end]).rstrip(" ,.;")
    tail = mask_urls(text, spans)[head_end:]
    parts = read_head(head)
    url = urls[0].url if urls else None
    details = read_details(parts.rest, parts.title)
    roles = assign_roles(
        title=parts.title,
        authors=parts.authors,
        corporate=parts.corporate or _site_owner(parts.authors, url),
        container=parts.container,
        details=details,
        url=url,
        date=parts.date.value if parts.date else None,
    )
    return Fields(
        kind=CitationKind.FULL,
        text=text.strip(),
        signal=segment.signal,
        urls=urls,
        orphan_dates=orphans,
        authors=roles.authors,
        corporate_author=roles.corporate,
        title=parts.title,
        container=roles.container,
        date=parts.date,
        pinpoint=parts.pinpoint,
        parentheticals=tuple(g for g in _paren_groups(tail) if _is_parenthetical(g)),
        work_type=roles.work_type,
        publisher=roles.publisher,
        details=details,
    )


def _site_owner(authors: tuple[str, ...], url: str | None) -> bool:
    """A lone author named like the non-profit site the work is on is that organisation, even
    when the name reads like a person's ("Terre de Hommes" on terredeshommes.org)."""
    return (
        len(authors) == 1 and url is not None and names_site(authors[0], url, nonprofit_only=True)
    )


def _tail_start(text: str) -> int:
    """Without a URL, parentheticals start at the first "(on file"/"(last visited"."""
    match = re.search(r"\((?:on file|last visited)", text, re.IGNORECASE)
    return match.start() if match else len(text)


def _urls_with_dates(
    text: str, spans: list[UrlSpan]
) -> tuple[tuple[UrlRef, ...], tuple[_dates.Parsed, ...]]:
    """Pair each URL with the first "(last visited …)" between it and the next URL; any other
    "last visited" (before every URL, or a second one) belongs to no URL."""
    refs: list[UrlRef] = []
    orphans: list[_dates.Parsed] = []
    bounds = [span.start for span in spans[1:]] + [len(text)] if spans else []
    first_start = spans[0].start if spans else len(text)
    orphans.extend(
        _dates.parse_last_visited(m.group(1))
        for m in _dates.LAST_VISITED.finditer(text[:first_start])
    )
    for span, bound in zip(spans, bounds, strict=True):
        found = [
            _dates.parse_last_visited(m.group(1))
            for m in _dates.LAST_VISITED.finditer(text[span.end : bound])
        ]
        refs.append(UrlRef(span.url, found[0] if found else None))
        orphans.extend(found[1:])
    return tuple(refs), tuple(orphans)


def _is_parenthetical(group: str) -> bool:
    """Explanations and "(on file with …)" count; "(2015)", "(4)" or "(ILO)" do not."""
    return not group.lower().startswith("last visited") and (" " in group or group[:1] in '“"')
