"""A run killed mid-way leaves whole files and the earlier snapshots intact; the next run heals."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

from citecheck.archive._store import text_hash
from citecheck.config import Settings
from tests.archive.conftest import NOW
from tests.archive.helpers import archive, link, tree, warc_records
from tests.support.simweb import SimWeb, html
from tests.support.wayback import WaybackServer

HOSTS = [f"site{i}.example" for i in range(1, 7)]
SCRIPT = Path(__file__).with_name("_archive_subprocess.py")


def article(host: str, year: int) -> str:
    return (
        f"<article><h1>Report of {host}</h1><p>This is the {year} version of the page kept "
        f"by {host}; it says different things in {year} than in other years.</p></article>"
    )


def consistent(store: Path, snapshot: str) -> dict[str, object]:
    meta: dict[str, object] = json.loads((store / snapshot / "meta.json").read_text())
    capture = meta["capture"]
    assert isinstance(capture, dict)
    assert text_hash((store / snapshot / "text.txt").read_text()) == capture["text_sha256"]
    return meta


def wait_for(predicate: object, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():  # type: ignore[operator]
        assert time.monotonic() < deadline, "the child never got there"
        time.sleep(0.05)


def _updated(store: Path, snapshot: str) -> bool:
    try:
        meta = json.loads((store / snapshot / "meta.json").read_text())
    except (OSError, ValueError):
        return False
    return bool(meta.get("baseline", {}).get("visited") == "2018-11-01")


def _stalled_at(wayback: WaybackServer, host: str) -> bool:
    """The second run asked the index about ``host`` (the first run asked once)."""
    asked = [r.query["url"][0] for r in wayback.requests_to("/cdx/search/cdx")]
    return sum(url.startswith(f"http://{host}") for url in asked) >= 2


def test_killed_run_leaves_earlier_snapshots_intact(
    simweb: SimWeb, wayback: WaybackServer, settings: Settings, tmp_path: Path
) -> None:
    store = tmp_path / "snapshots"
    for host in HOSTS:
        simweb.route(host, "/page", html(article(host, 2018)))
        wayback.add_capture(f"http://{host}/page", "20181001000000", html(article(host, 2018)).body)
    archive(simweb, settings, store, [link(f"http://{h}/page", h[:5]) for h in HOSTS], NOW)
    first = tree(store)

    for n, host in enumerate(HOSTS):  # every page changed, and the report now gives another
        # visit date; the pages from the hanging one on answer last (lookups start as the
        # check answers, so the first three are looked up before it hangs)
        simweb.route(host, "/page", replace(html(article(host, 2026)), delay=0.5 * (n >= 3)))
    wayback.cdx_stall.add("http://site4.example/page")
    config = {
        "settings": {
            "allow_private": True,
            "timeout": 5.0,
            "retries": 0,
            "per_host_interval": 0.0,
            "soft404_probe": False,
            "wayback_url": wayback.base_url,
            "availability_url": wayback.availability_url,
        },
        "hosts": {h: ["127.0.0.1", simweb.http_port] for h in HOSTS},
        "links": [[f"http://{h}/page", h[:5], "2018-11-01"] for h in HOSTS],
        "now": (NOW + dt.timedelta(days=1)).isoformat(),
        "store": str(store),
    }
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])}
    child = subprocess.Popen([sys.executable, str(SCRIPT), json.dumps(config)], env=env)
    try:
        # The lookups run ahead of the writes: the run is killed once it has written the
        # sources before the one whose lookup hangs, and waits for that lookup.
        wait_for(lambda: _updated(store, "site3") and _stalled_at(wayback, "site4"))
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL

    after = tree(store)
    for name in ("site1", "site2", "site3"):  # finished before the kill: new and consistent
        assert "2026 version" in (store / name / "text.txt").read_text()
        assert consistent(store, name)["baseline"]["visited"] == "2018-11-01"  # type: ignore[index]
    for name in ("site4", "site5", "site6"):  # not reached: exactly as the first run left them
        for file in ("meta.json", "text.txt", "baseline.txt"):
            assert after[f"{name}/{file}"] == first[f"{name}/{file}"]
    for path in store.rglob("*.warc.gz"):  # every WARC written so far is whole and verifiable
        assert all(r.digests_passed is not False for r in warc_records(path))
    assert not [p for p in store.rglob("*") if p.name.endswith(".tmp")]

    wayback.cdx_stall.clear()
    run = archive(
        simweb,
        settings,
        store,
        [link(f"http://{h}/page", h[:5], dt.date(2018, 11, 1)) for h in HOSTS],
        NOW + dt.timedelta(days=1),
    )
    assert all("2026 version" in (store / h[:5] / "text.txt").read_text() for h in HOSTS)
    assert all(consistent(store, h[:5]) for h in HOSTS)
    assert len(run.statuses) == len(HOSTS)
