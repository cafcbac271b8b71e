"""Package metadata fit to publish: licence, URLs, classifiers, a README that renders on PyPI,
and an sdist that carries the tests — built as for PyPI (``python -m build``), checked by
``twine check``, and the tests run from the unpacked sdist."""

from __future__ import annotations

import re
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
CANONICAL = "https://github.com/citecheck/citecheck"


def test_licence_file_matches_the_declared_licence() -> None:
    assert PROJECT["license"] == "MIT"
    assert PROJECT["license-files"] == ["LICENSE"]
    text = (ROOT / "LICENSE").read_text("utf-8")
    assert text.startswith("MIT License\n\nCopyright (c) ")
    assert "Permission is hereby granted, free of charge" in text


def test_project_urls_name_the_canonical_repository() -> None:
    urls = PROJECT["urls"]
    assert urls["Homepage"] == urls["Source"] == CANONICAL
    assert all(url.startswith(CANONICAL) for url in urls.values())
    assert CANONICAL in (ROOT / "citecheck" / "config.py").read_text("utf-8")  # user agent


def test_classifiers_are_known_to_pypi() -> None:
    trove = pytest.importorskip("trove_classifiers")
    unknown = set(PROJECT["classifiers"]) - set(trove.classifiers)
    assert not unknown
    assert "Programming Language :: Python :: 3.11" in PROJECT["classifiers"]  # requires-python


def test_readme_links_and_images_are_absolute_so_they_render_on_pypi() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    targets = re.findall(r"\]\(([^)\s]+)", readme)
    assert targets
    relative = [t for t in targets if not t.startswith(("https://", "http://", "#", "<http"))]
    assert not relative, relative
    assert f"{CANONICAL.replace('github.com', 'raw.githubusercontent.com')}/main/docs/" in readme


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    done = subprocess.run(
        [sys.executable, "-m", "build", "--outdir", str(out), str(ROOT)],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return out


def test_twine_check_passes(dist: Path) -> None:
    files = sorted(str(p) for p in dist.iterdir())
    assert len(files) == 2  # one sdist, one wheel
    done = subprocess.run(
        [sys.executable, "-m", "twine", "check", "--strict", *files], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_wheel_holds_the_package_only(dist: Path) -> None:
    (wheel,) = dist.glob("*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "citecheck/github/__main__.py" in names and "citecheck/report/report.css" in names
    assert not [n for n in names if n.startswith("tests/")]
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)


def test_the_sdist_carries_the_tests_and_runs_them(dist: Path, tmp_path: Path) -> None:
    (sdist,) = dist.glob("*.tar.gz")
    with tarfile.open(sdist) as tar:
        tar.extractall(tmp_path, filter="data")
    (unpacked,) = tmp_path.iterdir()
    for needed in ("tests/conftest.py", "tests/support/simweb.py", "tests/e2e/world.py",
                   "tests/report/sarif/sarif-schema-2.1.0.json", "tests/adopt/fixtures/report.md",
                   "references/technology-facilitated-child-sex-trafficking-2018.md",
                   "action.yml", ".pre-commit-hooks.yaml", "LICENSE", "CHANGELOG.md"):  # fmt: skip
        assert (unpacked / needed).is_file(), needed
    assert not list(unpacked.rglob("__pycache__"))
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
         "tests/report/test_sarif.py", "tests/adopt/test_lint.py"],
        cwd=unpacked, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout[-3000:]
    assert re.search(r"\b\d+ passed\b", done.stdout)
