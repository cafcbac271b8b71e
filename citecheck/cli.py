"""The ``citecheck`` command line: parse options, call the library, format, pick the exit code.

Exit codes (documented in the README; each command's are tested in its tests/**/test_*cli*.py):

    0    OK               every link alive (or moved only, with moved-ok)
    1    PROBLEMS         links are gone, moved, blocked, erroring or invalid
    2    USAGE            bad option, unreadable or empty document, invalid configuration
    3    INCONCLUSIVE     the network could not be reached: no verdict about any source was drawn
    4    NOTHING_CHECKED  the document cites no URL, or every one was skipped
    130  INTERRUPTED      Ctrl-C: what was finished is kept, nothing is half-written

Each command imports the stages it runs when it runs: `citecheck --version` and `--help` load
none of them, and `check` no archive, report or fix (tests/cli/test_startup.py guards it).
"""

from __future__ import annotations

import contextlib
import dataclasses
import enum
import functools
import inspect
import json
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from citecheck import __version__
from citecheck.config import ResolvedSettings, Settings, proxy_problem, resolve_settings
from citecheck.console import (
    INTERRUPTED,
    Command,
    Group,
    Tally,
    Ui,
    nothing_checked,
    print_check_table,
    print_drift_table,
    settings_toml,
)
from citecheck.errors import CitecheckError, ConfigError, InputError
from citecheck.files import write_atomic
from citecheck.lint import BASELINE_NAME
from citecheck.model import CheckRun, Document, Format, Link, LinkResult, SourceStatus, Verdict
from citecheck.words import counted, plural

# httpx's __init__ imports its own command-line client whenever click and rich are installed
# (and rich is: progress bars), ~0.1 s of click, rich and pygments per run of `citecheck
# check` (encode/httpx discussion #3523, PR #3547). This process never runs httpx's client:
# the module marked absent, the import fails at once and httpx keeps the stub it has for that.
sys.modules.setdefault("httpx._main", None)  # type: ignore[arg-type]

if TYPE_CHECKING:
    from citecheck.check import ProbeRecord
    from citecheck.fix import Listing
    from citecheck.lint import LintFinding
    from citecheck.pipeline import PipelineResult
    from citecheck.report import ChangeReport


class ExitCode(enum.IntEnum):
    OK = 0
    PROBLEMS = 1
    USAGE = 2
    INCONCLUSIVE = 3
    NOTHING_CHECKED = 4
    INTERRUPTED = INTERRUPTED


def _version(value: bool) -> None:
    if value:
        typer.echo(f"citecheck {__version__}")
        raise typer.Exit()


app = typer.Typer(
    name="citecheck",
    cls=Group,
    help="Check the web sources a document cites: parse, check, archive, report, fix.",
    epilog="Exit codes: 0 ok, 1 problems found, 2 usage error, 3 network unreachable, "
    "4 nothing checked, 130 interrupted. Run `citecheck COMMAND -h` for a command's options.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@app.callback()
def main(
    _version: Annotated[
        bool,
        typer.Option(
            "--version", "-V", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Check the web sources a document cites: parse, check, archive, report, fix."""


F = TypeVar("F", bound=Callable[..., Any])

DocumentArg = Annotated[
    Path,
    typer.Argument(
        metavar="DOCUMENT",
        help="The document: DOCX, PDF, HTML, Markdown or text; - reads standard input.",
    ),
]
FromOption = Annotated[
    Format | None,
    typer.Option(
        "--from",
        metavar="FORMAT",
        help="Read DOCUMENT as this format: markdown, text, html, docx or pdf "
        "(default: told by its content, then its extension).",
    ),
]
BodyLinksOption = Annotated[
    bool,
    typer.Option("--body-links", help="Also check the URLs of the body, outside the notes."),
]
WaitOption = Annotated[
    bool | None,
    typer.Option(
        "--wait/--no-wait",
        help="If another run holds the snapshot store: wait for it (default), or exit 2 naming it.",
    ),
]


def store_settings(settings: Settings, wait: bool | None) -> Settings:
    """``settings`` with the command's --wait/--no-wait, when given."""
    return settings if wait is None else dataclasses.replace(settings, wait_for_lock=wait)


SnapshotsOption = Annotated[
    Path,
    typer.Option(
        metavar="DIR",
        help="The snapshot store: one folder per source (layout: snapshots/README.md).",
    ),
]


def fail(message: str, code: ExitCode = ExitCode.USAGE) -> typer.Exit:
    """Print a one-line error to stderr and return the Exit to raise."""
    typer.echo(f"citecheck: error: {message}", err=True)
    return typer.Exit(int(code))


# ------------------------------------------------------------------------- shared options


def _option(name: str, annotation: Any) -> inspect.Parameter:
    return inspect.Parameter(
        name, inspect.Parameter.KEYWORD_ONLY, default=None, annotation=annotation
    )


_SETTINGS_OPTIONS = [
    _option("config", Annotated[
        Path | None,
        typer.Option(metavar="FILE", help="Read settings from FILE only (default: "
                     "citecheck.toml and [tool.citecheck] in pyproject.toml, here)."),
    ]),
    _option("timeout", Annotated[
        float | None,
        typer.Option(metavar="SECONDS", help="Seconds per request (20)."),
    ]),
    _option("max_concurrency", Annotated[
        int | None, typer.Option(metavar="N", help="Requests in flight (64).")
    ]),
    _option("per_host", Annotated[
        int | None, typer.Option(metavar="N", help="Requests in flight per host (2).")
    ]),
    _option("proxy", Annotated[
        str | None,
        typer.Option(metavar="URL", help="HTTP proxy (default: the *_PROXY variables)."),
    ]),
    _option("ca_bundle", Annotated[
        Path | None, typer.Option(metavar="FILE", help="PEM file of the CAs to trust.")
    ]),
    _option("allow_private", Annotated[
        bool | None,
        typer.Option("--allow-private/--no-allow-private",
                     help="Check private and loopback addresses too (refused by default)."),
    ]),
    _option("moved_ok", Annotated[
        bool | None,
        typer.Option("--moved-ok/--no-moved-ok", help="Exit 0 when links only moved."),
    ]),
    _option("wayback_url", Annotated[
        str | None,
        typer.Option(metavar="URL", help="Wayback server: IA, a pywb collection, OpenWayback."),
    ]),
    _option("archives", Annotated[
        list[str] | None,
        typer.Option("--archive", metavar="URL",
                     help="Also look for baselines here: a Memento TimeGate URL (repeatable)."),
    ]),
]  # fmt: skip
_UI_OPTIONS = [
    _option("quiet", Annotated[
        bool, typer.Option("--quiet", "-q", help="No progress and no summary: errors only.")
    ]),
    _option("verbose", Annotated[
        bool,
        typer.Option("--verbose", "-v", help="A progress line per step; list every link."),
    ]),
]  # fmt: skip


def command(func: F) -> F:
    """A command with the options its parameters ask for, and one-line errors.

    A ``settings: Settings`` (or ``resolved: ResolvedSettings``) parameter adds the settings
    options, read through the same config files for every command; ``ui: Ui`` adds --quiet and
    --verbose. Library errors end the command with one line and exit 2; Ctrl-C with a line
    saying what was kept, and exit 130.
    """
    signature = inspect.signature(func, eval_str=True)
    wants = set(signature.parameters)
    extra = (_SETTINGS_OPTIONS if wants & {"settings", "resolved"} else []) + (
        _UI_OPTIONS if "ui" in wants else []
    )

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        ui = Ui(bool(kwargs.pop("quiet", False)), bool(kwargs.pop("verbose", False)))
        try:
            _inject(kwargs, wants, ui)
            return func(*args, **kwargs)
        except CitecheckError as exc:
            raise fail(str(exc)) from None
        except KeyboardInterrupt:
            if ui.reporter is not None:
                ui.reporter.close()
            typer.echo(f"citecheck: {ui.interrupted()}", err=True)
            raise typer.Exit(int(ExitCode.INTERRUPTED)) from None

    # eval_str: typer reads the Annotated[..., typer.Option(...)] metadata only from real
    # annotations, and `from __future__ import annotations` leaves them as strings here.
    params = [
        p for p in signature.parameters.values() if p.name not in ("settings", "resolved", "ui")
    ]
    wrapper.__signature__ = inspect.Signature(params + extra)  # type: ignore[attr-defined]
    return wrapper  # type: ignore[return-value]


def _inject(kwargs: dict[str, Any], wants: set[str], ui: Ui) -> None:
    if "ui" in wants:
        kwargs["ui"] = ui
    if not wants & {"settings", "resolved"}:
        return
    config = kwargs.pop("config")
    names = [p.name for p in _SETTINGS_OPTIONS if p.name != "config"]
    overrides = {name: _given(kwargs.pop(name)) for name in names}
    resolved = resolve_settings(Path(), overrides, config=config)
    _check_environment_proxies()
    kwargs["resolved" if "resolved" in wants else "settings"] = (
        resolved if "resolved" in wants else resolved.settings
    )


def _given(value: Any) -> Any:
    """An option not given is None (a repeatable one comes as an empty list)."""
    return None if isinstance(value, list) and not value else value


def _check_environment_proxies() -> None:
    """A proxy variable citecheck cannot use is a configuration error, not a traceback later."""
    import urllib.request

    for scheme, url in urllib.request.getproxies().items():
        if scheme in ("http", "https", "all") and (problem := proxy_problem(url)) is not None:
            raise ConfigError(f"{scheme.upper()}_PROXY: {problem}")


# -------------------------------------------------------------------------- the document


def load_document(
    path: Path, read_as: Format | None, ui: Ui | None = None, data: bytes | None = None
) -> Document:
    """The document at ``path`` (standard input for ``-``; ``data`` when already read), with
    its reading progress."""
    from citecheck.read import read_document

    source = data if data is not None else sys.stdin.buffer if str(path) == "-" else path
    name = None if str(path) == "-" else str(path)
    with (ui or Ui(quiet=True)).progress() as progress:
        return read_document(source, format=read_as, name=name, progress=Ui.read_progress(progress))


def read_bytes(path: Path) -> bytes:
    """The document's bytes as the editor has them (standard input for ``-``)."""
    if str(path) == "-":
        return sys.stdin.buffer.read()
    try:
        return path.read_bytes()
    except FileNotFoundError:
        why = "no such file; give the path of the document"
    except IsADirectoryError:
        why = "is a directory; give the path of the document inside it"
    except OSError as exc:
        why = f"cannot be read ({exc.strerror}); check its permissions"
    raise InputError(f"{path}: {why}")


# ------------------------------------------------------------------------------------ parse


class ParseFormat(enum.StrEnum):
    summary = "summary"
    json = "json"
    bibtex = "bibtex"
    csl_json = "csl-json"


@app.command(cls=Command)
@command
def parse(
    document: DocumentArg,
    format: Annotated[
        ParseFormat, typer.Option("--format", "-f", metavar="[summary|json|bibtex|csl-json]")
    ] = ParseFormat.summary,
    read_as: FromOption = None,
    body_links: BodyLinksOption = False,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", metavar="FILE", help="Write here.")
    ] = None,
    export_dir: Annotated[
        Path | None,
        typer.Option(
            metavar="DIR",
            help="Write citations.json, references.bib and references.csl.json here.",
        ),
    ] = None,
    *,
    ui: Ui,
) -> None:
    """Parse the document's footnotes into resolved references; print a summary or export them."""
    from citecheck import export
    from citecheck.parse import parse_document

    parsed = parse_document(load_document(document, read_as, ui), body_links=body_links)
    if export_dir is not None:
        for name, data in export.bundle(parsed).items():
            changed = write_atomic(export_dir / name, data.encode("utf-8"))
            ui.say(f"{'wrote' if changed else 'unchanged'} {export_dir / name}")
        return
    text = export.render(parsed, format.value)
    if output is None:
        sys.stdout.write(text)
        return
    write_atomic(output, text.encode("utf-8"))
    ui.say(f"wrote {output}")


# ------------------------------------------------------------------------------------- lint


@app.command(cls=Command)
@command
def lint(
    documents: Annotated[
        list[Path],
        typer.Argument(
            metavar="DOCUMENT...", help="The documents to check (as a commit hook passes them)."
        ),
    ],
    baseline: Annotated[
        Path, typer.Option(metavar="FILE", help="The committed file of accepted warnings.")
    ] = Path(BASELINE_NAME),
    update_baseline: Annotated[
        bool,
        typer.Option("--update-baseline", help="Accept every current warning of DOCUMENTS."),
    ] = False,
) -> None:
    """Offline footnote check for commit hooks: fail on warnings the baseline does not accept.

    Parses each document (no network) and compares its integrity warnings (URLs without
    visit dates, impossible dates, mistyped hosts, library-proxy URLs, ...) with the baseline.
    Exit 0 no new warning, 1 new warnings (listed on stdout), 2 usage.
    """
    from citecheck.lint import (
        baseline_json,
        compare,
        document_key,
        lint_findings,
        load_baseline,
        where,
    )
    from citecheck.parse import parse_document
    from citecheck.read import read_document

    found: dict[str, tuple[Path, Document, tuple[LintFinding, ...]]] = {}
    for document in documents:
        try:
            read = read_document(document)
            findings = parse_document(read).findings
        except InputError as exc:  # a hook passes many files: say which one
            message = str(exc)
            raise InputError(
                message if str(document) in message else f"{document}: {message}"
            ) from None
        found[document_key(document, baseline)] = (document, read, lint_findings(findings))
    accepted = load_baseline(baseline)
    if update_baseline:
        merged = {**accepted, **{k: tuple(i.key for i in v) for k, (_, _, v) in found.items()}}
        changed = write_atomic(baseline, baseline_json(merged).encode("utf-8"))
        total = sum(len(items) for _, _, items in found.values())
        verb = "wrote" if changed else "unchanged"
        accepted_in = f"{counted(total, 'warning')} accepted in {counted(len(found), 'document')}"
        typer.echo(f"{verb} {baseline}: {accepted_in}")
        return
    new = 0
    for key, (document, read, items) in found.items():
        comparison = compare(items, accepted.get(key, ()))
        new += len(comparison.new)
        for item in comparison.new:
            finding = item.finding
            typer.echo(f"{document}{where(finding, read)}: {finding.code}: {finding.message}")
        if comparison.fixed:
            fixed = len(comparison.fixed)
            gone = f"{counted(fixed, 'accepted warning')} no longer {plural(fixed, 'occurs')}"
            typer.echo(f"{document}: {gone}; --update-baseline drops them", err=True)
    if new:
        them = plural(new, "it")
        typer.echo(
            f"citecheck: {counted(new, 'new warning')} not in {baseline}; fix {them}, or "
            f"accept {them} with `citecheck lint --update-baseline`",
            err=True,
        )
        raise typer.Exit(int(ExitCode.PROBLEMS))


# ------------------------------------------------------------------------------------ check


class CheckFormat(enum.StrEnum):
    table = "table"
    json = "json"


_PROBLEMS = {Verdict.GONE, Verdict.BLOCKED, Verdict.ERROR, Verdict.INVALID}
_INCONCLUSIVE = "inconclusive — network unreachable: no host answered, no verdict was drawn"


def check_exit_code(run: CheckRun, settings: Settings) -> ExitCode:
    """3 when the network was unreachable, 4 when nothing was checked, 1 when any link has a
    problem, else 0. ``moved`` is a problem unless ``moved_ok``; ``skipped`` never is."""
    if run.inconclusive:
        return ExitCode.INCONCLUSIVE
    if nothing_checked(run.results):
        return ExitCode.NOTHING_CHECKED
    problems = set(_PROBLEMS) if settings.moved_ok else _PROBLEMS | {Verdict.MOVED}
    if any(result.verdict in problems for result in run.results):
        return ExitCode.PROBLEMS
    return ExitCode.OK


def _tally(results: Iterable[LinkResult], statuses: Iterable[SourceStatus], outage: bool) -> Tally:
    from citecheck.report import categorise

    by_url = {status.url: status for status in statuses}
    return Tally.of((r.verdict, categorise(r, by_url.get(r.url), outage=outage)) for r in results)


def _end(ui: Ui, run: CheckRun, tally: Tally, files: list[str], settings: Settings) -> None:
    """The closing lines, then the exit code (a run that checked nothing says so)."""
    empty = nothing_checked(run.results)
    if empty and not run.inconclusive:
        typer.echo(f"citecheck: {empty}", err=True)
    else:
        ui.summary(tally, inconclusive=run.inconclusive, files=files)
    raise typer.Exit(int(check_exit_code(run, settings)))


CheckFormatOption = Annotated[CheckFormat, typer.Option("--format", "-f", metavar="[table|json]")]


@app.command(cls=Command)
@command
def check(
    document: DocumentArg,
    format: CheckFormatOption = CheckFormat.table,
    read_as: FromOption = None,
    body_links: BodyLinksOption = False,
    snapshots: Annotated[
        Path,
        typer.Option(
            metavar="DIR", help="Snapshot store whose drift --format json adds (read only)."
        ),
    ] = Path("snapshots"),
    *,
    settings: Settings,
    ui: Ui,
) -> None:
    """Check every cited URL once; nothing is written.

    Refuses private, loopback and link-local addresses (skipped) unless --allow-private.
    Behind a proxy (--proxy, HTTP_PROXY) names are the proxy's: only IPs and localhost are refused.

    Exit 0 all alive, 1 problems, 2 usage, 3 network unreachable, 4 nothing checked.
    """
    from citecheck.check import ProbeRecord, check_links, default_record_path, run_to_dict
    from citecheck.parse import Parsing

    # The check starts on the first note's URLs while the later notes are still being parsed.
    parsing = Parsing(load_document(document, read_as, ui), body_links=body_links)
    record = ProbeRecord.load(default_record_path()) if settings.soft404_probe else None
    with ui.progress() as progress:
        run = check_links(parsing, settings, progress=progress, probe_record=record)
    found = parsing.links()
    if record is not None and not run.inconclusive:
        _keep_record(record, default_record_path(), run)
    statuses = _stored_statuses(snapshots, found)
    if format is CheckFormat.json:
        data = run_to_dict(run)
        if snapshots.is_dir():  # archive: content, similarity, archive_url of each link
            from citecheck.archive import with_statuses

            data = with_statuses(data, statuses)
        sys.stdout.write(json.dumps(data, indent=2, sort_keys=True) + "\n")
    else:
        print_check_table(run, everything=ui.verbose)
    _end(ui, run, _tally(run.results, statuses, run.inconclusive), [], settings)


def _keep_record(record: ProbeRecord, path: Path, run: CheckRun) -> None:
    """The soft-404 probes for the next run; a cache, so a full disk only costs a probe."""
    with contextlib.suppress(OSError):
        record.save(path, run.finished_at)


def _stored_statuses(snapshots: Path, found: Sequence[Link]) -> tuple[SourceStatus, ...]:
    """What the snapshot store says of each link (nothing without a store: the archive stage
    is not even loaded then)."""
    if not snapshots.is_dir():
        return ()
    from citecheck.archive import stored_statuses

    return stored_statuses(snapshots, found)


# ---------------------------------------------------------------------------------- archive


@app.command(cls=Command)
@command
def archive(
    document: DocumentArg,
    snapshots: SnapshotsOption = Path("snapshots"),
    save: Annotated[
        bool,
        typer.Option(
            "--save",
            help="Submit live sources to Save Page Now (keys from CITECHECK_SPN_ACCESS_KEY "
            "and CITECHECK_SPN_SECRET_KEY).",
        ),
    ] = False,
    format: CheckFormatOption = CheckFormat.table,
    read_as: FromOption = None,
    body_links: BodyLinksOption = False,
    wait: WaitOption = None,
    *,
    settings: Settings,
    ui: Ui,
) -> None:
    """Check every cited URL, keep its snapshot, find its 2018 Wayback copy, measure drift.

    Reads and writes the snapshot store (./snapshots; --snapshots DIR for another). Exit codes
    as check: 0 all alive, 1 problems, 2 usage, 3 network unreachable (no snapshot file
    changed), 4 nothing checked (no snapshot written).
    """
    from citecheck.archive import archive_links, archive_run_to_dict
    from citecheck.parse import links as parse_links
    from citecheck.parse import parse_document

    parsed = parse_document(load_document(document, read_as, ui), body_links=body_links)
    found = parse_links(parsed)
    ui.store = snapshots
    with ui.progress() as progress:
        done = archive_links(
            found, store_settings(settings, wait), snapshots, save=save, progress=progress,
            on_wait=lambda message: ui.say(f"citecheck: {message}"),
        )  # fmt: skip
    if format is CheckFormat.json:
        data = archive_run_to_dict(done)
        sys.stdout.write(json.dumps(data, indent=2, sort_keys=True) + "\n")
    else:
        print_check_table(done.check, everything=ui.verbose)
        print_drift_table(done)
    inconclusive = done.check.inconclusive
    where = f"snapshots: {snapshots}" + (" (unchanged)" if inconclusive else "")
    tally = _tally(done.check.results, done.statuses, inconclusive)
    _end(ui, done.check, tally, [where], settings)


# -------------------------------------------------------------------------------------- run


class RunFormat(enum.StrEnum):
    markdown = "markdown"
    html = "html"
    json = "json"
    csv = "csv"
    sarif = "sarif"


def render_run(fmt: RunFormat, report: ChangeReport, path: Path, document: Document) -> str:
    """The change report in ``fmt``; SARIF also locates each citation in the document."""
    from citecheck.report import RENDERERS, document_places, to_sarif

    if fmt is RunFormat.sarif:
        return to_sarif(report, document=path, places=document_places(document, report))
    return RENDERERS[fmt.value](report)


@app.command(cls=Command)
@command
def run(
    document: DocumentArg,
    snapshots: SnapshotsOption = Path("snapshots"),
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="DIR",
            help="Write the change report into DIR: report.md, .html, .json and .csv.",
        ),
    ] = None,
    format: Annotated[
        RunFormat | None,
        typer.Option(
            "--format",
            "-f",
            metavar="[markdown|html|json|csv|sarif]",
            help="Print the change report in this format (default: markdown, or nothing "
            "with --output). sarif: for code scanning.",
        ),
    ] = None,
    save: Annotated[
        bool, typer.Option("--save", help="Ask Save Page Now to capture every live source.")
    ] = False,
    fail_on: Annotated[
        str | None,
        typer.Option(
            metavar="CONDITIONS",
            help="Comma-separated conditions that exit 1: new-confirmed-gone (the default: a "
            "source became confirmed gone this run), confirmed-gone, new-gone (a first "
            "failure), moved, changed, unverified (newly blocked or erroring), citation-error, "
            "any (any source not alive), never.",
        ),
    ] = None,
    read_as: FromOption = None,
    body_links: BodyLinksOption = False,
    fixed_copy: Annotated[
        Path | None,
        typer.Option(
            metavar="FILE",
            help="Also write the document with the change report's fixes applied here (what "
            "`citecheck fix -o` writes), from the same run.",
        ),
    ] = None,
    wait: WaitOption = None,
    *,
    settings: Settings,
    ui: Ui,
) -> None:
    """Parse, check, archive, compare and write the change report: the fixes for an editor.

    Reads and updates the snapshot store (./snapshots; --snapshots DIR for another): each
    run's captures and check history are what the next run compares with.

    Exit 0, or 1 when a --fail-on condition holds; 2 on usage errors; 3 when the network
    was unreachable (no snapshot changed); 4 when nothing was checked.
    """
    from citecheck.monitor import DEFAULT_FAIL_ON, parse_fail_on
    from citecheck.pipeline import run_pipeline

    conditions = parse_fail_on(fail_on) if fail_on else DEFAULT_FAIL_ON
    if output is not None and output.exists() and not output.is_dir():
        raise fail(f"--output {output} is a file; give a directory for the change report files")
    data = read_bytes(document) if fixed_copy is not None else None
    read = load_document(document, read_as, ui, data)
    if fixed_copy is not None:
        _check_fixed_copy(document, fixed_copy, read)
    ui.store = snapshots
    with ui.progress() as progress:
        result = run_pipeline(
            read, store_settings(settings, wait), snapshots=snapshots, save=save,
            body_links=body_links, progress=progress,
            on_wait=lambda message: ui.say(f"citecheck: {message}"),
        )  # fmt: skip
    code = _run_code(result, conditions)
    files = _write_reports(result.report, output) if output is not None else []
    if format is not None or output is None:
        chosen = format or RunFormat.markdown
        sys.stdout.write(render_run(chosen, result.report, document, result.document))
    if fixed_copy is not None and data is not None and not result.inconclusive:
        files.append(_write_fixed_copy(ui, fixed_copy, data, result))
    files.append(f"snapshots: {snapshots}" + (" (unchanged)" if result.inconclusive else ""))
    _end_run(ui, result, files)
    raise typer.Exit(int(code))


def _check_fixed_copy(document: Path, fixed_copy: Path, read: Document) -> None:
    """--fixed-copy is refused before the run, as ``fix`` refuses its -o."""
    if read.format is Format.PDF:
        raise fail(
            f"{document} is a PDF, which is not edited in place; use `citecheck fix "
            f"{document} -o fixes.md` (or .csv) for the list of fixes"
        )
    _listing(document, fixed_copy, read, "--fixed-copy")


def _write_fixed_copy(ui: Ui, path: Path, data: bytes, result: PipelineResult) -> str:
    from citecheck.fix import fix_document, summarize

    listing = _listing(Path(result.document.name), path, result.document, "--fixed-copy")
    edition = fix_document(data, result.document, result.parsed, result.report, listing=listing)
    write_atomic(path, edition.data)
    ui.say(*summarize(edition))
    return f"fixed copy: {path} ({counted(len(edition.edits), 'edit')})"


def _run_code(result: PipelineResult, conditions: Any) -> ExitCode:
    from citecheck.monitor import decide

    if result.watch is None:
        return ExitCode.INCONCLUSIVE
    if nothing_checked(result.archive.check.results):
        return ExitCode.NOTHING_CHECKED
    decision = decide(result.watch, conditions)
    for reason in decision.reasons:
        typer.echo(f"citecheck: fail-on: {reason}", err=True)
    return ExitCode.PROBLEMS if decision.failed else ExitCode.OK


def _write_reports(report: ChangeReport, output: Path) -> list[str]:
    from citecheck.report import FILENAMES, RENDERERS

    try:
        for fmt, name in FILENAMES.items():
            write_atomic(output / name, RENDERERS[fmt](report).encode("utf-8"))
    except OSError as exc:
        why = exc.strerror or exc
        raise fail(f"--output {output}: cannot write the change report ({why})") from None
    return [f"change report: {', '.join(str(output / n) for n in FILENAMES.values())}"]


def _end_run(ui: Ui, result: PipelineResult, files: list[str]) -> None:
    empty = nothing_checked(result.archive.check.results)
    if empty and not result.inconclusive:
        typer.echo(f"citecheck: {empty}", err=True)
        return
    tally = Tally.of((e.verdict, e.category) for e in result.report.entries)
    ui.summary(tally, inconclusive=result.inconclusive, files=files)


# -------------------------------------------------------------------------------------- fix


@app.command(cls=Command)
@command
def fix(
    document: DocumentArg,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Where to write the next edition: Markdown, HTML and text in their format, a "
            "DOCX with tracked changes; a .md or .csv file gets the list of fixes (a PDF's "
            "only edition).",
        ),
    ] = None,
    dry_run: Annotated[
        bool,
        typer.Option(
            "--dry-run",
            "-n",
            help="Print the unified diff (or the list of fixes); change nothing on disk.",
        ),
    ] = False,
    keep_dates: Annotated[
        bool,
        typer.Option(
            "--keep-dates",
            help="Leave visit dates alone: only moved, gone and changed sources are edited.",
        ),
    ] = False,
    snapshots: SnapshotsOption = Path("snapshots"),
    read_as: FromOption = None,
    wait: WaitOption = None,
    *,
    settings: Settings,
    ui: Ui,
) -> None:
    """Write the next edition: DOCUMENT with the change report's fixes applied.

    Moved sources get their new URL, gone or drifted ones their 2018 archive link, sources
    verified alive the run date as "last visited" (not with --keep-dates). A DOCX comes back
    with each fix a tracked change by "citecheck"; a PDF as the list of fixes (page, note,
    old and new citation). Nothing else changes, and DOCUMENT itself is never modified. The
    run updates the snapshots as `citecheck run` does; with --dry-run nothing on disk changes
    (the run works on a scratch copy of the snapshots).

    Exit 0 every source needing an editor was fixed, 1 some were not (listed), 2 usage,
    3 network unreachable (nothing written), 4 nothing checked.
    """
    from citecheck.fix import fix_document, summarize
    from citecheck.pipeline import run_pipeline

    if output is None and not dry_run:
        raise fail("give -o FILE for the updated copy, or --dry-run to see the changes")
    data = read_bytes(document)
    read = load_document(document, read_as, ui, data)
    listing = _listing(document, output, read) if output is not None else None
    ui.store = None if dry_run else snapshots
    with ui.progress() as progress:
        result = run_pipeline(
            read, store_settings(settings, wait), snapshots=snapshots, dry_run=dry_run,
            progress=progress, on_wait=lambda message: ui.say(f"citecheck: {message}"),
        )  # fmt: skip
    if result.inconclusive:
        raise fail("inconclusive — network unreachable: nothing written", ExitCode.INCONCLUSIVE)
    if nothing_checked(result.archive.check.results):
        raise fail(nothing_checked(result.archive.check.results) or "", ExitCode.NOTHING_CHECKED)
    edition = fix_document(
        data, read, result.parsed, result.report, keep_dates=keep_dates, listing=listing
    )
    target = str(output) if output is not None else str(document)
    if dry_run:
        sys.stdout.write(edition.preview(str(document), target))
    elif output is not None:
        write_atomic(output, edition.data)
    ui.say(*summarize(edition))
    verb = "would write" if dry_run else "wrote"
    counts = f"{counted(len(edition.edits), 'edit')}, {len(edition.unfixed)} not fixed"
    files = [f"{verb} {target}: {counts}"]
    if not dry_run:
        files.append(f"snapshots: {snapshots}")
    _end_run(ui, result, files)
    raise typer.Exit(int(ExitCode.PROBLEMS if edition.unfixed else ExitCode.OK))


_EDITION_SUFFIXES = {
    Format.DOCX: (".docx",),
    Format.HTML: (".html", ".htm", ".xhtml"),
    Format.PDF: (),
}


def _listing(document: Path, output: Path, read: Document, option: str = "-o") -> Listing | None:
    """What ``output`` asks for: the edition (None), or the list of fixes (by its suffix)."""
    from citecheck.fix import Listing

    _check_fix_output(document, output, option)
    suffix = output.suffix.lower()
    if suffix == ".csv":
        return Listing.CSV
    if suffix in (".md", ".markdown") and read.format is not Format.MARKDOWN:
        return Listing.MARKDOWN
    allowed = _EDITION_SUFFIXES.get(read.format)
    if allowed is None or suffix in allowed:
        return None
    kind = read.format.value.upper()
    if not allowed:
        raise fail(
            f"{option} {output}: a {kind} is not edited in place; name the list of fixes "
            ".md or .csv"
        )
    raise fail(
        f"{option} {output}: the next edition of a {kind} document is a {kind} "
        f"({', '.join(allowed)}); name it so, or .md/.csv for the list of fixes"
    )


def _check_fix_output(document: Path, output: Path, option: str = "-o") -> None:
    """The copy goes elsewhere: never over the document (however spelled), never onto a folder."""
    same = output.resolve() == document.resolve()
    if same or (output.exists() and document.exists() and output.samefile(document)):
        raise fail(
            f"{option} {output} is the document itself; give another path for the updated copy"
        )
    if output.is_dir():
        raise fail(f"{option} {output} is a directory; give the path of the file to write")


# ----------------------------------------------------------------------------------- config


# ------------------------------------------------------------------------------------ prune


@app.command(cls=Command)
@command
def prune(
    document: DocumentArg,
    snapshots: SnapshotsOption = Path("snapshots"),
    apply: Annotated[
        bool, typer.Option("--apply", help="Delete the folders (default: only list them).")
    ] = False,
    read_as: FromOption = None,
    body_links: BodyLinksOption = False,
    wait: WaitOption = None,
    *,
    ui: Ui,
) -> None:
    """List the snapshot folders of URLs DOCUMENT no longer cites; --apply deletes them.

    A folder stays behind when its citation is removed or its URL corrected; the change
    report lists them too. Without --apply nothing is deleted. No network: reads DOCUMENT
    and the store. A store that several documents share lists the others' folders as well.
    Exit 0, 2 usage.
    """
    from citecheck.archive import prune_snapshots
    from citecheck.parse import links as parse_links
    from citecheck.parse import parse_document

    parsed = parse_document(load_document(document, read_as, ui), body_links=body_links)
    leftovers = prune_snapshots(
        parse_links(parsed), snapshots, apply=apply, wait=wait is not False,
        on_wait=lambda message: ui.say(f"citecheck: {message}"),
    )  # fmt: skip
    verb = "deleted" if apply else "would delete"
    for left in leftovers:
        sys.stdout.write(f"{verb} {snapshots / left.snapshot_id}/  {left.url}\n")
    folders = counted(len(leftovers), "snapshot folder")
    if not leftovers:
        ui.say(f"citecheck: every snapshot folder in {snapshots} is cited by {document}")
    elif apply:
        ui.say(f"citecheck: deleted {folders} no longer cited")
    else:
        ui.say(f"citecheck: {folders} no longer cited; add --apply to delete them")


@app.command(cls=Command, name="config")
@command
def config_command(
    defaults: Annotated[
        bool,
        typer.Option("--defaults", help="Print every key at its default, with what it means."),
    ] = False,
    *,
    resolved: ResolvedSettings,
) -> None:
    """Print the settings a run here would use, and where each value came from.

    The output is a citecheck.toml: copy it, keep the keys you change. Precedence, highest
    first: options, citecheck.toml, [tool.citecheck] in pyproject.toml, defaults.
    """
    if defaults:
        sys.stdout.write(settings_toml(Settings()))
        return
    sys.stdout.write(settings_toml(resolved.settings, resolved.origins))
