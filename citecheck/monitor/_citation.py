"""Citation errors versus rot: was the URL ever right?

A source that rotted was once there: the web archives usually caught it around the time it was
cited. A URL whose host does not exist *and* that no archive captured near its "last visited"
date most likely never worked — a typo when the report was written (a mangled host name, a
dropped character), which calls for correcting the citation rather than for an archived copy.
"""

from __future__ import annotations

import re

from citecheck.model import LinkResult, SourceStatus, Verdict

# The checker's reasons for a host name that does not resolve (NXDOMAIN), as opposed to a
# server that exists but fails; matched loosely so rewording a reason does not silently stop it.
_HOST_MISSING = re.compile(
    r"does not exist|name or service not known|nxdomain|no such host|not resolve|"
    r"unknown host|host not found",
    re.IGNORECASE,
)


def likely_citation_error(result: LinkResult, status: SourceStatus | None) -> bool:
    """True when the host does not exist and no archive capture exists near the visit date.

    Without archiving (``status`` None) the second half is unknown, so nothing is flagged.
    """
    if status is None or result.verdict is not Verdict.GONE:
        return False
    return status.archive_url is None and bool(_HOST_MISSING.search(result.reason))
