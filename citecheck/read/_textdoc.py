"""Markdown and plain text: try each way such a document writes its notes, most specific first.

1. Markdown footnotes (``[^n]: …``, ``^[…]``), read by markdown-it-py;
2. paragraphs starting with superscript numerals (text converted from PDF, the bundled report);
3. notes written as HTML inside Markdown (``<sup><a href="#fn1">``, ``<li id="fn1">``), read
   from the HTML markdown-it renders;
4. numbered notes: a Notes list under a heading, or notes at the foot of each page of a text
   dump (``pdftotext``), with ``<sup>N</sup>`` markers in Markdown.

The first that finds notes wins; a document none of them reads keeps its body's URLs, so the
caller can say what was found instead.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from citecheck.read._html import read_linked_html
from citecheck.read._input import Input
from citecheck.read._layout import read_superscript_layout
from citecheck.read._markdown import read_markdown_footnotes, to_html
from citecheck.read._numbered import read_numbered_notes
from citecheck.read._parts import Parts, unique
from citecheck.read._text import decode
from citecheck.read._urls import text_links

_HTML_LINKS = re.compile(r"<a\s[^>]*href=[\"']#", re.IGNORECASE)


def read_text_document(given: Input, *, markdown: bool) -> Parts:
    text = decode(given)
    readers: list[Callable[[str], Parts | None]] = [
        read_markdown_footnotes,
        read_superscript_layout,
        lambda text: _html_notes(given, text) if markdown else None,
        lambda text: read_numbered_notes(text, markdown=markdown),
    ]
    for reader in readers:
        found = reader(text)
        if found is not None and found.notes:
            return found
    return Parts((), body_links=unique(list(text_links(text))))


def _html_notes(given: Input, text: str) -> Parts | None:
    if not _HTML_LINKS.search(text):
        return None
    return read_linked_html(Input(given.name, to_html(text)))
