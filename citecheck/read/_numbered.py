"""Numbered notes in text: a Notes list, or notes at the foot of each page of a text dump.

Covers what converters and authors write when a document has no footnote syntax of its own:
``pdftotext`` output (notes at the foot of each page, pages split by form feeds, page numbers
and running headers), text dumps, and Markdown whose body carries ``<sup>N</sup>`` or
``<sup><a href="#fnN">N</a></sup>`` markers with the notes listed under a "Notes" heading as
``1.``, ``1)``, ``[1]``, ``^1^`` or ``<sup>1</sup>.``.

Any line may start with a number, so note starts are chosen as the longest run of consecutive
numbers (1, 2, 3, …) in document order; where a number starts several lines, the last one before
the next number wins (body text such as "2 million children" comes before the page's notes).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

from citecheck.model import Box, DocumentNote, Hyperlink, Location, Placement, ReadWarning
from citecheck.read._parts import SOURCE_BOX, Numbering, Parts, box, unique
from citecheck.read._urls import continues_url, text_links

_START = re.compile(
    r"^\s*(?:<a\b[^>]*>\s*</a>\s*)*"
    r"(?:<sup>\s*(?:<a\b[^>]*>)?\s*(?P<sup>\d{1,4})\s*(?:</a>)?\s*</sup>\s*\.?"
    r"|\[(?P<bracket>\d{1,4})\]"
    r"|\^(?P<caret>\d{1,4})\^"
    r"|(?P<plain>\d{1,4})(?:[.)]|(?=\s)|$))"
    r"\s*(?P<rest>.*)$"
)
_NOTES_HEADING = re.compile(
    r"^\s*(?:#{1,6}\s*)?(?:\*\*|__)?\s*(?:end\s*notes|notes|foot\s*notes|notes and references"
    r"|references|works cited|sources)\s*(?:\*\*|__)?\s*:?\s*$",
    re.IGNORECASE,
)
_SUP_MARKER = re.compile(r"<sup>\s*(?:<a\b[^>]*>)?\s*(\d{1,4})\s*(?:</a>)?\s*</sup>")
_PAGE_NUMBER = re.compile(
    r"^\s*(?:page\s+)?(?:\d{1,4}|[ivxlcdm]{1,6})(?:\s+of\s+\d{1,4})?\s*$|^\s*[-–—]\s*\d{1,4}\s*[-–—]\s*$",
    re.IGNORECASE,
)
_BACKLINK = re.compile(r"\s*\[(?:↩︎?|↑|\^)\]\(#[^)]*\)|\s*↩︎?")
_COMPLETE_END = re.compile(r"[.)\]”\"’*!?>]$")
_LOOKS_CONTINUED = re.compile(r"^(?:[a-z0-9\[/%(]|https?://|www\.)|\((?:last visited|on file with)")
# The last word is a URL ending like a whole one (a slash, a file extension): the note is
# most likely complete; "…%20streaming%20of" was cut by the page break.
_ENDS_WITH_URL = re.compile(r"(?:https?://|www\.)\S*(?:/|\.[A-Za-z0-9]{2,5})$")
_HEADER_REPEATS = 3
_GAP = 2
_MIN_RESTART = 3


@dataclass(frozen=True)
class _Line:
    index: int  # 0-based in the document
    page: int | None  # 1-based, when the text has form feeds
    text: str


@dataclass(frozen=True)
class _Start:
    line: int  # index into the kept lines
    number: int
    rest: str


def read_numbered_notes(text: str, *, markdown: bool) -> Parts | None:
    """The numbered notes of ``text``, or None when no run of numbered lines is found."""
    lines = _kept_lines(text)
    heading = _notes_heading(lines)
    region = range(heading + 1, len(lines)) if heading is not None else range(len(lines))
    paged = heading is None and any(line.page for line in lines)
    starts = _runs(_candidates(lines, region), restarts=paged)
    if len(starts) < (1 if heading is not None else 2):
        return None
    section = lines[heading].text.strip(" #*_:") if heading is not None else None
    spans = _spans(lines, starts, paged, end=len(lines))
    numbering = Numbering()
    notes: list[DocumentNote] = []
    warnings: list[ReadWarning] = []
    for start, span in zip(starts, spans, strict=True):
        restarts = bool(notes) and start.number <= numbering.printed
        number = numbering.of(start.number)
        if restarts:
            where = f"at line {lines[start.line].index + 1}"
            warnings.append(numbering.restart_warning(number, start.number, where))
        notes.append(_note(lines, start, number, span, section, heading is not None))
    used = {index for span in spans for index in span} | {s.line for s in starts}
    if heading is not None:
        used.add(heading)
    body = [line for position, line in enumerate(lines) if position not in used]
    markers = _markers(body) if markdown else None
    return replace(_with_body(notes, body, markers), warnings=tuple(warnings))


def _kept_lines(text: str) -> list[_Line]:
    """Every line but page furniture: page numbers, and headers or footers repeated on pages."""
    pages = text.split("\f")
    paged = len(pages) > 1
    edges = Counter(
        _shape(edge) for page in pages for edge in _edge_lines(page) if not _PAGE_NUMBER.match(edge)
    )
    lines: list[_Line] = []
    index = 0
    for number, page in enumerate(pages, start=1):
        page_lines = page.split("\n")
        edge_positions = _edge_positions(page_lines)
        for position, line in enumerate(page_lines):
            furniture = position in edge_positions and (
                _PAGE_NUMBER.match(line) or edges[_shape(line)] >= _HEADER_REPEATS
            )
            if not (paged and furniture):
                lines.append(_Line(index, number if paged else None, line))
            index += 1
        index -= 1  # a form feed splits a line: the page's last line and the next's first
    return lines


def _edge_positions(lines: list[str]) -> set[int]:
    filled = [position for position, line in enumerate(lines) if line.strip()]
    return set(filled[:2] + filled[-2:])


def _edge_lines(page: str) -> list[str]:
    lines = page.split("\n")
    return [lines[position] for position in sorted(_edge_positions(lines))]


def _shape(line: str) -> str:
    """A header or footer with its page number blanked, so it repeats from page to page."""
    return re.sub(r"\d+", "#", " ".join(line.split())).lower()


def _notes_heading(lines: list[_Line]) -> int | None:
    """The last line that is a Notes/Endnotes/References heading followed by a note start."""
    found = None
    for position, line in enumerate(lines):
        if _NOTES_HEADING.match(line.text):
            following = next((ln for ln in lines[position + 1 :] if ln.text.strip()), None)
            if following is not None and _START.match(following.text):
                found = position
    return found


def _candidates(lines: list[_Line], region: range) -> list[_Start]:
    found: list[_Start] = []
    for position in region:
        match = _START.match(lines[position].text)
        if match is None or _NOTES_HEADING.match(lines[position].text):
            continue
        number = int(next(g for g in match.group("sup", "bracket", "caret", "plain") if g))
        found.append(_Start(position, number, match.group("rest").strip()))
    return found


def _chain(candidates: list[_Start]) -> list[_Start]:
    """The longest run of consecutive note numbers in document order (later starts win ties).

    A run may skip up to ``_GAP`` numbers (a note whose number the text lost), each skip
    costing one length, so an unbroken run wins over a gappy one.
    """
    best: dict[int, tuple[int, int]] = {}  # number -> (score, candidate index)
    back: dict[int, int | None] = {}
    for index, candidate in enumerate(candidates):
        score, previous = 1, None
        for skipped in range(_GAP + 1):
            before = best.get(candidate.number - 1 - skipped)
            if before is not None and before[0] + 1 - skipped > score:
                score, previous = before[0] + 1 - skipped, before[1]
        current = best.get(candidate.number)
        if current is None or score >= current[0]:
            best[candidate.number] = (score, index)
            back[index] = previous
    if not best:
        return []
    _, last = max(best.values())
    chain: list[_Start] = []
    cursor: int | None = last
    while cursor is not None:
        chain.append(candidates[cursor])
        cursor = back[cursor]
    return chain[::-1]


def _runs(candidates: list[_Start], restarts: bool) -> list[_Start]:
    """The longest run, and with ``restarts`` the runs before and after it (numbering that
    starts again at each chapter or appendix), each of at least ``_MIN_RESTART`` notes."""
    chain = _chain(candidates)
    if not restarts or not chain:
        return chain
    before = [c for c in candidates if c.line < chain[0].line]
    after = [c for c in candidates if c.line > chain[-1].line]
    runs = [_runs(before, True), chain, _runs(after, True)]
    return [*_long(runs[0]), *chain, *_long(runs[2])]


def _long(run: list[_Start]) -> list[_Start]:
    return run if len(run) >= _MIN_RESTART else []


def _spans(lines: list[_Line], starts: list[_Start], paged: bool, end: int) -> list[list[int]]:
    """For each note, the lines after its start line that carry the rest of its text."""
    spans: list[list[int]] = []
    for position, start in enumerate(starts):
        stop = starts[position + 1].line if position + 1 < len(starts) else end
        span: list[int] = []
        for index in range(start.line + 1, stop):
            line = lines[index]
            if paged and line.page != lines[start.line].page:
                break
            if not line.text.strip():
                if _ends_note(lines, index, stop):
                    break
                continue
            span.append(index)
        spans.append(span)
    if paged:
        _join_page_breaks(lines, starts, spans)
    return spans


def _ends_note(lines: list[_Line], blank: int, stop: int) -> bool:
    """A blank line ends a note unless what follows is indented or reads as its continuation."""
    following = next((ln for ln in lines[blank + 1 : stop] if ln.text.strip()), None)
    if following is None:
        return False
    return not (following.text[:1].isspace() or _LOOKS_CONTINUED.search(following.text))


def _join_page_breaks(lines: list[_Line], starts: list[_Start], spans: list[list[int]]) -> None:
    """A note cut at a page's foot goes on just above the next page's first note."""
    for position in range(len(starts) - 1):
        here, following = starts[position], starts[position + 1]
        if lines[here.line].page == lines[following.line].page:
            continue
        last_line = (lines[spans[position][-1]].text if spans[position] else here.rest).rstrip()
        if _COMPLETE_END.search(last_line) or _ENDS_WITH_URL.search(last_line):
            continue  # a note ending in a whole URL is complete; one cut mid-URL ends "…-"
        rest: list[int] = []
        for index in range(following.line - 1, here.line, -1):
            if not lines[index].text.strip() or lines[index].page != lines[following.line].page:
                break
            rest.insert(0, index)
        if rest and _LOOKS_CONTINUED.search(lines[rest[0]].text.strip()):
            spans[position].extend(rest)


def _note(
    lines: list[_Line],
    start: _Start,
    number: int,
    span: list[int],
    section: str | None,
    endnote: bool,
) -> DocumentNote:
    pieces = [start.rest, *(lines[index].text.strip() for index in span)]
    text = _BACKLINK.sub("", join_lines([piece for piece in pieces if piece])).strip()
    line = lines[start.line]
    location = Location(page=line.page, line=line.index + 1, section=section)
    placement = Placement.ENDNOTE if endnote else Placement.FOOTNOTE
    return DocumentNote(number, text, text_links(text), location, placement)


def join_lines(pieces: Sequence[str]) -> str:
    """Lines of one note as one: a URL cut at a line end is glued back without a space."""
    text = ""
    for piece in pieces:
        if not text:
            text = piece
        elif continues_url(text, piece):
            text += piece
        else:
            text += " " + piece
    return text


def _markers(body: list[_Line]) -> tuple[int, ...] | None:
    found = [int(m.group(1)) for line in body for m in _SUP_MARKER.finditer(line.text)]
    return tuple(found) if found else None


def _with_body(
    notes: list[DocumentNote], body: list[_Line], markers: tuple[int, ...] | None
) -> Parts:
    boxes: list[Box] = []
    links: list[Hyperlink] = []
    for paragraph, first in _paragraphs(body):
        if SOURCE_BOX.match(paragraph):
            found = text_links(paragraph)
            boxes.append(box(len(boxes) + 1, paragraph, found, Location(line=first)))
        else:
            links += text_links(paragraph)
    return Parts(tuple(notes), tuple(boxes), markers, unique(links))


def _paragraphs(body: list[_Line]) -> list[tuple[str, int]]:
    found: list[tuple[str, int]] = []
    current: list[str] = []
    first = 0
    for line in body:
        if not line.text.strip():
            if current:
                found.append((join_lines(current), first))
            current = []
            continue
        if current and SOURCE_BOX.match(line.text.strip()):
            found.append((join_lines(current), first))
            current = []
        if not current:
            first = line.index + 1
        current.append(line.text.strip())
    if current:
        found.append((join_lines(current), first))
    return found
