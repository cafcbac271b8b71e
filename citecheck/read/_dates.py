"""A document's own date (metadata, front matter) as ISO 8601, as precise as it is given."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from itertools import islice

_MONTHS = {
    name: number
    for number, names in enumerate(
        [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
         ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
         ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
         ("dec", "december")],
        start=1,
    )
    for name in names
}  # fmt: skip
_ISO = re.compile(r"^\s*(?:D:)?(\d{4})(?:[-/]?(\d{2})(?:[-/]?(\d{2}))?)?(?:[T\s\d:+\-Z'.]*)$")
_MONTH_YEAR = re.compile(r"^\s*([A-Za-z]+)\.?\s+(\d{4})\s*$")
_MONTH_DAY_YEAR = re.compile(r"^\s*([A-Za-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})\s*$")
_DAY_MONTH_YEAR = re.compile(r"^\s*(\d{1,2})\s+([A-Za-z]+)\.?,?\s+(\d{4})\s*$")
# Markdown headings and emphasis around a title page's date line.
_DECORATION = re.compile(r"^\s*#+\s*|[*_]+")
_TITLE_PAGE_LINES = 60


def iso_date(value: str) -> str | None:
    """``"2018"``, ``"2018-11"`` or ``"2018-11-05"`` from the common ways a date is written:
    ISO 8601, PDF dates (``D:20181105…``), "November 2018", "Nov. 5, 2018", "5 November 2018".
    None when ``value`` is none of them or not a real date."""
    if match := _ISO.match(value):
        return _valid(match.group(1), match.group(2), match.group(3))
    if match := _MONTH_DAY_YEAR.match(value):
        return _named(match.group(3), match.group(1), match.group(2))
    if match := _DAY_MONTH_YEAR.match(value):
        return _named(match.group(3), match.group(2), match.group(1))
    if match := _MONTH_YEAR.match(value):
        return _named(match.group(2), match.group(1), None)
    return None


def _named(year: str, month: str, day: str | None) -> str | None:
    number = _MONTHS.get(month.lower())
    if number is None:
        return None
    return _valid(year, f"{number:02d}", day)


def _valid(year: str, month: str | None, day: str | None) -> str | None:
    if month is None:
        return year
    if not 1 <= int(month) <= 12:
        return None
    if day is None:
        return f"{year}-{month}"
    try:
        return dt.date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


def printed_date(lines: Iterable[str]) -> str | None:
    """The date a title page prints on a line of its own ("November 2018", "Nov. 5, 2018")
    among the document's first lines, as ISO. A bare year is not taken: page numbers and
    copyright lines look like one."""
    written = (line for line in lines if line.strip())
    for line in islice(written, _TITLE_PAGE_LINES):
        text = _DECORATION.sub("", line).strip()
        if re.search("[A-Za-z]", text) and (found := iso_date(text)):
            return found
    return None
