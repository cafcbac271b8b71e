"""What to write at each cited URL, decided from the change report (one plan per URL)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from citecheck.model import ContentStatus
from citecheck.monitor import CITATION_ERROR
from citecheck.report import ChangeReport, Entry, FixAction
from citecheck.style import format_date

# A replacement URL comes from a redirect, i.e. from a server: only a plain absolute URL with
# nothing that could end the locator or inject markup is written into the document.
SAFE_URL = re.compile(r"https?://[^\s<>\[\]`\\\"]+", re.IGNORECASE)


@dataclass(frozen=True)
class Archived:
    """A copy of the source to cite beside it: where, when, and in which archive."""

    url: str
    day: dt.date
    archive: str | None


@dataclass(frozen=True)
class Plan:
    """What to do at every place a URL is cited."""

    action: FixAction
    new_url: str | None
    visited: str | None  # the "last visited" date to write, None to keep the cited one
    archived: Archived | None


@dataclass(frozen=True)
class Unfixed:
    """A source that needs an editor but that ``fix`` could not mend, and why."""

    url: str
    notes: tuple[int, ...]
    reason: str


def plans(
    report: ChangeReport, today: dt.date, *, keep_dates: bool = False
) -> tuple[dict[str, Plan], list[Unfixed]]:
    """The plan of every source the report proposes a fix for, and those needing an editor
    that have none. With ``keep_dates`` no visit date is rewritten: sources only verified
    alive get no edit at all."""
    found: dict[str, Plan] = {}
    unfixed: list[Unfixed] = []
    for entry in report.entries:
        plan = _plan(entry, None if keep_dates else format_date(today))
        if isinstance(plan, Plan):
            found[entry.url] = plan
        elif entry.category.needs_editor:
            unfixed.append(Unfixed(entry.url, entry.notes, plan))
    return found, unfixed


def _plan(entry: Entry, today: str | None) -> Plan | str:
    """The plan for one source, or the reason there is none."""
    action = entry.fix.action
    if action is FixAction.NONE:
        if entry.watch is not None and entry.watch.citation_error:  # decided by the monitor
            return f"{CITATION_ERROR}: correct it from the cited work"
        return entry.fix.explanation
    if action is FixAction.REPLACE_URL:
        new_url = entry.fix.url or ""
        if not SAFE_URL.fullmatch(new_url):
            return f"moved to a URL that cannot be written safely into the document: {new_url!r}"
        drifted = entry.content is ContentStatus.CHANGED
        return Plan(action, new_url, today, _archived(entry) if drifted else None)
    if action is FixAction.ADD_ARCHIVE:
        archived = _archived(entry)
        return Plan(action, None, None, archived) if archived else entry.fix.explanation
    if today is None:
        return "verified alive; visit dates kept (--keep-dates)"
    return Plan(action, None, today, None)


def _archived(entry: Entry) -> Archived | None:
    if entry.archive_url is None or entry.archive_date is None:
        return None
    return Archived(entry.archive_url, entry.archive_date, entry.archive_name)
