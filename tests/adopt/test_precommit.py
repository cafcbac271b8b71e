"""The pre-commit hook as users run it: ``pre-commit try-repo`` installs it from this repository
(``language: python``: pip installs citecheck into the hook's own environment, from the package
index like any hook) and runs it on a fixture document — passing, then failing on a seeded defect.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).parents[2]
FIXTURE = Path(__file__).parent / "fixtures" / "report.md"
HOOKS = ROOT / ".pre-commit-hooks.yaml"
UNDATED = "[^4]: *Blog*, at <https://polarisproject.org/blog/average-age>.\n"


def _tool(name: str) -> str:
    beside = Path(sys.executable).with_name(name)
    found = str(beside) if beside.exists() else shutil.which(name)
    assert found, f"{name} is missing: install the test extra"
    return found


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pre-commit-home")


def _env(home: Path) -> dict[str, str]:
    return {
        **os.environ,
        "PRE_COMMIT_HOME": str(home),
        # try-repo commits a shadow copy of uncommitted changes; CI has no git identity.
        "GIT_AUTHOR_NAME": "test",
        "GIT_AUTHOR_EMAIL": "test@example.invalid",
        "GIT_COMMITTER_NAME": "test",
        "GIT_COMMITTER_EMAIL": "test@example.invalid",
    }


def _git(repo: Path, *args: str, env: dict[str, str]) -> None:
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


def _try_repo(repo: Path, home: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [_tool("pre-commit"), "try-repo", str(ROOT), "citecheck-lint", "--files", "report.md"],
        cwd=repo, env=_env(home), capture_output=True, text=True, timeout=600,
    )  # fmt: skip


def test_the_hook_is_offline_serial_and_runs_citecheck_lint() -> None:
    (hook,) = yaml.safe_load(HOOKS.read_text("utf-8"))
    assert hook["id"] == "citecheck-lint"
    assert hook["entry"] == "citecheck lint"
    assert hook["language"] == "python"
    assert hook["require_serial"] is True
    assert set(hook["types_or"]) == {"markdown", "plain-text"}


@pytest.mark.skipif(not (ROOT / ".git").exists(), reason="needs this project as a git checkout")
def test_try_repo_passes_accepted_warnings_and_fails_a_seeded_defect(
    tmp_path: Path, pre_commit_home: Path
) -> None:
    env = _env(pre_commit_home)
    _git(tmp_path, "init", "-q", env=env)
    shutil.copy(FIXTURE, tmp_path / "report.md")
    # The fixture's one warning (note 2 has no visit date) is accepted in the baseline.
    subprocess.run(
        [_tool("citecheck"), "lint", "report.md", "--update-baseline"],
        cwd=tmp_path, check=True, capture_output=True,
    )  # fmt: skip
    _git(tmp_path, "add", "report.md", ".citecheck-baseline.json", env=env)
    passed = _try_repo(tmp_path, pre_commit_home)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "citecheck lint (footnotes, offline)" in passed.stdout and "Passed" in passed.stdout

    with (tmp_path / "report.md").open("a", encoding="utf-8") as fh:
        fh.write(UNDATED)
    failed = _try_repo(tmp_path, pre_commit_home)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "Failed" in failed.stdout
    assert (
        "report.md:8: note 4: url-without-date: no 'last visited' date for "
        "https://polarisproject.org/blog/average-age" in failed.stdout
    )
    assert "2 new warnings not in .citecheck-baseline.json" in failed.stdout
