"""Citation errors versus rot: was the URL ever right?

A source that rotted was once there: the web archives usually caught it around the time it was
cited. A URL whose host does not exist *and* that no archive captured near its "last visited"
date most likely never worked — a typo when the report was written (a mangled host name, a
dropped character), which calls for correcting the citation rather than for an archived copy.
"""

from __future__ import annotations

import re

from citecheck.model import LinkResult, SourceStatus, Verdict

# The checker's reason when the cited host name itself does not resolve (NXDOMAIN). A redirect
# to a missing host reads "redirect to …: host name does not exist" and is not matched: the
# cited host existed then. Temporary lookup failures read "name lookup failed".
_HOST_MISSING = re.compile(r"host name does not exist\b")

CITATION_ERROR = (
    "likely citation error: the host does not exist and no archive captured the URL near its "
    "visit date, so it probably never worked"
)


def likely_citation_error(result: LinkResult, status: SourceStatus | None) -> bool:
    """True when the host does not exist and no archive capture exists near the visit date.

    Without archiving (``status`` None) the second half is unknown, so nothing is flagged.
    """
    if status is None or result.verdict is not Verdict.GONE:
        return False
    missing = bool(_HOST_MISSING.match(result.reason)) and not result.redirects
    return missing and status.archive_url is None
