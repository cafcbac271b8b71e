"""Where each URL is written in the document's text: the lines an editor (or GitHub) points at.

Lines are 1-based; columns count UTF-16 code units from 1, as SARIF's default ``columnKind``
and GitHub's annotations do, so a citation after an emoji or a CJK title still lands on the
right character.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping
from dataclasses import dataclass

from citecheck.model import Document
from citecheck.parse import find_urls
from citecheck.report._model import ChangeReport


@dataclass(frozen=True)
class Place:
    """A written URL: line and UTF-16 column where it starts, and where it ends (exclusive).

    Only ``line`` is known when the place comes from a note's location rather than the text.
    """

    line: int
    column: int | None = None
    end_line: int | None = None
    end_column: int | None = None


def document_places(document: Document, report: ChangeReport) -> Mapping[str, tuple[Place, ...]]:
    """Where each URL of ``report`` is cited in ``document``: where it is written, for a Markdown
    or text document; else the line of each note citing it, where the format has lines (a DOCX
    or PDF has none: its results stay on the document as a whole)."""
    if document.text is not None:
        return cited_places(document.text)
    lines = {note.number: note.location.line for note in document.notes if note.location.line}
    places = {
        entry.url: tuple(Place(lines[n]) for n in entry.notes if n in lines)
        for entry in report.entries
    }
    return {url: found for url, found in places.items() if found}


def cited_places(text: str) -> Mapping[str, tuple[Place, ...]]:
    """Every place each URL is written in ``text``, in text order (Markdown links included)."""
    starts = [0, *(m.end() for m in re.finditer("\n", text))]
    places: dict[str, list[Place]] = {}
    for span in find_urls(text):
        line, column = _position(text, starts, span.start)
        end_line, end_column = _position(text, starts, span.end)
        places.setdefault(span.url, []).append(Place(line, column, end_line, end_column))
    return {url: tuple(found) for url, found in places.items()}


def _position(text: str, starts: list[int], offset: int) -> tuple[int, int]:
    index = bisect.bisect_right(starts, offset) - 1
    before = text[starts[index] : offset]
    return index + 1, len(before.encode("utf-16-le")) // 2 + 1
