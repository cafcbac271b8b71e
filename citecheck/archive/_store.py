"""The snapshot store on disk: one folder per cited URL, named by the source's stable id.

    <store>/<id>/meta.json      what citecheck knows about the source (sorted keys, stable)
    <store>/<id>/text.txt       normalised main text of the last good live capture
    <store>/<id>/baseline.txt   normalised text of the 2018 Wayback capture (never refetched)
    <store>/.warc/<id>/<YYYYMMDD>.warc.gz   raw exchanges (git-ignored, CI artifacts)
    <store>/.citecheck.lock                 held by the run using the store (git-ignored)
    <store>/.gitignore                      keeps those two out of commits

A URL never chooses a path: a folder name is the parser's source id when that id is a plain
slug, else a slug plus a hash of the URL. ``meta.json`` is written last and records the hash
of the texts it describes, so a run killed between two files leaves whole files and a
metadata file that still describes the previous, complete capture.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import re
import shutil
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from citecheck.archive._lock import LOCK_NAME
from citecheck.errors import StoreError
from citecheck.files import abandoned_temporaries, write_atomic
from citecheck.model import HistoryEntry, LeftoverSnapshot, Link, Verdict, distinct_links

FORMAT = 1
HISTORY_CAP = 50
# The store keeps its own raw captures and lock out of git: a workflow that commits the whole
# store (``git add snapshots``) must not commit megabytes of WARC or a lock file.
GITIGNORE = (
    "# Written by citecheck: raw captures and the run lock stay out of git.\n"
    ".warc/\n.citecheck.lock\n"
)
_PROBE_BYTES = 64 * 1024
_SAFE_ID = re.compile(r"[a-z0-9][a-z0-9_-]{0,79}")
# Repeated failures are evidence (confirmed rot needs failures on several days), so they get
# one history entry per day; anything else repeated is noise and gets none.
_EVIDENCE = {Verdict.GONE, Verdict.ERROR, Verdict.BLOCKED}


@dataclass(frozen=True)
class Capture:
    """The last good live capture: changes only when the payload does."""

    captured_at: str
    url: str
    status_code: int
    content_type: str | None
    payload_digest: str
    text_sha256: str
    truncated: bool
    warc_file: str
    warc_target_uri: str
    warc_date: str


@dataclass(frozen=True)
class Baseline:
    """The archived capture nearest the last-visited date, or the record that there is none.

    ``archive`` names the archive that served it when a citation should (an ``--archive``,
    the Internet Archive); absent for the configured Wayback server's own captures and in
    files written before.
    """

    visited: str
    timestamp: str | None = None
    original: str | None = None
    archive_url: str | None = None
    digest: str | None = None
    text_sha256: str | None = None
    archive: str | None = None


@dataclass(frozen=True)
class SaveState:
    """The last Save Page Now job for the URL (persisted so a re-run resumes, not resubmits)."""

    status: str
    at: str
    job_id: str | None = None
    timestamp: str | None = None
    archive_url: str | None = None
    message: str | None = None


@dataclass(frozen=True)
class Meta:
    id: str
    url: str
    history: tuple[HistoryEntry, ...] = ()
    capture: Capture | None = None
    baseline: Baseline | None = None
    content: str = "unavailable"
    similarity: float | None = None
    summary: str = ""
    save: SaveState | None = None


# --------------------------------------------------------------------------- ids


def snapshot_map(links: Sequence[Link]) -> dict[str, str]:
    """URL -> folder name for the distinct URLs of ``links``."""
    distinct = distinct_links(links)
    return dict(zip((link.url for link in distinct), snapshot_ids(distinct), strict=True))


def snapshot_ids(links: Sequence[Link]) -> list[str]:
    """One folder name per link, in order; unique even if two links claim the same source."""
    ids: list[str] = []
    for link in links:
        key = _snapshot_id(link)
        ids.append(f"{key}-{_url_hash(link.url)}" if key in ids else key)
    return ids


def _snapshot_id(link: Link) -> str:
    raw = link.sources[0] if link.sources else ""
    if _SAFE_ID.fullmatch(raw):
        return raw
    base = raw or urlsplit(link.url).hostname or "source"
    slug = re.sub(r"[^a-z0-9]+", "-", base.lower()).strip("-")[:40] or "source"
    return f"{slug}-{_url_hash(link.url)}"


def _url_hash(url: str) -> str:
    return hashlib.sha256(url.encode("utf-8")).hexdigest()[:10]


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# --------------------------------------------------------------------------- history


def add_history(history: tuple[HistoryEntry, ...], entry: HistoryEntry) -> tuple[HistoryEntry, ...]:
    """Append ``entry`` only when it says something new; keep the last ``HISTORY_CAP``."""
    if history:
        last = history[-1]
        same = (last.verdict, last.status_code, last.final_url) == (
            entry.verdict,
            entry.status_code,
            entry.final_url,
        )
        if same and (entry.verdict not in _EVIDENCE or last.at.date() == entry.at.date()):
            return history
    return (*history, entry)[-HISTORY_CAP:]


# --------------------------------------------------------------------------- files


class SnapshotStore:
    """Reads and atomically writes the files of one snapshot directory."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def folder(self, snapshot_id: str) -> Path:
        return self.root / snapshot_id

    def warc_path(self, snapshot_id: str, day: dt.date) -> Path:
        return self.root / ".warc" / snapshot_id / f"{day:%Y%m%d}.warc.gz"

    def prepare(self) -> None:
        """Show the store writable before any network work: write and delete a probe file
        of some size in its root and under ``.warc`` (a full disk fails here too)."""
        for folder in (self.root, self.root / ".warc"):
            probe = folder / ".citecheck-probe"
            try:
                folder.mkdir(parents=True, exist_ok=True)
                write_atomic(probe, b"\0" * _PROBE_BYTES)
                probe.unlink()
            except OSError as exc:
                why = exc.strerror or exc
                raise StoreError(f"{folder}: cannot write snapshots here ({why})") from exc

    def discard_if_unused(self) -> bool:
        """Delete what ``prepare`` and ``tidy`` made when nothing else was written (a run that
        created the store and checked nothing); True when only the lock is left."""
        entries = {path.name for path in self.root.iterdir()} if self.root.is_dir() else set()
        warcs = self.root / ".warc"
        if not entries <= {LOCK_NAME, ".gitignore", ".warc"} or any(warcs.glob("*")):
            return False
        (self.root / ".gitignore").unlink(missing_ok=True)
        if warcs.is_dir():
            warcs.rmdir()
        return True

    def tidy(self) -> None:
        """Before a run's writes: keep raw captures and the lock out of git (``.gitignore``),
        and delete the temporary files that killed runs left behind (never a live run's)."""
        self._write(self.root / ".gitignore", GITIGNORE.encode("utf-8"))
        for path in abandoned_temporaries(self.root):
            path.unlink(missing_ok=True)

    def leftovers(self, cited: Collection[str]) -> tuple[LeftoverSnapshot, ...]:
        """The snapshot folders (those with a ``meta.json``) whose id is not in ``cited``."""
        found = []
        for folder in sorted(self.root.iterdir()) if self.root.is_dir() else ():
            name = folder.name
            if name in cited or name.startswith(".") or not (folder / "meta.json").is_file():
                continue
            try:
                meta = self.load(name)
            except StoreError:  # a damaged leftover is still a leftover
                meta = None
            last = meta.history[-1] if meta and meta.history else None
            url = meta.url if meta else ""
            verdict, at = (last.verdict, last.at) if last else (None, None)
            found.append(LeftoverSnapshot(name, url, verdict, at))
        return tuple(found)

    def remove(self, snapshot_id: str) -> None:
        """Delete the snapshot folder ``snapshot_id`` and its raw captures."""
        for folder in (self.folder(snapshot_id), self.root / ".warc" / snapshot_id):
            try:
                shutil.rmtree(folder)
            except FileNotFoundError:
                continue
            except OSError as exc:
                raise StoreError(f"{folder}: cannot delete ({exc.strerror or exc})") from exc

    def load(self, snapshot_id: str) -> Meta | None:
        path = self.folder(snapshot_id) / "meta.json"
        try:
            data = json.loads(path.read_text("utf-8"))
            return _meta_from_json(data)
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise StoreError(
                f"{path}: unreadable snapshot metadata ({exc}); restore it from git or delete it"
            ) from exc

    def read_text(self, snapshot_id: str, name: str) -> str | None:
        try:
            return (self.folder(snapshot_id) / name).read_text("utf-8")
        except FileNotFoundError:
            return None

    def write_text(self, snapshot_id: str, name: str, text: str) -> None:
        self._write(self.folder(snapshot_id) / name, text.encode("utf-8"))

    def write_meta(self, meta: Meta) -> None:
        data = json.dumps(_meta_to_json(meta), indent=2, sort_keys=True, ensure_ascii=False)
        self._write(self.folder(meta.id) / "meta.json", (data + "\n").encode("utf-8"))

    def _write(self, path: Path, data: bytes) -> None:
        try:
            write_atomic(path, data)
        except OSError as exc:
            raise StoreError(f"{path}: cannot write snapshot ({exc.strerror or exc})") from exc


# --------------------------------------------------------------------------- JSON


def format_time(at: dt.datetime) -> str:
    return at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_time(text: str) -> dt.datetime:
    return dt.datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.UTC)


def _meta_to_json(meta: Meta) -> dict[str, Any]:
    data = dataclasses.asdict(meta)
    data["format"] = FORMAT
    if data["baseline"] is not None and data["baseline"]["archive"] is None:
        del data["baseline"]["archive"]  # older files stay byte-identical on rewrite
    data["history"] = [_entry_to_json(entry) for entry in meta.history]
    last = meta.history[-1] if meta.history else None
    # The latest verdict, repeated at the top for people reading the file (changes with history).
    data["verdict"] = last.verdict.value if last else None
    return data


def _entry_to_json(entry: HistoryEntry) -> dict[str, Any]:
    return {
        "at": format_time(entry.at),
        "verdict": entry.verdict.value,
        "status_code": entry.status_code,
        "final_url": entry.final_url,
        "reason": entry.reason,
    }


def _meta_from_json(data: dict[str, Any]) -> Meta:
    if data.get("format") != FORMAT:
        raise ValueError(f"unknown format {data.get('format')!r}")
    return Meta(
        id=data["id"],
        url=data["url"],
        history=tuple(_entry_from_json(e) for e in data["history"]),
        capture=Capture(**data["capture"]) if data["capture"] else None,
        baseline=Baseline(**data["baseline"]) if data["baseline"] else None,
        content=data["content"],
        similarity=data["similarity"],
        summary=data["summary"],
        save=SaveState(**data["save"]) if data["save"] else None,
    )


def _entry_from_json(data: dict[str, Any]) -> HistoryEntry:
    return HistoryEntry(
        at=parse_time(data["at"]),
        verdict=Verdict(data["verdict"]),
        status_code=data["status_code"],
        final_url=data["final_url"],
        reason=data["reason"],
    )
