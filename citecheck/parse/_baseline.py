"""A baseline day for sources cited without a visit date.

A note that gives no "last visited"/"accessed" date still tells roughly when its authors saw
the page: not before the cited work's own publication date, not after the document's. So the
day whose nearest archived copy stands for the cited text is, in order: the cited work's
publication date (its last day when only a month or a year is given), else the document's
date (the one printed on its title page, else its metadata's) — never later than the latter.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from citecheck.model import BaselineDate, DateSource, DocumentInfo

_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def document_baseline(info: DocumentInfo) -> BaselineDate | None:
    """The document's own date as a baseline: printed on its title page, else its metadata."""
    written = info.printed_date or info.date
    day = last_day(written) if written else None
    if written is None or day is None:
        return None
    return BaselineDate(day, DateSource.DOCUMENT, written)


def inferred_baseline(published: str | None, document: BaselineDate | None) -> BaselineDate | None:
    """The baseline of a source without a visit date: its ``published`` date (ISO, as precise
    as cited) when that is no later than the document's date, else the document's date."""
    day = last_day(published) if published else None
    if published is None or day is None:
        return document
    if document is None:
        return BaselineDate(day, DateSource.PUBLISHED, published)
    if _first_day(published) > document.day:
        return document  # a work dated after the document that cites it: a misread date
    return BaselineDate(min(day, document.day), DateSource.PUBLISHED, published)


def last_day(written: str) -> dt.date | None:
    """The last day of the period an ISO date names: "2017" → Dec. 31, "2018-11" → Nov. 30."""
    match = _ISO.match(written)
    if match is None:
        return None
    year, month, day = (int(g) if g else None for g in match.groups())
    assert year is not None  # the pattern requires it
    try:
        if month is None:
            return dt.date(year, 12, 31)
        if day is None:
            return dt.date(year, month, calendar.monthrange(year, month)[1])
        return dt.date(year, month, day)
    except ValueError:
        return None


def _first_day(written: str) -> dt.date:
    """The first day of the period ``written`` names (already checked by ``last_day``)."""
    year, month, day = ([int(part) for part in written.split("-")] + [1, 1])[:3]
    return dt.date(year, month, day)
