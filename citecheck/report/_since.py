"""The "since last run" block at the top of a scheduled run's change report.

It is handed to the report as a ``Section`` of plain, untrusted text cells: the report's
renderers own escaping for Markdown, HTML, JSON and CSV alike.
"""

from __future__ import annotations

from citecheck.monitor import (
    CITATION_ERROR,
    CITATION_ERROR_DETAIL,
    Change,
    RotState,
    SinceLastRun,
    SourceWatch,
)
from citecheck.report._model import Section, Watch
from citecheck.words import counted

TITLE = "Since the last run"
COLUMNS = ("Change", "URL", "Footnotes", "Now", "Before", "Evidence")

_ORDER = {change: rank for rank, change in enumerate(Change)}
_LABELS = {
    Change.NEW_CONFIRMED_GONE: "newly confirmed gone",
    Change.NEW_GONE: "newly gone",
    Change.RECOVERED: "recovered",
    Change.MOVED: "moved",
    Change.CHANGED: "changed",
    Change.UNVERIFIED: "newly unverified",
}


def since_section(since: SinceLastRun) -> Section:
    """The section for ``build_report(..., since=...)``: one row per source that changed."""
    changed = sorted(
        (w for w in since.sources if w.changes), key=lambda w: (_ORDER[w.changes[0]], w.url)
    )
    return Section(
        title=TITLE,
        intro=_intro(since, len(changed)),
        columns=COLUMNS,
        rows=tuple(_row(w, since) for w in changed),
    )


def entry_watches(since: SinceLastRun) -> dict[str, Watch]:
    """URL → what the change report's entry should say about its rot and citation error."""
    return {
        w.url: Watch(
            rot=w.rot.state.value,
            rot_detail=w.rot.describe(since.policy),
            citation_error=w.likely_citation_error,
            citation_error_detail=CITATION_ERROR_DETAIL,
        )
        for w in since.sources
    }


def _intro(since: SinceLastRun, changed: int) -> str:
    if since.first_run:
        return "First run: there is no earlier snapshot to compare with yet."
    counts = [
        f"{len(since.with_change(change))} {_LABELS[change]}"
        for change in Change
        if since.with_change(change)
    ]
    lead = "; ".join(counts) if counts else "Nothing changed since the last run"
    confirmed = len(since.in_state(RotState.CONFIRMED_GONE))
    failing = len(since.in_state(RotState.FIRST_FAILURE)) + len(since.in_state(RotState.FAILING))
    days = counted(since.policy.interval.days, "day")
    tail = (
        f"{counted(confirmed, 'source')} confirmed gone in all, {failing} failing but not yet "
        f"confirmed ({since.policy.failures} failed checks at least {days} apart confirm rot)"
    )
    errors = len(since.citation_errors)
    if errors:
        tail += f"; {counted(errors, 'likely citation error')}"
    return f"{lead}. {tail}."


def _row(watch: SourceWatch, since: SinceLastRun) -> tuple[str, ...]:
    evidence = [watch.reason] if watch.reason else []
    if watch.final_url and watch.final_url != watch.url:
        evidence.append(f"now at {watch.final_url}")
    if watch.rot.failures:
        evidence.append(watch.rot.describe(since.policy))
    if watch.likely_citation_error:
        evidence.append(CITATION_ERROR)
    return (
        ", ".join(_LABELS[c] for c in watch.changes),
        watch.url,
        ", ".join(str(n) for n in watch.notes),
        watch.verdict.value,
        watch.previous.value if watch.previous else "",
        "; ".join(evidence),
    )
