"""The ``citecheck`` command line: parse options, call the library, format, pick the exit code.

Exit codes (documented in the README, tested in tests/test_cli.py):

    0  OK            every link alive (or moved only, with moved-ok), or nothing to check
    1  PROBLEMS      links are gone, moved, blocked, erroring or invalid
    2  USAGE         bad option, unreadable or empty report, invalid configuration
    3  INCONCLUSIVE  the network could not be reached: no verdict about any source was drawn
"""

from __future__ import annotations

import enum
import functools
import inspect
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from citecheck import export
from citecheck.config import load_settings
from citecheck.errors import CitecheckError
from citecheck.files import write_atomic
from citecheck.parse import parse_report, read_report


class ExitCode(enum.IntEnum):
    OK = 0
    PROBLEMS = 1
    USAGE = 2
    INCONCLUSIVE = 3


app = typer.Typer(
    name="citecheck",
    help="Check the web sources a report cites: parse, check, archive, report, fix.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

F = TypeVar("F", bound=Callable[..., Any])

ReportArg = Annotated[
    Path, typer.Argument(help="The report: PDF-converted text or Markdown with [^n] footnotes.")
]


class ParseFormat(enum.StrEnum):
    summary = "summary"
    json = "json"
    bibtex = "bibtex"
    csl_json = "csl-json"


def fail(message: str, code: ExitCode = ExitCode.USAGE) -> typer.Exit:
    """Print a one-line error to stderr and return the Exit to raise."""
    typer.echo(f"citecheck: error: {message}", err=True)
    return typer.Exit(int(code))


def guarded(func: F) -> F:
    """Translate library errors into a one-line message and exit code 2 at the CLI boundary."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except CitecheckError as exc:
            raise fail(str(exc)) from None
        except KeyboardInterrupt:
            raise fail("interrupted; results written so far are intact", ExitCode.USAGE) from None

    return wrapper  # type: ignore[return-value]


# --------------------------------------------------------------------- shared network options

_NETWORK_OPTIONS: list[inspect.Parameter] = [
    inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=None, annotation=annotation)
    for name, annotation in [
        ("timeout", Annotated[float | None, typer.Option(help="Seconds per request (20).")]),
        ("max_concurrency", Annotated[int | None, typer.Option(help="Requests in flight (64).")]),
        ("per_host", Annotated[int | None, typer.Option(help="Requests in flight per host (2).")]),
        ("proxy", Annotated[str | None, typer.Option(help="Proxy URL (else *_PROXY env vars).")]),
        ("ca_bundle", Annotated[Path | None, typer.Option(help="PEM file of trusted CAs.")]),
        (
            "allow_private",
            Annotated[
                bool | None,
                typer.Option(
                    "--allow-private/--no-allow-private",
                    help="Allow private/loopback addresses (off: refused).",
                ),
            ],
        ),
        (
            "moved_ok",
            Annotated[
                bool | None,
                typer.Option("--moved-ok/--no-moved-ok", help="Exit 0 when links only moved."),
            ],
        ),
        ("wayback_url", Annotated[str | None, typer.Option(help="Wayback-compatible server.")]),
    ]
]


def network_options(func: F) -> F:
    """Add the shared network options to a command and hand it a ``settings: Settings``.

    Every command that checks links takes exactly the same options, read through the same
    config files, so ``check``, ``archive``, ``run`` and ``fix`` cannot drift apart.
    """
    names = [p.name for p in _NETWORK_OPTIONS]

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        overrides = {name: kwargs.pop(name) for name in names}
        kwargs["settings"] = load_settings(Path.cwd(), overrides)
        return func(*args, **kwargs)

    params = [p for p in inspect.signature(func).parameters.values() if p.name != "settings"]
    wrapper.__signature__ = inspect.Signature(params + _NETWORK_OPTIONS)  # type: ignore[attr-defined]
    return wrapper  # type: ignore[return-value]


# ------------------------------------------------------------------------------------ parse


@app.command()
@guarded
def parse(
    report: ReportArg,
    format: Annotated[ParseFormat, typer.Option("--format", "-f")] = ParseFormat.summary,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here.")] = None,
    export_dir: Annotated[
        Path | None,
        typer.Option(help="Write citations.json, references.bib and references.csl.json here."),
    ] = None,
) -> None:
    """Parse the report's footnotes into resolved references; print a summary or export them."""
    parsed = parse_report(read_report(report))
    if export_dir is not None:
        for name, data in export.bundle(parsed).items():
            changed = write_atomic(export_dir / name, data.encode("utf-8"))
            typer.echo(f"{'wrote' if changed else 'unchanged'} {export_dir / name}", err=True)
        return
    text = export.render(parsed, format.value)
    if output is None:
        sys.stdout.write(text)
        return
    write_atomic(output, text.encode("utf-8"))
    typer.echo(f"wrote {output}", err=True)
