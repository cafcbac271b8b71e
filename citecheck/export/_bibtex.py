"""BibTeX export for biblatex (biber) that classic BibTeX styles read too, written through
bibtexparser 2.x.

Entry types follow the kind of work the parser read (``Source.work_type``): ``@article``
(journals; newspapers with ``entrysubtype = {newspaper}``), ``@book``, ``@incollection``,
``@report``, ``@online``, and biblatex's ``@legislation``, ``@legal`` (treaties) and
``@jurisdiction`` (cases). Fields use the names both worlds read (``journal``, ``number``,
``institution``: biber maps them to its own), and dates are written twice: ``date`` for
biblatex, ``year``/``month`` for natbib and BibTeX styles, which ignore ``date``.
"""

from __future__ import annotations

from bibtexparser.entrypoint import write_string
from bibtexparser.library import Library
from bibtexparser.model import Entry, Field

from citecheck.export._case import Casing
from citecheck.export._dates import date_parts
from citecheck.export._latex import escape, protect, verbatim_url
from citecheck.export._names import container_of, split_person
from citecheck.model import ParsedDocument, Source, WorkType

_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_ENTRY_TYPES = {
    WorkType.JOURNAL_ARTICLE: "article",
    WorkType.NEWS_ARTICLE: "article",
    WorkType.BOOK: "book",
    WorkType.CHAPTER: "incollection",
    WorkType.REPORT: "report",
    WorkType.WEB_PAGE: "online",
    WorkType.LEGISLATION: "legislation",
    WorkType.BILL: "legislation",
    WorkType.TREATY: "legal",
    WorkType.LEGAL_CASE: "jurisdiction",
    WorkType.HEARING: "misc",
    WorkType.DOCUMENT: "misc",
}
# Where the container's name goes, by entry type; other types have none.
_CONTAINER_FIELD = {"article": "journal", "incollection": "booktitle"}
# Where the publisher's name goes; "organization" otherwise.
_PUBLISHER_FIELD = {"book": "publisher", "incollection": "publisher", "report": "institution"}


def to_bibtex(document: ParsedDocument) -> str:
    casing = Casing([n.text for n in document.notes] + [s.text for s in document.sidebars])
    return write_string(Library([_entry(src, casing) for src in document.sources]))


def _entry(src: Source, casing: Casing) -> Entry:
    entry_type = _ENTRY_TYPES[src.work_type]
    fields = [Field(key, value) for key, value in _fields(src, entry_type, casing)]
    for field in fields:
        if field.key == "month":
            field.enclosing = "no-enclosing"  # the month macros every BibTeX style knows
    return Entry(entry_type, src.id, fields)


def _fields(src: Source, entry_type: str, casing: Casing) -> list[tuple[str, str]]:
    out: list[tuple[str, str | None]] = [
        ("author", _names(src.authors, corporate=src.corporate_author)),
        ("editor", _names(src.editors, corporate=False)),
        ("title", protect(casing.protected(src.title)) if src.title else None),
        *_places(src, entry_type, casing),
        ("entrysubtype", "newspaper" if src.work_type is WorkType.NEWS_ARTICLE else None),
        ("edition", escape(src.edition) if src.edition else None),
        ("volume", src.volume),
        ("number", src.issue or (src.number if entry_type != "article" else None)),
        ("eid", src.number if entry_type == "article" else None),
        ("pages", src.pages.replace("-", "--") if src.pages else None),
        *_dates(src),
        ("url", verbatim_url(src.url) if src.url else None),
        ("urldate", src.last_visited.isoformat() if src.last_visited else None),
        ("addendum", _cited_in(src)),
    ]
    return [(key, value) for key, value in out if value]


def _places(src: Source, entry_type: str, casing: Casing) -> list[tuple[str, str | None]]:
    """The container (a journal, a book) and the publisher, in the fields the type has."""
    out: list[tuple[str, str | None]] = []
    publisher = src.publisher
    container = container_of(src)
    if container:
        field = _CONTAINER_FIELD.get(entry_type)
        if field:
            out.append((field, protect(casing.protected(casing.restore(container)))))
        elif publisher is None:
            publisher = container  # a web site, or the body a legal text comes from
    if publisher:
        out.append(
            (_PUBLISHER_FIELD.get(entry_type, "organization"), escape(casing.restore(publisher)))
        )
    return out


def _dates(src: Source) -> list[tuple[str, str | None]]:
    parts = date_parts(src.date)
    if not parts or src.date is None:
        return []
    month = _MONTHS[parts[1] - 1] if len(parts) > 1 else None
    return [("date", src.date), ("year", str(parts[0])), ("month", month)]


def _names(names: tuple[str, ...], *, corporate: bool) -> str | None:
    return " and ".join(_name(n, corporate=corporate) for n in names) or None


def _name(name: str, *, corporate: bool) -> str:
    if corporate:  # braced: never split into first and last names, never abbreviated
        return "{" + escape(name) + "}"
    person = split_person(name)
    parts = [person.full_family, person.suffix, person.given]
    return ", ".join(escape(part) for part in parts if part)


def _cited_in(src: Source) -> str | None:
    places = [
        _numbered("note", src.cited_in),
        _numbered("box", src.sidebars),
    ]
    found = "; ".join(p for p in places if p)
    return f"Cited in {found}" if found else None


def _numbered(word: str, numbers: tuple[int, ...]) -> str:
    if not numbers:
        return ""
    listed = ", ".join(str(n) for n in numbers)
    return f"{word}s {listed}" if len(numbers) > 1 else f"{word} {listed}"
