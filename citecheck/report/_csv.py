"""The change report as CSV for spreadsheets: one row per link, in report order.

UTF-8 with a byte-order mark: Excel reads a CSV without one in the machine's legacy code page
and garbles curly quotes and dashes; LibreOffice, Google Sheets, Python's ``utf-8-sig`` and
pandas read the mark as what it is.
"""

from __future__ import annotations

import csv
import io

from citecheck.report._model import ChangeReport, Entry

BOM = "\ufeff"
COLUMNS = (
    "category",
    "verdict",
    "verdict_text",
    "status_code",
    "url",
    "final_url",
    "notes",
    "sidebars",
    "title",
    "last_visited",
    "content",
    "similarity",
    "archive_url",
    "fix_action",
    "fix",
    "corrected_footnote",
    "full_citation_in",
    "reason",
    "rot",
    "likely_citation_error",
)


def to_csv(report: ChangeReport) -> str:
    """RFC 4180 CSV (CRLF line ends) after a BOM; cells a spreadsheet would run as formulas are
    defused."""
    buffer = io.StringIO()
    buffer.write(BOM)
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    writer.writerows([_defuse(cell) for cell in _row(e)] for e in report.entries)
    return buffer.getvalue()


def _row(entry: Entry) -> tuple[str, ...]:
    return (
        entry.category.value,
        entry.verdict.value if entry.checked else "",
        entry.verdict_text,
        "" if entry.status_code is None else str(entry.status_code),
        entry.url,
        entry.final_url or "",
        " ".join(str(n) for n in entry.notes),
        " ".join(str(n) for n in entry.sidebars),
        "; ".join(entry.titles),
        entry.last_visited.isoformat() if entry.last_visited else "",
        entry.content.value if entry.content else "",
        "" if entry.similarity is None else f"{entry.similarity:.4f}",
        entry.archive_url or "",
        entry.fix.action.value,
        entry.fix.text or entry.fix.explanation,
        "\n\n".join(f"{note.label}: {note.text}" for note in entry.corrected),
        " ".join(str(n) for n in entry.full_citation_in),
        entry.reason,
        entry.watch.rot if entry.watch else "",
        "yes" if entry.watch and entry.watch.citation_error else "",
    )


def _defuse(cell: str) -> str:
    # Fetched text ends up in cells; a leading = + - @ would be run as a formula (CSV injection).
    return "'" + cell if cell[:1] in ("=", "+", "-", "@", "\t", "\r") else cell
