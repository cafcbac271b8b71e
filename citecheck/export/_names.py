"""Author names for bibliographies: people split into family/given, organisations kept whole.

Whether an author is an organisation is the parser's call (``Source.corporate_author``): it
knows where in the citation the name stood, which word lists cannot guess. The parser also
drops honorifics ("Judge", "Dr.") and degrees, so names arrive as people are cited.
"""

from __future__ import annotations

import re

_SUFFIX = re.compile(r",?\s+(Jr\.|Sr\.|II|III|IV)$")


def split_person(name: str) -> tuple[str, str, str]:
    """Split "Herbert B. Dixon, Jr." into family "Dixon", given "Herbert B.", suffix "Jr."."""
    suffix = ""
    match = _SUFFIX.search(name)
    if match:
        suffix = match.group(1)
        name = name[: match.start()]
    given, _, family = name.strip().rpartition(" ")
    return family, given, suffix
