"""Issue 19, part 5: a password in a cited URL goes nowhere.

Before: ``http://alice:secret@host/…`` was copied into meta.json, WARC-Target-URI, all four
reports, stdout and the query sent to the Wayback CDX endpoint, a third party.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from tests.faults.conftest import Workspace
from tests.support.simweb import SimWeb, html, redirect
from tests.support.wayback import WaybackServer

PAGE = "<article><h1>Members</h1><p>The members' page of a society, behind a login.</p></article>"


def everything_written(root: Path) -> str:
    """Every file under ``root`` as text (WARCs decompressed)."""
    out = []
    for path in sorted(root.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            out.append((gzip.decompress(data) if path.name.endswith(".gz") else data).decode())
    return "\n".join(out)


def test_credentials_in_a_cited_url_reach_no_file_no_output_and_no_archive(
    simweb: SimWeb, wayback: WaybackServer, workspace: Workspace
) -> None:
    base = f"127.0.0.1:{simweb.http_port}"
    simweb.route("127.0.0.1", "/members", html(PAGE))
    simweb.route("127.0.0.1", "/old", redirect(f"http://bob:hunter2@{base}/members"))
    wayback.add_capture(f"http://{base}/members", "20181001000000", html(PAGE).body)
    doc = workspace.document(
        f"http://alice:secret@{base}/members", f"http://TOKEN-ghp1234@{base}/old"
    )

    parse = workspace.run("parse", str(doc))
    run = workspace.run("run", str(doc), "--output", "out", "--format", "json")
    check = workspace.run("check", str(doc), "--format", "json")
    exports = workspace.run("parse", str(doc), "--export-dir", "refs")

    assert run.returncode in (0, 1), run.stderr
    assert json.loads(check.stdout)["links"]
    outputs = [parse.stdout, parse.stderr, run.stdout, run.stderr, check.stdout, check.stderr]
    outputs += [exports.stderr, everything_written(workspace.root / "out")]
    outputs += [everything_written(workspace.store), everything_written(workspace.root / "refs")]
    outputs += [request.target for request in wayback.requests]
    for secret in ("secret", "hunter2", "TOKEN-ghp1234"):
        assert not [text for text in outputs if secret in text], secret
    assert f"http://alice:****@{base}/members" in run.stdout
    assert "url-credentials" in parse.stdout
    assert {r.path for r in simweb.requests} == {"/members", "/old"}
    assert not [r for r in simweb.requests if r.header("authorization")]
