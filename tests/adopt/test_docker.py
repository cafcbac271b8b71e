"""The container image: a small, non-root, two-stage build; linted by hadolint everywhere it
installs, built and run only where a Docker engine answers (CI's docker job)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]
DOCKERFILE = ROOT / "Dockerfile"


def _hadolint() -> str | None:
    beside = Path(sys.executable).with_name("hadolint")
    return str(beside) if beside.exists() else shutil.which("hadolint")


def _docker_engine() -> bool:
    docker = shutil.which("docker")
    if docker is None:
        return False
    return subprocess.run([docker, "info"], capture_output=True, timeout=30).returncode == 0


def test_two_stages_non_root_and_citecheck_as_entrypoint() -> None:
    text = DOCKERFILE.read_text("utf-8")
    stages = re.findall(r"^FROM (\S+)(?: AS (\w+))?$", text, re.MULTILINE)
    assert len(stages) == 2 and stages[0][1] == "build"
    assert all(image.endswith("-slim-bookworm") for image, _ in stages)
    (user,) = re.findall(r"^USER (\S+)$", text, re.MULTILINE)
    assert user.split(":")[0] not in ("0", "root")
    assert 'ENTRYPOINT ["citecheck"]' in text and "WORKDIR /data" in text
    assert "--mount=type=bind,from=build" in text  # the wheels never become a layer
    ignored = (ROOT / ".dockerignore").read_text("utf-8").splitlines()
    assert ignored[1] == "*" and "!citecheck/" in ignored


@pytest.mark.skipif(_hadolint() is None, reason="hadolint does not install on this platform")
def test_hadolint_is_clean() -> None:
    hadolint = _hadolint()
    assert hadolint is not None
    done = subprocess.run([hadolint, "--no-color", str(DOCKERFILE)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.skipif(_hadolint() is None, reason="hadolint does not install on this platform")
def test_hadolint_catches_a_root_image(tmp_path: Path) -> None:
    hadolint = _hadolint()
    assert hadolint is not None
    broken = DOCKERFILE.read_text("utf-8").replace("USER 10001:10001", "USER root")
    (tmp_path / "Dockerfile").write_text(broken, "utf-8")
    done = subprocess.run([hadolint, str(tmp_path / "Dockerfile")], capture_output=True, text=True)
    assert done.returncode != 0 and "DL3002" in done.stdout


@pytest.mark.skipif(not _docker_engine(), reason="no Docker engine here (CI's docker job builds)")
def test_the_image_builds_and_runs_as_the_readme_says(tmp_path: Path) -> None:
    subprocess.run(["docker", "build", "--tag", "citecheck:test", str(ROOT)], check=True,
                   timeout=1200)  # fmt: skip
    shutil.copy(ROOT / "tests/adopt/fixtures/report.md", tmp_path / "report.md")
    done = subprocess.run(
        ["docker", "run", "--rm", "-v", f"{tmp_path}:/data", "-w", "/data", "citecheck:test",
         "parse", "report.md"], capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("notes      3\n")
