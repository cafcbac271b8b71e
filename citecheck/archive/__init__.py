"""Archive every cited source: own snapshots, the 2018 Wayback baseline, Save Page Now, drift.

    run = archive_links(links, settings, Path("snapshots"))          # an ArchiveRun
    run = archive_links(links, settings, store, save=True)           # also Save Page Now

Per source (folder named by its stable source id): ``meta.json``, ``text.txt`` (normalised main
text), ``baseline.txt`` (the text of the Wayback capture nearest the last-visited date, fetched
once) and, git-ignored, ``.warc/<id>/<day>.warc.gz`` with the raw exchanges. See
``snapshots/README.md`` for the layout and the rules that keep a no-op re-run from changing
any file. ``read_statuses``/``stored_statuses`` read a store without writing it (for
``citecheck check --format json``); ``archive_run_to_dict`` and ``with_statuses`` build the
JSON contract.
"""

from citecheck.archive._drift import Drift, compare
from citecheck.archive._extract import extract_text
from citecheck.archive._run import archive_links
from citecheck.archive._spn import SavePageNow, SpnKeys, keys_from_env
from citecheck.archive._statuses import (
    archive_run_to_dict,
    read_statuses,
    status_fields,
    stored_statuses,
    with_statuses,
)
from citecheck.archive._store import SnapshotStore
from citecheck.archive._wayback import WaybackClient

__all__ = [
    "Drift",
    "SavePageNow",
    "SnapshotStore",
    "SpnKeys",
    "WaybackClient",
    "archive_links",
    "archive_run_to_dict",
    "compare",
    "extract_text",
    "keys_from_env",
    "read_statuses",
    "status_fields",
    "stored_statuses",
    "with_statuses",
]
