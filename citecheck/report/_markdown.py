"""The change report as GitHub-flavoured Markdown: a pull-request body and a job summary.

GitHub refuses a pull-request body over 65,536 characters, so rows are emitted most urgent
first and, when the budget runs out, the rest is left out with a note saying where it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from citecheck.report._model import (
    INCONCLUSIVE,
    INCONCLUSIVE_DETAIL,
    Category,
    ChangeReport,
    CorrectedNote,
    Entry,
    Section,
)
from citecheck.report._words import content_words
from citecheck.words import counted

GITHUB_BODY_LIMIT = 65_536
# Room for what a workflow may wrap around the report (a header, a marker comment).
DEFAULT_MAX_CHARS = 60_000
_NOTE_RESERVE = 400
_CELL_MAX = 300
# A title or URL is shown shortened (the link keeps the whole URL): hundreds of rows must fit.
_TITLE_MAX = 90
_URL_SHOWN = 60
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|#~])")


@dataclass(frozen=True)
class _Table:
    opening: str
    rows: tuple[str, ...]
    closing: str = "\n"


def to_markdown(report: ChangeReport, *, max_chars: int = DEFAULT_MAX_CHARS) -> str:
    """The report in at most ``max_chars`` characters (never above GitHub's body limit)."""
    budget = min(max_chars, GITHUB_BODY_LIMIT)
    head = _head(report)
    out, omitted = _fit(_tables(report), budget - len(head))
    if omitted:
        out.append(
            f"> **Truncated:** {omitted} more rows are not shown here (GitHub limits a "
            "pull-request description to 65,536 characters); the full report is in "
            "`report.html`, `report.json` and `report.csv`.\n"
        )
    return head + "".join(out)


def _fit(tables: list[_Table], budget: int) -> tuple[list[str], int]:
    """Whole tables and rows in order while they fit; count what did not."""
    out: list[str] = []
    used, omitted = 0, 0
    for table in tables:
        frame = len(table.opening) + len(table.closing)
        if omitted or used + frame + _NOTE_RESERVE > budget:
            omitted += len(table.rows)
            continue
        used += frame
        parts = [table.opening]
        for index, row in enumerate(table.rows):
            if used + len(row) + _NOTE_RESERVE > budget:
                omitted += len(table.rows) - index
                break
            parts.append(row)
            used += len(row)
        parts.append(table.closing)
        out.append("".join(parts))
    return out, omitted


def _head(report: ChangeReport) -> str:
    lines = [f"# {escape(report.title)}", ""]
    if report.inconclusive:
        lines += ["> [!WARNING]", f"> **{INCONCLUSIVE}**: {INCONCLUSIVE_DETAIL}.", ""]
    lead, emphasis = report.headline()
    lines += [
        f"{lead}**{emphasis}**.",
        "",
        "| Status | Links |",
        "| --- | ---: |",
        *(f"| {c.label} | {report.count(c)} |" for c in Category if report.count(c)),
        "",
    ]
    return "\n".join(lines) + "\n"


def _tables(report: ChangeReport) -> list[_Table]:
    tables = [_since(report.since)] if report.since else []
    urgent = [c for c in Category if c.needs_editor and report.count(c)]
    if urgent:
        tables.extend(_urgent(report, c, first=c is urgent[0]) for c in urgent)
    rest = [e for e in report.entries if not e.category.needs_editor]
    if rest:
        tables.append(_rest(rest))
    leftovers = report.leftovers_section()
    if leftovers is not None:
        tables.append(_since(leftovers))
    return tables


def _since(section: Section) -> _Table:
    if not section.rows:  # a first run, or a quiet week: the intro says so, no empty table
        return _Table(f"## {escape(section.title)}\n\n{escape(section.intro)}\n", ())
    opening = (
        f"## {escape(section.title)}\n\n{escape(section.intro)}\n\n"
        f"| {' | '.join(escape(c) for c in section.columns)} |\n"
        f"|{' --- |' * len(section.columns)}\n"
    )
    rows = tuple(f"| {' | '.join(escape(cell) for cell in row)} |\n" for row in section.rows)
    return _Table(opening, rows)


def _urgent(report: ChangeReport, category: Category, *, first: bool) -> _Table:
    entries = [e for e in report.entries if e.category is category]
    heading = "## Needs an editor\n\n" if first else ""
    opening = (
        f"{heading}### {category.label} ({len(entries)})\n\n"
        "| Cited in | Source | Evidence | Proposed fix |\n| --- | --- | --- | --- |\n"
    )
    return _Table(opening, tuple(_urgent_row(e) for e in entries))


def _urgent_row(entry: Entry) -> str:
    evidence = "<br>".join(escape(line) for line in entry.evidence)
    fix = f"*{escape(entry.fix.explanation)}*"
    if entry.corrected:  # the whole footnote as it should read, to paste over the old one
        fix += "".join(f"<br>{_note_label(n)}: {code(n.text)}" for n in entry.corrected)
    elif entry.fix.text:
        fix = f"{code(entry.fix.text)}<br>{fix}"
    return f"| {_cited_in(entry)} | {_source(entry)} | {evidence} | {fix} |\n"


def _note_label(note: CorrectedNote) -> str:
    return f"n. {note.note}" if note.note is not None else f"box {note.box}"


def _rest(entries: list[Entry]) -> _Table:
    # Hundreds of healthy links: one short line each, so the editor's rows keep the budget.
    opening = (
        f"<details><summary>Everything else ({counted(len(entries), 'link')})</summary>\n\n"
        "| Cited in | Source | Status |\n| --- | --- | --- |\n"
    )
    rows = tuple(f"| {_cited_in(e)} | {_source(e)} | {_status(e)} |\n" for e in entries)
    # A blank line after </details>: without one GitHub reads what follows as more HTML.
    return _Table(opening, rows, "\n</details>\n\n")


def _status(entry: Entry) -> str:
    text = entry.verdict_text
    if entry.content is not None:
        text += f", {content_words(entry.content)}"
        if entry.similarity is not None:
            text += f" (similarity {entry.similarity:.2f})"
    return escape(text)


def _cited_in(entry: Entry) -> str:
    notes = ", ".join(str(n) for n in entry.notes)
    boxes = ", ".join(f"box {n}" for n in entry.sidebars)
    return "; ".join(part for part in (f"n. {notes}" if notes else "", boxes) if part) or "—"


def _source(entry: Entry) -> str:
    title = f"*{escape(entry.titles[0], _TITLE_MAX)}*<br>" if entry.titles else ""
    return title + link(entry.url)


def escape(text: str, limit: int = _CELL_MAX) -> str:
    """Plain text for a table cell: no Markdown, no HTML, one line, at most ``limit`` long."""
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", text)


def code(text: str) -> str:
    """A code span that survives any backticks and pipes inside ``text``."""
    text = " ".join(text.split()).replace("|", "\\|")
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def link(url: str) -> str:
    """A clickable link for http(s) URLs; anything else is shown, not linked."""
    if not url.lower().startswith(("http://", "https://")):
        return code(url)
    target = re.sub(r"[\s<>|\"\\`]", lambda m: f"%{ord(m.group()):02X}", url)
    shown = url if len(url) <= _URL_SHOWN else url[: _URL_SHOWN - 1] + "…"
    return f"[{escape(shown)}](<{target}>)"
