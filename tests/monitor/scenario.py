"""Hand-built check and archive results for monitor and fix tests (no network)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from citecheck.model import (
    ArchiveRun,
    CheckRun,
    ContentStatus,
    FailureKind,
    HistoryEntry,
    Hop,
    Link,
    LinkResult,
    Reachability,
    SourceStatus,
    Verdict,
)
from citecheck.style import wayback_url

RUN_AT = dt.datetime(2026, 11, 27, 6, 0, tzinfo=dt.UTC)


@dataclass(frozen=True)
class Outcome:
    """What one URL did in a run: verdict, where it landed, its drift and 2018 capture."""

    url: str
    verdict: Verdict
    final_url: str | None = None
    content: ContentStatus = ContentStatus.UNCHANGED
    archive_timestamp: str | None = None
    reason: str = ""
    previous: Verdict | None = None
    changed: bool = False
    history: tuple[HistoryEntry, ...] = ()
    notes: tuple[int, ...] = ()
    failure: FailureKind | None = None  # why the check got no answer (NAME: no such host)
    redirects: tuple[Hop, ...] = ()


def archive_run(
    outcomes: Sequence[Outcome],
    at: dt.datetime = RUN_AT,
    reachability: Reachability = Reachability.ONLINE,
    links: Sequence[Link] = (),
) -> ArchiveRun:
    """The run; ``links`` (from the parser) give each URL its notes and sources, as for real."""
    cited = {link.url: link for link in links}
    results = tuple(_result(o, cited.get(o.url)) for o in outcomes)
    check = CheckRun(results, reachability, at, at + dt.timedelta(minutes=3))
    return ArchiveRun(check, tuple(_status(o, i) for i, o in enumerate(outcomes)))


def _result(o: Outcome, link: Link | None) -> LinkResult:
    final = o.final_url or o.url
    notes = link.notes if link else o.notes
    sources = link.sources if link else ()
    reason = o.reason or o.verdict.value
    return LinkResult(
        o.url,
        o.verdict,
        reason,
        final_url=final,
        redirects=o.redirects,
        notes=notes,
        sources=sources,
        failure=o.failure,
    )


def _status(o: Outcome, index: int) -> SourceStatus:
    ts = o.archive_timestamp
    return SourceStatus(
        url=o.url,
        snapshot_id=f"s{index}",
        content=o.content,
        similarity=None,
        summary="",
        archive_url=wayback_url(ts, o.url) if ts else None,
        archive_timestamp=ts,
        changed_since_last_run=o.changed,
        previous_verdict=o.previous,
        history=o.history,
    )
