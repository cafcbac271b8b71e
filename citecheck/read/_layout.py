"""Notes printed as paragraphs that start with superscript numerals: text converted from PDF.

This is the layout of the bundled report: a footnote is a paragraph starting with superscript
numerals ("¹² Mark Latonero, …"), interleaved page by page with body text that carries the
same superscripts as markers ("…online.⁵", "…^{219, 220}"). A footnote cut by a page break ends
mid-sentence; its rest is the paragraph just before the next page's footnotes. Paragraphs
starting "Source:" between body paragraphs are boxed citations.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from citecheck.model import Box, DocumentNote, Hyperlink, LinkOrigin, Location, ReadWarning
from citecheck.read._parts import SOURCE_BOX, Parts, box, unique
from citecheck.read._urls import text_links, written_urls

SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_TO_DIGITS = str.maketrans(SUPERSCRIPTS, "0123456789")
_FOOTNOTE = re.compile(rf"^([{SUPERSCRIPTS}]+)\s*(.*)$", re.DOTALL)
_MARKER = re.compile(rf"[{SUPERSCRIPTS}]+")
_CARET_MARKERS = re.compile(r"\^\{([\d,\s]+)\}")
_HEADING_LINK = re.compile(r"^\[(?:\\.|[^\]\\])*\]\(#\)$")
# A complete footnote ends like a sentence, a parenthetical, a quotation or emphasis.
_COMPLETE_END = re.compile(r"[.)\]”\"’*!?>]$")
_URL_TAIL = re.compile(r"(?:https?://|www\.)\S*$")
_DANGLING_URL = re.compile(r"(?:https?://|www\.)\S*[-_%.=&?#~]$")
# The rest of a cut footnote starts mid-sentence or mid-URL, or is recognisably citation text;
# a capitalised line without either ("Payment", "Cryptocurrencies") is the next page's heading.
_LOOKS_CONTINUED = re.compile(r"^(?:[a-z0-9\[/%(]|https?://|www\.)|\((?:last visited|on file with)")
_MD_LINK_ONLY = re.compile(r"^\[((?:\\.|[^\]\\])*)\]\(#\)")


@dataclass(frozen=True)
class Paragraph:
    """A blank-line separated paragraph, inner line breaks folded, and its first line (1-based)."""

    line: int
    text: str


def paragraphs(text: str) -> list[Paragraph]:
    found: list[Paragraph] = []
    start = 0
    for separator in [*re.finditer(r"\n[ \t]*\n", text), None]:
        end = separator.start() if separator else len(text)
        block = text[start:end]
        folded = " ".join(line.strip() for line in block.split("\n")).strip()
        if folded:
            first = start + len(block) - len(block.lstrip())
            found.append(Paragraph(text.count("\n", 0, first) + 1, folded))
        start = separator.end() if separator else end
    return found


def read_superscript_layout(text: str) -> Parts | None:
    """The notes of ``text`` in this layout, or None when no paragraph starts like a note."""
    paras = paragraphs(text)
    kinds = [_kind(para.text) for para in paras]
    if "note" not in kinds:
        return None
    texts = [para.text for para in paras]
    continuation_of, breaks = _continuations(texts, kinds)
    continuations = set(continuation_of.values())
    notes: list[DocumentNote] = []
    boxes: list[Box] = []
    markers: list[int] = []
    body_links: list[Hyperlink] = []
    for index, (para, kind) in enumerate(zip(paras, kinds, strict=True)):
        if kind == "note":
            notes.append(_note(para, index, texts, continuation_of))
        elif index in continuations or kind == "heading":
            continue
        elif kind == "box":
            body = SOURCE_BOX.sub("", para.text, count=1)
            boxes.append(box(len(boxes) + 1, body, text_links(body), Location(line=para.line)))
        else:
            markers.extend(_markers(para.text))
            body_links += [Hyperlink(u, u, LinkOrigin.TEXT) for u in written_urls(para.text)]
    return Parts(tuple(notes), tuple(boxes), tuple(markers), unique(body_links), tuple(breaks))


def _kind(para: str) -> str:
    if _FOOTNOTE.match(para):
        return "note"
    if SOURCE_BOX.match(para):
        return "box"
    if _HEADING_LINK.match(para):
        return "heading"
    return "body"


def superscript_number(digits: str) -> int:
    return int(digits.translate(_TO_DIGITS))


def _markers(para: str) -> list[int]:
    found = [superscript_number(match.group(0)) for match in _MARKER.finditer(para)]
    for match in _CARET_MARKERS.finditer(para):
        found.extend(int(number) for number in re.findall(r"\d+", match.group(1)))
    return found


def _note(
    para: Paragraph, index: int, texts: list[str], continuation_of: dict[int, int]
) -> DocumentNote:
    match = _footnote(para.text)
    body = match.group(2).strip()
    if index in continuation_of:
        body = _join(body, texts[continuation_of[index]])
    number = superscript_number(match.group(1))
    return DocumentNote(number, body, text_links(body), Location(line=para.line))


def _footnote(para: str) -> re.Match[str]:
    match = _FOOTNOTE.match(para)
    assert match is not None  # only called on paragraphs _kind classified as notes
    return match


def _continuations(paras: list[str], kinds: list[str]) -> tuple[dict[int, int], list[ReadWarning]]:
    """Map each footnote cut by a page break to the paragraph that finishes it.

    The cut note is the last of its page's block and does not end like a sentence; its rest is
    the paragraph right before the next block of footnotes, provided that paragraph is plain text
    carrying no markers of its own (otherwise it is body text and nothing is joined).
    """
    joined: dict[int, int] = {}
    breaks: list[ReadWarning] = []
    for index, kind in enumerate(kinds):
        last_of_block = kind == "note" and (index + 1 == len(kinds) or kinds[index + 1] != "note")
        if not last_of_block or _COMPLETE_END.search(paras[index]):
            continue
        number = superscript_number(_footnote(paras[index]).group(1))
        rest = _rest_before_next_block(paras, kinds, index)
        # A URL ending in a connector ("…/Anti-") was certainly cut; "…/venmo.com/" may be whole.
        cut_url = _DANGLING_URL.search(paras[index])
        if rest is not None:
            joined[index] = rest
            if _joins_url(paras[index], paras[rest]):
                url = _url_at_join(paras[index], paras[rest])
                message = f"URL split across a page break was rejoined; check it: {url}"
                breaks.append(ReadWarning("url-page-break", number, message))
        elif cut_url:
            message = f"URL is cut at a page break and its rest was not found: {cut_url.group(0)}"
            breaks.append(ReadWarning("url-page-break", number, message))
    return joined, breaks


def _rest_before_next_block(paras: list[str], kinds: list[str], index: int) -> int | None:
    for candidate in range(index + 1, len(kinds)):
        if kinds[candidate] == "note":
            previous = candidate - 1
            if (
                previous > index
                and kinds[previous] in ("body", "heading")
                and not _markers(paras[previous])
                and _LOOKS_CONTINUED.search(paras[previous])
            ):
                return previous
            return None
    return None


def _joins_url(head: str, rest: str) -> bool:
    return _URL_TAIL.search(head) is not None and not rest.startswith(("http://", "https://"))


def _url_at_join(head: str, rest: str) -> str:
    tail = _URL_TAIL.search(head)
    assert tail is not None  # only called when the head ends inside a URL
    joined = _join(head, rest)[tail.start() :]
    found = written_urls(joined)
    return found[0] if found else joined.split()[0]


def _join(head: str, rest: str) -> str:
    """Glue a footnote to its continuation: a URL cut mid-way is rejoined without a space.

    The converter sometimes renders the orphaned URL tail as a heading link ``[tail](#)``.
    """
    if _URL_TAIL.search(head) and not rest.startswith(("http://", "https://")):
        rest = _MD_LINK_ONLY.sub(lambda match: re.sub(r"\\(.)", r"\1", match.group(1)), rest)
        return head + rest
    return f"{head} {rest}"
