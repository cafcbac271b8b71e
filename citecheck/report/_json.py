"""The change report as JSON: each link as ``citecheck check`` prints it, plus drift and the fix."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from typing import Any

from citecheck.model import LeftoverSnapshot
from citecheck.report._model import INCONCLUSIVE, ChangeReport, Entry, Section


def to_json(report: ChangeReport) -> str:
    return json.dumps(report_to_dict(report), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def report_to_dict(report: ChangeReport) -> dict[str, Any]:
    return {
        "report": {
            "title": report.title,
            "run_date": report.run_date.isoformat(),
            "inconclusive": report.inconclusive,
            "status": INCONCLUSIVE if report.inconclusive else "complete",
        },
        "summary": summary_counts(report),
        "since_last_run": _section(report.since) if report.since else None,
        "links": [entry_to_dict(e) for e in report.entries],
        "leftover_snapshots": [_leftover(left) for left in report.leftovers],
    }


def _leftover(left: LeftoverSnapshot) -> dict[str, Any]:
    return {
        "snapshot": left.snapshot_id,
        "url": left.url,
        "verdict": left.verdict.value if left.verdict else None,
        "checked": left.checked.strftime("%Y-%m-%dT%H:%M:%SZ") if left.checked else None,
    }


def summary_counts(report: ChangeReport) -> dict[str, Any]:
    """``citecheck archive``'s summary (verdicts, content) plus the report's categories."""
    return {
        "total": len(report.entries),
        "verdicts": _count(e.verdict.value for e in report.entries if e.checked),
        "content": _count(e.content.value for e in report.entries if e.content),
        "categories": _count(e.category.value for e in report.entries),
        "needs_editor": len(report.needs_editor),
        "reachability": "unreachable" if report.inconclusive else "online",
        "inconclusive": report.inconclusive,
    }


def entry_to_dict(entry: Entry) -> dict[str, Any]:
    """The link as ``citecheck archive`` prints it, plus what the report adds."""
    # The stages' JSON shapes, loaded with the first entry: the report package itself stays
    # light for commands that only count categories (the check command's summary).
    from citecheck.archive import status_fields
    from citecheck.check import link_to_dict
    from citecheck.export import baseline_fields

    link = link_to_dict(entry.result)
    if not entry.checked:  # the network was unreachable: no verdict, no failure of the source
        link.update(verdict=None, failure=None)
    return {
        **link,
        "verdict_text": entry.verdict_text,
        **status_fields(entry.status),
        "sidebars": list(entry.sidebars),
        "titles": list(entry.titles),
        "last_visited": entry.last_visited.isoformat() if entry.last_visited else None,
        **baseline_fields(entry.baseline),
        "category": entry.category.value,
        "archive_date": entry.archive_date.isoformat() if entry.archive_date else None,
        "evidence": list(entry.evidence),
        "rot": entry.watch.rot if entry.watch else None,
        "likely_citation_error": bool(entry.watch and entry.watch.citation_error),
        "full_citation_in": list(entry.full_citation_in),
        "fix": {
            "action": entry.fix.action.value,
            "explanation": entry.fix.explanation,
            "text": entry.fix.text,
            "url": entry.fix.url,
            "corrected": [
                {"note": note.note, "box": note.box, "text": note.text} for note in entry.corrected
            ],
        },
    }


def _count(values: Iterable[str]) -> dict[str, int]:
    return dict(Counter(values))


def _section(section: Section) -> dict[str, Any]:
    return {
        "title": section.title,
        "intro": section.intro,
        "columns": list(section.columns),
        "rows": [list(row) for row in section.rows],
    }
