"""Citation errors versus rot: was the URL ever right?

A source that rotted was once there: the web archives usually caught it around the time it was
cited. A URL whose host does not exist *and* that no archive captured near its "last visited"
date most likely never worked — a typo when the document was written (a mangled host name, a
dropped character), which calls for correcting the citation rather than for an archived copy.
"""

from __future__ import annotations

from citecheck.model import FailureKind, LinkResult, SourceStatus, Verdict

CITATION_ERROR_DETAIL = (
    "the host does not exist and no archive captured the URL near its visit date, so it "
    "probably never worked"
)
CITATION_ERROR = f"likely citation error: {CITATION_ERROR_DETAIL}"


def likely_citation_error(result: LinkResult, status: SourceStatus | None) -> bool:
    """True when the host does not exist and no archive capture exists near the visit date.

    Without archiving (``status`` None) the second half is unknown, so nothing is flagged.
    """
    if status is None or result.verdict is not Verdict.GONE:
        return False
    # NAME is NXDOMAIN, not a failed lookup (DNS); after redirects the cited host existed.
    missing = result.failure is FailureKind.NAME and not result.redirects
    return missing and status.archive_url is None
