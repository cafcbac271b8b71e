"""Dates in citations: "(last visited Oct. 5, 2018)", publication dates, and dates inside URLs.

The bundled document abbreviates months Bluebook-style and has typos ("Oct.10", "Fed. 10"):
a missing space is tolerated, an unknown month is reported rather than guessed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4,
    "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8,
    "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11,
    "dec": 12, "december": 12,
}  # fmt: skip

LAST_VISITED = re.compile(r"\(\s*last\s+visited\s*([^)]*)\)", re.IGNORECASE)
# "Oct. 5, 2018", "Oct.10, 2018", "October 5, 2018"; the month word is checked afterwards.
_MONTH_DAY_YEAR = re.compile(r"\b([A-Z][a-z]{2,8})\.?\s*(\d{1,2}),\s*((?:19|20)\d\d)\b")
_DAY_MONTH_YEAR = re.compile(r"\b(\d{1,2})\s+([A-Z][a-z]{2,8})\.?\s+((?:19|20)\d\d)\b")
# "Mar. 2017", "Apr.-May 2015": month and year only.
_MONTH_YEAR = re.compile(
    r"\b([A-Z][a-z]{2,8})\.?(?:\s*-\s*[A-Z][a-z]{2,8}\.?)?\s+((?:19|20)\d\d)\b"
)
# A year standing alone as a comma-separated item, in parentheses or after a journal's issue:
# ", 2017," / "(2012)" / "Vol. 48 (4) 2010".
_YEAR_ALONE = re.compile(r"(?:,\s*|\(|\)\s+)((?:19|20)\d\d)(?=\s*(?:,|\)|$|\(|\.\s|\.$))")
# /2018/04/17/ or /2018/4/17/ or /2018/04/ in a URL path.
_URL_DATE = re.compile(r"/((?:19|20)\d\d)/(\d{1,2})(?:/(\d{1,2}))?(?=/)")
# Upload folders tell when a file was uploaded, which may postdate publication legitimately.
_UPLOAD_DIR = re.compile(r"/(?:uploads|files|media|assets|storage)/(?:19|20)\d\d/", re.IGNORECASE)


@dataclass(frozen=True)
class Parsed:
    """A date as written: ``value`` is ISO ("2018-10-05", "2017-03", "2017"), or ``error`` says
    why the text cannot be a real date."""

    value: str | None
    error: str | None = None

    def as_date(self) -> dt.date | None:
        if self.value is None or len(self.value) != 10:
            return None
        return dt.date.fromisoformat(self.value)


def parse_last_visited(text: str) -> Parsed:
    """Parse the inside of a "(last visited …)" parenthetical."""
    match = _MONTH_DAY_YEAR.search(text) or _DAY_MONTH_YEAR.search(text)
    if match is None:
        return Parsed(None, f"cannot read the date in 'last visited {text.strip()}'")
    return _full_date(match)


def _full_date(match: re.Match[str]) -> Parsed:
    groups = match.groups()
    month_word, day, year = (groups[0], groups[1], groups[2])
    if month_word.isdigit():  # day-month-year order
        month_word, day = day, month_word
    month = MONTHS.get(month_word.lower())
    if month is None:
        return Parsed(None, f"'{match.group(0)}' has no month called '{month_word}'")
    try:
        return Parsed(dt.date(int(year), month, int(day)).isoformat())
    except ValueError:
        return Parsed(None, f"'{match.group(0)}' is not a day of the calendar")


def find_publication_date(text: str) -> Parsed | None:
    """The first publication date written in a citation's text (URLs and parentheticals already
    removed by the caller), or None when it gives none."""
    candidates: list[tuple[int, Parsed]] = []
    for match in _MONTH_DAY_YEAR.finditer(text):
        if match.group(1).lower() in MONTHS or _looks_like_month_abbrev(match):
            candidates.append((match.start(), _full_date(match)))
    for match in _DAY_MONTH_YEAR.finditer(text):  # "of 5 April 2011"
        if match.group(2).lower() in MONTHS:
            candidates.append((match.start(), _full_date(match)))
    for match in _MONTH_YEAR.finditer(text):
        month = MONTHS.get(match.group(1).lower())
        if month is not None:
            candidates.append((match.start(), Parsed(f"{match.group(2)}-{month:02d}")))
    if not candidates:
        for match in _YEAR_ALONE.finditer(text):
            candidates.append((match.start(1), Parsed(match.group(1))))
    return min(candidates, key=lambda item: item[0])[1] if candidates else None


def strip_dates(text: str) -> str:
    """``text`` with every written date removed (so date commas do not split items)."""
    return _MONTH_YEAR.sub("", _MONTH_DAY_YEAR.sub("", _DAY_MONTH_YEAR.sub("", text)))


def _looks_like_month_abbrev(match: re.Match[str]) -> bool:
    """A three-letter capitalised word with a period before "D, YYYY" is meant as a month."""
    word = match.group(1)
    return len(word) == 3 and match.group(0)[3:4] == "."


def url_path_date(url: str) -> tuple[int, int, int | None] | None:
    """(year, month, day) written in an article-style URL path, ignoring upload folders."""
    if _UPLOAD_DIR.search(url):
        return None
    match = _URL_DATE.search(url)
    if match is None:
        return None
    year, month = int(match.group(1)), int(match.group(2))
    if not 1 <= month <= 12:
        return None
    day = int(match.group(3)) if match.group(3) else None
    return year, month, day


def disagrees_with_url(published: str, url: str) -> str | None:
    """Why ``published`` (ISO, possibly partial) contradicts the date in ``url``'s path, if it does.

    Compared as precisely as both allow; one day either way is tolerated, since sites stamp
    paths in their own time zone.
    """
    in_path = url_path_date(url)
    if in_path is None:
        return None
    year, month, day = in_path
    cited = [int(piece) for piece in published.split("-")]
    path_text = f"{year}-{month:02d}" + (f"-{day:02d}" if day is not None else "")
    if len(cited) == 3 and day is not None:
        try:
            gap = abs((dt.date(cited[0], cited[1], cited[2]) - dt.date(year, month, day)).days)
        except ValueError:  # an impossible day in the URL is not a date
            return None
        agree = gap <= 1
    else:
        agree = cited[0] == year and (len(cited) == 1 or cited[1] == month)
    return None if agree else f"cited {published} but the URL path says {path_text}"
