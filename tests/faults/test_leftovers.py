"""Issue 19, part 8: snapshot folders of URLs the document no longer cites.

Before: they stayed forever, unmentioned; the only way out was deleting them by hand.
"""

from __future__ import annotations

import json

from tests.faults.conftest import Workspace
from tests.support.simweb import SimWeb, html


def test_folders_no_longer_cited_are_reported_and_pruned_on_request(
    simweb: SimWeb, workspace: Workspace
) -> None:
    base = f"http://127.0.0.1:{simweb.http_port}"
    simweb.route("127.0.0.1", "/kept", html("<p>The page that is still cited.</p>"))
    simweb.route("127.0.0.1", "/dropped", html("<p>The page the editors took out.</p>"))
    both = workspace.document(f"{base}/kept", f"{base}/dropped", name="first.md")
    assert workspace.run("archive", str(both)).returncode == 0
    before = sorted(p.parent.name for p in workspace.store.glob("*/meta.json"))
    assert len(before) == 2
    (kept,) = [
        p.parent.name
        for p in workspace.store.glob("*/meta.json")
        if json.loads(p.read_text())["url"].endswith("/kept")
    ]
    (dropped,) = set(before) - {kept}
    one = workspace.document(f"{base}/kept", name="second.md")

    run = workspace.run("run", str(one), "--output", "out")
    assert run.returncode == 0, run.stderr
    markdown = (workspace.root / "out" / "report.md").read_text()
    assert "## Snapshots no longer cited" in markdown and dropped in markdown
    data = json.loads((workspace.root / "out" / "report.json").read_text())
    assert [(d["snapshot"], d["url"]) for d in data["leftover_snapshots"]] == [
        (dropped, f"{base}/dropped")
    ]
    assert dropped in (workspace.root / "out" / "report.html").read_text()

    dry = workspace.run("prune", str(one))
    assert dry.returncode == 0, dry.stderr
    assert dry.stdout == f"would delete snapshots/{dropped}/  {base}/dropped\n"
    assert (workspace.store / dropped / "meta.json").is_file()  # a dry run deletes nothing

    applied = workspace.run("prune", str(one), "--apply")
    assert applied.returncode == 0, applied.stderr
    assert applied.stdout == f"deleted snapshots/{dropped}/  {base}/dropped\n"
    assert not (workspace.store / dropped).exists()
    assert not (workspace.store / ".warc" / dropped).exists()
    assert (workspace.store / kept / "meta.json").is_file()
    assert (workspace.store / ".warc" / kept).is_dir()
    again = workspace.run("prune", str(one))
    assert again.stdout == "" and "is cited by" in again.stderr
