"""Settings: defaults, pyproject.toml < citecheck.toml < command line, and one-line errors."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from citecheck.config import DEFAULT_HEADERS, Settings, load_settings, resolve_settings
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


# Each setting error names the file and the key as the user wrote it, says what was expected,
# and stays one line (issue 17); the ones marked 19 raised a traceback before (issue 19, part 4).
@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("tiemout = 3", "unknown setting 'tiemout'; did you mean 'timeout'?"),
        ("max-concurency = 3", "unknown setting 'max-concurency'; did you mean 'max-concurrency'?"),
        ("zzz = 3", "unknown setting 'zzz'; `citecheck config` lists every setting"),
        ("timeout = 'soon'", "timeout must be a number, got 'soon'"),
        ("timeout = true", "timeout must be a number, got True"),
        ("per-host = 1.5", "per-host must be a whole number, got 1.5"),
        ("per_host = 1.5", "per_host must be a whole number, got 1.5"),
        ("per-host-interval = 'x'", "per-host-interval must be a number, got 'x'"),
        ("head-first = 'yes'", "head-first must be true or false, got 'yes'"),
        ("exclude = ['(']", "exclude: '(' is not a regular expression"),
        ("exclude = 'x'", "exclude must be a list of patterns, got 'x'"),
        ("exclude = [1]", "exclude must be a list of patterns, got 1"),
        ("timeout = 0", "timeout must be a positive number of seconds, got 0.0"),
        ("per-host = 0", "per-host must be at least 1, got 0"),
        ("ca-bundle = 'missing.pem'", "ca-bundle: no such file"),
        ("timeout = [", "not valid TOML (Invalid value (at end of document))"),
        ("[timeout]", "timeout must be a number, got a table"),
        # issue 19
        ('headers = "abc"', "headers must be a table of header names and values"),
        ("headers = [1, 2]", "headers must be a table of header names and values"),
        ('headers = [["a"]]', "headers must be a table of header names and values"),
        ("timeout = nan", "timeout must be a finite number, got nan"),
        ("timeout = inf", "timeout must be a finite number, got inf"),
        ("proxy = 'not-a-proxy'", "proxy: 'not-a-proxy' is not the URL of a proxy"),
        ("proxy = 'socks5://127.0.0.1:1'", "SOCKS proxies are not supported"),
        ("proxy = 'http://[::1'", "proxy: 'http://[::1' is not a URL (Invalid IPv6 URL)"),
        ("proxy = 'http://proxy:port'", "is not a URL (Port could not be cast"),
        ('[headers]\nX-A = "1\\r\\nX-Evil: 1"', "headers: X-A holds a line break or NUL"),
        ("[headers]\nX-A = 1", "headers: X-A must be text, got 1"),
        ('[headers]\n"X A" = "1"', "headers: 'X A' is not a header name"),
        ('user-agent = "a\\nb"', "user-agent must be one line of text"),
        ("wayback-url = 'web.archive.org'", "wayback-url: 'web.archive.org' is not the URL of"),
    ],
)
def test_bad_settings_are_one_line_errors(tmp_path: Path, text: str, message: str) -> None:
    _write(tmp_path / "citecheck.toml", text + "\n")
    with pytest.raises(ConfigError) as info:
        load_settings(tmp_path)
    assert str(info.value).startswith(f"{tmp_path / 'citecheck.toml'}: ")
    assert message in str(info.value)
    assert "\n" not in str(info.value)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[tool]\ncitecheck = 5", "pyproject.toml: [tool.citecheck] must be a table, got 5"),
        ("[tool.citecheck]\nper-host = 'two'", "pyproject.toml: [tool.citecheck] per-host must"),
        ("[tool.citecheck]\ntimout = 2", "unknown setting 'timout' in [tool.citecheck]; did"),
    ],
)
def test_pyproject_errors_name_the_table(tmp_path: Path, text: str, message: str) -> None:
    _write(tmp_path / "pyproject.toml", text + "\n")
    with pytest.raises(ConfigError, match=re.escape(message)):
        load_settings(tmp_path)


def test_a_pyproject_without_citecheck_is_no_concern(tmp_path: Path) -> None:
    _write(tmp_path / "pyproject.toml", "tool = 5\n")
    assert load_settings(tmp_path) == Settings()


def test_non_utf8_file_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "citecheck.toml").write_bytes("timeout = 5 # caf\u00e9\n".encode("latin-1"))
    with pytest.raises(ConfigError) as info:
        load_settings(tmp_path)
    assert str(info.value) == (
        f"{tmp_path / 'citecheck.toml'}: not UTF-8 text (byte 0xe9 at offset 17); save it as UTF-8"
    )


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"max_concurrency": 0}, "--max-concurrency must be at least 1, got 0"),
        ({"timeout": float("nan")}, "--timeout must be a finite number, got nan"),
        ({"proxy": "not-a-proxy"}, "--proxy: 'not-a-proxy' is not the URL of a proxy"),
        ({"proxy": "socks5://127.0.0.1:1"}, "--proxy: 'socks5://127.0.0.1:1': SOCKS proxies"),
    ],
)
def test_option_values_are_validated_too(
    tmp_path: Path, overrides: dict[str, object], message: str
) -> None:
    with pytest.raises(ConfigError) as info:
        load_settings(tmp_path, overrides)
    assert str(info.value).startswith(message)
    assert load_settings(tmp_path, {"ca_bundle": None}).ca_bundle is None


def test_config_names_one_file_instead(tmp_path: Path) -> None:
    _write(tmp_path / "citecheck.toml", "timeout = 7\n")
    elsewhere = tmp_path / "conf" / "checks.toml"
    elsewhere.parent.mkdir()
    _write(elsewhere, "per-host = 3\n")
    resolved = resolve_settings(tmp_path, {"retries": 5}, config=elsewhere)
    assert resolved.settings == Settings(per_host=3, retries=5)  # ./citecheck.toml not read
    assert str(resolved.origins["per_host"]) == str(elsewhere)
    assert str(resolved.origins["retries"]) == "--retries"
    assert str(resolved.origins["timeout"]) == "default"
    with pytest.raises(ConfigError, match=r"--config .*missing\.toml: no such file"):
        load_settings(tmp_path, config=tmp_path / "missing.toml")


def test_origins_tell_each_file(tmp_path: Path) -> None:
    _write(tmp_path / "pyproject.toml", "[tool.citecheck]\nretries = 4\ntimeout = 5\n")
    _write(tmp_path / "citecheck.toml", "timeout = 7\n")
    origins = resolve_settings(tmp_path).origins
    assert str(origins["retries"]) == f"{tmp_path / 'pyproject.toml'} [tool.citecheck]"
    assert str(origins["timeout"]) == str(tmp_path / "citecheck.toml")
    assert set(origins) == {f.name for f in dataclasses.fields(Settings)}
