"""CSL-JSON export (the input format of citeproc processors, Zotero and pandoc)."""

from __future__ import annotations

import json
from typing import Any

from citecheck.export._dates import date_parts
from citecheck.export._names import split_person
from citecheck.model import ParsedDocument, Source


def to_csl_json(document: ParsedDocument) -> str:
    items = [_item(src) for src in document.sources]
    return json.dumps(items, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _item(src: Source) -> dict[str, Any]:
    item: dict[str, Any] = {"id": src.id, "type": _type(src)}
    if src.title:
        item["title"] = src.title
    if src.authors:
        item["author"] = [_name(a, corporate=src.corporate_author) for a in src.authors]
    if src.container:
        item["container-title"] = src.container
    parts = date_parts(src.date)
    if parts:
        item["issued"] = {"date-parts": [list(parts)]}
    if src.url:
        item["URL"] = src.url
    if src.last_visited:
        d = src.last_visited
        item["accessed"] = {"date-parts": [[d.year, d.month, d.day]]}
    return item


def _type(src: Source) -> str:
    if src.url and src.url.lower().split("?")[0].endswith(".pdf"):
        return "report"
    return "webpage" if src.url else "document"


def _name(name: str, *, corporate: bool) -> dict[str, str]:
    if corporate:
        return {"literal": name}
    family, given, suffix = split_person(name)
    out = {"family": family, "given": given}
    if suffix:
        out["suffix"] = suffix
    return {k: v for k, v in out.items() if v}
