"""One PDF page as lines of characters with their size, place, style and link target.

PDFium (through pypdfium2) gives each character's origin, font size and font flags; a line is
a run of characters on one baseline (a superscript rides a little above it). Link annotations
with a URI action give the exact target of the characters they cover, wherever the visible text
was cut or wrapped. The page's objects are released as soon as its lines are made, so a long
document is read page by page in flat memory.
"""

from __future__ import annotations

import ctypes
import re
from collections import Counter
from dataclasses import dataclass
from itertools import groupby

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

_ITALIC_FLAG = 1 << 6  # PDF font descriptor flag 7: Italic
_SAME_PLACE = 1.5  # points around a link's rectangle still inside it
_EDGE_PUNCTUATION = ",;"
_WORDS = re.compile(r"\s*\S+|\s+")
_Rect = tuple[float, float, float, float, str]  # left, bottom, right, top, target
# Ligatures and the hyphen PDFium marks at a line end, as the text a reader types.
_CHARACTERS = str.maketrans(
    {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
     "\ufffe": "-", "\u0002": "-", "\u00ad": "-", "\u00a0": " "}
)  # fmt: skip


@dataclass(slots=True)
class Line:
    """A line of text with, for each character, its font size, italics and link target."""

    text: str
    sizes: list[float]
    italics: list[bool]
    targets: list[str | None]
    y: float  # baseline of the line's main text
    x: float  # left edge
    size: float  # the size most of its letters are set in (superscripts do not count)
    right: float  # where its last character starts

    def styles(self, skip: int = 0) -> list[tuple[str, bool, str | None]]:
        """The line from character ``skip`` on, as (text, italic, link target) pieces."""
        pieces: list[tuple[str, bool, str | None]] = []
        position = skip
        styled = zip(self.italics[skip:], self.targets[skip:], strict=True)
        for (italic, target), group in groupby(styled):
            length = len(list(group))
            pieces.append((self.text[position : position + length], italic, target))
            position += length
        return pieces


def _merged(first: Line, second: Line) -> Line:
    return Line(
        first.text + second.text,
        first.sizes + second.sizes,
        first.italics + second.italics,
        first.targets + second.targets,
        second.y if second.size >= first.size else first.y,
        first.x,
        max(first.size, second.size),
        second.right,
    )


@dataclass(frozen=True)
class Page:
    number: int  # 1-based
    height: float
    lines: list[Line]


def read_page(document: pdfium.PdfDocument, index: int) -> Page:
    """The lines of page ``index`` (0-based), its PDFium objects released before returning."""
    page = document[index]
    try:
        textpage = page.get_textpage()
        try:
            links = _uri_links(document, page)
            lines = _lines(textpage, links)
        finally:
            textpage.close()
        return Page(index + 1, page.get_height(), lines)
    finally:
        page.close()


def _lines(textpage: pdfium.PdfTextPage, links: list[_Rect]) -> list[Line]:
    """PDFium's lines (it ends each with a line break, or joins two at a hyphen it marks).

    Character positions cost a call each, so only sizes are read for every character; a
    line's place is read once, and per-character places only where a link may lie.
    """
    count = textpage.count_chars()
    if not count:
        return []
    handle = textpage.raw
    text = textpage.get_text_range(0, count)
    if len(text) != count:  # characters outside the BMP: read them one by one
        text = "".join(chr(pdfium_c.FPDFText_GetUnicode(handle, k)) for k in range(count))
    font_size = pdfium_c.FPDFText_GetFontSize
    sizes = [font_size(handle, k) for k in range(count)]
    lines: list[Line] = []
    start = 0
    for k, char in enumerate(text):
        if char in "\r\n" or char == "\ufffe":
            end = k + 1 if char == "\ufffe" else k
            if end > start:
                _add_line(lines, handle, text, sizes, start, end, links)
            start = k + 1
    if count > start:
        _add_line(lines, handle, text, sizes, start, count, links)
    return lines


def _add_line(
    lines: list[Line],
    handle: pdfium_c.FPDF_TEXTPAGE,
    text: str,
    sizes: list[float],
    start: int,
    end: int,
    links: list[_Rect],
) -> None:
    line_text = text[start:end].translate(_CHARACTERS)
    if not line_text.strip():
        return
    line_sizes = sizes[start:end]
    main = _main_size(line_sizes)
    anchor = next((start + i for i, size in enumerate(line_sizes) if abs(size - main) < 0.5), start)
    x, y = _origin(handle, start)[0], _origin(handle, anchor)[1]
    right = _origin(handle, end - 1)[0]
    near = [
        rect for rect in links if rect[1] - _SAME_PLACE <= y + main and rect[3] + _SAME_PLACE >= y
    ]
    targets: list[str | None] = [None] * len(line_text)
    if near:
        targets = _edges_trimmed(line_text, _targets(handle, start, end, line_sizes, near))
    line = Line(
        line_text, line_sizes, _italics(handle, line_text, start), targets, y, x, main, right
    )
    previous = lines[-1] if lines else None
    # PDFium ends a line at a change of font too ("…beings.”⁶" | " Online traffickers"; a
    # note's superscript number | its text): one baseline, going on to the right, is one line.
    if (
        previous is not None
        and abs(previous.y - y) < 0.5 * max(previous.size, main)
        and (x >= previous.right)
    ):
        lines[-1] = _merged(previous, line)
    else:
        lines.append(line)


def _main_size(sizes: list[float]) -> float:
    counts = Counter(sizes).most_common()
    best = max(count for _, count in counts)
    return max(size for size, count in counts if count == best)


def _origin(handle: pdfium_c.FPDF_TEXTPAGE, index: int) -> tuple[float, float]:
    x, y = ctypes.c_double(), ctypes.c_double()
    pdfium_c.FPDFText_GetCharOrigin(handle, index, x, y)
    return x.value, y.value


def _italics(handle: pdfium_c.FPDF_TEXTPAGE, text: str, start: int) -> list[bool]:
    """Italics, read once a word: the flag lives on the font, which a word's letters share."""
    flags = ctypes.c_int()
    out: list[bool] = []
    for word in _WORDS.finditer(text):
        spaces = len(word.group(0)) - len(word.group(0).lstrip())
        pdfium_c.FPDFText_GetFontInfo(handle, start + word.start() + spaces, None, 0, flags)
        out += [bool(flags.value & _ITALIC_FLAG)] * len(word.group(0))
    return out


def _targets(
    handle: pdfium_c.FPDF_TEXTPAGE,
    start: int,
    end: int,
    sizes: list[float],
    near: list[_Rect],
) -> list[str | None]:
    """Each character's link target: the link whose rectangle holds the character's middle."""
    out: list[str | None] = []
    for index in range(start, end):
        x, y = _origin(handle, index)
        middle = x + sizes[index - start] * 0.25
        out.append(
            next(
                (
                    target
                    for left, bottom, right, top, target in near
                    if left - _SAME_PLACE <= middle <= right + _SAME_PLACE
                    and bottom - _SAME_PLACE <= y <= top
                ),
                None,
            )
        )
    return out


def _edges_trimmed(text: str, targets: list[str | None]) -> list[str | None]:
    """A space or a comma at a link's edge is not part of it (its rectangle reaches a little
    past the linked words)."""
    trimmed = list(targets)
    for index, char in enumerate(text):
        if trimmed[index] is None or not (char.isspace() or char in _EDGE_PUNCTUATION):
            continue
        before = trimmed[index - 1] if index else None
        after = targets[index + 1] if index + 1 < len(text) else None
        if before != targets[index] or after != targets[index]:
            trimmed[index] = None
    return trimmed


def _uri_links(document: pdfium.PdfDocument, page: pdfium.PdfPage) -> list[_Rect]:
    """Each URI link's rectangles (left, bottom, right, top) and target."""
    found: list[_Rect] = []
    position = ctypes.c_int(0)
    link = pdfium_c.FPDF_LINK()
    while pdfium_c.FPDFLink_Enumerate(page.raw, position, link):
        target = _uri(document, link)
        if target:
            found += [(*rect, target) for rect in _rects(link)]
    return found


def _uri(document: pdfium.PdfDocument, link: pdfium_c.FPDF_LINK) -> str | None:
    action = pdfium_c.FPDFLink_GetAction(link)
    if not action or pdfium_c.FPDFAction_GetType(action) != pdfium_c.PDFACTION_URI:
        return None
    length = pdfium_c.FPDFAction_GetURIPath(document.raw, action, None, 0)
    if length <= 1:
        return None
    buffer = ctypes.create_string_buffer(length)
    pdfium_c.FPDFAction_GetURIPath(document.raw, action, buffer, length)
    raw = buffer.value
    try:
        return raw.decode("utf-8").strip() or None
    except UnicodeDecodeError:
        return raw.decode("latin-1").strip() or None


def _rects(link: pdfium_c.FPDF_LINK) -> list[tuple[float, float, float, float]]:
    """The link's quadrilaterals when it has them (a link wrapped over lines), else its box."""
    quads = []
    for index in range(pdfium_c.FPDFLink_CountQuadPoints(link)):
        quad = pdfium_c.FS_QUADPOINTSF()
        if pdfium_c.FPDFLink_GetQuadPoints(link, index, quad):
            xs = (quad.x1, quad.x2, quad.x3, quad.x4)
            ys = (quad.y1, quad.y2, quad.y3, quad.y4)
            quads.append((min(xs), min(ys), max(xs), max(ys)))
    if quads:
        return quads
    rect = pdfium_c.FS_RECTF()
    if not pdfium_c.FPDFLink_GetAnnotRect(link, rect):
        return []
    return [(rect.left, min(rect.bottom, rect.top), rect.right, max(rect.bottom, rect.top))]
