"""Every renderer of the change report by format name, and the file each is written to."""

from __future__ import annotations

from collections.abc import Callable

from citecheck.report._csv import to_csv
from citecheck.report._html import to_html
from citecheck.report._json import to_json
from citecheck.report._markdown import to_markdown
from citecheck.report._model import ChangeReport

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
