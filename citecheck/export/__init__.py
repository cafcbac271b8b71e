"""Exports of a parsed report: a readable summary, the JSON contract, BibTeX and CSL-JSON.

Every renderer is deterministic (same report, same bytes): the committed
``references/citations.json`` and ``references/references.bib`` are diffed by reviewers.
"""

from __future__ import annotations

from collections.abc import Callable

from citecheck.export._bibtex import to_bibtex
from citecheck.export._csl import to_csl_json
from citecheck.export._json import report_to_dict, to_json
from citecheck.export._summary import to_summary
from citecheck.model import ParsedReport

FORMATS: dict[str, Callable[[ParsedReport], str]] = {
    "summary": to_summary,
    "json": to_json,
    "bibtex": to_bibtex,
    "csl-json": to_csl_json,
}


# The files committed under references/ for the bundled report (see the README).
BUNDLE = {
    "citations.json": "json",
    "references.bib": "bibtex",
    "references.csl.json": "csl-json",
}


def render(report: ParsedReport, fmt: str) -> str:
    """Render ``report`` in one of ``FORMATS``."""
    return FORMATS[fmt](report)


def bundle(report: ParsedReport) -> dict[str, str]:
    """File name → content of every export, as committed under ``references/``."""
    return {name: render(report, fmt) for name, fmt in BUNDLE.items()}


__all__ = [
    "BUNDLE",
    "FORMATS",
    "bundle",
    "render",
    "report_to_dict",
    "to_bibtex",
    "to_csl_json",
    "to_json",
    "to_summary",
]
