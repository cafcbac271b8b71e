"""``citecheck run`` through the command line (typer's CliRunner, in process).

The CLI has no resolver option, so the online test goes through ``--proxy``: a local forward
proxy resolves the report's host names to SimWeb, as a real proxy would resolve them with DNS.
The archive client paces itself 1.5 s between requests in real time, so the online test uses a
three-source report; the bundled report runs end to end in test_run_pipeline.py.
"""

from __future__ import annotations

import csv
import io
import json
import socket
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import jsonschema
import pytest
import trustme
from typer.testing import CliRunner

from citecheck.archive import LOCK_NAME
from citecheck.check import Resolver
from citecheck.cli import app
from tests.e2e import world as w
from tests.e2e.proxy import ForwardProxy
from tests.support.simweb import Reply, SimWeb, redirect
from tests.support.wayback import WaybackServer

runner = CliRunner()
ALIVE = "https://www.unodc.org/unodc/en/frontpage/2013/September/un-crime-body.html"
GONE = "https://judiciary.house.gov/wp-content/uploads/2017/09/Leary-Testimony-Final.pdf"
MOVED = "http://www.ilo.org/global/topics/forced-labour/lang--en/index.htm"
MOVED_TO = "https://www.ilo.org/topics/forced-labour"
SMALL_REPORT = f"""# A small report

Claims.[^1] More claims.[^2] Even more.[^3]

[^1]: UNODC, *UN Crime Body to Combat Online Child Abuse*, Sep. 27, 2013, at <{ALIVE}> (last visited Oct. 5, 2018).
[^2]: *Testimony of Mary Graw Leary*, 2017, at <{GONE}> (last visited Oct. 5, 2018).
[^3]: ILO, *Forced labour*, at <{MOVED}> (last visited Oct. 9, 2018).
"""  # noqa: E501


class _WithLoopback:
    """The simulated web's names, plus the loopback address the local archive listens on."""

    def __init__(self, inner: Resolver) -> None:
        self.inner = inner

    async def resolve(self, host: str, port: int) -> Sequence[tuple[str, int]]:
        if host == "127.0.0.1":
            return [(host, port)]
        return await self.inner.resolve(host, port)


@dataclass(frozen=True)
class Small:
    report: Path
    proxy: str
    ca_pem: Path


@pytest.fixture
def small(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Small]:
    ca = trustme.CA()
    pem = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(pem))
    report = tmp_path / "small.md"
    report.write_text(SMALL_REPORT, encoding="utf-8")
    hosts = ("www.unodc.org", "judiciary.house.gov", "www.ilo.org")
    with SimWeb(tls_hosts=hosts, ca=ca) as web, WaybackServer() as archive:
        web.route("www.unodc.org", urlsplit(ALIVE).path, w.page(ALIVE))
        web.route("judiciary.house.gov", urlsplit(GONE).path, Reply(404, body=b"Not Found"))
        web.route("www.ilo.org", urlsplit(MOVED).path, redirect(MOVED_TO, 301))
        web.route("www.ilo.org", urlsplit(MOVED_TO).path, w.page(MOVED))
        archive.add_capture(GONE, "20181005120000", w.page(GONE).body)
        # Settings the command line has no option for come from citecheck.toml in the cwd.
        (tmp_path / "citecheck.toml").write_text(
            "retries = 0\nper-host-interval = 0.0\nsoft404-probe = false\n"
            f'availability-url = "{archive.availability_url}"\n'
            f'wayback-url = "{archive.base_url}"\n',
            encoding="utf-8",
        )
        monkeypatch.chdir(tmp_path)
        with ForwardProxy(_WithLoopback(web.resolver())) as proxy:
            yield Small(report, proxy.url, pem)


def _args(small: Small, *extra: str) -> list[str]:
    return [
        "run", str(small.report), "--snapshots", "snapshots", "--proxy", small.proxy,
        "--ca-bundle", str(small.ca_pem), "--timeout", "5", *extra,
    ]  # fmt: skip


def test_output_writes_every_format(small: Small) -> None:
    result = runner.invoke(app, _args(small, "--output", "out"))
    assert result.exit_code == 0, result.output  # first run: nothing is confirmed gone yet
    out = small.report.parent / "out"
    assert sorted(p.name for p in out.iterdir()) == [
        "report.csv", "report.html", "report.json", "report.md",
    ]  # fmt: skip
    assert result.stdout == ""  # --output alone prints nothing
    markdown = (out / "report.md").read_text(encoding="utf-8")
    assert markdown.startswith("# citecheck change report: small.md\n")
    assert "## Since the last run" in markdown
    assert "### Gone (1)" in markdown and "### Moved (1)" in markdown
    data = json.loads((out / "report.json").read_text(encoding="utf-8"))
    verdicts = {link["url"]: link["verdict"] for link in data["links"]}
    assert verdicts == {ALIVE: "alive", GONE: "gone", MOVED: "moved"}
    gone = next(link for link in data["links"] if link["url"] == GONE)
    assert gone["fix"]["text"].endswith(f"/web/20181005120000/{GONE}> (archived Oct. 5, 2018)")
    moved = next(link for link in data["links"] if link["url"] == MOVED)
    assert moved["fix"]["url"] == MOVED_TO
    rows = list(csv.DictReader(io.StringIO((out / "report.csv").read_text(encoding="utf-8-sig"))))
    assert [r["category"] for r in rows] == ["gone", "moved", "alive"]
    assert (out / "report.html").read_text(encoding="utf-8").startswith("<!doctype html>")
    assert (small.report.parent / "snapshots").is_dir()


def test_format_json_on_stdout_and_fail_on(small: Small) -> None:
    result = runner.invoke(app, _args(small, "--format", "json", "--fail-on", "any"))
    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout)
    link = next(x for x in data["links"] if x["url"] == GONE)
    for key in ("verdict", "reason", "status_code", "content", "similarity", "archive_url",
                "fix"):  # fmt: skip
        assert key in link
    assert data["report"]["status"] == "complete"
    assert "fail-on" in result.stderr


def test_unknown_fail_on_is_a_one_line_usage_error(small: Small) -> None:
    result = runner.invoke(app, _args(small, "--fail-on", "sometimes"))
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert "--fail-on: unknown condition sometimes" in result.stderr
    assert not (small.report.parent / "snapshots").exists()  # refused before any network


def snapshot_files(root: Path) -> dict[Path, bytes]:
    """Every file of the store but its lock (which the run takes before any network work)."""
    return {p: p.read_bytes() for p in root.rglob("*") if p.is_file() and p.name != LOCK_NAME}


def test_offline_run_is_inconclusive_exit_3_and_changes_no_snapshot(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    snapshots = tmp_path / "snapshots"
    (snapshots / "kept").mkdir(parents=True)
    (snapshots / "kept" / "meta.json").write_text("{}\n", encoding="utf-8")
    before = snapshot_files(snapshots)
    with socket.socket() as closed:  # a proxy port nobody listens on: every connection refused
        closed.bind(("127.0.0.1", 0))
        dead_proxy = f"http://127.0.0.1:{closed.getsockname()[1]}"
    result = runner.invoke(app, [
        "run", str(w.DOCUMENT), "--snapshots", str(snapshots), "--proxy", dead_proxy,
        "--output", "out", "--format", "markdown", "--timeout", "2",
    ])  # fmt: skip
    assert result.exit_code == 3, result.output
    lines = result.stdout.splitlines()
    assert lines[2:4] == [
        "> [!WARNING]",
        "> **inconclusive — network unreachable**: no verdict about any source was drawn and "
        "no snapshot was changed.",
    ]
    assert "inconclusive — network unreachable" in result.stderr
    assert snapshot_files(snapshots) == before
    data = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    assert data["report"]["inconclusive"] is True


def test_output_that_is_a_file_is_refused_before_the_run(tmp_path: Path) -> None:
    taken = tmp_path / "taken"
    taken.write_text("not a directory\n", encoding="utf-8")
    result = runner.invoke(app, [
        "run", str(w.DOCUMENT), "--snapshots", str(tmp_path / "snapshots"), "--output", str(taken),
    ])  # fmt: skip
    assert result.exit_code == 2
    assert result.stderr == (
        f"citecheck: error: --output {taken} is a file; give a directory for the change "
        "report files\n"
    )
    assert not (tmp_path / "snapshots").exists()


def test_format_sarif_locates_each_citation_at_its_line(small: Small) -> None:
    args = _args(small, "--format", "sarif", "--output", "out")
    args[1] = small.report.name  # relative to the working directory, as in a checkout
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    log = json.loads(result.stdout)
    schema_path = Path(__file__).parents[1] / "report" / "sarif" / "sarif-schema-2.1.0.json"
    jsonschema.Draft4Validator(json.loads(schema_path.read_text("utf-8"))).validate(log)
    found = {
        (r["ruleId"], r["properties"]["url"], r["locations"][0]["physicalLocation"]["region"][
            "startLine"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"])
        for r in log["runs"][0]["results"]
    }  # fmt: skip
    assert found == {("source-gone", GONE, 6, "small.md"), ("source-moved", MOVED, 7, "small.md")}
    assert (small.report.parent / "out" / "report.md").is_file()  # --output still writes all
