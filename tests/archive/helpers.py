"""Shared helpers of the archive tests: running an archive, hashing a tree, reading WARCs."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator

from citecheck.archive import SavePageNow, WaybackClient, archive_links
from citecheck.config import Settings
from citecheck.model import ArchiveRun, Link
from tests.support.simweb import SimWeb
from tests.support.wayback import WaybackServer

VISITED = dt.date(2018, 10, 5)


def no_sleep(_seconds: float) -> None:
    return None


def link(url: str, source: str, visited: dt.date | None = VISITED, note: int = 1) -> Link:
    return Link(url, (note,), (source,), visited)


def archive(
    web: SimWeb,
    settings: Settings,
    store: Path,
    links: list[Link],
    now: dt.datetime,
    *,
    spn: SavePageNow | None = None,
) -> ArchiveRun:
    return archive_links(
        links,
        settings,
        store,
        save=spn is not None,
        resolver=web.resolver(),
        wayback=WaybackClient.from_settings(settings, sleep=no_sleep),
        spn=spn,
        clock=lambda: now,
        sleep=no_sleep,
    )


def tree(root: Path) -> dict[str, tuple[str, int]]:
    """Every file under ``root``: its SHA-256 and modification time in nanoseconds."""
    return {
        path.relative_to(root).as_posix(): (
            hashlib.sha256(path.read_bytes()).hexdigest(),
            path.stat().st_mtime_ns,
        )
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


@dataclass(frozen=True)
class Record:
    type: str
    uri: str | None
    payload_digest: str | None
    refers_to: str | None
    profile: str | None
    payload: bytes
    digests_passed: bool | None


def warc_records(path: Path) -> list[Record]:
    """Read a WARC with digest checking on (what ``warcio check`` does)."""
    out = []
    with path.open("rb") as fh:
        for record in ArchiveIterator(fh, check_digests=True):
            payload = record.content_stream().read()
            headers = record.rec_headers
            out.append(
                Record(
                    record.rec_type,
                    headers.get_header("WARC-Target-URI"),
                    headers.get_header("WARC-Payload-Digest"),
                    headers.get_header("WARC-Refers-To-Target-URI"),
                    headers.get_header("WARC-Profile"),
                    payload,
                    record.digest_checker.passed,
                )
            )
    return out


def serve_archive_page(
    wayback: WaybackServer, url: str, body: bytes, ts: str = "20181001000000"
) -> None:
    wayback.add_capture(url, ts, body)
