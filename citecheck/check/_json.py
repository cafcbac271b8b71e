"""The JSON contract of ``citecheck check --format json``: deterministic, no timestamps.

``{"links": [...], "summary": {...}}``; each link has ``url``, ``verdict``, ``reason``,
``status_code``, ``final_url``, ``redirects`` (``[{"url", "status_code"}]``), ``notes``, plus
``sources``, ``content_type`` and ``attempts``. Links keep the order they were given in.
"""

from __future__ import annotations

from typing import Any

from citecheck.model import CheckRun, LinkResult, Verdict


def link_to_dict(result: LinkResult) -> dict[str, Any]:
    return {
        "url": result.url,
        "verdict": result.verdict.value,
        "reason": result.reason,
        "status_code": result.status_code,
        "final_url": result.final_url,
        "redirects": [{"url": hop.url, "status_code": hop.status_code} for hop in result.redirects],
        "notes": list(result.notes),
        "sources": list(result.sources),
        "content_type": result.content_type,
        "attempts": result.attempts,
        "failure": result.failure,
    }


def run_to_dict(run: CheckRun) -> dict[str, Any]:
    counts = {verdict.value: 0 for verdict in Verdict}
    for result in run.results:
        counts[result.verdict.value] += 1
    return {
        "links": [link_to_dict(result) for result in run.results],
        "summary": {
            "total": len(run.results),
            "verdicts": counts,
            "reachability": run.reachability.value,
            "inconclusive": run.inconclusive,
        },
    }
