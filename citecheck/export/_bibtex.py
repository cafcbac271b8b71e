"""BibTeX (biblatex ``@online``/``@misc``) export, written through bibtexparser 2.x.

Sources with a URL become ``@online`` with ``url`` and ``urldate``; the others ``@misc``.
LaTeX specials in literal fields are escaped so the file compiles; URLs stay verbatim
(biblatex reads the ``url`` field verbatim).
"""

from __future__ import annotations

import re

from bibtexparser.entrypoint import write_string
from bibtexparser.library import Library
from bibtexparser.model import Entry, Field

from citecheck.export._dates import date_parts
from citecheck.export._names import split_person
from citecheck.model import ParsedDocument, Source

_SPECIALS = re.compile(r"([&%$#_])")
_BRACES = str.maketrans({"{": "(", "}": ")"})


def to_bibtex(document: ParsedDocument) -> str:
    return write_string(Library([_entry(src) for src in document.sources]))


def latex_escape(text: str) -> str:
    """Escape the characters LaTeX treats as commands; unbalanced braces become parentheses."""
    return _SPECIALS.sub(r"\\\1", text.translate(_BRACES))


def latex_unescape(text: str) -> str:
    return re.sub(r"\\([&%$#_])", r"\1", text)


def _entry(src: Source) -> Entry:
    fields = [Field(key, value) for key, value in _fields(src)]  # the writer adds the braces
    return Entry("online" if src.url else "misc", src.id, fields)


def _fields(src: Source) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    if src.authors:
        names = [_author(a, corporate=src.corporate_author) for a in src.authors]
        out.append(("author", " and ".join(names)))
    if src.title:
        out.append(("title", latex_escape(src.title)))
    if src.container:
        out.append(("organization", latex_escape(src.container)))
    if src.date and date_parts(src.date):  # biblatex's date field takes the ISO form as is
        out.append(("date", src.date))
    if src.url:
        out.append(("url", src.url.translate(_BRACES)))
    if src.last_visited:
        out.append(("urldate", src.last_visited.isoformat()))
    notes = ", ".join(str(n) for n in src.cited_in)
    if notes:
        out.append(("addendum", f"Cited in notes {notes}"))
    return out


def _author(name: str, *, corporate: bool) -> str:
    if corporate:
        return "{" + latex_escape(name) + "}"  # a corporate author: never split into first/last
    family, given, suffix = split_person(name)
    parts = [family, suffix, given] if suffix else [family, given]
    return latex_escape(", ".join(p for p in parts if p))
