"""The JSON contract of ``citecheck parse --format json`` (see the README)."""

from __future__ import annotations

import json
from typing import Any

from citecheck.model import BaselineDate, Citation, Finding, Note, ParsedDocument, Sidebar, Source


def to_json(document: ParsedDocument) -> str:
    return (
        json.dumps(document_to_dict(document), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    )


def document_to_dict(document: ParsedDocument) -> dict[str, Any]:
    return {
        "notes": [_note(n) for n in document.notes],
        "sidebars": [_sidebar(s) for s in document.sidebars],
        "sources": [_source(s) for s in document.sources],
        "warnings": [_finding(f) for f in document.findings],
    }


def _note(note: Note) -> dict[str, Any]:
    return {
        "number": note.number,
        "text": note.text,
        "citations": [_citation(c) for c in note.citations],
    }


def _sidebar(sidebar: Sidebar) -> dict[str, Any]:
    return {
        "index": sidebar.index,
        "text": sidebar.text,
        "citations": [_citation(c) for c in sidebar.citations],
    }


def _citation(cit: Citation) -> dict[str, Any]:
    return {
        "kind": cit.kind.value,
        "source": cit.source,
        "text": cit.text,
        "url": cit.url,
        "last_visited": cit.last_visited.isoformat() if cit.last_visited else None,
        "pinpoint": cit.pinpoint,
        "signal": cit.signal,
        "parentheticals": list(cit.parentheticals),
        "supra_note": cit.supra_note,
    }


def _source(src: Source) -> dict[str, Any]:
    return {
        "id": src.id,
        "url": src.url,
        "title": src.title,
        "authors": list(src.authors),
        "corporate_author": src.corporate_author,
        "container": src.container,
        "date": src.date,
        "last_visited": src.last_visited.isoformat() if src.last_visited else None,
        **baseline_fields(src.baseline),
        "cited_in": list(src.cited_in),
        "sidebars": list(src.sidebars),
        "work_type": src.work_type.value,
        "publisher": src.publisher,
        "volume": src.volume,
        "issue": src.issue,
        "pages": src.pages,
        "editors": list(src.editors),
        "edition": src.edition,
        "number": src.number,
    }


def baseline_fields(baseline: BaselineDate | None) -> dict[str, Any]:
    """``date_source`` (visited | published | document) and ``baseline_date`` (that date as
    given, ISO as precise as given): what the source's archived copy is looked for near."""
    return {
        "date_source": baseline.source.value if baseline else None,
        "baseline_date": baseline.written if baseline else None,
    }


def _finding(finding: Finding) -> dict[str, Any]:
    return {
        "code": finding.code,
        "note": finding.note,
        "sidebar": finding.sidebar,
        "message": finding.message,
    }
