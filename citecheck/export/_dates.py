"""Publication dates as the report writes them ("Nov. 28, 2017", "Sep. 2011", "2014") → parts."""

from __future__ import annotations

import re

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_MONTH_DAY_YEAR = re.compile(r"\b([A-Z][a-z]{2,8})\.?\s*(?:(\d{1,2}),?\s+)?(\d{4})\b")
_YEAR = re.compile(r"\b(1[89]\d{2}|20\d{2})\b")


def date_parts(text: str | None) -> tuple[int, ...] | None:
    """(year,), (year, month) or (year, month, day); None when no year can be found."""
    if not text:
        return None
    iso = _ISO.match(text.strip())
    if iso:
        return tuple(int(g) for g in iso.groups() if g)
    named = _MONTH_DAY_YEAR.search(text)
    if named and named.group(1)[:3].lower() in _MONTHS:
        month = _MONTHS[named.group(1)[:3].lower()]
        day = named.group(2)
        year = int(named.group(3))
        return (year, month, int(day)) if day else (year, month)
    year_only = _YEAR.search(text)
    return (int(year_only.group(1)),) if year_only else None


def iso(parts: tuple[int, ...]) -> str:
    """biblatex/EDTF form: 2017, 2017-11, 2017-11-28."""
    return "-".join([f"{parts[0]:04d}", *(f"{p:02d}" for p in parts[1:])])
