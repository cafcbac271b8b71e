"""Archive every cited source: own snapshots, the 2018 baseline, Save Page Now, drift.

    run = archive_links(links, settings, Path("snapshots"))          # an ArchiveRun
    run = archive_links(links, settings, store, save=True)           # also Save Page Now

Per source (folder named by its stable source id): ``meta.json``, ``text.txt`` (normalised main
text), ``baseline.txt`` (the text of the archived capture nearest the last-visited date,
fetched once) and, git-ignored, ``.warc/<id>/<day>.warc.gz`` with the raw exchanges. See
``snapshots/README.md`` for the layout and the rules that keep a no-op re-run from changing
any file.

Baselines come from the Wayback server (``--wayback-url``: the Internet Archive, a pywb
collection, OpenWayback) and each ``--archive`` (Memento), through ``Baselines``;
``memento_near(timegate, url, date)`` asks one Memento archive directly (an archive link cited
in a document, e.g. Perma.cc). ``read_statuses``/``stored_statuses`` read a store without
writing it (for ``citecheck check --format json``); ``archive_run_to_dict`` and
``with_statuses`` build the JSON contract.
"""

from citecheck.archive._drift import Drift, compare
from citecheck.archive._extract import extract_text
from citecheck.archive._lock import LOCK_NAME, store_lock
from citecheck.archive._memento import Endpoints, MementoArchive
from citecheck.archive._prune import prune_snapshots
from citecheck.archive._run import archive_links
from citecheck.archive._sources import Baselines, Found, memento_near, sources_from_settings
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
    "LOCK_NAME",
    "Baselines",
    "Drift",
    "Endpoints",
    "Found",
    "MementoArchive",
    "SavePageNow",
    "SnapshotStore",
    "SpnKeys",
    "WaybackClient",
    "archive_links",
    "archive_run_to_dict",
    "compare",
    "extract_text",
    "keys_from_env",
    "memento_near",
    "prune_snapshots",
    "read_statuses",
    "sources_from_settings",
    "status_fields",
    "store_lock",
    "stored_statuses",
    "with_statuses",
]
