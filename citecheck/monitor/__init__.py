"""Watching sources over time: confirmed rot, "since last run", citation errors, ``--fail-on``.

Everything here is pure and takes the clock as a parameter: the snapshots' check history and an
``ArchiveRun`` go in, values come out. ``citecheck run`` feeds ``since_last_run`` into the change
report (``citecheck.report.since_section``) and its exit code (``decide``).
"""

from citecheck.monitor._citation import (
    CITATION_ERROR,
    CITATION_ERROR_DETAIL,
    likely_citation_error,
)
from citecheck.monitor._policy import (
    DEFAULT_FAIL_ON,
    FailDecision,
    FailOn,
    decide,
    parse_fail_on,
)
from citecheck.monitor._rot import RotAssessment, RotPolicy, RotState, assess_rot
from citecheck.monitor._since import Change, SinceLastRun, SourceWatch, since_last_run

__all__ = [
    "CITATION_ERROR",
    "CITATION_ERROR_DETAIL",
    "DEFAULT_FAIL_ON",
    "Change",
    "FailDecision",
    "FailOn",
    "RotAssessment",
    "RotPolicy",
    "RotState",
    "SinceLastRun",
    "SourceWatch",
    "assess_rot",
    "decide",
    "likely_citation_error",
    "parse_fail_on",
    "since_last_run",
]
