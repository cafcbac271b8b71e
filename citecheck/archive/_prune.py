"""Snapshot folders the document no longer cites: found by every run, deleted on request.

A source whose citation was removed, or whose URL the editors corrected, leaves its folder
behind; the change report lists such folders and ``citecheck prune`` deletes them (a dry run
unless asked to apply). A store shared by several documents would list the others' folders
too, which is why nothing is ever deleted without being asked.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from citecheck.archive._lock import store_lock
from citecheck.archive._store import SnapshotStore, snapshot_map
from citecheck.model import LeftoverSnapshot, Link


def prune_snapshots(
    links: Sequence[Link],
    store: Path,
    *,
    apply: bool = False,
    wait: bool = True,
    on_wait: Callable[[str], None] | None = None,
) -> tuple[LeftoverSnapshot, ...]:
    """The snapshot folders under ``store`` that none of ``links`` has; with ``apply`` they
    are deleted (with their raw captures), holding the store's lock as a run does."""
    cited = set(snapshot_map(links).values())
    snapshots = SnapshotStore(store)
    if not apply or not store.is_dir():
        return snapshots.leftovers(cited)
    with store_lock(store, wait=wait, on_wait=on_wait):
        leftovers = snapshots.leftovers(cited)
        for leftover in leftovers:
            snapshots.remove(leftover.snapshot_id)
    return leftovers
