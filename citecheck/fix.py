"""``citecheck fix``: the document's next edition, with the change report's fixes applied.

The change report decides what each source needs (``citecheck.report``); this module only writes
those decisions into a copy of the document's text, in its own citation style
(``citecheck.style``), touching nothing but the cited URL and its locator:

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

from citecheck.model import ContentStatus, ParsedDocument
from citecheck.monitor import CITATION_ERROR
from citecheck.parse import LAST_VISITED, UrlSpan, find_urls
from citecheck.report import ChangeReport, CorrectedNote, Entry, FixAction
from citecheck.style import archived_clause, format_date
from citecheck.words import plural

# A replacement URL comes from a redirect, i.e. from a server: only a plain absolute URL with
# nothing that could end the locator or inject Markdown is written into the document.
_SAFE_URL = re.compile(r"https?://[^\s<>\[\]`\\\"]+", re.IGNORECASE)
# One level of balanced parentheses may stay unescaped in a Markdown link target.
_BALANCED = re.compile(r"[^()]*(?:\([^()]*\)[^()]*)*")


@dataclass(frozen=True)
class Edit:
    """One rewritten locator: where (1-based line of the original), which URL, what changed."""

    line: int
    url: str
    action: FixAction
    before: str
    after: str


@dataclass(frozen=True)
class Unfixed:
    """A source that needs an editor but that ``fix`` could not mend, and why."""

    url: str
    notes: tuple[int, ...]
    reason: str


@dataclass(frozen=True)
class FixResult:
    """The new text, every edit made in it (in text order), and what was left for an editor."""

    text: str
    edits: tuple[Edit, ...]
    unfixed: tuple[Unfixed, ...]


@dataclass(frozen=True)
class _Plan:
    """What to do at every place a URL is cited."""

    action: FixAction
    new_url: str | None
    visited: str | None  # the "last visited" date to write, None to keep the cited one
    archive_clause: str | None


def apply_fixes(text: str, report: ChangeReport, today: dt.date) -> FixResult:
    """Rewrite ``text`` (the document as written) with the fixes ``report`` proposes.

    ``report`` is the change report of a run on the same text (``PipelineResult.report``, or
    ``build_report(parsed, archive_run)``); ``today`` is written as "last visited" for sources
    verified alive.
    """
    plans: dict[str, _Plan] = {}
    unfixed: list[Unfixed] = []
    for entry in report.entries:
        plan = _plan(entry, today)
        if isinstance(plan, _Plan):
            plans[entry.url] = plan
        elif entry.category.needs_editor:
            unfixed.append(Unfixed(entry.url, entry.notes, plan))
    spans = find_urls(text)
    new_text, edits = _rewrite(text, spans, plans)
    cited = {span.url for span in spans}
    unfixed.extend(
        Unfixed(e.url, e.notes, "the URL is not written verbatim in the text: edit by hand")
        for e in report.entries
        if e.url in plans and e.url not in cited
    )
    return FixResult(new_text, edits, tuple(unfixed))


def corrected_notes(
    parsed: ParsedDocument, report: ChangeReport, today: dt.date
) -> dict[str, tuple[CorrectedNote, ...]]:
    """For each URL with a fix, every footnote and box that writes it, as it reads with all of
    the note's fixes applied: the whole text an editor pastes (``report.with_corrections``)."""
    plans = {e.url: p for e in report.entries if isinstance(p := _plan(e, today), _Plan)}
    corrected: dict[str, list[CorrectedNote]] = {}
    places = [(n.text, {"note": n.number}) for n in parsed.notes]
    places += [(b.text, {"box": b.index}) for b in parsed.sidebars]
    for text, where in places:
        new_text, edits = _rewrite(text, find_urls(text), plans)
        for url in dict.fromkeys(edit.url for edit in edits):
            corrected.setdefault(url, []).append(CorrectedNote(new_text, **where))
    return {url: tuple(notes) for url, notes in corrected.items()}


def _plan(entry: Entry, today: dt.date) -> _Plan | str:
    """The edit for one source, or the reason there is none."""
    action = entry.fix.action
    if action is FixAction.NONE:
        if entry.watch is not None and entry.watch.citation_error:  # decided by the monitor
            return f"{CITATION_ERROR}: correct it from the cited work"
        return entry.fix.explanation
    if action is FixAction.REPLACE_URL:
        new_url = entry.fix.url or ""
        if not _SAFE_URL.fullmatch(new_url):
            return f"moved to a URL that cannot be written safely into the document: {new_url!r}"
        drifted = entry.content is ContentStatus.CHANGED
        clause = _archive_clause(entry) if drifted else None
        return _Plan(action, new_url, format_date(today), clause)
    if action is FixAction.ADD_ARCHIVE:
        clause = _archive_clause(entry)
        return _Plan(action, None, None, clause) if clause else entry.fix.explanation
    return _Plan(action, None, format_date(today), None)


def _archive_clause(entry: Entry) -> str | None:
    if entry.archive_url is None or entry.archive_date is None:
        return None
    return ", " + archived_clause(entry.archive_url, entry.archive_date, entry.archive_name)


def _rewrite(
    text: str, spans: Sequence[UrlSpan], plans: dict[str, _Plan]
) -> tuple[str, tuple[Edit, ...]]:
    """Apply the plans at every cited URL, left to right, copying all else verbatim."""
    line_starts = [0, *(m.end() for m in re.finditer("\n", text))]
    pieces: list[str] = []
    edits: list[Edit] = []
    cursor = 0
    for span in spans:
        plan = plans.get(span.url)
        if plan is None:
            continue
        end, replacement = _locator(text, span, plan)
        if replacement == text[span.start : end]:
            continue
        pieces += [text[cursor : span.start], replacement]
        line = bisect.bisect_right(line_starts, span.start)
        edits.append(Edit(line, span.url, plan.action, text[span.start : end], replacement))
        cursor = end
    pieces.append(text[cursor:])
    return "".join(pieces), tuple(edits)


def _locator(text: str, span: UrlSpan, plan: _Plan) -> tuple[int, str]:
    """The end of the locator at ``span`` (URL plus its "(last visited …)") and its new text."""
    written = text[span.start : span.end]
    out = _rewrite_url(written, plan.new_url) if plan.new_url else written
    end = span.end
    visited = LAST_VISITED.match(text, _skip_spaces(text, end))
    if visited is not None:
        date = plan.visited or visited.group(1)
        out += text[end : visited.start(1)] + date + text[visited.end(1) : visited.end()]
        end = visited.end()
    if plan.archive_clause and not text.startswith(plan.archive_clause, end):
        out += plan.archive_clause
    return end, out


def _skip_spaces(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t":
        pos += 1
    return pos


def _rewrite_url(written: str, new_url: str) -> str:
    """``new_url`` in the form the old one was written: Markdown link, angle-bracketed, bare."""
    if written.startswith("["):
        label = new_url.replace("(", r"\(").replace(")", r"\)")
        target = new_url if _BALANCED.fullmatch(new_url) else label
        return f"[{label}]({target})"
    if written.startswith("<"):
        return f"<{new_url}>"
    # A bare URL ending in punctuation would lose it to the sentence: bracket it instead.
    return new_url if new_url[-1].isalnum() or new_url[-1] == "/" else f"<{new_url}>"


def unified_diff(original: str, result: FixResult, before: str, after: str) -> str:
    """The edition as a unified diff, ``before``/``after`` naming the two files."""
    lines = difflib.unified_diff(
        original.splitlines(keepends=True),
        result.text.splitlines(keepends=True),
        fromfile=before,
        tofile=after,
    )
    return "".join(lines)


_DONE = {
    FixAction.REPLACE_URL: "new address for",
    FixAction.ADD_ARCHIVE: "archived copy added to",
    FixAction.REFRESH: "visit date updated for",
}


def summarize(result: FixResult) -> Sequence[str]:
    """One line per edit and per source left for an editor, for the command's summary."""
    lines = [f"line {e.line}: {_DONE.get(e.action, 'changed')} {e.url}" for e in result.edits]
    lines += [f"not fixed: {u.url} ({_notes(u.notes)}): {u.reason}" for u in result.unfixed]
    return lines


def _notes(notes: Sequence[int]) -> str:
    if not notes:
        return "in no footnote"
    return f"{plural(len(notes), 'note')} {', '.join(str(n) for n in notes)}"
