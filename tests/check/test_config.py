"""Settings: defaults, pyproject.toml < citecheck.toml < command line, and one-line errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from citecheck.config import DEFAULT_HEADERS, Settings, load_settings
from citecheck.errors import ConfigError


def _write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


def test_defaults_without_files(tmp_path: Path) -> None:
    assert load_settings(tmp_path) == Settings()
    assert Settings().headers == DEFAULT_HEADERS


def test_precedence_pyproject_then_citecheck_toml_then_options(tmp_path: Path) -> None:
    _write(
        tmp_path / "pyproject.toml",
        "[tool.citecheck]\ntimeout = 5\nper-host = 3\nretries = 4\nmax_concurrency = 10\n",
    )
    _write(tmp_path / "citecheck.toml", "timeout = 7.5\nper_host = 1\n")
    settings = load_settings(tmp_path, {"timeout": 2.0, "per_host": None})
    assert settings.timeout == 2.0  # command line wins
    assert settings.per_host == 1  # citecheck.toml beats pyproject.toml; None = not given
    assert settings.retries == 4  # only pyproject.toml sets it
    assert settings.max_concurrency == 10  # underscores work too


def test_checker_settings_from_files(tmp_path: Path) -> None:
    (tmp_path / "certs").mkdir()
    _write(tmp_path / "certs" / "ca.pem", "not really a cert")
    _write(
        tmp_path / "citecheck.toml",
        """
per-host-interval = 0.5
retry-after-cap = 30
max-redirects = 5
head-first = true
exclude = ["^https?://(www\\\\.)?facebook\\\\.com/", "linkedin"]
ca-bundle = "certs/ca.pem"
user-agent = "EditorBot/2"
proxy = "http://proxy.internal:3128"

[headers]
Accept-Language = "fr-FR"
""",
    )
    settings = load_settings(tmp_path)
    assert settings.per_host_interval == 0.5 and settings.retry_after_cap == 30.0
    assert settings.max_redirects == 5 and settings.head_first is True
    assert settings.exclude == (r"^https?://(www\.)?facebook\.com/", "linkedin")
    assert settings.ca_bundle == tmp_path / "certs" / "ca.pem"  # relative to the file
    assert settings.user_agent == "EditorBot/2"
    assert settings.proxy == "http://proxy.internal:3128"
    assert settings.headers == (("Accept-Language", "fr-FR"),)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("tiemout = 3", "unknown setting 'tiemout'"),
        ("timeout = 'soon'", "timeout must be a number, got 'soon'"),
        ("timeout = true", "timeout must be a number, got True"),
        ("per-host = 1.5", "per-host must be a whole number, got 1.5"),
        ("head-first = 'yes'", "head-first must be true or false, got 'yes'"),
        ("exclude = ['(']", "exclude pattern '(' is not a regular expression"),
        ("exclude = 'x'", "exclude must be a list of patterns"),
        ("timeout = 0", "timeout must be positive"),
        ("per-host = 0", "max-concurrency and per-host must be at least 1"),
        ("ca-bundle = 'missing.pem'", "no such file"),
        ("timeout = [", "cannot read settings"),
    ],
)
def test_bad_settings_are_one_line_errors(tmp_path: Path, text: str, message: str) -> None:
    _write(tmp_path / "citecheck.toml", text + "\n")
    with pytest.raises(ConfigError) as info:
        load_settings(tmp_path)
    assert message in str(info.value)
    assert "\n" not in str(info.value)


def test_option_values_are_validated_too(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="max-concurrency and per-host"):
        load_settings(tmp_path, {"max_concurrency": 0})
    assert load_settings(tmp_path, {"ca_bundle": None}).ca_bundle is None
