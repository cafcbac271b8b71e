"""Bad settings end a command with one line on stderr and exit 2, never a traceback (issue 19,
part 4): in process, in a directory holding the bad file, and once as a real process."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from citecheck.cli import app

DOCUMENT = (
    "A claim.[^1]\n\n[^1]: *A Page*, at <http://example.invalid/a> (last visited Oct. 5, 2018).\n"
)


@dataclass(frozen=True)
class Done:
    returncode: int
    stdout: str
    stderr: str


def citecheck(cwd: Path, *args: str, env: dict[str, str] | None = None) -> Done:
    """``citecheck check doc.md ARGS`` in ``cwd`` (the test has chdir'd there)."""
    assert Path.cwd() == cwd
    result = CliRunner(env=env).invoke(app, ["check", "doc.md", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return Done(result.exit_code, result.stdout, result.stderr)


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "doc.md").write_text(DOCUMENT, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for name in ("http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.upper(), raising=False)
    return tmp_path


CT, PP = "citecheck.toml", "pyproject.toml"
FILES = [
    (CT, 'headers = "abc"\n', f"{CT}: headers must be a table of header"),
    (CT, "headers = [1, 2]\n", f"{CT}: headers must be a table of header"),
    (CT, 'headers = [["a"]]\n', f"{CT}: headers must be a table of header"),
    (PP, "[tool]\ncitecheck = 5\n", f"{PP}: [tool.citecheck] must be a table, got 5"),
    (CT, b"timeout = 5 # \xe9t\xe9\n", f"{CT}: not UTF-8 text (byte 0xe9 at offset 14)"),
    (CT, "timeout = nan\n", f"{CT}: timeout must be a finite number, got nan"),
    (CT, "timeout = inf\n", f"{CT}: timeout must be a finite number, got inf"),
    (CT, '[headers]\nX-A = "1\\r\\nX-Evil: 1"\n', f"{CT}: headers: X-A holds a line break"),
    (CT, '[headers]\nX-A = "1\\nb"\n', f"{CT}: headers: X-A holds a line break"),
    (CT, "per-host-interval = 'x'\n", f"{CT}: per-host-interval must be a number, got 'x'"),
    (CT, "max-concurency = 3\n", f"{CT}: unknown setting 'max-concurency'; did you mean"),
]


@pytest.mark.parametrize(("name", "text", "message"), FILES)
def test_a_bad_file_is_one_line_and_exit_2(
    here: Path, name: str, text: str | bytes, message: str
) -> None:
    path = here / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    done = citecheck(here)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr.startswith(f"citecheck: error: {message}")
    assert done.stderr.count("\n") == 1


SOCKS = "SOCKS proxies are not supported; give an http:// or https:// proxy"
OPTIONS = [
    (["--timeout", "nan"], "--timeout must be a finite number, got nan"),
    (["--timeout", "inf"], "--timeout must be a finite number, got inf"),
    (
        ["--proxy", "not-a-proxy"],
        "--proxy: 'not-a-proxy' is not the URL of a proxy; give one like http://proxy.example:3128",
    ),
    (["--proxy", "socks5://127.0.0.1:1"], f"--proxy: 'socks5://127.0.0.1:1': {SOCKS}"),
    (["--proxy", "http://[::1"], "--proxy: 'http://[::1' is not a URL (Invalid IPv6 URL)"),
    (["--config", "nowhere.toml"], "--config nowhere.toml: no such file"),
]


@pytest.mark.parametrize(("args", "message"), OPTIONS)
def test_a_bad_option_is_one_line_and_exit_2(here: Path, args: list[str], message: str) -> None:
    done = citecheck(here, *args)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == f"citecheck: error: {message}\n"


def test_a_proxy_variable_citecheck_cannot_use_is_named(here: Path) -> None:
    done = citecheck(here, env={"HTTPS_PROXY": "socks5h://127.0.0.1:1"})
    assert done.returncode == 2
    assert done.stderr.startswith("citecheck: error: HTTPS_PROXY: 'socks5h://127.0.0.1:1': SOCKS")


def test_config_names_a_file_elsewhere(here: Path) -> None:
    (here / "conf").mkdir()
    (here / "conf" / "strict.toml").write_text("per-host = 0\n", encoding="utf-8")
    done = citecheck(here, "--config", "conf/strict.toml")
    assert done.returncode == 2
    assert done.stderr == "citecheck: error: conf/strict.toml: per-host must be at least 1, got 0\n"


def test_as_a_real_process(here: Path) -> None:
    (here / "citecheck.toml").write_bytes(b"timeout = 5 # \xe9t\xe9\n")
    done = subprocess.run(
        [sys.executable, "-m", "citecheck", "check", "doc.md"],
        cwd=here,
        env={k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (
        "citecheck: error: citecheck.toml: not UTF-8 text (byte 0xe9 at offset 14); "
        "save it as UTF-8\n"
    )
