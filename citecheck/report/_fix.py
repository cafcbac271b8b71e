"""The fix to propose for each category, written in the document's own citation style."""

from __future__ import annotations

import datetime as dt

from citecheck.model import ContentStatus, LinkResult, SourceStatus
from citecheck.report._model import Category, Fix, FixAction
from citecheck.style import format_date, locator


def propose_fix(
    category: Category,
    result: LinkResult,
    status: SourceStatus | None,
    last_visited: dt.date | None,
    archive_date: dt.date | None,
    run_date: dt.date,
) -> Fix:
    """The edit an editor should make; ``Fix.text`` is the citation's new locator."""
    archive_url = status.archive_url if status else None
    if category is Category.MOVED and result.final_url:
        return _moved(result.final_url, status, archive_url, archive_date, run_date)
    if category in (Category.GONE, Category.CHANGED):
        return _archived(
            category, result.url, last_visited, archive_url, archive_date, _archive(status)
        )
    if category is Category.SKIPPED:
        return Fix(FixAction.NONE, f"not checked: {result.reason}")
    if category is Category.ALIVE:
        return Fix(
            FixAction.REFRESH,
            f"verified alive on {format_date(run_date)}: update the visit date",
            locator(result.url, run_date),
            result.url,
        )
    return Fix(FixAction.NONE, _no_fix_reason(category, archive_url))


def _moved(
    new_url: str,
    status: SourceStatus | None,
    archive_url: str | None,
    archive_date: dt.date | None,
    run_date: dt.date,
) -> Fix:
    # A source that moved *and* drifted keeps a link to what was actually cited.
    drifted = status is not None and status.content is ContentStatus.CHANGED
    kept = archive_url if drifted else None
    explanation = "the source moved: cite its new address"
    if kept:
        explanation += " and the copy archived when it was cited, since its text changed"
    return Fix(
        FixAction.REPLACE_URL,
        explanation,
        locator(new_url, run_date, kept, archive_date, _archive(status)),
        new_url,
    )


def _archived(
    category: Category,
    url: str,
    last_visited: dt.date | None,
    archive_url: str | None,
    archive_date: dt.date | None,
    archive: str | None,
) -> Fix:
    if not (archive_url and archive_date):
        return Fix(FixAction.NONE, _no_fix_reason(category, None))
    why = "is gone" if category is Category.GONE else "has changed since it was cited"
    return Fix(
        FixAction.ADD_ARCHIVE,
        f"the source {why}: add the copy archived on {format_date(archive_date)}",
        locator(url, last_visited, archive_url, archive_date, archive),
        archive_url,
    )


def _archive(status: SourceStatus | None) -> str | None:
    return status.archive_name if status else None


def _no_fix_reason(category: Category, archive_url: str | None) -> str:
    if category is Category.GONE:
        return "gone and no archived copy was found near the visit date: find a replacement"
    if category is Category.CHANGED:
        return "changed, but no archived copy can be cited: compare by hand"
    if category is Category.INVALID:
        return "the URL is malformed: correct it from the cited work"
    if category is Category.UNCHECKED:
        return "not checked: the network was unreachable; run again when it is back"
    hint = f"; a copy is archived at {archive_url}" if archive_url else ""
    return f"could not be verified automatically: check it by hand{hint}"
