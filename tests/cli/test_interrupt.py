"""Ctrl-C (issue 17; issue 19, part 8): a real process gets SIGINT mid-run against a slow local
server; it ends with exit 130, no traceback, one line saying how far it got, and the snapshots
it finished kept whole."""

from __future__ import annotations

import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from tests.support.simweb import Reply, SimWeb, html
from tests.support.wayback import WaybackServer

PAGE = (
    "<article><h1>A source</h1><p>{} says what it said when it was cited, at length.</p></article>"
)


def _document(tmp_path: Path, urls: list[str]) -> Path:
    notes = "".join(f"Claim {n}.[^{n}] " for n in range(1, len(urls) + 1))
    defs = "\n".join(
        f"[^{n}]: *Source {n}*, at <{url}> (last visited Oct. 5, 2018)."
        for n, url in enumerate(urls, 1)
    )
    path = tmp_path / "doc.md"
    path.write_text(f"{notes}\n\n{defs}\n", encoding="utf-8")
    return path


class Child:
    """``citecheck ARGS`` in ``cwd``, its stderr read line by line as it comes."""

    def __init__(self, cwd: Path, *args: str) -> None:
        env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "citecheck", *args, "--verbose"],
            cwd=cwd,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.lines.put(line.rstrip("\n"))

    def wait_for(self, wanted: str, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while wanted not in self.seen:
            left = deadline - time.monotonic()
            assert left > 0, f"never printed {wanted!r}; printed {self.seen}"
            try:
                self.seen.append(self.lines.get(timeout=left))
            except queue.Empty:
                continue

    def interrupt(self) -> tuple[int, list[str]]:
        self.process.send_signal(signal.SIGINT)
        code = self.process.wait(timeout=60)
        time.sleep(0.1)  # the reader thread drains the pipe
        while not self.lines.empty():
            self.seen.append(self.lines.get())
        return code, self.seen


@pytest.fixture
def child_cleanup() -> Iterator[list[Child]]:
    children: list[Child] = []
    yield children
    for child in children:
        if child.process.poll() is None:
            child.process.kill()
            child.process.wait()


def test_interrupted_check_exits_130_and_says_where(
    tmp_path: Path, simweb: SimWeb, child_cleanup: list[Child]
) -> None:
    base = f"http://127.0.0.1:{simweb.http_port}"
    simweb.route("127.0.0.1", "/fast", html(PAGE.format("fast")))
    simweb.route("127.0.0.1", "/slow", Reply(action="stall"))
    document = _document(tmp_path, [f"{base}/fast", f"{base}/slow"])
    child = Child(tmp_path, "check", str(document), "--allow-private", "--timeout", "60")
    child_cleanup.append(child)
    child.wait_for("check 1/2")
    code, lines = child.interrupt()
    assert code == 130
    assert not any("Traceback" in line for line in lines)
    assert lines[-1] == "citecheck: interrupted at check 1/2: nothing was written"


def test_interrupted_archive_keeps_the_snapshots_it_finished(
    tmp_path: Path, simweb: SimWeb, child_cleanup: list[Child]
) -> None:
    base = f"http://127.0.0.1:{simweb.http_port}"
    urls = [f"{base}/page{n}" for n in (1, 2, 3)]
    with WaybackServer() as wayback:
        for n, url in enumerate(urls, 1):
            # The third page answers last, so its lookup is asked last (lookups start as the
            # check answers) and the first two finish before it hangs.
            page = replace(html(PAGE.format(f"page {n}")), delay=0.5 if n == 3 else 0.0)
            simweb.route("127.0.0.1", f"/page{n}", page)
            wayback.add_capture(url, "20181001000000", html(PAGE.format(f"page {n}")).body)
        wayback.cdx_stall.add(urls[2])  # the third baseline lookup never answers
        (tmp_path / "citecheck.toml").write_text(
            "allow-private = true\nretries = 0\nper-host-interval = 0\narchive-interval = 0\n"
            "cdx-interval = 0\n"
            f"soft404-probe = false\ntimeout = 60\nwayback-url = {json.dumps(wayback.base_url)}\n"
            f"availability-url = {json.dumps(wayback.availability_url)}\n",
            encoding="utf-8",
        )
        document = _document(tmp_path, urls)
        child = Child(tmp_path, "archive", str(document))
        child_cleanup.append(child)
        child.wait_for("archive 2/3")
        code, lines = child.interrupt()
    assert code == 130
    assert not any("Traceback" in line for line in lines)
    assert lines[-1] == (
        "citecheck: interrupted at archive 2/3: 2 of 3 snapshots updated in snapshots, the "
        "others as they were; the next run does the rest; no report was written"
    )
    metas = [json.loads(p.read_text()) for p in (tmp_path / "snapshots").glob("*/meta.json")]
    assert sorted(m["url"] for m in metas) == urls[:2]
    assert all(m["baseline"]["timestamp"] == "20181001000000" for m in metas)
    assert not list((tmp_path / "snapshots").rglob("*.tmp"))  # nothing half-written
