"""GitHub integration: the Action's steps, workflow commands, summaries within GitHub's limits.

``action.yml`` runs ``python -m citecheck.github run`` (every document through ``citecheck
run``; outputs, annotations, a merged SARIF log) and ``... finish`` (the job summary and the
pull-request body, with a link to the uploaded report).
"""

from citecheck.github._commands import (
    command,
    escape_data,
    escape_property,
    output_lines,
    sarif_annotations,
)
from citecheck.github._run import DocumentRun, Request, expand, run_document
from citecheck.github._summary import PR_BODY_LIMIT, STEP_SUMMARY_LIMIT, fit, footer

__all__ = [
    "PR_BODY_LIMIT",
    "STEP_SUMMARY_LIMIT",
    "DocumentRun",
    "Request",
    "command",
    "escape_data",
    "escape_property",
    "expand",
    "fit",
    "footer",
    "output_lines",
    "run_document",
    "sarif_annotations",
]
