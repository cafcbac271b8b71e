"""Issue 19, parts 1 and 7: one run at a time on a store, nothing lost, checked before the network.

Before: no lock, so two runs on one store overwrote each other's WARCs and swept each other's
temporary files; WARCs were rewritten whole; an unwritable store was found out only after every
link had been checked.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import os
import signal
import subprocess
import time
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator

from tests.faults.conftest import Workspace, ended_pid
from tests.support.simweb import Reply, SimWeb, html, sequence

PAGE_2018 = "<article><h1>Findings</h1><p>What the page said when it was first read.</p></article>"
PAGE_2026 = (
    "<article><h1>Findings</h1><p>What the page says now, years later, changed.</p></article>"
)


def slow(text: str, seconds: float = 3.0) -> Reply:
    page = html(text)
    return Reply(page.status, page.headers, page.body, delay=seconds)


def wait_for_request(web: SimWeb, count: int = 1, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while len(web.requests) < count:
        assert time.monotonic() < deadline, "the run never reached the server"
        time.sleep(0.05)


def folder(store: Path) -> Path:
    (meta,) = store.glob("*/meta.json")
    return meta.parent


def day_warc(store: Path) -> Path:
    (path,) = store.glob(f".warc/*/{dt.datetime.now(dt.UTC):%Y%m%d}.warc.gz")
    return path


def records(path: Path) -> list[tuple[str, str | None]]:
    """(type, payload digest) of every record, each read whole with its digests checked."""
    out = []
    with path.open("rb") as fh:
        for record in ArchiveIterator(fh, check_digests=True):
            record.content_stream().read()
            assert record.digest_checker.passed is not False
            out.append((record.rec_type, record.rec_headers.get_header("WARC-Payload-Digest")))
    return out


def consistent(store: Path) -> dict[str, object]:
    """meta.json describes text.txt, and its capture is the day WARC's last response."""
    import hashlib

    snapshot = folder(store)
    meta = json.loads((snapshot / "meta.json").read_text())
    text = (snapshot / "text.txt").read_text()
    assert hashlib.sha256(text.encode()).hexdigest() == meta["capture"]["text_sha256"]
    responses = [d for kind, d in records(day_warc(store)) if kind == "response"]
    assert responses[-1] == meta["capture"]["payload_digest"]
    return dict(meta)


def test_a_second_run_with_no_wait_exits_2_naming_the_first(
    simweb: SimWeb, workspace: Workspace
) -> None:
    simweb.route("127.0.0.1", "/page", slow(PAGE_2026))
    doc = workspace.document(f"http://127.0.0.1:{simweb.http_port}/page")
    first = workspace.start("archive", str(doc))
    try:
        wait_for_request(simweb)
        second = workspace.run("archive", str(doc), "--no-wait")
    finally:
        first.communicate(timeout=120)
    assert second.returncode == 2, second.stderr
    assert "in use by another citecheck run" in second.stderr
    assert f"process {first.pid} on " in second.stderr
    assert len(second.stderr.strip().splitlines()) == 1
    assert len(simweb.requests) == 1  # the second run never went to the network
    assert first.returncode == 0


def test_two_runs_at_once_take_turns_and_lose_nothing(simweb: SimWeb, workspace: Workspace) -> None:
    simweb.route("127.0.0.1", "/page", sequence(slow(PAGE_2018), html(PAGE_2026)))
    doc = workspace.document(f"http://127.0.0.1:{simweb.http_port}/page")
    first = workspace.start("archive", str(doc))
    wait_for_request(simweb)
    second = workspace.start("archive", str(doc))
    _, first_err = first.communicate(timeout=120)
    _, second_err = second.communicate(timeout=120)
    assert (first.returncode, second.returncode) == (0, 0), first_err + second_err
    assert "citecheck: waiting for snapshots: in use by another citecheck run" in second_err
    kinds = [kind for kind, _ in records(day_warc(workspace.store))]
    assert kinds == ["warcinfo", "response", "request", "response", "request"]
    meta = consistent(workspace.store)
    assert "says now" in (folder(workspace.store) / "text.txt").read_text()
    assert len(meta["history"]) == 1  # type: ignore[arg-type]


def test_a_killed_run_leaves_no_lock_behind(simweb: SimWeb, workspace: Workspace) -> None:
    simweb.route("127.0.0.1", "/page", sequence(slow(PAGE_2018, 30), html(PAGE_2026)))
    doc = workspace.document(f"http://127.0.0.1:{simweb.http_port}/page")
    first = workspace.start("archive", str(doc))
    wait_for_request(simweb)
    os.kill(first.pid, signal.SIGKILL)
    first.communicate(timeout=30)
    second = workspace.run("archive", str(doc), "--no-wait")
    assert second.returncode == 0, second.stderr
    consistent(workspace.store)


def test_only_temporary_files_of_ended_runs_are_swept(simweb: SimWeb, workspace: Workspace) -> None:
    simweb.route("127.0.0.1", "/page", sequence(html(PAGE_2018), html(PAGE_2026)))
    doc = workspace.document(f"http://127.0.0.1:{simweb.http_port}/page")
    assert workspace.run("archive", str(doc)).returncode == 0
    snapshot = folder(workspace.store)
    with subprocess.Popen(["sleep", "60"]) as alive:
        theirs = snapshot / f".meta.json.a1b2c3.{alive.pid}.tmp"  # another live run's
        leftover = snapshot / f".text.txt.d4e5f6.{ended_pid()}.tmp"  # a killed run's
        theirs.write_text("being written")
        leftover.write_text("half a text")
        assert workspace.run("archive", str(doc)).returncode == 0
        alive.kill()
    assert theirs.read_text() == "being written"
    assert not leftover.exists()


def test_warcs_are_appended_to_never_rewritten(simweb: SimWeb, workspace: Workspace) -> None:
    simweb.route("127.0.0.1", "/page", sequence(html(PAGE_2018), html(PAGE_2026)))
    doc = workspace.document(f"http://127.0.0.1:{simweb.http_port}/page")
    assert workspace.run("archive", str(doc)).returncode == 0
    warc = day_warc(workspace.store)
    inode, first = warc.stat().st_ino, warc.read_bytes()
    assert workspace.run("archive", str(doc)).returncode == 0
    assert warc.stat().st_ino == inode  # the same file, not a new one renamed over it
    assert warc.read_bytes().startswith(first)
    assert [kind for kind, _ in records(warc)].count("response") == 2
    consistent(workspace.store)


def test_a_torn_warc_tail_is_cut_off_and_every_whole_record_kept(
    simweb: SimWeb, workspace: Workspace
) -> None:
    simweb.route("127.0.0.1", "/page", sequence(html(PAGE_2018), html(PAGE_2026)))
    doc = workspace.document(f"http://127.0.0.1:{simweb.http_port}/page")
    assert workspace.run("archive", str(doc)).returncode == 0
    warc = day_warc(workspace.store)
    whole = warc.read_bytes()
    member = gzip.compress(b"WARC/1.0\r\nWARC-Type: response\r\n" + os.urandom(4096))
    with warc.open("ab") as fh:  # a run killed in the middle of appending a record
        fh.write(member[: len(member) // 2])
    assert workspace.run("archive", str(doc)).returncode == 0
    assert warc.read_bytes().startswith(whole)
    assert [kind for kind, _ in records(warc)].count("response") == 2
    consistent(workspace.store)


def test_an_unwritable_store_fails_before_any_request(simweb: SimWeb, workspace: Workspace) -> None:
    simweb.route("127.0.0.1", "/page", html(PAGE_2026))
    doc = workspace.document(f"http://127.0.0.1:{simweb.http_port}/page")
    workspace.store.mkdir()
    workspace.store.chmod(0o555)
    result = workspace.run("archive", str(doc), permissions_hold=True)
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith("citecheck: error: snapshots: ")
    assert len(result.stderr.strip().splitlines()) == 1
    assert simweb.requests == []  # refused before the first request, not after the last
