"""The soft-404 probes of past runs, kept so that the next run need not send them again.

What a site serves for a URL that cannot exist is a property of the site, and sites rarely
change it. The record keeps each origin's probe (its fingerprint, and when it was sent) and
each link's last answer (status and final URL). A later run reuses an origin's probe for a
link that answers as it did last time while the probe is younger than ``max_age``; a new
link, a changed answer or an older probe asks the site again. The record is a cache: a
missing, unreadable or foreign file is an empty record, never an error.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from array import array
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from citecheck.check._soft404 import Fingerprint
from citecheck.files import write_atomic

MAX_AGE = dt.timedelta(days=7)
_VERSION = 1
# (status, final URL): how a link answered.
Answer = tuple[int, str]


def default_record_path() -> Path:
    """``$CITECHECK_CACHE_DIR/soft404.json``, else in the user's cache directory
    (``~/.cache/citecheck`` on Linux, as platformdirs has it on macOS and Windows)."""
    chosen = os.environ.get("CITECHECK_CACHE_DIR")
    if chosen:
        return Path(chosen) / "soft404.json"
    from platformdirs import user_cache_path  # only the command line asks: not on import

    return user_cache_path("citecheck", appauthor=False) / "soft404.json"


@dataclass
class _Probe:
    at: dt.datetime
    fingerprint: Fingerprint


class ProbeRecord:
    """Probes and answers of earlier runs; the check adds this run's (see module doc)."""

    def __init__(self, *, max_age: dt.timedelta = MAX_AGE) -> None:
        self.max_age = max_age
        self._probes: dict[str, _Probe] = {}
        self._answers: dict[str, tuple[dt.datetime, Answer]] = {}

    @classmethod
    def load(cls, path: Path, *, max_age: dt.timedelta = MAX_AGE) -> ProbeRecord:
        record = cls(max_age=max_age)
        try:
            data = json.loads(path.read_bytes())
            record._read(data)
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            return cls(max_age=max_age)  # a cache: start afresh rather than fail the run
        return record

    def fresh(self, origin: str, now: dt.datetime) -> bool:
        """Whether ``origin`` has a probe young enough to reuse."""
        probe = self._probes.get(origin)
        return probe is not None and now - probe.at < self.max_age

    def reusable(
        self, origin: str, url: str, answer: Answer, now: dt.datetime
    ) -> Fingerprint | None:
        """The origin's recorded probe, if ``url`` answered as it did in the last run.

        Asked before this run keeps the link's answer (each link is checked once a run)."""
        last = self._answers.get(url)
        if not self.fresh(origin, now) or last is None or last[1] != answer:
            return None
        return self._probes[origin].fingerprint

    def keep_probe(self, origin: str, fingerprint: Fingerprint, now: dt.datetime) -> None:
        self._probes[origin] = _Probe(now, fingerprint)

    def keep_answer(self, url: str, answer: Answer, now: dt.datetime) -> None:
        self._answers[url] = (now, answer)

    def save(self, path: Path, now: dt.datetime) -> None:
        """Write what is still fresh (atomically; raises OSError if the file cannot be written)."""
        write_atomic(path, self.to_json(now).encode("utf-8"))

    def to_json(self, now: dt.datetime) -> str:
        probes = {
            origin: {"at": _stamp(p.at), **_fingerprint_data(p.fingerprint)}
            for origin, p in self._probes.items()
            if now - p.at < self.max_age
        }
        answers = {
            url: {"at": _stamp(at), "status": status, "final_url": final}
            for url, (at, (status, final)) in self._answers.items()
            if now - at < self.max_age
        }
        data = {"version": _VERSION, "probes": probes, "answers": answers}
        return json.dumps(data, sort_keys=True, separators=(",", ":")) + "\n"

    def _read(self, data: dict[str, Any]) -> None:
        if data.get("version") != _VERSION:
            return
        for origin, item in data["probes"].items():
            self._probes[origin] = _Probe(_parse_stamp(item["at"]), _fingerprint_of(item))
        for url, item in data["answers"].items():
            answer = (int(item["status"]), str(item["final_url"]))
            self._answers[url] = (_parse_stamp(item["at"]), answer)


def _fingerprint_data(fp: Fingerprint) -> dict[str, Any]:
    return {
        "status": fp.status,
        "final_url": fp.final_url,
        "redirected": fp.redirected,
        "title": fp.title,
        "word_count": fp.word_count,
        "shingles": list(fp.shingles),
    }


def _fingerprint_of(item: dict[str, Any]) -> Fingerprint:
    return Fingerprint(
        status=None if item["status"] is None else int(item["status"]),
        final_url=None if item["final_url"] is None else str(item["final_url"]),
        redirected=bool(item["redirected"]),
        title=str(item["title"]),
        word_count=int(item["word_count"]),
        shingles=array("q", (int(h) for h in item["shingles"])),
    )


def _stamp(at: dt.datetime) -> str:
    return at.astimezone(dt.UTC).isoformat(timespec="seconds")


def _parse_stamp(text: str) -> dt.datetime:
    parsed = dt.datetime.fromisoformat(text)
    if parsed.tzinfo is None:
        raise ValueError("a time without its zone")
    return parsed
