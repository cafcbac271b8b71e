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
from dataclasses import replace

from citecheck.model import DocumentInfo
from citecheck.read._dates import iso_date, printed_date
from citecheck.read._input import Input
from citecheck.read._layout import read_superscript_layout
from citecheck.read._markdown import read_markdown_footnotes, to_html
from citecheck.read._numbered import read_numbered_notes
from citecheck.read._parts import Parts, unique
from citecheck.read._text import decode
from citecheck.read._urls import text_links

_YAML_FRONT = re.compile(r"^---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*\n", re.DOTALL)
_PANDOC_TITLE = re.compile(r"^%[ \t]*(.*)\n(?:%[ \t]*(.*)\n)?(?:%[ \t]*(.*)\n)?")
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
            return replace(found, text=text, info=front_matter(text))
    return Parts((), body_links=unique(list(text_links(text))), text=text)


def front_matter(text: str) -> DocumentInfo:
    """Title, author and date from a YAML front matter block or a pandoc ``%`` title block,
    and the date printed on the title page below it."""
    fields: dict[str, str] = {}
    match = _YAML_FRONT.match(text)
    if match:
        for line in match.group(1).splitlines():
            key, _, value = line.partition(":")
            if value.strip() and key.strip().lower() in ("title", "author", "date"):
                fields.setdefault(key.strip().lower(), value.strip().strip("\"'"))
    elif match := _PANDOC_TITLE.match(text):
        names = ("title", "author", "date")
        fields = {n: v.strip() for n, v in zip(names, match.groups(), strict=True) if v}
    date = fields.get("date")
    return DocumentInfo(
        fields.get("title"),
        fields.get("author"),
        iso_date(date) if date else None,
        printed_date=printed_date(text[match.end() if match else 0 :].splitlines()),
    )


def _html_notes(given: Input, text: str) -> Parts | None:
    if not _HTML_LINKS.search(text):
        return None
    from citecheck.read._html import read_linked_html  # Beautiful Soup: only for such notes

    return read_linked_html(Input(given.name, to_html(text)))
