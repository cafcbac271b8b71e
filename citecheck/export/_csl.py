"""CSL-JSON export (the input of citeproc processors, Zotero and pandoc), CSL 1.0.2 item types.

A report's or a book's issuer is its ``publisher``; ``container-title`` is only what holds the
work (a journal, a newspaper, a web site, an edited book). Names the PDF set in small caps are
restored to title case. Titles stay as the document wrote them: CSL styles that change case
only capitalise (Chicago's title case), which keeps acronyms.
"""

from __future__ import annotations

import json
from typing import Any

from citecheck.export._case import Casing
from citecheck.export._dates import date_parts
from citecheck.export._names import container_of, split_person
from citecheck.model import ParsedDocument, Source, WorkType

_TYPES = {
    WorkType.JOURNAL_ARTICLE: "article-journal",
    WorkType.NEWS_ARTICLE: "article-newspaper",
    WorkType.BOOK: "book",
    WorkType.CHAPTER: "chapter",
    WorkType.REPORT: "report",
    WorkType.WEB_PAGE: "webpage",
    WorkType.LEGISLATION: "legislation",
    WorkType.BILL: "bill",
    WorkType.TREATY: "treaty",
    WorkType.LEGAL_CASE: "legal_case",
    WorkType.HEARING: "hearing",
    WorkType.DOCUMENT: "document",
}


def to_csl_json(document: ParsedDocument) -> str:
    casing = Casing([n.text for n in document.notes] + [s.text for s in document.sidebars])
    items = [_item(src, casing) for src in document.sources]
    return json.dumps(items, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _item(src: Source, casing: Casing) -> dict[str, Any]:
    item: dict[str, Any] = {
        "id": src.id,
        "type": _TYPES[src.work_type],
        "title": src.title,
        "author": [_name(a, corporate=src.corporate_author) for a in src.authors],
        "editor": [_name(e, corporate=False) for e in src.editors],
        "container-title": casing.restore(container) if (container := container_of(src)) else None,
        "publisher": casing.restore(src.publisher) if src.publisher else None,
        "volume": src.volume,
        "issue": src.issue,
        "page": src.pages,
        "edition": src.edition,
        "number": src.number,
        "issued": _date(date_parts(src.date)),
        "URL": src.url,
    }
    if src.last_visited:
        visited = src.last_visited
        item["accessed"] = _date((visited.year, visited.month, visited.day))
    return {key: value for key, value in item.items() if value}


def _date(parts: tuple[int, ...] | None) -> dict[str, Any] | None:
    return {"date-parts": [list(parts)]} if parts else None


def _name(name: str, *, corporate: bool) -> dict[str, str]:
    if corporate:
        return {"literal": name}
    person = split_person(name)
    particle = "dropping-particle" if person.dropping else "non-dropping-particle"
    parts = {
        "family": person.family,
        "given": person.given,
        particle: person.particle,
        "suffix": person.suffix,
    }
    return {key: value for key, value in parts.items() if value}
