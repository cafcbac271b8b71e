"""Nothing checked is not success (issue 17): its own exit code, 4, a line saying why, and no
snapshot written for a link that was skipped."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from citecheck.cli import app
from tests.support.simweb import SimWeb, html

runner = CliRunner()
NO_URLS = "A claim.[^1] Another.[^2]\n\n[^1]: Jane Doe, *A Book* 12 (2017).\n[^2]: *Id.* at 14.\n"


def _document(tmp_path: Path, *urls: str) -> Path:
    notes = "".join(f"Claim {n}.[^{n}] " for n in range(1, len(urls) + 1))
    defs = "\n".join(
        f"[^{n}]: *Page {n}*, at <{url}> (last visited Oct. 5, 2018)."
        for n, url in enumerate(urls, 1)
    )
    path = tmp_path / "doc.md"
    path.write_text(f"{notes}\n\n{defs}\n", encoding="utf-8")
    return path


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("command", ["check", "archive", "run"])
def test_a_document_without_urls_checks_nothing(here: Path, command: str) -> None:
    (here / "doc.md").write_text(NO_URLS, encoding="utf-8")
    result = runner.invoke(app, [command, "doc.md", "-f", "json"])
    assert result.exit_code == 4
    assert result.stderr.splitlines()[-1] == (
        "citecheck: nothing was checked: the document cites no URL"
    )
    assert not (here / "snapshots").exists()


@pytest.mark.parametrize("command", ["check", "archive", "run"])
def test_every_link_excluded_checks_nothing_and_writes_no_snapshot(
    here: Path, simweb: SimWeb, command: str
) -> None:
    base = f"http://127.0.0.1:{simweb.http_port}"
    simweb.route("127.0.0.1", "/a", html("<p>a page</p>"))
    document = _document(here, f"{base}/a", f"{base}/b")
    (here / "citecheck.toml").write_text('exclude = ["/a$"]\n', encoding="utf-8")
    result = runner.invoke(app, [command, str(document), "-f", "json"])
    assert result.exit_code == 4, result.stderr
    assert result.stderr.splitlines()[-1] == (
        "citecheck: nothing was checked: all 2 links were skipped (1 by `exclude`, 1 by the "
        "address guard (--allow-private checks them))"
    )
    assert not (here / "snapshots").exists()
    assert simweb.requests == []


def test_a_skipped_link_beside_a_checked_one_gets_no_snapshot(here: Path, simweb: SimWeb) -> None:
    base = f"http://127.0.0.1:{simweb.http_port}"
    simweb.route("127.0.0.1", "/a", html("<p>a page</p>"))
    document = _document(here, f"{base}/a", f"{base}/b")
    (here / "citecheck.toml").write_text('exclude = ["/b$"]\n', encoding="utf-8")
    args = ["archive", str(document), "--allow-private", "--wayback-url", f"{base}/nowhere"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines()[-3] == "checked 2 links: 1 alive · 1 skipped"
    metas = [p.read_text() for p in (here / "snapshots").glob("*/meta.json")]
    assert len(metas) == 1 and f'"url": "{base}/a"' in metas[0]
