"""Statuses out of snapshot metadata, and their fields in the JSON contract.

``citecheck check --format json`` reads an existing store through ``read_statuses`` (never
writing it); ``citecheck archive --format json`` gets the statuses of its own run. Both add
the same fields to each link: ``content``, ``similarity``, ``archive_url`` and a few more.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from citecheck.archive._store import Meta, SnapshotStore, snapshot_map
from citecheck.check import run_to_dict
from citecheck.model import ArchiveRun, ContentStatus, Link, SourceStatus, Verdict, distinct_links


def to_status(meta: Meta, changed_since_last_run: bool, previous: Verdict | None) -> SourceStatus:
    baseline = meta.baseline
    save = meta.save
    return SourceStatus(
        url=meta.url,
        snapshot_id=meta.id,
        content=ContentStatus(meta.content),
        similarity=meta.similarity,
        summary=meta.summary,
        archive_url=baseline.archive_url if baseline else None,
        archive_timestamp=baseline.timestamp if baseline else None,
        changed_since_last_run=changed_since_last_run,
        previous_verdict=previous,
        history=meta.history,
        save_url=save.archive_url if save and save.status == "success" else None,
        archive_name=baseline.archive if baseline else None,
    )


def read_statuses(
    store: SnapshotStore, links: Sequence[Link], ids: Mapping[str, str] | None = None
) -> tuple[SourceStatus, ...]:
    """The stored status of every link that has a snapshot (read-only)."""
    ids = ids or snapshot_map(links)
    statuses = []
    for link in distinct_links(links):
        meta = store.load(ids[link.url])
        if meta is not None and meta.url == link.url:
            last = meta.history[-1].verdict if meta.history else None
            statuses.append(to_status(meta, False, last))
    return tuple(statuses)


def stored_statuses(store: Path, links: Sequence[Link]) -> tuple[SourceStatus, ...]:
    """``read_statuses`` for a store directory; empty when the directory does not exist."""
    if not store.is_dir():
        return ()
    return read_statuses(SnapshotStore(store), links)


_FIELDS = (
    "content",
    "similarity",
    "archive_url",
    "archive_timestamp",
    "archive_name",
    "content_summary",
    "changed_since_last_run",
    "snapshot",
    "save_url",
)


def status_fields(status: SourceStatus | None) -> dict[str, Any]:
    """The archive's fields of one link in the JSON contract (nulls without a snapshot)."""
    if status is None:
        return dict.fromkeys(_FIELDS)
    return {
        "content": status.content.value,
        "similarity": status.similarity,
        "archive_url": status.archive_url,
        "archive_timestamp": status.archive_timestamp,
        "archive_name": status.archive_name,
        "content_summary": status.summary,
        "changed_since_last_run": status.changed_since_last_run,
        "snapshot": status.snapshot_id,
        "save_url": status.save_url,
    }


def with_statuses(data: dict[str, Any], statuses: Sequence[SourceStatus]) -> dict[str, Any]:
    """Add ``status_fields`` to each link of a ``run_to_dict`` document (matched by URL)."""
    by_url = {status.url: status for status in statuses}
    links = [{**link, **status_fields(by_url.get(link["url"]))} for link in data["links"]]
    return {**data, "links": links}


def archive_run_to_dict(run: ArchiveRun) -> dict[str, Any]:
    """The JSON contract of ``citecheck archive --format json``."""
    data = with_statuses(run_to_dict(run.check), run.statuses)
    counts = {status.value: 0 for status in ContentStatus}
    for status in run.statuses:
        counts[status.content.value] += 1
    data["summary"] = {**data["summary"], "content": counts}
    return data
