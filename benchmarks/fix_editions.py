#!/usr/bin/env python3
"""What ``citecheck fix`` writes for the bundled report, in each of its forms (issue 14).

    python benchmarks/fix_editions.py

Runs the whole pipeline on the bundled report against the end-to-end tests' simulated web
(tests/e2e/world.py: the report's 146 real host names on loopback, a local Wayback) and
prints, per form of the document:

- baseline dates: URLs cited without a visit date, and those still without any baseline date;
- Markdown: the ``--dry-run`` diff (hunks, changed lines) with and without ``--keep-dates``;
- DOCX: edits by kind, tracked changes (``w:ins``/``w:del`` by citecheck), notes changed,
  ZIP members rewritten;
- PDF: fixes listed.

Nothing leaves loopback; it takes about a minute on the shared 2-core machine.
"""

from __future__ import annotations

import io
import sys
import tempfile
import zipfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from citecheck.fix import Edition, fix_document  # noqa: E402
from citecheck.parse import links  # noqa: E402
from citecheck.pipeline import PipelineResult, run_pipeline  # noqa: E402
from citecheck.read import read_document  # noqa: E402
from tests.e2e import world as w  # noqa: E402
from tests.e2e.test_run_pipeline import settings_for  # noqa: E402
from tests.support.docx_review import marks  # noqa: E402

FORMS = {
    "markdown": w.DOCUMENT,
    "docx": ROOT / "tests/documents/icmec-2018/icmec-2018.docx",
    "pdf": ROOT / "tests/documents/icmec-2018/icmec-2018.pdf",
}


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        with w.world(tmp) as world:
            settings, resolver = settings_for(world), world.web.resolver()
            runs = {}
            for form, path in FORMS.items():
                runs[form] = run_pipeline(
                    read_document(path), settings, snapshots=tmp / form, resolver=resolver,
                    clock=lambda: w.NOW, sleep=lambda _s: None,
                )  # fmt: skip
    for form, result in runs.items():
        found = links(result.parsed)
        undated = sum(link.last_visited is None for link in found)
        without = sum(link.baseline is None for link in found)
        sources = Counter(link.baseline.source.value for link in found if link.baseline)
        print(f"{form}: {len(found)} URLs, {undated} without a visit date, {without} without "
              f"a baseline date; date sources {dict(sources)}")  # fmt: skip
    markdown(runs["markdown"])
    docx(runs["docx"])
    pdf(runs["pdf"])


def edition(result: PipelineResult, path: Path, keep_dates: bool = False) -> Edition:
    data = path.read_bytes()
    return fix_document(data, result.document, result.parsed, result.report, keep_dates=keep_dates)


def markdown(result: PipelineResult) -> None:
    for keep in (False, True):
        made = edition(result, FORMS["markdown"], keep)
        diff = made.preview("a", "b").splitlines()
        hunks = sum(line.startswith("@@") for line in diff)
        changed = sum(line[:1] in "+-" and line[:3] not in ("+++", "---") for line in diff)
        print(f"markdown{' --keep-dates' if keep else ''}: {hunks} hunks, {changed} changed "
              f"lines (+/-), {len(made.edits)} edits {_kinds(made)}, "
              f"{len(made.unfixed)} not fixed")  # fmt: skip


def docx(result: PipelineResult) -> None:
    original = FORMS["docx"].read_bytes()
    for keep in (False, True):
        made = edition(result, FORMS["docx"], keep)
        ours = Counter(m.tag.rpartition("}")[2] for m in marks(made.data))
        notes = len({e.note for e in made.edits if e.note is not None})
        boxes = len({e.box for e in made.edits if e.box is not None})
        before = zipfile.ZipFile(io.BytesIO(original))
        after = zipfile.ZipFile(io.BytesIO(made.data))
        rewritten = [i.filename for i in after.infolist()
                     if before.read(i.filename) != after.read(i.filename)]  # fmt: skip
        members = len(after.infolist())
        print(f"docx{' --keep-dates' if keep else ''}: {len(made.edits)} edits {_kinds(made)} "
              f"in {notes} notes and {boxes} boxes; tracked changes {dict(ours)}; rewritten "
              f"{rewritten} of {members} members; {len(made.unfixed)} not fixed")  # fmt: skip


def pdf(result: PipelineResult) -> None:
    for keep in (False, True):
        made = edition(result, FORMS["pdf"], keep)
        print(f"pdf{' --keep-dates' if keep else ''}: {len(made.edits)} fixes listed "
              f"{_kinds(made)}, {len(made.unfixed)} not fixed")  # fmt: skip


def _kinds(made: Edition) -> dict[str, int]:
    return dict(Counter(e.action.value for e in made.edits))


if __name__ == "__main__":
    main()
