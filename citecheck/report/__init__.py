"""The change report: what needs an editor, with evidence and a fix in the report's own style.

``build_report`` turns a parsed report and an archive run into a ``ChangeReport`` value; the
renderers turn that value into Markdown (pull requests, job summaries), a self-contained HTML
page, JSON and CSV. Same report in, same bytes out: the only date shown is the run's own.
"""

from __future__ import annotations

from collections.abc import Callable

from citecheck.report._build import build_report, categorise
from citecheck.report._csv import to_csv
from citecheck.report._html import to_html
from citecheck.report._json import entry_to_dict, report_to_dict, to_json
from citecheck.report._markdown import to_markdown
from citecheck.report._model import (
    INCONCLUSIVE,
    Category,
    ChangeReport,
    Entry,
    Fix,
    FixAction,
    Section,
    SourceTexts,
    Watch,
)

RENDERERS: dict[str, Callable[[ChangeReport], str]] = {
    "markdown": to_markdown,
    "html": to_html,
    "json": to_json,
    "csv": to_csv,
}
FILENAMES = {
    "markdown": "report.md",
    "html": "report.html",
    "json": "report.json",
    "csv": "report.csv",
}

__all__ = [
    "FILENAMES",
    "INCONCLUSIVE",
    "RENDERERS",
    "Category",
    "ChangeReport",
    "Entry",
    "Fix",
    "FixAction",
    "Section",
    "SourceTexts",
    "Watch",
    "build_report",
    "categorise",
    "entry_to_dict",
    "report_to_dict",
    "to_csv",
    "to_html",
    "to_json",
    "to_markdown",
]
