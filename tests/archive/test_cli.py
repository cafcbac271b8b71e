"""``citecheck archive`` and ``citecheck check --format json`` as a user runs them (subprocess)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from citecheck.archive import archive_links
from citecheck.config import Settings
from citecheck.parse import links as parse_links
from citecheck.parse import parse_document
from citecheck.read import read_document
from tests.archive.helpers import no_sleep, tree
from tests.support.simweb import SimWeb, html
from tests.support.wayback import WaybackServer

PAGES = Path(__file__).parent / "pages"
DOCUMENT = "\n".join(
    [
        "# A report",
        "",
        "Body text cites a source.[^1] And another.[^2]",
        "",
        "[^1]: Jane Doe, *Hotline Reports Rose Sharply*, Example Network (Oct. 3, 2018), "
        "{base}/news/a (last visited Oct. 5, 2018).",
        "[^2]: John Roe, *A Page That Went Away*, Example (2017), {base}/gone "
        "(last visited Oct. 5, 2018).",
        "",
    ]
)


@pytest.fixture
def report(simweb: SimWeb, wayback: WaybackServer, tmp_path: Path) -> Path:
    base = f"http://127.0.0.1:{simweb.http_port}"
    simweb.route("127.0.0.1", "/news/a", html((PAGES / "article-2026-rewritten.html").read_text()))
    simweb.route("127.0.0.1", "/gone", html("no", status=404))
    wayback.add_capture(
        f"{base}/news/a", "20181003000000", (PAGES / "article-2018.html").read_bytes()
    )
    path = tmp_path / "report.md"
    path.write_text(DOCUMENT.format(base=base))
    return path


def citecheck(
    tmp_path: Path, wayback: WaybackServer, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    network = ["--allow-private", "--wayback-url", wayback.base_url, "--timeout", "5"]
    clean = {k: v for k, v in os.environ.items() if "SPN" not in k and not k.startswith("IA_")}
    return subprocess.run(
        [sys.executable, "-m", "citecheck", *args, *network],
        cwd=tmp_path,
        env={**clean, **(env or {})},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_archive_json_then_check_json_reads_the_store_then_an_outage_changes_nothing(
    report: Path, wayback: WaybackServer, tmp_path: Path
) -> None:
    done = citecheck(tmp_path, wayback, "archive", str(report), "--format", "json")
    assert done.returncode == 1, done.stderr  # one link is gone
    links = {link["url"].rsplit("/", 1)[1]: link for link in json.loads(done.stdout)["links"]}
    assert links["a"]["content"] == "changed"
    assert links["a"]["similarity"] < 0.1
    assert links["a"]["archive_url"].endswith("/web/20181003000000/" + links["a"]["url"])
    assert (links["gone"]["verdict"], links["gone"]["content"]) == ("gone", "unavailable")
    assert done.stderr.splitlines()[-3:] == [
        "checked 2 links: 1 alive · 1 gone",
        "1 changed since cited · 2 need an editor",
        "snapshots: snapshots",
    ]
    before = tree(tmp_path / "snapshots")
    checked = citecheck(tmp_path, wayback, "check", str(report), "--format", "json")
    assert checked.returncode == 1, checked.stderr
    by_name = {link["url"].rsplit("/", 1)[1]: link for link in json.loads(checked.stdout)["links"]}
    assert by_name["a"]["content"] == "changed"
    assert by_name["a"]["archive_url"] == links["a"]["archive_url"]
    assert tree(tmp_path / "snapshots") == before  # check only reads the store
    report.write_text(
        report.read_text().replace("http://127.0.0.1:", "http://unresolvable.invalid:")
    )
    offline = citecheck(tmp_path, wayback, "archive", str(report))
    assert offline.returncode == 3, offline.stderr
    assert "not checked: inconclusive" in offline.stderr
    assert "snapshots: snapshots (unchanged)" in offline.stderr
    assert tree(tmp_path / "snapshots") == before


def test_archive_table_names_the_drift(
    report: Path, wayback: WaybackServer, tmp_path: Path
) -> None:
    done = citecheck(tmp_path, wayback, "archive", str(report), "--snapshots", "store")
    assert done.returncode == 1, done.stderr
    assert "Changed since cited" in done.stdout and "corrected" in done.stdout
    assert "0.0" in done.stdout  # its similarity to the cited text
    assert (tmp_path / "store").is_dir() and not (tmp_path / "snapshots").exists()


def test_save_without_keys_is_a_usage_error(
    report: Path, wayback: WaybackServer, tmp_path: Path
) -> None:
    done = citecheck(tmp_path, wayback, "archive", str(report), "--save")
    assert done.returncode == 2
    assert done.stderr.strip().startswith("citecheck: error: --save needs Save Page Now keys")
    assert "Traceback" not in done.stderr


def test_save_takes_keys_from_the_environment(
    report: Path,
    wayback: WaybackServer,
    settings: Settings,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """In process (SPN's real polling pauses would cost seconds in a subprocess)."""
    wayback.spn.keys = ("env-access", "env-secret-9f8e7d")
    monkeypatch.setenv("IA_ACCESS_KEY", "env-access")
    monkeypatch.setenv("IA_SECRET_KEY", "env-secret-9f8e7d")
    found = parse_links(parse_document(read_document(report)))
    store = tmp_path / "snapshots"
    run = archive_links(found, settings, store, save=True, sleep=no_sleep)
    assert [s.save_url is not None for s in run.statuses] == [True, False]
    for path in store.rglob("*"):
        assert not path.is_file() or b"env-secret-9f8e7d" not in path.read_bytes()
