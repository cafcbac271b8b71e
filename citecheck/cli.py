"""The ``citecheck`` command line: parse options, call the library, format, pick the exit code.

Exit codes (documented in the README; each command's are tested in its tests/**/test_*cli*.py):

    0  OK            every link alive (or moved only, with moved-ok), or nothing to check
    1  PROBLEMS      links are gone, moved, blocked, erroring or invalid
    2  USAGE         bad option, unreadable or empty document, invalid configuration
    3  INCONCLUSIVE  the network could not be reached: no verdict about any source was drawn
"""

from __future__ import annotations

import contextlib
import enum
import functools
import inspect
import json
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import Progress
from rich.table import Table

from citecheck import export
from citecheck.archive import archive_links, archive_run_to_dict, stored_statuses, with_statuses
from citecheck.check import check_links, run_to_dict
from citecheck.config import Settings, load_settings
from citecheck.errors import CitecheckError, InputError
from citecheck.files import write_atomic
from citecheck.fix import apply_fixes, summarize, unified_diff
from citecheck.lint import (
    BASELINE_NAME,
    LintFinding,
    baseline_json,
    compare,
    document_key,
    lint_findings,
    load_baseline,
    where,
)
from citecheck.model import ArchiveRun, CheckRun, Document, Format, Verdict
from citecheck.monitor import DEFAULT_FAIL_ON, decide, parse_fail_on
from citecheck.parse import links as parse_links
from citecheck.parse import parse_document
from citecheck.pipeline import run_pipeline
from citecheck.read import read_document
from citecheck.report import FILENAMES, RENDERERS, ChangeReport, document_places, to_sarif


class ExitCode(enum.IntEnum):
    OK = 0
    PROBLEMS = 1
    USAGE = 2
    INCONCLUSIVE = 3


app = typer.Typer(
    name="citecheck",
    help="Check the web sources a document cites: parse, check, archive, report, fix.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

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
        help="Read DOCUMENT as this format (default: told by its content, then its extension).",
    ),
]
BodyLinksOption = Annotated[
    bool,
    typer.Option("--body-links", help="Also check the URLs of the body, outside the notes."),
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


# -------------------------------------------------------------------------- reading a document


def load_document(path: Path, read_as: Format | None) -> Document:
    """The document at ``path`` (standard input for ``-``), a progress bar on a terminal."""
    source = sys.stdin.buffer if str(path) == "-" else path
    with _read_progress() as progress:
        return read_document(source, format=read_as, progress=progress)


@contextlib.contextmanager
def _read_progress() -> Iterator[Callable[[int, int], None] | None]:
    """A bar for reading a long document (a PDF's pages), shown once the reader reports."""
    if not sys.stderr.isatty():
        yield None
        return
    bars: list[tuple[Progress, Any]] = []

    def report(done: int, total: int) -> None:
        if not bars:
            bar = Progress(console=Console(stderr=True), transient=True)
            bar.start()
            bars.append((bar, bar.add_task("reading pages", total=total)))
        bar, task = bars[0]
        bar.update(task, completed=done, total=total)

    try:
        yield report
    finally:
        for bar, _ in bars:
            bar.stop()


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
        (
            "wayback_url",
            Annotated[
                str | None,
                typer.Option(help="Wayback server: IA, a pywb collection, OpenWayback."),
            ],
        ),
        (
            "archives",
            Annotated[
                list[str] | None,
                typer.Option(
                    "--archive",
                    help="Also look for baselines here: a Memento TimeGate URL (repeatable).",
                ),
            ],
        ),
    ]
]


def _given(value: Any) -> Any:
    """An option not given is None (a repeatable one comes as an empty list)."""
    return None if isinstance(value, list) and not value else value


def network_options(func: F) -> F:
    """Add the shared network options to a command and hand it a ``settings: Settings``.

    Every command that checks links takes exactly the same options, read through the same
    config files, so ``check``, ``archive``, ``run`` and ``fix`` cannot drift apart.
    """
    names = [p.name for p in _NETWORK_OPTIONS]

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        overrides = {name: _given(kwargs.pop(name)) for name in names}
        kwargs["settings"] = load_settings(Path.cwd(), overrides)
        return func(*args, **kwargs)

    # eval_str: typer reads the Annotated[..., typer.Option(...)] metadata only from real
    # annotations, and `from __future__ import annotations` leaves them as strings here.
    signature = inspect.signature(func, eval_str=True)
    params = [p for p in signature.parameters.values() if p.name != "settings"]
    wrapper.__signature__ = inspect.Signature(params + _NETWORK_OPTIONS)  # type: ignore[attr-defined]
    return wrapper  # type: ignore[return-value]


# ------------------------------------------------------------------------------------ parse


@app.command()
@guarded
def parse(
    document: DocumentArg,
    format: Annotated[ParseFormat, typer.Option("--format", "-f")] = ParseFormat.summary,
    read_as: FromOption = None,
    body_links: BodyLinksOption = False,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here.")] = None,
    export_dir: Annotated[
        Path | None,
        typer.Option(help="Write citations.json, references.bib and references.csl.json here."),
    ] = None,
) -> None:
    """Parse the document's footnotes into resolved references; print a summary or export them."""
    parsed = parse_document(load_document(document, read_as), body_links=body_links)
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


# ------------------------------------------------------------------------------------- lint


@app.command()
@guarded
def lint(
    documents: Annotated[
        list[Path], typer.Argument(help="The documents to check (as a commit hook passes them).")
    ],
    baseline: Annotated[Path, typer.Option(help="The committed file of accepted warnings.")] = Path(
        BASELINE_NAME
    ),
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
        typer.echo(f"{verb} {baseline}: {total} warning(s) accepted in {len(found)} document(s)")
        return
    new = 0
    for key, (document, read, items) in found.items():
        comparison = compare(items, accepted.get(key, ()))
        new += len(comparison.new)
        for item in comparison.new:
            finding = item.finding
            typer.echo(f"{document}{where(finding, read)}: {finding.code}: {finding.message}")
        if comparison.fixed:
            typer.echo(
                f"{document}: {len(comparison.fixed)} accepted warning(s) no longer occur; "
                "--update-baseline drops them",
                err=True,
            )
    if new:
        typer.echo(
            f"citecheck: {new} new warning(s) not in {baseline}; fix them, or accept them "
            "with `citecheck lint --update-baseline`",
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
    """3 when the network was unreachable, 1 when any link has a problem, else 0.

    ``moved`` is a problem unless ``moved_ok``; ``skipped`` (by configuration) never is.
    """
    if run.inconclusive:
        return ExitCode.INCONCLUSIVE
    problems = set(_PROBLEMS) if settings.moved_ok else _PROBLEMS | {Verdict.MOVED}
    if any(result.verdict in problems for result in run.results):
        return ExitCode.PROBLEMS
    return ExitCode.OK


@contextlib.contextmanager
def check_progress() -> Iterator[Callable[[int, int], None] | None]:
    """A rich progress bar on stderr when it is a terminal; nothing otherwise (logs, CI, pipes)."""
    if not sys.stderr.isatty():
        yield None
        return
    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("checking links", total=None)
        yield lambda done, total: bar.update(task, completed=done, total=total)


def print_check_table(run: CheckRun) -> None:
    """Every link that is not alive, with its reason; then the count of each verdict.

    In an outage every link has the same non-verdict, so only the summary is shown.
    """
    console = Console(highlight=False)
    problems = [] if run.inconclusive else [r for r in run.results if r.verdict != Verdict.ALIVE]
    if problems:
        table = Table("verdict", "url", "reason", "notes", title="Links to look at")
        for result in problems:
            notes = ", ".join(str(n) for n in result.notes)
            table.add_row(result.verdict.value, escape(result.url), escape(result.reason), notes)
        console.print(table)
    counts = Table("verdict", "links", title="Summary")
    for verdict in Verdict:
        counts.add_row(verdict.value, str(sum(r.verdict is verdict for r in run.results)))
    console.print(counts)
    if run.inconclusive:
        console.print(_INCONCLUSIVE)


@app.command()
@guarded
@network_options
def check(
    document: DocumentArg,
    format: Annotated[CheckFormat, typer.Option("--format", "-f")] = CheckFormat.table,
    read_as: FromOption = None,
    body_links: BodyLinksOption = False,
    snapshots: Annotated[
        Path, typer.Option(help="Snapshot store whose drift fields --format json adds (read only).")
    ] = Path("snapshots"),
    *,
    settings: Settings,
) -> None:
    """Check every cited URL once. Exit 0 all alive, 1 problems, 2 usage, 3 inconclusive.

    Refuses private, loopback and link-local addresses (skipped) unless --allow-private.

    Behind a proxy (--proxy, HTTP_PROXY) names are the proxy's: only IPs and localhost are refused.
    """
    parsed = parse_document(load_document(document, read_as), body_links=body_links)
    found = parse_links(parsed)
    with check_progress() as progress:
        run = check_links(found, settings, progress=progress)
    if format is CheckFormat.json:
        data = run_to_dict(run)
        if snapshots.is_dir():  # archive: content, similarity, archive_url of each link
            data = with_statuses(data, stored_statuses(snapshots, found))
        sys.stdout.write(json.dumps(data, indent=2, sort_keys=True) + "\n")
        if run.inconclusive:
            typer.echo(f"citecheck: {_INCONCLUSIVE}", err=True)
    else:
        print_check_table(run)
    raise typer.Exit(int(check_exit_code(run, settings)))


# ---------------------------------------------------------------------------------- archive


@app.command()
@guarded
@network_options
def archive(
    document: DocumentArg,
    snapshots: Annotated[
        Path, typer.Option(help="Snapshot store to update (layout: snapshots/README.md).")
    ] = Path("snapshots"),
    save: Annotated[
        bool,
        typer.Option(
            "--save",
            help="Submit live sources to Save Page Now (keys from CITECHECK_SPN_ACCESS_KEY "
            "and CITECHECK_SPN_SECRET_KEY).",
        ),
    ] = False,
    format: Annotated[CheckFormat, typer.Option("--format", "-f")] = CheckFormat.table,
    read_as: FromOption = None,
    body_links: BodyLinksOption = False,
    *,
    settings: Settings,
) -> None:
    """Check every cited URL, keep its snapshot, find its 2018 Wayback copy, measure drift.

    Exit codes as check: 0 all alive, 1 problems, 2 usage, 3 inconclusive (the network was
    unreachable: no verdict was drawn and no snapshot file changed).
    """
    parsed = parse_document(load_document(document, read_as), body_links=body_links)
    found = parse_links(parsed)
    with check_progress() as progress:
        done = archive_links(found, settings, snapshots, save=save, progress=progress)
    if format is CheckFormat.json:
        data = archive_run_to_dict(done)
        sys.stdout.write(json.dumps(data, indent=2, sort_keys=True) + "\n")
    else:
        print_check_table(done.check)
        _print_drift_table(done)
    if done.check.inconclusive:
        typer.echo(f"citecheck: {_INCONCLUSIVE}; no snapshot changed", err=True)
    else:
        typer.echo(f"snapshots of {len(done.statuses)} source(s) in {snapshots}", err=True)
    raise typer.Exit(int(check_exit_code(done.check, settings)))


def _print_drift_table(done: ArchiveRun) -> None:
    """Sources whose text changed since 2018 or has no baseline, then the count of each."""
    console = Console(highlight=False)
    notable = [s for s in done.statuses if s.content.value in ("changed", "no-baseline")]
    if notable:
        table = Table("content", "similarity", "url", "what changed", title="Content drift")
        for status in notable:
            score = "" if status.similarity is None else f"{status.similarity:.2f}"
            row = (status.content.value, score, escape(status.url), escape(status.summary))
            table.add_row(*row)
        console.print(table)
    counts = Counter(s.content.value for s in done.statuses)
    console.print(", ".join(f"{name}: {n}" for name, n in sorted(counts.items())) or "no sources")


# -------------------------------------------------------------------------------------- run


class RunFormat(enum.StrEnum):
    markdown = "markdown"
    html = "html"
    json = "json"
    csv = "csv"
    sarif = "sarif"


def render_run(fmt: RunFormat, report: ChangeReport, path: Path, document: Document) -> str:
    """The change report in ``fmt``; SARIF also locates each citation in the document."""
    if fmt is RunFormat.sarif:
        return to_sarif(report, document=path, places=document_places(document, report))
    return RENDERERS[fmt.value](report)


@app.command()
@guarded
@network_options
def run(
    document: DocumentArg,
    snapshots: Annotated[
        Path, typer.Option(help="Snapshot store the run reads and updates.")
    ] = Path("snapshots"),
    output: Annotated[
        Path | None,
        typer.Option(help="Write the change report here (report.md, .html, .json, .csv)."),
    ] = None,
    format: Annotated[
        RunFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="Print this format (markdown; none with --output). sarif: for code scanning.",
        ),
    ] = None,
    save: Annotated[
        bool, typer.Option("--save", help="Ask Save Page Now to capture every live source.")
    ] = False,
    fail_on: Annotated[
        str | None,
        typer.Option(
            help="Comma-separated conditions that exit 1: new-confirmed-gone (the default: a "
            "source became confirmed gone this run), confirmed-gone, new-gone (a first "
            "failure), moved, changed, unverified (newly blocked or erroring), citation-error, "
            "any (any source not alive), never."
        ),
    ] = None,
    read_as: FromOption = None,
    body_links: BodyLinksOption = False,
    fixed_copy: Annotated[
        Path | None,
        typer.Option(
            help="Also write the document with the change report's fixes applied here (what "
            "`citecheck fix -o` writes), from the same run.",
        ),
    ] = None,
    *,
    settings: Settings,
) -> None:
    """Parse, check, archive, compare and write the change report: the fixes for an editor.

    Exit 0, or 1 when a --fail-on condition holds; 2 on usage errors;
    3 when inconclusive: the network was unreachable and no snapshot changed.
    """
    conditions = parse_fail_on(fail_on) if fail_on else DEFAULT_FAIL_ON
    if output is not None and output.exists() and not output.is_dir():
        raise fail(
            f"--output {output} is a file; give a directory for the four change report files"
        )
    read = load_document(document, read_as)
    if fixed_copy is not None:
        _check_fixed_copy(document, fixed_copy, read)
    with check_progress() as progress:
        result = run_pipeline(
            read, settings, snapshots=snapshots, save=save, body_links=body_links,
            progress=progress,
        )  # fmt: skip
    change_report, code = result.report, ExitCode.INCONCLUSIVE
    if result.watch is not None:
        decision = decide(result.watch, conditions)
        code = ExitCode.PROBLEMS if decision.failed else ExitCode.OK
        for reason in decision.reasons:
            typer.echo(f"citecheck: fail-on: {reason}", err=True)
    if output is not None:
        try:
            for fmt, name in FILENAMES.items():
                write_atomic(output / name, RENDERERS[fmt](change_report).encode("utf-8"))
        except OSError as exc:
            why = exc.strerror or exc
            raise fail(f"--output {output}: cannot write the change report ({why})") from None
        typer.echo(f"wrote {', '.join(str(output / n) for n in FILENAMES.values())}", err=True)
    if format is not None or output is None:
        chosen = format or RunFormat.markdown
        sys.stdout.write(render_run(chosen, change_report, document, result.document))
    if fixed_copy is not None and not result.inconclusive:
        _write_fixed_copy(fixed_copy, result.text, change_report)
    if result.inconclusive:
        typer.echo(f"citecheck: {_INCONCLUSIVE}; no snapshot changed", err=True)
    raise typer.Exit(int(code))


def _check_fixed_copy(document: Path, fixed_copy: Path, read: Document) -> None:
    """--fixed-copy is refused before the run, as ``fix`` refuses its -o."""
    _check_fix_output(document, fixed_copy, "--fixed-copy")
    if read.text is None:
        raise fail(
            f"{document} is a {read.format.value.upper()} document; --fixed-copy writes Markdown "
            "and text editions only so far"
        )


def _write_fixed_copy(path: Path, text: str, change_report: ChangeReport) -> None:
    fixed = apply_fixes(text, change_report, change_report.run_date)
    write_atomic(path, fixed.text.encode("utf-8"))
    for line in summarize(fixed):
        typer.echo(line, err=True)
    typer.echo(f"wrote {path}: {len(fixed.edits)} edit(s)", err=True)


# -------------------------------------------------------------------------------------- fix


@app.command()
@guarded
@network_options
def fix(
    document: DocumentArg,
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Where to write the updated copy.")
    ],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Print the unified diff; write no copy.")
    ] = False,
    snapshots: Annotated[
        Path, typer.Option(help="Snapshot store the run reads and updates.")
    ] = Path("snapshots"),
    read_as: FromOption = None,
    *,
    settings: Settings,
) -> None:
    """Write the next edition: a copy of DOCUMENT with the change report's fixes applied.

    Moved sources get their new URL, gone or drifted ones their 2018 archive
    link, sources verified alive the run date as "last visited". Nothing else
    changes, and DOCUMENT itself is never modified. The run updates the snapshots
    as `citecheck run` does, also with --dry-run.

    Exit 0 every source needing an editor was fixed, 1 some were not (listed),
    2 usage, 3 inconclusive (network unreachable: nothing written).
    """
    _check_fix_output(document, output)
    read = load_document(document, read_as)
    if read.text is None:
        raise fail(
            f"{document} is a {read.format.value.upper()} document; fix writes Markdown and text "
            "editions only so far — use `citecheck run` for the change report and its fixes"
        )
    with check_progress() as progress:
        result = run_pipeline(read, settings, snapshots=snapshots, progress=progress)
    if result.inconclusive:
        raise fail("inconclusive — network unreachable: nothing written", ExitCode.INCONCLUSIVE)
    fixed = apply_fixes(result.text, result.report, result.report.run_date)
    if dry_run:
        sys.stdout.write(unified_diff(result.text, fixed, str(document), str(output)))
    else:
        write_atomic(output, fixed.text.encode("utf-8"))
    for line in summarize(fixed):
        typer.echo(line, err=True)
    verb = "would write" if dry_run else "wrote"
    counts = f"{len(fixed.edits)} edit(s), {len(fixed.unfixed)} not fixed"
    typer.echo(f"{verb} {output}: {counts}", err=True)
    raise typer.Exit(int(ExitCode.PROBLEMS if fixed.unfixed else ExitCode.OK))


def _check_fix_output(document: Path, output: Path, option: str = "-o") -> None:
    """The copy goes elsewhere: never over the document (however spelled), never onto a folder."""
    same = output.resolve() == document.resolve()
    if same or (output.exists() and document.exists() and output.samefile(document)):
        raise fail(
            f"{option} {output} is the document itself; give another path for the updated copy"
        )
    if output.is_dir():
        raise fail(f"{option} {output} is a directory; give the path of the file to write")
