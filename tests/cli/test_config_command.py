"""``citecheck config``: the effective settings as a citecheck.toml, with where each came from."""

from __future__ import annotations

import dataclasses
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from citecheck.cli import app
from citecheck.config import DESCRIPTIONS, Settings, load_settings

runner = CliRunner()


def test_every_setting_is_described() -> None:
    assert set(DESCRIPTIONS) == {f.name for f in dataclasses.fields(Settings)}


def test_defaults_are_a_complete_citecheck_toml(tmp_path: Path) -> None:
    result = runner.invoke(app, ["config", "--defaults"])
    assert result.exit_code == 0
    written = tomllib.loads(result.stdout)
    settable = {f.name.replace("_", "-") for f in dataclasses.fields(Settings)}
    unset = {"proxy", "ca-bundle", "availability-url"}  # TOML has no null: commented out
    assert set(written) == settable - unset
    for key in unset:
        assert f"# {key} = (not set)" in result.stdout
    (tmp_path / "citecheck.toml").write_text(result.stdout, encoding="utf-8")
    assert load_settings(tmp_path) == Settings()  # it reads back as the defaults


def test_effective_settings_say_where_each_came_from(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text(
        "[tool.citecheck]\nretries = 4\ntimeout = 5\n", encoding="utf-8"
    )
    (tmp_path / "citecheck.toml").write_text(
        'timeout = 7\n[headers]\nAccept-Language = "fr"\n', encoding="utf-8"
    )
    result = runner.invoke(app, ["config", "--per-host", "3"])
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "timeout = 7.0                            # citecheck.toml" in lines
    assert "retries = 4                              # pyproject.toml [tool.citecheck]" in lines
    assert "per-host = 3                             # --per-host" in lines
    assert "max-redirects = 10                       # default" in lines
    assert lines[-2:] == [
        "[headers]                                # citecheck.toml",
        'Accept-Language = "fr"',
    ]
    (tmp_path / "copy.toml").write_text(result.stdout, encoding="utf-8")
    copied = load_settings(tmp_path, config=tmp_path / "copy.toml")
    assert copied == load_settings(tmp_path, {"per_host": 3})


def test_config_reports_a_bad_file_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "citecheck.toml").write_text("per-host-intervall = 1\n", encoding="utf-8")
    result = runner.invoke(app, ["config"])
    assert result.exit_code == 2
    assert result.stderr == (
        "citecheck: error: citecheck.toml: unknown setting 'per-host-intervall'; "
        "did you mean 'per-host-interval'?\n"
    )
