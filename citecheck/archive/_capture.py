"""Captures as every archive lists them, and which of them can stand for what the authors read.

Which capture is the baseline (InternetArchiveBot's rule): the closest 2xx capture on or before
the last-visited day, looking back at most ``BEFORE`` (a year); else the closest one after it,
at most ``AFTER`` (half a year) later — later copies drift away from what the authors read.
``ordered`` extends the rule to captures whose status the listing does not give (Memento
TimeMaps, revisit records: the replay tells) and to redirect captures (followed inside the
archive to the page the reader landed on, used only when no capture of the page itself is
on the same side of the visit date).
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

BEFORE = dt.timedelta(days=365)
AFTER = dt.timedelta(days=180)
REVISIT = "warc/revisit"
_OK = re.compile(r"2\d\d")
_REDIRECT = re.compile(r"3\d\d")
T = TypeVar("T")


class ArchiveUnreachable(Exception):
    """The lookup could not be answered now (network, 5xx, 429, garbage): try again next run."""


class NotACapture(ArchiveUnreachable):
    """The archive answered, but this capture cannot be the baseline (an error page, a redirect
    out of the archive, a capture far from the one asked for): try the next candidate."""


@dataclass(frozen=True)
class Memento:
    """One capture as an archive lists it. ``status`` is ``""`` when the listing does not say
    (a Memento TimeMap); ``uri`` is the capture's own address when the archive gave one."""

    timestamp: str
    original: str
    status: str
    mimetype: str | None = None
    digest: str | None = None
    uri: str | None = None


@dataclass(frozen=True)
class Replay:
    """The original bytes of a capture, and the capture time the archive really served."""

    timestamp: str
    body: bytes
    content_type: str | None


def pick(captures: list[Memento], visited: dt.date) -> Memento | None:
    """The closest 2xx capture on or before ``visited`` (within BEFORE), else after (AFTER)."""
    end, first, last = _bounds(visited)
    ok = [c for c in captures if _OK.fullmatch(c.status) and first <= c.timestamp <= last]
    before = [c for c in ok if c.timestamp <= end]
    if before:
        return max(before, key=lambda c: c.timestamp)
    after = [c for c in ok if c.timestamp > end]
    return min(after, key=lambda c: c.timestamp) if after else None


def ordered(items: Sequence[T], visited: dt.date, memento: Callable[[T], Memento]) -> list[T]:
    """The captures worth replaying, best first (ties keep the order of ``items``).

    Before the visit day, nearest first: pages (2xx, revisits, unknown status), then
    redirects; then the same after it. Error captures and captures outside the window are
    dropped. ``memento`` gets the capture out of an item (items may carry their archive).
    """
    end, first, last = _bounds(visited)
    ranked = []
    for index, item in enumerate(items):
        capture = memento(item)
        page = _is_page(capture)
        if not (first <= capture.timestamp <= last) or not (page or _is_redirect(capture)):
            continue
        stamp = int(capture.timestamp.ljust(14, "0"))
        after = capture.timestamp > end
        ranked.append(((after, not page, stamp if after else -stamp, index), item))
    return [item for _rank, item in sorted(ranked, key=lambda pair: pair[0])]


def is_before(memento: Memento, visited: dt.date) -> bool:
    return memento.timestamp <= _bounds(visited)[0]


def in_window(timestamp: str, visited: dt.date) -> bool:
    _end, first, last = _bounds(visited)
    return first <= timestamp <= last


def _bounds(visited: dt.date) -> tuple[str, str, str]:
    end = f"{visited:%Y%m%d}235959"
    first = f"{visited - BEFORE:%Y%m%d}000000"
    last = f"{visited + AFTER:%Y%m%d}235959"
    return end, first, last


def _is_page(memento: Memento) -> bool:
    status = memento.status
    revisit = memento.mimetype == REVISIT and status in ("", "-")
    return bool(_OK.fullmatch(status)) or revisit or status == ""


def _is_redirect(memento: Memento) -> bool:
    return bool(_REDIRECT.fullmatch(memento.status))


# --------------------------------------------------------------------------- times


def http_date(timestamp: str) -> str:
    """``20181005235959`` -> ``Fri, 05 Oct 2018 23:59:59 GMT`` (RFC 7089 Accept-Datetime)."""
    when = dt.datetime.strptime(timestamp.ljust(14, "0"), "%Y%m%d%H%M%S").replace(tzinfo=dt.UTC)
    return email.utils.format_datetime(when, usegmt=True)


def timestamp_of(http_datetime: str) -> str | None:
    """``Fri, 05 Oct 2018 23:59:59 GMT`` -> ``20181005235959``; None when it is no date."""
    try:
        when = email.utils.parsedate_to_datetime(http_datetime)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is not None:
        when = when.astimezone(dt.UTC)
    return f"{when:%Y%m%d%H%M%S}"
