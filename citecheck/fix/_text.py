"""The next edition of a Markdown or text document: the fixes written into its text.

Touches nothing but the cited URL and its locator:

- a moved source gets its new URL, in whichever form the text wrote it (``<url>``, bare, or a
  Markdown link), and its "last visited" date becomes the run date;
- a gone or drifted source gains ``, archived at <…> (archived Oct. 5, 2018)`` after its locator;
- a source verified alive gets the run date as its "last visited" date.

Everything is pure (text in, text out), so the whole edition is testable without a network.
"""

from __future__ import annotations

import bisect
import datetime as dt
import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from citecheck.fix._locate import apply_ops, cited_urls, locate
from citecheck.fix._plan import Plan, Unfixed, plans
from citecheck.model import ParsedDocument
from citecheck.report import ChangeReport, CorrectedNote, FixAction
from citecheck.words import plural


@dataclass(frozen=True)
class Edit:
    """One rewritten locator: where (the 1-based line of the original in text formats, the
    note in others), which URL, what changed."""

    line: int | None
    url: str
    action: FixAction
    before: str
    after: str
    note: int | None = None
    page: int | None = None
    box: int | None = None  # a "Source:" box in the body, numbered from 1


@dataclass(frozen=True)
class FixResult:
    """The new text, every edit made in it (in text order), and what was left for an editor."""

    text: str
    edits: tuple[Edit, ...]
    unfixed: tuple[Unfixed, ...]


def apply_fixes(
    text: str, report: ChangeReport, today: dt.date, *, keep_dates: bool = False
) -> FixResult:
    """Rewrite ``text`` (the document as written) with the fixes ``report`` proposes.

    ``report`` is the change report of a run on the same text (``PipelineResult.report``, or
    ``build_report(parsed, archive_run)``); ``today`` is written as "last visited" for sources
    verified alive — unless ``keep_dates``, which leaves every visit date as it is.
    """
    planned, unfixed = plans(report, today, keep_dates=keep_dates)
    locators = locate(text, planned, markup=True)
    unfixed += not_written(report, planned, cited_urls(text, markup=True))
    line_starts = [0, *(m.end() for m in re.finditer("\n", text))]
    edits = tuple(
        Edit(bisect.bisect_right(line_starts, loc.start), loc.url, loc.action,
             text[loc.start : loc.end], loc.rewrite(text))
        for loc in locators
    )  # fmt: skip
    ops = [op for loc in locators for op in loc.ops]
    return FixResult(apply_ops(text, ops), edits, tuple(unfixed))


def corrected_notes(
    parsed: ParsedDocument, report: ChangeReport, today: dt.date
) -> dict[str, tuple[CorrectedNote, ...]]:
    """For each URL with a fix, every footnote and box that writes it, as it reads with all of
    the note's fixes applied: the whole text an editor pastes (``report.with_corrections``)."""
    planned, _ = plans(report, today)
    corrected: dict[str, list[CorrectedNote]] = {}
    places = [(n.text, {"note": n.number}) for n in parsed.notes]
    places += [(b.text, {"box": b.index}) for b in parsed.sidebars]
    for text, where in places:
        locators = locate(text, planned, markup=True)
        new_text = apply_ops(text, [op for loc in locators for op in loc.ops])
        for url in dict.fromkeys(loc.url for loc in locators):
            corrected.setdefault(url, []).append(CorrectedNote(new_text, **where))
    return {url: tuple(notes) for url, notes in corrected.items()}


def not_written(report: ChangeReport, planned: dict[str, Plan], cited: set[str]) -> list[Unfixed]:
    """Sources with a fix whose URL the document does not cite where a fix can go."""
    return [
        Unfixed(e.url, e.notes, "the URL is not written verbatim in the text: edit by hand")
        for e in report.entries
        if e.url in planned and e.url not in cited
    ]


def unified_diff(original: str, result: FixResult, before: str, after: str) -> str:
    """The edition as a unified diff, ``before``/``after`` naming the two files."""
    lines = difflib.unified_diff(
        original.splitlines(keepends=True),
        result.text.splitlines(keepends=True),
        fromfile=before,
        tofile=after,
    )
    return "".join(lines)


class Fixed(Protocol):
    """What a fix made: a ``FixResult`` or an ``Edition``."""

    @property
    def edits(self) -> tuple[Edit, ...]: ...

    @property
    def unfixed(self) -> tuple[Unfixed, ...]: ...


_DONE = {
    FixAction.REPLACE_URL: "new address for",
    FixAction.ADD_ARCHIVE: "archived copy added to",
    FixAction.REFRESH: "visit date updated for",
}


def summarize(result: Fixed) -> Sequence[str]:
    """One line per edit and per source left for an editor, for the command's summary."""
    lines = [f"{_where(e)}: {_DONE.get(e.action, 'changed')} {e.url}" for e in result.edits]
    lines += [f"not fixed: {u.url} ({_notes(u.notes)}): {u.reason}" for u in result.unfixed]
    return lines


def _where(edit: Edit) -> str:
    if edit.line is not None:
        return f"line {edit.line}"
    if edit.box is not None:
        return f"box {edit.box}"
    page = f"page {edit.page}, " if edit.page is not None else ""
    return f"{page}note {edit.note}"


def _notes(notes: Sequence[int]) -> str:
    if not notes:
        return "in no footnote"
    return f"{plural(len(notes), 'note')} {', '.join(str(n) for n in notes)}"
