"""The change report: what needs an editor, with evidence and a fix in the document's own style.

``build_report`` turns a parsed document and an archive run into a ``ChangeReport`` value; the
renderers turn that value into Markdown (pull requests, job summaries), a self-contained HTML
page, JSON, CSV and SARIF (code scanning: it also takes the document's path and where each URL
is written, ``cited_places``). Same report in, same bytes out: the only date shown is the run's
own.
``since_section`` and ``entry_watches`` turn the monitor's ``SinceLastRun`` into what the
report shows of it.
"""

from citecheck.report._build import build_report, categorise, with_corrections
from citecheck.report._csv import to_csv
from citecheck.report._html import to_html
from citecheck.report._json import entry_to_dict, report_to_dict, to_json
from citecheck.report._markdown import to_markdown
from citecheck.report._model import (
    INCONCLUSIVE,
    Category,
    ChangeReport,
    CorrectedNote,
    Entry,
    Fix,
    FixAction,
    Section,
    SourceTexts,
    Watch,
)
from citecheck.report._places import Place, cited_places, document_places
from citecheck.report._renderers import FILENAMES, RENDERERS
from citecheck.report._sarif import to_sarif
from citecheck.report._since import entry_watches, since_section
from citecheck.report._words import NOT_CHECKED, content_words, verdict_words

__all__ = [
    "FILENAMES",
    "INCONCLUSIVE",
    "NOT_CHECKED",
    "RENDERERS",
    "Category",
    "ChangeReport",
    "CorrectedNote",
    "Entry",
    "Fix",
    "FixAction",
    "Place",
    "Section",
    "SourceTexts",
    "Watch",
    "build_report",
    "categorise",
    "cited_places",
    "content_words",
    "document_places",
    "entry_to_dict",
    "entry_watches",
    "report_to_dict",
    "since_section",
    "to_csv",
    "to_html",
    "to_json",
    "to_markdown",
    "to_sarif",
    "verdict_words",
    "with_corrections",
]
