"""Publication dates for bibliographies.

The parser already turned the document's "Nov. 28, 2017" / "Sep. 2011" / "2014" into ISO 8601
(``Source.date``), so reading the month names again here would be a second, drifting copy.
"""

from __future__ import annotations

import re

_ISO = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def date_parts(iso: str | None) -> tuple[int, ...] | None:
    """(year,), (year, month) or (year, month, day) of an ISO date; None for anything else."""
    match = _ISO.fullmatch(iso.strip()) if iso else None
    return tuple(int(g) for g in match.groups() if g) if match else None
