"""The change report as JSON: each link as ``citecheck check`` prints it, plus drift and the fix."""

from __future__ import annotations

import json
from typing import Any

from citecheck.check import link_to_dict
from citecheck.report._model import INCONCLUSIVE, Category, ChangeReport, Entry, Section


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
    }


def summary_counts(report: ChangeReport) -> dict[str, int]:
    counts = {c.value: report.count(c) for c in Category}
    counts["needs_editor"] = len(report.needs_editor)
    counts["total"] = len(report.entries)
    return counts


def entry_to_dict(entry: Entry) -> dict[str, Any]:
    """The link exactly as ``citecheck check`` prints it, plus what archiving and the report add."""
    return link_to_dict(entry.result) | {
        "sidebars": list(entry.sidebars),
        "titles": list(entry.titles),
        "last_visited": entry.last_visited.isoformat() if entry.last_visited else None,
        "category": entry.category.value,
        "content": entry.content.value if entry.content else None,
        "similarity": round(entry.similarity, 4) if entry.similarity is not None else None,
        "drift_summary": entry.drift_summary,
        "archive_url": entry.archive_url,
        "archive_date": entry.archive_date.isoformat() if entry.archive_date else None,
        "evidence": list(entry.evidence),
        "fix": {
            "action": entry.fix.action.value,
            "explanation": entry.fix.explanation,
            "text": entry.fix.text,
            "url": entry.fix.url,
        },
    }


def _section(section: Section) -> dict[str, Any]:
    return {
        "title": section.title,
        "intro": section.intro,
        "columns": list(section.columns),
        "rows": [list(row) for row in section.rows],
    }
