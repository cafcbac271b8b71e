"""The GitHub Action (``action.yml``): valid, and its steps run as the runner runs them.

The steps run in bash with ``GITHUB_*`` variables pointing at temporary files (see
``composite.py``), citecheck installed from this checkout into the action's own virtualenv, and
the sources served by the simulated web through a local forward proxy. The test reads back the
job summary, the annotations, the outputs, the uploaded report and the fixed document.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import trustme
import yaml

from citecheck.check import Resolver
from tests.adopt import composite
from tests.e2e import world as w
from tests.e2e.proxy import ForwardProxy
from tests.support.simweb import Reply, SimWeb, redirect
from tests.support.wayback import WaybackServer

ROOT = Path(__file__).parents[2]
ALIVE = "https://www.unodc.org/unodc/en/frontpage/2013/September/un-crime-body.html"
GONE = "https://judiciary.house.gov/wp-content/uploads/2017/09/Leary-Testimony-Final.pdf"
MOVED = "http://www.ilo.org/global/topics/forced-labour/lang--en/index.htm"
MOVED_TO = "https://www.ilo.org/topics/forced-labour"
SMALL = f"""# A small report

Claims.[^1] More claims.[^2] Even more.[^3]

[^1]: UNODC, *UN Crime Body to Combat Online Child Abuse*, Sep. 27, 2013, at <{ALIVE}> (last visited Oct. 5, 2018).
[^2]: *Testimony of Mary Graw Leary*, 2017, at <{GONE}> (last visited Oct. 5, 2018).
[^3]: ILO, *Forced labour*, at <{MOVED}> (last visited Oct. 9, 2018).
"""  # noqa: E501
OTHER = f"""# Another report

One claim.[^1]

[^1]: UNODC, *UN Crime Body*, at <{ALIVE}> (last visited Oct. 5, 2018).
"""


class _WithLoopback:
    def __init__(self, inner: Resolver) -> None:
        self.inner = inner

    async def resolve(self, host: str, port: int) -> Sequence[tuple[str, int]]:
        if host == "127.0.0.1":
            return [(host, port)]
        return await self.inner.resolve(host, port)


@dataclass(frozen=True)
class Job:
    workspace: Path
    args: str
    runner: composite.Runner


@pytest.fixture(scope="module")
def runner_temp(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One RUNNER_TEMP for the module: the action's virtualenv is installed once."""
    return tmp_path_factory.mktemp("runner-temp")


@pytest.fixture
def job(tmp_path: Path, runner_temp: Path, ca: trustme.CA) -> Iterator[Job]:
    workspace = tmp_path / "workspace"
    (workspace / "docs").mkdir(parents=True)
    (workspace / "docs" / "small.md").write_text(SMALL, "utf-8")
    (workspace / "docs" / "other.md").write_text(OTHER, "utf-8")
    pem = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(pem))
    hosts = ("www.unodc.org", "judiciary.house.gov", "www.ilo.org")
    with SimWeb(tls_hosts=hosts, ca=ca) as web, WaybackServer() as archive:
        web.route("www.unodc.org", urlsplit(ALIVE).path, w.page(ALIVE))
        web.route("judiciary.house.gov", urlsplit(GONE).path, Reply(404, body=b"Not Found"))
        web.route("www.ilo.org", urlsplit(MOVED).path, redirect(MOVED_TO, 301))
        web.route("www.ilo.org", urlsplit(MOVED_TO).path, w.page(MOVED))
        archive.add_capture(GONE, "20181005120000", w.page(GONE).body)
        (workspace / "citecheck.toml").write_text(
            "retries = 0\nper-host-interval = 0.0\nsoft404-probe = false\n"
            f'availability-url = "{archive.availability_url}"\n'
            f'wayback-url = "{archive.base_url}"\n',
            encoding="utf-8",
        )
        with ForwardProxy(_WithLoopback(web.resolver())) as proxy:
            fakes: dict[str, composite.Fake] = {
                "actions/setup-python": composite.setup_python,
                "actions/upload-artifact": composite.upload_artifact,
            }
            runner = composite.Runner(ROOT, workspace, runner_temp, composite.environment(), fakes)
            yield Job(workspace, f"--proxy {proxy.url} --ca-bundle '{pem}' --timeout 5", runner)


def _step(runner: composite.Runner, name: str) -> composite.StepResult:
    return next(r for r in runner.results if r.name == name)


def test_action_yml_is_valid_against_the_github_action_schema() -> None:
    done = _check_jsonschema("vendor.github-actions", ROOT / "action.yml")
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_schema_check_catches_a_broken_action(tmp_path: Path) -> None:
    broken = yaml.safe_load((ROOT / "action.yml").read_text("utf-8"))
    broken["runs"]["using"] = "composite-ish"
    (tmp_path / "action.yml").write_text(yaml.safe_dump(broken), "utf-8")
    assert _check_jsonschema("vendor.github-actions", tmp_path / "action.yml").returncode != 0


def _check_jsonschema(schema: str, path: Path) -> subprocess.CompletedProcess[str]:
    beside = Path(sys.executable).with_name("check-jsonschema")
    tool = str(beside) if beside.exists() else shutil.which("check-jsonschema")
    assert tool, "check-jsonschema is missing: install the test extra"
    return subprocess.run(
        [tool, "--builtin-schema", schema, str(path)], capture_output=True, text=True, timeout=60
    )


def test_action_runs_checks_annotates_summarises_uploads_and_fixes(job: Job) -> None:
    outputs = job.runner.run(
        {"documents": "docs/*.md\n", "fail-on": "any", "args": job.args, "fix": "true"}
    )
    run = _step(job.runner, "Check, archive and report")
    assert run.returncode == 0, run.stdout + run.stderr
    # Outputs: counts over both documents, the worst exit code, the report's paths.
    assert outputs["exit-code"] == "1"
    assert (outputs["documents"], outputs["total"], outputs["needs-editor"]) == ("2", "4", "2")
    assert (outputs["gone"], outputs["moved"], outputs["alive"]) == ("1", "1", "2")
    assert outputs["fixed-documents"] == "docs/other.md\ndocs/small.md"  # sorted by the glob
    report_dir = Path(outputs["report-dir"])
    assert outputs["report"] == str(report_dir / "report.md")
    # Annotations: one warning per citation needing an editor, at its line, escaped.
    warnings = [line for line in run.stdout.splitlines() if line.startswith("::warning ")]
    assert len(warnings) == 2
    col = SMALL.splitlines()[5].index(f"<{GONE}>") + 1
    assert warnings[0].startswith(
        f"::warning file=docs/small.md,line=6,endLine=6,col={col},endColumn={col + len(GONE) + 2},"
        "title=citecheck%3A A cited source is gone::Gone: " + GONE
    )
    assert warnings[1].startswith("::warning file=docs/small.md,line=7,")
    assert "title=citecheck%3A A cited source has moved::Moved: " + MOVED in warnings[1]
    # The job summary: the change report of each document, then the link to the artifact.
    summary = job.runner.summary.read_text("utf-8")
    assert summary.startswith("# citecheck change report: other.md\n")
    assert "\n---\n\n# citecheck change report: small.md\n" in summary
    assert "### Gone (1)" in summary and "### Moved (1)" in summary
    assert summary.endswith(
        "Full report (HTML, JSON, CSV, SARIF): "
        "[citecheck-report](https://github.test/artifacts/citecheck-report) from "
        "[this workflow run](https://github.test/owner/repo/actions/runs/42).\n"
    )
    assert Path(outputs["pr-body"]).read_text("utf-8") == summary
    # The artifact: every format of every document, and the merged SARIF log.
    artifact = job.runner.files / "artifacts" / "citecheck-report"
    assert sorted(p.name for p in (artifact / "docs-small.md").glob("report.*")) == [
        "report.csv", "report.html", "report.json", "report.md", "report.sarif",
    ]  # fmt: skip
    sarif = json.loads((artifact / "report.sarif").read_text("utf-8"))
    assert len(sarif["runs"]) == 1 and len(sarif["runs"][0]["results"]) == 2
    # fix: the document itself now carries the fixes; the other needed none.
    fixed = (job.workspace / "docs" / "small.md").read_text("utf-8")
    assert f"<{MOVED_TO}>" in fixed and f"/web/20181005120000/{GONE}>" in fixed
    assert (job.workspace / "docs" / "other.md").read_text("utf-8") != OTHER  # date refreshed
    # The last step fails the job as citecheck decided.
    failed = _step(job.runner, "Fail as citecheck decided")
    assert failed.returncode == 1
    assert "::error title=citecheck::citecheck exited 1" in failed.stdout


def test_no_matching_document_fails_when_asked(job: Job) -> None:
    outputs = job.runner.run({"documents": "nothing/*.md", "args": job.args})
    run = _step(job.runner, "Check, archive and report")
    assert "::error::citecheck: no document matches the `documents` input" in run.stdout
    assert outputs["exit-code"] == "2"
    assert not _step(job.runner, "Job summary").ran
    assert _step(job.runner, "Fail as citecheck decided").returncode == 2
