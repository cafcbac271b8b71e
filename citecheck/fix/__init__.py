"""``citecheck fix``: the document's next edition, with the change report's fixes applied.

The change report decides what each source needs (``citecheck.report``); this stage only
writes those decisions into the document, in its own format and citation style
(``citecheck.style``), touching nothing but the cited URLs and their locators: Markdown and
HTML in their text, a DOCX as tracked changes, a PDF or text dump as a list of fixes.

Public API::

    fix_document(data, document, parsed, report, *, keep_dates=False, listing=...) -> Edition
    apply_fixes(text, report, today, *, keep_dates=False) -> FixResult   (Markdown text)
    corrected_notes(parsed, report, today) -> {url: (CorrectedNote, ...)}   (for the report)
"""

from citecheck.fix._docx import AUTHOR
from citecheck.fix._edition import Edition, Listing, fix_document
from citecheck.fix._plan import Unfixed
from citecheck.fix._text import (
    Edit,
    FixResult,
    apply_fixes,
    corrected_notes,
    summarize,
    unified_diff,
)

__all__ = [
    "AUTHOR",
    "Edit",
    "Edition",
    "FixResult",
    "Listing",
    "Unfixed",
    "apply_fixes",
    "corrected_notes",
    "fix_document",
    "summarize",
    "unified_diff",
]
