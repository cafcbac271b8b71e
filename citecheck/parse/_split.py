"""Cut a footnote into its citations.

A footnote holds any number of citations: introduced by signals ("See", "See also", "But see",
"See generally"), separated by semicolons, or none at all (pure explanation). Splitting happens
only at the top level — never inside parentheses or a URL — and a semicolon separates citations
only once the text before it is a complete citation (has a URL): institutional authors contain
semicolons too ("Permanent Subcommittee on Investigations; Committee on Homeland Security…").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from citecheck.parse._urls import find_urls, mask_urls

_SIGNAL = re.compile(
    r"(?P<signal>But\s+see|See\s+also|See\s+generally|See\s+\*generally\*|See,?\s+e\.g\.|"
    r"Cf\.|Compare|Accord|Contra|See)(?=[,\s])\s*,?\s*"
)
_BOUNDARY = re.compile(r"[.;)”\]*\"’]\s+$")
_ID = re.compile(r"^\*?(?:Id|Ibid)\.\*?", re.IGNORECASE)
_SUPRA = re.compile(r"\*supra\*,?\s+note\s+\d+|\bsupra,?\s+note\s+\d+", re.IGNORECASE)
_ITALIC = re.compile(r"\*[^*\s][^*]*\*")
_ON_FILE = re.compile(r"\(on file with", re.IGNORECASE)
_LAST_VISITED = re.compile(r"\(\s*last\s+visited", re.IGNORECASE)
_QUOTE_OPEN = ("“", '"', "‘", "'")
# After a signal, an authority, a comma and a number ("Smith v. Jones, 123 U.S. 456 (1990)") is
# a citation even without a URL or italics; "See above." is not.
_SIGNALLED = re.compile(r"^[A-Z0-9].*,.*\d", re.DOTALL)


@dataclass(frozen=True)
class Segment:
    """One candidate citation: its signal (normalized, e.g. "see also") and text."""

    signal: str | None
    text: str


def split(text: str) -> list[Segment]:
    """The citations of a footnote, in order; explanatory text (and "See above.") is dropped."""
    segments: list[Segment] = []
    for signal, chunk in _by_signals(text):
        for piece in _by_semicolons(chunk):
            piece = piece.strip().rstrip(";,").strip()
            if piece and (is_citation(piece) or (signal and _SIGNALLED.match(piece))):
                segments.append(Segment(signal, piece))
    return segments


def is_citation(text: str) -> bool:
    """Whether signal-less text cites something rather than explains or quotes."""
    if _ID.match(text) or _SUPRA.search(text):
        return True
    if text.startswith(_QUOTE_OPEN) and not find_urls(text):
        return False  # a quotation; one that gives a URL ("“X” is at <url>") cites it
    return bool(
        find_urls(text)
        or _ON_FILE.search(text)
        or _LAST_VISITED.search(text)
        or _ITALIC.search(text)
    )


def _top_level(masked: str) -> list[bool]:
    """For each character, whether it sits outside every parenthesis."""
    depth = 0
    flags: list[bool] = []
    escaped = False
    for char in masked:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth = max(0, depth - 1)
        flags.append(depth == 0)
    return flags


def _by_signals(text: str) -> list[tuple[str | None, str]]:
    masked = mask_urls(text, find_urls(text))
    top = _top_level(masked)
    cuts: list[tuple[int, int, str]] = []
    for match in _SIGNAL.finditer(masked):
        start = match.start()
        if top[start] and (start == 0 or _BOUNDARY.search(masked[:start])):
            cuts.append((start, match.end(), _normalize_signal(match.group("signal"))))
    chunks: list[tuple[str | None, str]] = []
    previous_end, previous_signal = 0, None
    for start, end, signal in cuts:
        chunks.append((previous_signal, text[previous_end:start]))
        previous_end, previous_signal = end, signal
    chunks.append((previous_signal, text[previous_end:]))
    return [(signal, chunk) for signal, chunk in chunks if chunk.strip() or signal]


def _normalize_signal(raw: str) -> str:
    words = re.sub(r"[*,]", " ", raw).split()
    return " ".join(words).lower()


def _by_semicolons(chunk: str) -> list[str]:
    spans = find_urls(chunk)
    masked = mask_urls(chunk, spans)
    top = _top_level(masked)
    pieces: list[str] = []
    start = 0
    for index, char in enumerate(masked):
        if char == ";" and top[index] and find_urls(chunk[start:index]):
            pieces.append(chunk[start:index])
            start = index + 1
    pieces.append(chunk[start:])
    return pieces
