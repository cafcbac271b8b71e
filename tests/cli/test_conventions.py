"""The conventions of a command-line tool (issue 17): --version, -h everywhere, flags shown as
flags, and usage errors as one line and a hint, with exit 2."""

from __future__ import annotations

from importlib.metadata import version

import pytest
from typer.testing import CliRunner

from citecheck.cli import app

runner = CliRunner()
COMMANDS = ["parse", "lint", "check", "archive", "run", "fix", "config"]


@pytest.mark.parametrize("flag", ["--version", "-V"])
def test_version(flag: str) -> None:
    result = runner.invoke(app, [flag])
    assert result.exit_code == 0
    assert result.stdout == f"citecheck {version('citecheck')}\n"


@pytest.mark.parametrize("command", [[], *([c] for c in COMMANDS)])
@pytest.mark.parametrize("flag", ["-h", "--help"])
def test_help_on_every_command(command: list[str], flag: str) -> None:
    result = runner.invoke(app, [*command, flag])
    assert result.exit_code == 0
    assert result.stdout.startswith(f"Usage: citecheck {' '.join(command)}".rstrip() + " ")
    assert "-h, --help" in result.stdout


@pytest.mark.parametrize("command", COMMANDS)
def test_help_shows_plain_flags_and_named_values(command: str) -> None:
    text = runner.invoke(app, [command, "-h"]).stdout
    assert "<bool>" not in text and "╭" not in text  # no type on a flag, no boxes
    assert "{DOCUMENT}" not in text
    if command in ("check", "archive", "run", "fix"):
        assert "--timeout SECONDS" in text and "--proxy URL" in text
        assert "-q, --quiet" in text and "-v, --verbose" in text
        assert "--allow-private / --no-allow-private" in text


def test_run_takes_o_for_output() -> None:
    assert "-o, --output DIR" in runner.invoke(app, ["run", "-h"]).stdout


@pytest.mark.parametrize(
    ("args", "error", "hint"),
    [
        (
            ["run", "x.md", "--format", "xml"],
            "--format: 'xml' is not one of 'markdown', 'html', 'json', 'csv', 'sarif'",
            "`citecheck run --help` lists the options",
        ),
        (
            ["check", "x.md", "--timeout", "soon"],
            "--timeout: expects a number, got 'soon'",
            "`citecheck check --help` lists the options",
        ),
        (
            ["check", "x.md", "--per-host", "1.5"],
            "--per-host: expects a whole number, got '1.5'",
            "`citecheck check --help` lists the options",
        ),
        (
            ["run", "x.md", "--moved"],
            "no such option --moved; did you mean --moved-ok?",
            "`citecheck run --help` lists the options",
        ),
        (["run"], "DOCUMENT is required", "`citecheck run --help` lists the options"),
        (
            ["rnu", "x.md"],
            "no such command 'rnu'; did you mean 'run'?",
            "`citecheck --help` lists the commands",
        ),
    ],
)
def test_usage_errors_are_one_line_and_a_hint(args: list[str], error: str, hint: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"citecheck: error: {error}\ncitecheck: hint: {hint}\n"


def test_no_command_prints_the_help() -> None:
    result = runner.invoke(app, [])
    assert result.exit_code == 2
    assert result.stdout.startswith("Usage: citecheck [OPTIONS] COMMAND [ARGS]...")
    assert "Exit codes: 0 ok, 1 problems found" in result.stdout
