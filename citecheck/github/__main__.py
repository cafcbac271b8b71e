"""The GitHub Action's steps (``action.yml``): ``python -m citecheck.github run|finish``.

A thin layer like ``citecheck.cli``: read the step's inputs and the runner's ``GITHUB_*`` files,
call the library, write outputs, annotations and the job summary. ``run`` always exits 0 when
the documents could be run (the action's last step fails the job as citecheck decided, after the
report is uploaded); the exit code travels as the ``exit-code`` output.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from citecheck.files import write_atomic
from citecheck.github._commands import command, output_lines, sarif_annotations
from citecheck.github._run import (
    DocumentRun,
    Request,
    combined_markdown,
    counts,
    exit_code,
    expand,
    merged_sarif,
    run_document,
    slug,
)
from citecheck.github._summary import PR_BODY_BUDGET, STEP_SUMMARY_LIMIT, fit, footer


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    code: int = args.handler(args)
    return code


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m citecheck.github")
    sub = parser.add_subparsers(required=True)
    run = sub.add_parser("run", help="run citecheck on every document; outputs and annotations")
    run.add_argument("--documents", required=True, help="paths or globs, one a line")
    run.add_argument("--snapshots", default="snapshots")
    run.add_argument("--fail-on", default="new-confirmed-gone")
    run.add_argument("--args", default="", help="more `citecheck run` arguments (shell words)")
    run.add_argument("--report-dir", type=Path, required=True)
    run.add_argument("--fix", action="store_true", help="write the fixes into the documents")
    run.add_argument("--fail-if-empty", action="store_true")
    run.set_defaults(handler=_run)
    finish = sub.add_parser("finish", help="job summary and pull-request body, with the link")
    finish.add_argument("--report-dir", type=Path, required=True)
    finish.add_argument("--artifact", default="citecheck-report")
    finish.add_argument("--artifact-url", default="")
    finish.set_defaults(handler=_finish)
    return parser


def _run(args: argparse.Namespace) -> int:
    request = Request(
        patterns=tuple(args.documents.splitlines()),
        snapshots=args.snapshots,
        fail_on=args.fail_on,
        args=tuple(shlex.split(args.args)),
        report_dir=args.report_dir,
        fix=args.fix,
    )
    documents = expand(request.patterns, Path.cwd())
    if not documents:
        level = "error" if args.fail_if_empty else "warning"
        print(command(level, "citecheck: no document matches the `documents` input"), flush=True)
        _outputs({"exit-code": "2" if args.fail_if_empty else "0", "documents": "0"})
        return 0
    runs = _run_all(request, documents)
    _publish(request.report_dir, runs)
    return 0


def _run_all(request: Request, documents: list[str]) -> list[DocumentRun]:
    taken: set[str] = set()
    citecheck = [sys.executable, "-m", "citecheck"]
    runs = []
    for document in documents:
        print(f"::group::citecheck run {document}", flush=True)
        folder = request.report_dir / slug(document, taken)
        done = run_document(request, document, folder, citecheck, subprocess.run)
        runs.append(done)
        print("::endgroup::", flush=True)
        if done.fix_skipped:
            why = "fixes are written into Markdown and text documents only so far; the change "
            print(command("notice", why + "report lists each fix", {"file": document}), flush=True)
    return runs


def _publish(report_dir: Path, runs: list[DocumentRun]) -> None:
    report = report_dir / "report.md"
    write_atomic(report, combined_markdown(runs).encode("utf-8"))
    sarif = merged_sarif(runs)
    sarif_path = report_dir / "report.sarif"
    if sarif is not None:
        text = json.dumps(sarif, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
        write_atomic(sarif_path, text.encode("utf-8"))
        for line in sarif_annotations(sarif):
            print(line, flush=True)
    fixed = [run.document for run in runs if run.fixed]
    _outputs({
        "exit-code": str(exit_code(runs)),
        "documents": str(len(runs)),
        **{name: str(value) for name, value in counts(runs).items()},
        "report": str(report),
        "report-dir": str(report_dir),
        "sarif": str(sarif_path) if sarif is not None else "",
        "fixed": str(len(fixed)),
        "fixed-documents": "\n".join(fixed),
    })  # fmt: skip


def _finish(args: argparse.Namespace) -> int:
    report = args.report_dir / "report.md"
    markdown = report.read_text("utf-8") if report.is_file() else "citecheck wrote no report.\n"
    server = os.environ.get("GITHUB_SERVER_URL", "https://github.com")
    run_url = (
        f"{server}/{os.environ.get('GITHUB_REPOSITORY', '')}/actions/runs/"
        f"{os.environ.get('GITHUB_RUN_ID', '')}"
    )
    tail = footer(args.artifact_url, args.artifact, run_url)
    summary_budget = STEP_SUMMARY_LIMIT - len(tail.encode("utf-8"))
    summary = fit(markdown, summary_budget, "the rest is in the full report", measure="bytes")
    _append("GITHUB_STEP_SUMMARY", summary + tail)
    body = args.report_dir / "pr-body.md"
    text = fit(markdown, PR_BODY_BUDGET - len(tail), "the rest is in the full report") + tail
    write_atomic(body, text.encode("utf-8"))
    _outputs({"pr-body": str(body)})
    return 0


def _outputs(values: dict[str, str]) -> None:
    _append("GITHUB_OUTPUT", output_lines(values))


def _append(variable: str, text: str) -> None:
    """Append to the runner's file named by ``variable`` (stdout when run by hand)."""
    path = os.environ.get(variable)
    if not path:
        sys.stdout.write(text)
        return
    with open(path, "a", encoding="utf-8") as fh:
        fh.write(text)


if __name__ == "__main__":
    raise SystemExit(main())
