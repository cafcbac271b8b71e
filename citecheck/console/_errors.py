"""Usage errors as one line and a hint, the way git and other command-line tools say them.

typer (0.29, with click vendored in it) prints a usage error as the usage line, a help hint and
the error, boxed when rich is installed, and passes pydantic's wording through ("Value error,
'xml' is not one of …"). ``Group.main`` catches the error instead and prints::

    citecheck: error: --format: 'xml' is not one of 'markdown', 'html', 'json', 'csv', 'sarif'
    citecheck: hint: `citecheck run --help` lists the options

The exit code stays 2 (usage); Ctrl-C anywhere in the parsing exits 130.
"""

from __future__ import annotations

import difflib
import re
import sys
from collections.abc import Sequence
from typing import Any

import typer
from typer._click.core import Context
from typer._click.exceptions import (
    BadParameter,
    ClickException,
    MissingParameter,
    NoArgsIsHelpError,
    NoSuchOption,
    UsageError,
)
from typer.core import TyperCommand, TyperGroup

USAGE = 2
INTERRUPTED = 130
# pydantic's phrasing of a value typer could not convert, and what an editor reads instead.
_PHRASES = (
    (re.compile(r"^Value error, "), ""),
    (re.compile(r"^Input should be a valid number.*"), "expects a number"),
    (re.compile(r"^Input should be a valid integer.*"), "expects a whole number"),
    (re.compile(r"^Input should be a valid boolean.*"), "expects true or false"),
    (re.compile(r"^Input should be "), "expects "),
)


class Command(TyperCommand):
    """A command whose usage line names its document plainly: ``run [OPTIONS] DOCUMENT``."""

    def collect_usage_pieces(self, ctx: Context) -> list[str]:
        return [re.sub(r"^\{(.*)\}$", r"\1", piece) for piece in super().collect_usage_pieces(ctx)]


class Group(TyperGroup):
    """The ``citecheck`` group: every usage error becomes one line and a hint, exit 2."""

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        try:
            code = super().main(
                args, prog_name, complete_var, standalone_mode=False, **extra
            )  # fmt: skip
        except NoArgsIsHelpError as exc:
            typer.echo(exc.format_message())
            code = USAGE
        except UsageError as exc:
            show_usage_error(exc, prog_name or "citecheck")
            code = USAGE
        except ClickException as exc:
            typer.echo(f"citecheck: error: {exc.format_message()}", err=True)
            code = exc.exit_code
        except typer.Abort:
            code = INTERRUPTED
        code = code if isinstance(code, int) else 0
        if standalone_mode:
            sys.exit(code)
        return code


def show_usage_error(exc: UsageError, prog: str) -> None:
    """``citecheck: error: <what>`` and ``citecheck: hint: <where to look>`` on stderr."""
    command = exc.ctx.command_path if exc.ctx is not None else prog
    lists = "commands" if " " not in command else "options"
    typer.echo(f"citecheck: error: {_message(exc)}", err=True)
    typer.echo(f"citecheck: hint: `{command} --help` lists the {lists}", err=True)


def _message(exc: UsageError) -> str:
    if isinstance(exc, NoSuchOption):
        return f"no such option {exc.option_name}{_guess(exc.option_name, exc.possibilities)}"
    if isinstance(exc, MissingParameter) and exc.param is not None:
        return f"{_name(exc)} is required"
    if isinstance(exc, BadParameter) and exc.param is not None:
        return f"{_name(exc)}: {_reworded(exc.message)}{_given(exc)}"
    text = exc.format_message().rstrip(".").replace(". Did you", "; did you")
    return text[:1].lower() + text[1:]


def _guess(option: str, possibilities: Sequence[str] | None) -> str:
    close = difflib.get_close_matches(option, list(possibilities or ()), n=1, cutoff=0.75)
    return f"; did you mean {close[0]}?" if close else ""


def _given(exc: BadParameter) -> str:
    """``, got 'abc'``: the value typer could not convert (pydantic keeps it)."""
    errors = getattr(exc.__cause__, "errors", None)
    if not callable(errors) or not errors():
        return ""
    value = errors()[0].get("input")
    shown = repr(value)
    return "" if value is None or shown in exc.message else f", got {shown}"


def _name(exc: BadParameter) -> str:
    """The option as the user would type it (its long form), or the argument's name."""
    param = exc.param
    assert param is not None
    longs = [opt for opt in param.opts if opt.startswith("--")]
    if param.param_type_name == "option":
        return (longs or param.opts)[0]
    return (param.metavar or param.name or "argument").upper()


def _reworded(message: str) -> str:
    for pattern, words in _PHRASES:
        message = pattern.sub(words, message)
    return message.rstrip(".")
