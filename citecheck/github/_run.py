"""The action's run step: every document through ``citecheck run``, one report folder each.

Each document gets ``<report-dir>/<slug>/`` with report.md/.html/.json/.csv and report.sarif,
all from one run (the checks are made once). The folder then holds what the job publishes:
``report.md`` (every document's Markdown report, fitted to a pull-request body), one merged
``report.sarif`` for code scanning, and the counts and exit code the action outputs.
"""

from __future__ import annotations

import glob
import json
import re
import subprocess
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from citecheck.files import write_atomic
from citecheck.github._summary import PR_BODY_BUDGET, fit
from citecheck.report import Category

# Worst first: a usage error hides everything else, findings beat an outage, an outage beats a
# document that cited nothing to check (4), which beats 0. An interrupt (130) beats them all.
_SEVERITY = {130: 6, 2: 5, 1: 4, 3: 3, 4: 2, 0: 1}
_GLOB = re.compile(r"[*?\[]")

Runner = Callable[..., "subprocess.CompletedProcess[bytes]"]


@dataclass(frozen=True)
class Request:
    """What the action's inputs ask for."""

    patterns: tuple[str, ...]
    snapshots: str
    fail_on: str
    args: tuple[str, ...]
    report_dir: Path
    fix: bool = False


# Fixes are written into Markdown and text documents only (DOCX/PDF/HTML editions: `fix` says so).
TEXT_SUFFIXES = frozenset({".md", ".markdown", ".txt", ".text"})


@dataclass(frozen=True)
class DocumentRun:
    """One document's run: where its report is and how ``citecheck run`` exited.

    ``fixed``: its fixes were written into it; ``fix_skipped``: fixes were asked for, but the
    format has no edition writer yet (the change report still lists each fix).
    """

    document: str
    folder: Path
    exit_code: int
    fixed: bool = False
    fix_skipped: bool = False


def expand(patterns: Sequence[str], root: Path) -> list[str]:
    """Each line a path or a glob (``**`` too) relative to ``root``; order kept, no repeats.

    A plain path that does not exist is kept, so ``citecheck run`` says so in one line.
    """
    found: list[str] = []
    for pattern in (p.strip() for p in patterns):
        if not pattern:
            continue
        if _GLOB.search(pattern):
            found += sorted(glob.glob(pattern, root_dir=root, recursive=True))
        else:
            found.append(pattern)
    return list(dict.fromkeys(found))


def slug(document: str, taken: set[str]) -> str:
    """A folder name for the document's report, unique among ``taken``."""
    base = re.sub(r"[^A-Za-z0-9._-]+", "-", document).strip("-.") or "document"
    name, n = base, 1
    while name in taken:
        n += 1
        name = f"{base}-{n}"
    taken.add(name)
    return name


def run_document(
    request: Request, document: str, folder: Path, citecheck: Sequence[str], runner: Runner
) -> DocumentRun:
    """``citecheck run`` on one document, SARIF on stdout into the folder beside the rest."""
    folder.mkdir(parents=True, exist_ok=True)
    fixed = folder / "fixed" / Path(document).name
    fix = request.fix and Path(document).suffix.lower() in TEXT_SUFFIXES
    command = [
        *citecheck, "run", document, "--snapshots", request.snapshots, "--output", str(folder),
        "--format", "sarif", "--fail-on", request.fail_on,
        *(["--fixed-copy", str(fixed)] if fix else []), *request.args,
    ]  # fmt: skip
    with (folder / "report.sarif").open("wb") as sarif:
        done = runner(command, stdout=sarif, check=False)
    changed = fix and done.returncode in (0, 1) and _apply(fixed, Path(document))
    return DocumentRun(document, folder, done.returncode, changed, request.fix and not fix)


def _apply(fixed: Path, document: Path) -> bool:
    """Put the fixed copy in the document's place (the weekly pull request commits it)."""
    if not fixed.is_file():
        return False
    return write_atomic(document, fixed.read_bytes())


def exit_code(runs: Sequence[DocumentRun]) -> int:
    return max((run.exit_code for run in runs), key=lambda c: _SEVERITY.get(c, 5), default=0)


def counts(runs: Sequence[DocumentRun]) -> dict[str, int]:
    """Links per category over every document, plus the total and those needing an editor."""
    total: Counter[str] = Counter()
    for run in runs:
        summary = _json(run.folder / "report.json").get("summary", {})
        total.update(summary.get("categories", {}))
        total["total"] += summary.get("total", 0)
        total["needs-editor"] += summary.get("needs_editor", 0)
    return {
        "total": total["total"],
        "needs-editor": total["needs-editor"],
        **{category.value: total[category.value] for category in Category},
    }


def merged_sarif(runs: Sequence[DocumentRun]) -> dict[str, Any] | None:
    """One SARIF log whose single run carries every document's results (GitHub wants one run
    per tool and category in an upload)."""
    logs = [log for run in runs if (log := _json(run.folder / "report.sarif"))]
    if not logs:
        return None
    merged = logs[0]
    for log in logs[1:]:
        merged["runs"][0]["results"] += log["runs"][0]["results"]
    return merged


def combined_markdown(runs: Sequence[DocumentRun], budget: int = PR_BODY_BUDGET) -> str:
    """Every document's Markdown report, in order, fitted to a pull-request body."""
    parts = [
        path.read_text("utf-8") for run in runs if (path := run.folder / "report.md").is_file()
    ]
    failed = [run.document for run in runs if not (run.folder / "report.md").is_file()]
    parts += [
        f"**{document}**: citecheck wrote no report (see the job log).\n" for document in failed
    ]
    return fit("\n---\n\n".join(parts), budget, "the rest is in the full report")


def _json(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}
