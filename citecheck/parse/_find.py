"""Find the footnotes, "Source:" sidebars and body markers of a document.

Two input formats, detected automatically:

* PDF-converted text (the ICMEC report): a footnote is a paragraph starting with superscript
  numerals ("¹² Mark Latonero, …"), interleaved page by page with body text that carries the
  same superscripts as markers ("…online.⁵", "…^{219, 220}"). A footnote cut by a page break ends
  mid-sentence; its rest is the paragraph just before the next page's footnotes.
* Markdown footnotes: ``[^12]: text`` definitions (indented lines continue them) and ``[^12]``
  references.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from citecheck.parse._urls import find_urls

SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_TO_DIGITS = str.maketrans(SUPERSCRIPTS, "0123456789")
_FOOTNOTE = re.compile(rf"^([{SUPERSCRIPTS}]+)\s*(.*)$", re.DOTALL)
_MARKER = re.compile(rf"[{SUPERSCRIPTS}]+")
_CARET_MARKERS = re.compile(r"\^\{([\d,\s]+)\}")
_HEADING_LINK = re.compile(r"^\[(?:\\.|[^\]\\])*\]\(#\)$")
_SIDEBAR = re.compile(r"^Sources?:\s*", re.IGNORECASE)
# A complete footnote ends like a sentence, a parenthetical, a quotation or emphasis.
_COMPLETE_END = re.compile(r"[.)\]”\"’*!?>]$")
_URL_TAIL = re.compile(r"(?:https?://|www\.)\S*$")
_DANGLING_URL = re.compile(r"(?:https?://|www\.)\S*[-_%.=&?#~]$")
_MD_DEFINITION = re.compile(r"^\[\^([^\]\s]+)\]:[ \t]*(.*)$")
_MD_REFERENCE = re.compile(r"\[\^([^\]\s]+)\](?!:)")
# The rest of a cut footnote starts mid-sentence or mid-URL, or is recognisably citation text;
# a capitalised line without either ("Payment", "Cryptocurrencies") is the next page's heading.
_LOOKS_CONTINUED = re.compile(r"^(?:[a-z0-9\[/%(]|https?://|www\.)|\((?:last visited|on file with)")
_MD_LINK_ONLY = re.compile(r"^\[((?:\\.|[^\]\\])*)\]\(#\)")


@dataclass(frozen=True)
class RawNote:
    number: int
    text: str


@dataclass(frozen=True)
class Structure:
    """What the finder saw, before any citation is read."""

    notes: tuple[RawNote, ...]
    sidebars: tuple[str, ...]
    markers: tuple[int, ...]
    # (note number, message) for URLs cut or rejoined at a page break.
    page_breaks: tuple[tuple[int, str], ...] = field(default=())


def is_markdown_footnotes(text: str) -> bool:
    return re.search(r"^\[\^[^\]\s]+\]:", text, re.MULTILINE) is not None


def find(text: str) -> Structure:
    """Footnotes, sidebars and markers of ``text`` in whichever format it is written."""
    if is_markdown_footnotes(text):
        return _find_markdown(text)
    return _find_superscript(text)


def superscript_number(digits: str) -> int:
    return int(digits.translate(_TO_DIGITS))


def paragraphs(text: str) -> list[str]:
    """Blank-line separated paragraphs, each with its inner line breaks folded into spaces."""
    blocks = re.split(r"\n[ \t]*\n", text.replace("\r\n", "\n"))
    return [
        " ".join(line.strip() for line in block.split("\n")).strip()
        for block in blocks
        if block.strip()
    ]


# ------------------------------------------------------------------------ superscript format


def _find_superscript(text: str) -> Structure:
    paras = paragraphs(text)
    kinds = [_kind(para) for para in paras]
    continuation_of, breaks = _continuations(paras, kinds)
    continuations = set(continuation_of.values())
    notes: list[RawNote] = []
    sidebars: list[str] = []
    markers: list[int] = []
    for index, (para, kind) in enumerate(zip(paras, kinds, strict=True)):
        if kind == "note":
            notes.append(_note(para, index, paras, continuation_of))
        elif index in continuations or kind == "heading":
            continue
        elif kind == "sidebar":
            sidebars.append(_SIDEBAR.sub("", para, count=1))
        else:
            markers.extend(_markers(para))
    return Structure(tuple(notes), tuple(sidebars), tuple(markers), tuple(breaks))


def _kind(para: str) -> str:
    if _FOOTNOTE.match(para):
        return "note"
    if _SIDEBAR.match(para):
        return "sidebar"
    if _HEADING_LINK.match(para):
        return "heading"
    return "body"


def _markers(para: str) -> list[int]:
    found = [superscript_number(match.group(0)) for match in _MARKER.finditer(para)]
    for match in _CARET_MARKERS.finditer(para):
        found.extend(int(number) for number in re.findall(r"\d+", match.group(1)))
    return found


def _note(para: str, index: int, paras: list[str], continuation_of: dict[int, int]) -> RawNote:
    body = _footnote(para).group(2).strip()
    if index in continuation_of:
        body = _join(body, paras[continuation_of[index]])
    return RawNote(superscript_number(_footnote(para).group(1)), body)


def _footnote(para: str) -> re.Match[str]:
    match = _FOOTNOTE.match(para)
    assert match is not None  # only called on paragraphs _kind classified as notes
    return match


def _continuations(
    paras: list[str], kinds: list[str]
) -> tuple[dict[int, int], list[tuple[int, str]]]:
    """Map each footnote cut by a page break to the paragraph that finishes it.

    The cut note is the last of its page's block and does not end like a sentence; its rest is
    the paragraph right before the next block of footnotes, provided that paragraph is plain text
    carrying no markers of its own (otherwise it is body text and nothing is joined).
    """
    joined: dict[int, int] = {}
    breaks: list[tuple[int, str]] = []
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
                breaks.append(
                    (
                        number,
                        "URL split across a page break was rejoined; check "
                        f"it: {_url_at_join(paras[index], paras[rest])}",
                    )
                )
        elif cut_url:
            breaks.append(
                (
                    number,
                    f"URL is cut at a page break and its rest was not found: {cut_url.group(0)}",
                )
            )
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
    spans = find_urls(joined)
    return spans[0].url if spans else joined.split()[0]


def _join(head: str, rest: str) -> str:
    """Glue a footnote to its continuation: a URL cut mid-way is rejoined without a space.

    The converter sometimes renders the orphaned URL tail as a heading link ``[tail](#)``.
    """
    if _URL_TAIL.search(head) and not rest.startswith(("http://", "https://")):
        rest = _MD_LINK_ONLY.sub(lambda match: re.sub(r"\\(.)", r"\1", match.group(1)), rest)
        return head + rest
    return f"{head} {rest}"


# --------------------------------------------------------------------------- Markdown format


def _find_markdown(text: str) -> Structure:
    definitions, body_lines = _split_definitions(text.replace("\r\n", "\n").split("\n"))
    labels = {label: index + 1 for index, (label, _) in enumerate(definitions)}
    notes = tuple(RawNote(_md_number(label, labels), body) for label, body in definitions)
    body = "\n".join(body_lines)
    markers = tuple(_md_number(match.group(1), labels) for match in _MD_REFERENCE.finditer(body))
    sidebars = tuple(
        _SIDEBAR.sub("", para, count=1) for para in paragraphs(body) if _SIDEBAR.match(para)
    )
    return Structure(notes, sidebars, markers)


def _md_number(label: str, labels: dict[str, int]) -> int:
    """Numeric labels are the note numbers; other labels number by order of definition."""
    return int(label) if label.isdigit() else labels.get(label, 0)


def _split_definitions(lines: list[str]) -> tuple[list[tuple[str, str]], list[str]]:
    definitions: list[tuple[str, list[str]]] = []
    body: list[str] = []
    in_definition = False
    for line in lines:
        match = _MD_DEFINITION.match(line)
        if match:
            definitions.append((match.group(1), [match.group(2).strip()]))
            in_definition = True
        elif in_definition and (line.startswith(("  ", "\t")) or not line.strip()):
            definitions[-1][1].append(line.strip())
        else:
            in_definition = False
            body.append(line)
    return [(label, " ".join(part for part in parts if part)) for label, parts in definitions], body
