"""The bundled document's citation style, so proposed fixes read like the footnotes they amend.

The document writes locators as ``at <URL> (last visited Oct. 5, 2018)``: angle-bracketed URLs and
dates with abbreviated months ("Sep.", "Oct.", "Nov."; "May" stays whole). An archived copy is
added the way law reviews cite the Wayback Machine:
``archived at <https://web.archive.org/web/20181005000000/URL> (archived Oct. 5, 2018)``;
a copy kept by another archive names it:
``archived at <https://webarchive.loc.gov/all/20181005000000/URL> (Library of Congress,
archived Oct. 5, 2018)``.
"""

from __future__ import annotations

import datetime as dt

_MONTHS = (
    "Jan.", "Feb.", "Mar.", "Apr.", "May", "Jun.",
    "Jul.", "Aug.", "Sep.", "Oct.", "Nov.", "Dec.",
)  # fmt: skip

WAYBACK_WEB = "https://web.archive.org/web/"
INTERNET_ARCHIVE = "Internet Archive"


def format_date(day: dt.date) -> str:
    """``Oct. 5, 2018``: the document's own date form."""
    return f"{_MONTHS[day.month - 1]} {day.day}, {day.year}"


def format_written(written: str) -> str:
    """An ISO date as precise as it was given, in the document's form: "Oct. 5, 2018",
    "Nov. 2018", "2017"."""
    parts = written.split("-")
    if len(parts) == 3:
        return format_date(dt.date.fromisoformat(written))
    if len(parts) == 2:
        return f"{_MONTHS[int(parts[1]) - 1]} {parts[0]}"
    return written


def bracket_url(url: str) -> str:
    """``<url>``: the document angle-brackets every URL so trailing punctuation stays outside."""
    return f"<{url}>"


def visited_clause(url: str, visited: dt.date) -> str:
    """``at <url> (last visited Oct. 5, 2018)``."""
    return f"at {bracket_url(url)} (last visited {format_date(visited)})"


def archived_clause(archive_url: str, archived: dt.date, archive: str | None = None) -> str:
    """``archived at <archive url> (archived Oct. 5, 2018)``, with the archive's name unless
    it is the Internet Archive (whose Wayback URL every reader knows)."""
    before, after = archived_words(archived, archive)
    return f"{before}{bracket_url(archive_url)}{after}"


def archived_words(archived: dt.date, archive: str | None = None) -> tuple[str, str]:
    """The words of the archived clause before and after its URL, for documents that write
    the URL as a hyperlink rather than as text: ``("archived at ", " (archived Oct. 5, 2018)")``."""
    named = f"{archive}, " if archive and archive != INTERNET_ARCHIVE else ""
    return "archived at ", f" ({named}archived {format_date(archived)})"


def locator(
    url: str,
    visited: dt.date | None,
    archive_url: str | None = None,
    archived: dt.date | None = None,
    archive: str | None = None,
) -> str:
    """The whole locator of a citation: where it is, and where a copy was kept, if one was.

    Without a visit date the clause is just ``at <url>``, as the document writes undated links.
    """
    text = visited_clause(url, visited) if visited else f"at {bracket_url(url)}"
    if archive_url and archived:
        text += ", " + archived_clause(archive_url, archived, archive)
    return text


def wayback_url(timestamp: str, url: str) -> str:
    """The human-facing capture URL to cite: ``https://web.archive.org/web/<timestamp>/<url>``."""
    return f"{WAYBACK_WEB}{timestamp}/{url}"


def timestamp_date(timestamp: str) -> dt.date | None:
    """The day of a Wayback timestamp (``YYYYMMDDhhmmss``, at least 8 digits), else None."""
    if len(timestamp) < 8 or not timestamp[:8].isdigit():
        return None
    try:
        return dt.date(int(timestamp[:4]), int(timestamp[4:6]), int(timestamp[6:8]))
    except ValueError:
        return None
