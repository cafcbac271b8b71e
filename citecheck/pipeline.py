"""``citecheck run`` as a library call: parse → check → archive → compare → report.

    result = run_pipeline(Path("document.pdf"), settings, snapshots=Path("snapshots"))
    result.report            # a ChangeReport: render it with citecheck.report.RENDERERS
    result.inconclusive      # the network was unreachable: no verdict, no snapshot changed

Everything that varies is injected (resolver, Wayback client, clock, sleep), so tests run the
production path against local servers, and the ``fix`` command can reuse the same run.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from citecheck.archive import SavePageNow, SnapshotStore, WaybackClient, archive_links
from citecheck.check import Resolver, utc_now
from citecheck.config import Settings
from citecheck.fix import corrected_notes
from citecheck.model import ANSWERED, ArchiveRun, Document, ParsedDocument, SourceStatus
from citecheck.monitor import RotPolicy, SinceLastRun, since_last_run
from citecheck.parse import links, parse_document
from citecheck.progress import Progress
from citecheck.read import read_document
from citecheck.report import (
    ChangeReport,
    SourceTexts,
    build_report,
    entry_watches,
    since_section,
    with_corrections,
)


@dataclass(frozen=True)
class PipelineResult:
    """Every stage's output of one run, from the document as read.

    ``watch`` compares this run with the snapshots' history (None when inconclusive: an
    unreachable network says nothing about any source).
    """

    document: Document
    parsed: ParsedDocument
    archive: ArchiveRun
    report: ChangeReport
    watch: SinceLastRun | None

    @property
    def inconclusive(self) -> bool:
        return self.archive.check.inconclusive

    @property
    def text(self) -> str:
        """The text of a Markdown or text document (what ``fix`` edits); empty for others."""
        return self.document.text or ""


def run_pipeline(
    source: Path | Document,
    settings: Settings,
    *,
    snapshots: Path,
    save: bool = False,
    body_links: bool = False,
    dry_run: bool = False,
    resolver: Resolver | None = None,
    wayback: WaybackClient | None = None,
    spn: SavePageNow | None = None,
    clock: Callable[[], dt.datetime] = utc_now,
    sleep: Callable[[float], None] = time.sleep,
    progress: Progress | None = None,
    on_wait: Callable[[str], None] | None = None,
) -> PipelineResult:
    """Run every stage on the document at ``source`` (or already read), keeping snapshots
    under ``snapshots``; with ``body_links`` the body's URLs are checked too. A ``dry_run``
    reads the snapshots but writes none: it works on a scratch copy, deleted afterwards.
    ``on_wait`` hears why the run waits when another run holds the snapshot store.

    Raises only ``CitecheckError`` subclasses (unreadable document, bad settings, unwritable
    store). An unreachable network is not an error: the result is ``inconclusive`` and the
    archive stage leaves the snapshots untouched. Otherwise the change report opens with what
    changed since the last run, and each entry tells a first failure from confirmed rot.
    """
    document = source if isinstance(source, Document) else read_document(source)
    parsed = parse_document(document, body_links=body_links)
    with _store(snapshots, dry_run) as store:
        run = archive_links(
            links(parsed), settings, store, save=save, resolver=resolver, wayback=wayback,
            spn=spn, clock=clock, sleep=sleep, progress=progress, on_wait=on_wait,
        )  # fmt: skip
        texts = read_texts(store, run)
    watch = None
    if not run.check.inconclusive:
        watch = since_last_run(run, policy=RotPolicy.from_settings(settings))
    report = build_report(
        parsed,
        run,
        since=since_section(watch) if watch else None,
        texts=texts,
        watches=entry_watches(watch) if watch else None,
        title=f"citecheck change report: {Path(document.name).name}",
    )
    if not run.check.inconclusive:
        report = with_corrections(report, corrected_notes(parsed, report, report.run_date))
    return PipelineResult(document, parsed, run, report, watch)


@contextlib.contextmanager
def _store(snapshots: Path, dry_run: bool) -> Iterator[Path]:
    """``snapshots`` itself, or for a dry run a scratch copy of its texts and metadata (the raw
    WARCs stay behind: nothing reads them, and a run only appends to them)."""
    if not dry_run:
        yield snapshots
        return
    with tempfile.TemporaryDirectory(prefix="citecheck-dry-run-") as scratch:
        copy = Path(scratch) / "snapshots"
        if snapshots.is_dir():
            shutil.copytree(snapshots, copy, ignore=shutil.ignore_patterns(".warc"))
        yield copy


def read_texts(snapshots: Path, run: ArchiveRun) -> Mapping[str, SourceTexts]:
    """Each source's cited (baseline) text and, when it answered in this run, today's text.

    A source that failed today keeps its last good capture on disk; that is not "today's"
    text, so it is left out rather than shown as current.
    """
    if run.check.inconclusive or not snapshots.is_dir():
        return {}
    store = SnapshotStore(snapshots)
    verdicts = {result.url: result.verdict for result in run.check.results}
    return {
        status.url: _texts(store, status, verdicts.get(status.url) in ANSWERED)
        for status in run.statuses
    }


def _texts(store: SnapshotStore, status: SourceStatus, answered: bool) -> SourceTexts:
    baseline = store.read_text(status.snapshot_id, "baseline.txt")
    live = store.read_text(status.snapshot_id, "text.txt") if answered else None
    return SourceTexts(baseline, live)
