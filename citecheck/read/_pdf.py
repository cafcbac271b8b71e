"""Notes of PDF documents: footnotes at the foot of each page, or endnotes under a heading.

Read page by page (a long PDF is never held whole): each page's lines come from PDFium with
their font sizes and link targets (``_pdfpage``). The body's size is the size most text is set
in; footnotes are the lines below the body set smaller. A note starts at a line opening with
its number (superscript, or plain and next in sequence) and runs on, across the page break
when the next page's notes open with unnumbered lines. An endnotes section ("Notes",
"Endnotes") takes every line after its heading. Page numbers and running headers and footers
are dropped; a URL wrapped over lines is glued back (exactly, where a link annotation covers it).

Why PDFium (pypdfium2, Apache-2.0/BSD-3): per-character font sizes and link annotations at
~0.35 s for a dense 62-page PDF on one core; pdfminer.six (pdfplumber) gives the same facts
10-30x slower, and PyMuPDF is AGPL.
"""

from __future__ import annotations

import re
from collections import Counter, deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

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
from citecheck.read._parts import SOURCE_BOX, Numbering, Parts, box, unique
from citecheck.read._pdfpage import Line, Page, read_page
from citecheck.read._render import Run, render
from citecheck.read._urls import continues_url, ends_in_url

_SAMPLE_PAGES = 6  # pages read before the body's font size is settled
_SMALLER = 0.92  # footnotes are set at most this fraction of the body size
_SUPERSCRIPT = 0.85  # a number this much smaller than its line is a superscript
_HEADING = 1.15
_GAP = 3  # note numbers a start may skip (a note the PDF lost)
_REPEATS = 3  # pages a header or footer repeats on, among the last _WINDOW
_WINDOW = 8
_EDGE = 0.1  # top and bottom fraction of a page where headers, footers, page numbers sit
_PLAIN_START = re.compile(r"^\s*(?:\[(\d{1,4})\]|(\d{1,4})(?:[.)]\s+|\s+))(?=\S)")
_PAGE_NUMBER = re.compile(
    r"^\s*(?:page\s+)?(?:\d{1,4}|[ivxlcdm]{1,6})(?:\s*(?:of|/)\s*\d{1,4})?\s*$|^\s*[-–—]\s*\d{1,4}\s*[-–—]\s*$",
    re.IGNORECASE,
)
_NOTES_HEADING = re.compile(
    r"^\s*(?:end\s*notes|notes|foot\s*notes|notes and references|references)\s*:?\s*$",
    re.IGNORECASE,
)
_COMPLETE_END = re.compile(r"[.)\]”\"’!?]$")
_SCANNED_CHARS = 20  # fewer text characters a page than this: no text layer
_TITLE_PAGES = 2  # pages where a printed publication date is looked for

Progress = Callable[[int, int], None]


@dataclass
class _OpenNote:
    number: int
    printed: int  # as printed: numbering may start again at 1 in a new chapter
    page: int
    section: str | None
    placement: Placement
    runs: list[Run] = field(default_factory=list)
    last_line: str = ""
    joined_at_page: bool = False


@dataclass
class _Edges:
    """The top and bottom lines of the last few pages: a running header or footer repeats
    there from page to page (a line repeated 100 pages later is no header)."""

    counts: Counter[str] = field(default_factory=Counter)
    pages: deque[list[str]] = field(default_factory=deque)

    def see(self, page: Page) -> None:
        shapes = [shape for line in _edges(page) if (shape := _shape(line))]
        self.pages.append(shapes)
        self.counts.update(shapes)
        if len(self.pages) > _WINDOW:
            self.counts.subtract(self.pages.popleft())


@dataclass
class _OpenBox:
    """A "Source:" box still being read: it may go on at the top of the next page."""

    runs: list[Run]
    location: Location
    last_line: str


@dataclass
class _Reader:
    """What carries from page to page while a PDF is read."""

    body_size: float = 0.0
    notes: list[DocumentNote] = field(default_factory=list)
    open_note: _OpenNote | None = None
    endnotes: bool = False
    section: str | None = None
    edges: _Edges = field(default_factory=lambda: _Edges())
    boxes: list[Box] = field(default_factory=list)
    markers: list[int] = field(default_factory=list)
    body_links: list[Hyperlink] = field(default_factory=list)
    warnings: list[ReadWarning] = field(default_factory=list)
    text_chars: int = 0
    open_box: _OpenBox | None = None
    note_numbers: Numbering = field(default_factory=Numbering)
    marker_numbers: Numbering = field(default_factory=Numbering)

    @property
    def expected(self) -> int:
        return self.note_numbers.printed + 1


def read_pdf(given: Input, progress: Progress | None = None) -> Parts:
    document = _open(given)
    try:
        total = len(document)
        reader = _Reader()
        title_page: list[str] = []
        for page in _pages(given, document, total, reader, progress):
            if page.number <= _TITLE_PAGES:
                title_page += [line.text for line in page.lines]
            _read_page(reader, page)
        _close_box(reader)
        info = replace(_info(document, total), printed_date=printed_date(title_page))
    finally:
        document.close()
    _finish(reader)
    if reader.text_chars < _SCANNED_CHARS * max(total, 1) and not reader.notes:
        raise InputError(
            f"{given.name} has no text layer — a scanned PDF; run OCR, e.g. ocrmypdf, first"
        )
    return Parts(
        tuple(reader.notes),
        tuple(reader.boxes),
        tuple(reader.markers) or None,
        unique(reader.body_links),
        tuple(reader.warnings),
        info,
    )


def _open(given: Input) -> pdfium.PdfDocument:
    try:
        source = str(given.path) if given.path is not None else given.data
        return pdfium.PdfDocument(source)
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY):
            raise InputError(
                f"{given.name} is encrypted; decrypt it first (e.g. qpdf --decrypt IN.pdf OUT.pdf)"
            ) from exc
        raise InputError(
            f"{given.name} is not a readable PDF (corrupt or truncated); "
            "re-export or re-download it"
        ) from exc


def _pages(
    given: Input,
    document: pdfium.PdfDocument,
    total: int,
    reader: _Reader,
    progress: Progress | None,
) -> Iterator[Page]:
    """Pages in order; the first few are read ahead to settle the body's font size."""
    sample: list[Page] = []
    for index in range(total):
        try:
            page = read_page(document, index)
        except pdfium.PdfiumError as exc:
            raise InputError(
                f"{given.name}: page {index + 1} cannot be read (a corrupt or truncated PDF); "
                "re-export or re-download it"
            ) from exc
        if progress is not None:
            progress(index + 1, total)
        settled = bool(reader.body_size)
        if not settled and len(sample) < _SAMPLE_PAGES and index < total - 1:
            sample.append(page)
            continue
        if not settled:
            reader.body_size = _body_size([*sample, page])
            for seen in [*sample, page]:
                reader.edges.see(seen)
            yield from sample
            sample = []
            yield page
            continue
        reader.edges.see(page)
        yield page


def _body_size(pages: list[Page]) -> float:
    counts: Counter[float] = Counter()
    for page in pages:
        for line in page.lines:
            counts[line.size] += len(line.text)
    return counts.most_common(1)[0][0] if counts else 0.0


def _edges(page: Page) -> list[Line]:
    ordered = sorted(page.lines, key=lambda line: -line.y)
    return [
        line
        for line in ordered[:2] + ordered[-2:]
        if line.y > page.height * (1 - _EDGE) or line.y < page.height * _EDGE
    ]


def _shape(line: Line) -> str:
    """A header or footer as it repeats from page to page: its place, its words (the page
    number blanked). A note's last line can sit on the same baseline every page, so a line
    opening with a superscript number (a note) has no shape."""
    if _leading_number(line) is not None and line.sizes[0] < line.size * _SUPERSCRIPT:
        return ""
    words = re.sub(r"\d+", "#", " ".join(line.text.split())).lower()
    return f"{round(line.y)} {words}"


# ---------------------------------------------------------------------------- one page


def _read_page(reader: _Reader, page: Page) -> None:
    lines = [line for line in page.lines if not _furniture(reader, page, line)]
    reader.text_chars += sum(len(line.text.strip()) for line in lines)
    body, notes = _regions(reader, lines)
    _read_body(reader, page, body)
    for line in notes:
        _note_line(reader, page, line)


def _furniture(reader: _Reader, page: Page, line: Line) -> bool:
    at_edge = line.y > page.height * (1 - _EDGE) or line.y < page.height * _EDGE
    if not at_edge:
        return False
    if _PAGE_NUMBER.match(line.text):
        return True
    shape = _shape(line)
    return bool(shape) and reader.edges.counts[shape] >= _REPEATS


def _regions(reader: _Reader, lines: list[Line]) -> tuple[list[Line], list[Line]]:
    """The page's body lines and note lines (below the body, set smaller; or endnotes)."""
    if reader.endnotes:
        return [], lines
    heading = _endnotes_heading(reader, lines)
    if heading is not None:
        reader.endnotes = True
        reader.section = " ".join(lines[heading].text.split())
        return lines[: heading + 1], lines[heading + 1 :]
    small = reader.body_size * _SMALLER
    body_lines = [line for line in lines if line.size > small]
    floor = min((line.y for line in body_lines), default=float("inf"))
    notes = [line for line in lines if line.size <= small and line.y < floor]
    if notes and not (
        reader.open_note or _starts(reader, notes[0]) or any(_starts(reader, n) for n in notes)
    ):
        return lines, []  # small print below the body that is no note (a caption, a credit)
    noted = {id(line) for line in notes}
    return [line for line in lines if id(line) not in noted], notes


def _endnotes_heading(reader: _Reader, lines: list[Line]) -> int | None:
    for index, line in enumerate(lines):
        if _NOTES_HEADING.match(line.text) and line.size >= reader.body_size * 0.98:
            following = lines[index + 1 : index + 4]
            if any(_number(reader, other, strict=False) == reader.expected for other in following):
                return index
    return None


def _starts(reader: _Reader, line: Line) -> bool:
    return _number(reader, line, strict=True) is not None


def _number(reader: _Reader, line: Line, *, strict: bool) -> int | None:
    """The note number a line opens with, if it opens a note.

    A superscript number opens one when it is the next number (a few may be skipped) or 1 (a
    chapter or appendix numbering its notes anew); a plain number ("12 " or "12. ") only when
    it is next in sequence, since wrapped citation lines start with numbers too.
    """
    found = _leading_number(line)
    if found is None:
        return None
    number, superscript = found
    expected = reader.expected
    in_sequence = expected <= number <= expected + _GAP
    if superscript and (in_sequence or number == 1):
        return number
    if in_sequence and (not strict or number == expected or superscript):
        return number
    if not superscript and number == expected:
        return number
    return None


def _leading_number(line: Line) -> tuple[int, bool] | None:
    text = line.text
    stripped = len(text) - len(text.lstrip())
    digits = ""
    position = stripped
    while position < len(text) and text[position].isdigit() and len(digits) < 4:
        digits += text[position]
        position += 1
    if digits and line.sizes[stripped] < line.size * _SUPERSCRIPT:
        return int(digits), True
    match = _PLAIN_START.match(text)
    if match:
        return int(match.group(1) or match.group(2)), False
    return None


def _note_line(reader: _Reader, page: Page, line: Line) -> None:
    printed = _number(reader, line, strict=True)
    if printed is not None:
        number = _renumbered(reader, printed, page.number)
        note = _OpenNote(number, printed, page.number, reader.section, _placement(reader))
        _finish(reader)
        reader.open_note = note
        _append(reader, note, line, _label_length(line), page.number)
        return
    if reader.open_note is not None:
        _append(reader, reader.open_note, line, 0, page.number)


def _renumbered(reader: _Reader, printed: int, page: int) -> int:
    """Notes numbered anew (each chapter from 1) go on counting: one document, one numbering.

    Markers in the body are counted the same way, so they still meet their notes.
    """
    numbering = reader.note_numbers
    restarts = numbering.current > 0 and printed <= numbering.printed
    number = numbering.of(printed)
    if restarts:
        reader.warnings.append(numbering.restart_warning(number, printed, f"on page {page}"))
    return number


def _placement(reader: _Reader) -> Placement:
    return Placement.ENDNOTE if reader.endnotes else Placement.FOOTNOTE


def _label_length(line: Line) -> int:
    text = line.text
    position = len(text) - len(text.lstrip())
    while position < len(text) and text[position].isdigit():
        position += 1
    while position < len(text) and text[position] in "[]).  ":
        position += 1
    return position


def _append(reader: _Reader, note: _OpenNote, line: Line, skip: int, page: int) -> None:
    cut = note.runs and page != note.page and ends_in_url(note.last_line)
    before = len(note.runs)
    note.last_line = _extend(note.runs, note.last_line, line, skip)
    if cut and note.runs[before].text == "" and note.runs[before].target is None:
        url = note.last_line.split()[0] if note.last_line.split() else ""
        reader.warnings.append(
            ReadWarning(
                "url-page-break",
                note.number,
                f"URL split across a page break was rejoined; check it (continues {url})",
            )
        )
    note.page = page


def _extend(runs: list[Run], last_line: str, line: Line, skip: int = 0) -> str:
    """Add a line's runs (from character ``skip``) after what joins it to the previous line;
    return the line's text, for the next join."""
    pieces = [
        Run(text, italic, target, LinkOrigin.ANNOTATION)
        for text, italic, target in line.styles(skip)
    ]
    if not pieces:
        return last_line
    if runs:
        runs.append(_separator(runs[-1], last_line, line.text[skip:].lstrip(), pieces[0]))
    runs += pieces
    return line.text.rstrip()


def _separator(previous: Run, last_line: str, following: str, first: Run) -> Run:
    """What goes between two lines: nothing inside a wrapped URL or after a hyphen, else a
    space; inside one link or one stretch of italics, the space belongs to it."""
    same_link = previous.target is not None and previous.target == first.target
    glued = last_line.endswith("-") or continues_url(last_line, following)
    if same_link and ends_in_url(last_line):
        glued = True
    target = previous.target if same_link else None
    italic = previous.italic and first.italic
    return Run("" if glued else " ", italic, target, LinkOrigin.ANNOTATION)


def _finish(reader: _Reader) -> None:
    """The open note is done once the next one starts (only the last goes on over a page):
    its runs become text now, so a long document holds its notes, not their characters."""
    if reader.open_note is not None:
        reader.notes.append(_finished(reader.open_note))
        reader.open_note = None


def _finished(note: _OpenNote) -> DocumentNote:
    text, links = render(note.runs)
    location = Location(page=note.page, section=note.section)
    return DocumentNote(note.number, text, links, location, note.placement)


# ---------------------------------------------------------------------------------- body


def _read_body(reader: _Reader, page: Page, lines: list[Line]) -> None:
    for index, paragraph in enumerate(_paragraphs(lines)):
        first = paragraph[0]
        if first.size >= reader.body_size * _HEADING and len(first.text) < 120:
            reader.section = " ".join(" ".join(line.text for line in paragraph).split())
        for printed in _superscripts(paragraph):
            reader.markers += _markers(reader.marker_numbers, printed)
        runs = _paragraph_runs(paragraph)
        if index == 0 and reader.open_box is not None and _goes_on(reader.open_box, paragraph):
            reader.open_box.runs.append(Run(" "))
            reader.open_box.runs += runs
            _close_box(reader)
            continue
        _close_box(reader)
        if SOURCE_BOX.match(" ".join(first.text.split())):
            location = Location(page=page.number, section=reader.section)
            reader.open_box = _OpenBox(runs, location, paragraph[-1].text.rstrip())
        else:
            reader.body_links += render(runs)[1]


def _goes_on(open_box: _OpenBox, paragraph: list[Line]) -> bool:
    """A box cut by a page break ends mid-sentence; its rest opens the next page."""
    return not _COMPLETE_END.search(open_box.last_line) and not SOURCE_BOX.match(
        paragraph[0].text.strip()
    )


def _close_box(reader: _Reader) -> None:
    if reader.open_box is None:
        return
    text, links = render(reader.open_box.runs)
    reader.boxes.append(box(len(reader.boxes) + 1, text, links, reader.open_box.location))
    reader.open_box = None


def _paragraphs(lines: list[Line]) -> Iterator[list[Line]]:
    """Lines grouped into paragraphs: a wider gap than the line spacing, or a size change."""
    current: list[Line] = []
    for line in lines:
        if current:
            previous = current[-1]
            gap = previous.y - line.y
            if (
                gap > previous.size * 1.6
                or gap < 0
                or abs(line.size - previous.size) > 0.5
                or SOURCE_BOX.match(line.text)
            ):
                yield current
                current = []
        current.append(line)
    if current:
        yield current


def _paragraph_runs(lines: list[Line]) -> list[Run]:
    runs: list[Run] = []
    last_line = ""
    for line in lines:
        last_line = _extend(runs, last_line, line)
    return runs


def _superscripts(lines: list[Line]) -> list[str]:
    """Note markers as printed: runs of digits set smaller than their line ("12,13" is two)."""
    found: list[str] = []
    for line in lines:
        digits = ""
        for char, size in zip(line.text, line.sizes, strict=True):
            if char.isdigit() and size < line.size * _SUPERSCRIPT:
                digits += char
                continue
            if digits:
                found.append(digits)
                digits = ""
        if digits:
            found.append(digits)
    return found


def _markers(numbering: Numbering, digits: str) -> list[int]:
    """The running numbers of a marker; markers printed side by side ("196197", two notes
    with no comma) are split where the expected next number starts the run."""
    found: list[int] = []
    while digits:
        expected = str(numbering.printed + 1)
        if digits.startswith(expected) and len(digits) > len(expected):
            found.append(numbering.of(int(expected)))
            digits = digits[len(expected) :]
            continue
        found.append(numbering.of(int(digits)))
        break
    return found


# ------------------------------------------------------------------------------ metadata


def _info(document: pdfium.PdfDocument, pages: int) -> DocumentInfo:
    try:
        meta = document.get_metadata_dict(skip_empty=True)
    except pdfium.PdfiumError:
        meta = {}
    created = meta.get("CreationDate") or meta.get("ModDate")
    return DocumentInfo(
        title=meta.get("Title") or None,
        author=meta.get("Author") or None,
        date=iso_date(created) if created else None,
        pages=pages,
    )
