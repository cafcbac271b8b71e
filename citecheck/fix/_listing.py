"""The fixes as a list, for documents that are not edited in place (PDF, plain text).

Each fix names where it goes (page, note or "Source:" box) and gives the whole citation as it
stands and as it should read, so the editor can make the change in the document's source
(the Word file or typesetting the PDF came from). Markdown reads well in a pull request; CSV
opens in a spreadsheet.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass

from citecheck.fix._locate import Locator, cited_urls, locate
from citecheck.fix._plan import Plan
from citecheck.fix._text import Edit
from citecheck.model import Citation, Document, ParsedDocument
from citecheck.report import FixAction
from citecheck.style import format_date

_CHANGES = {
    FixAction.REPLACE_URL: "new URL",
    FixAction.ADD_ARCHIVE: "archived copy added",
    FixAction.REFRESH: "visit date refreshed",
}
_ESCAPE = re.compile(r"\\(.)")


@dataclass(frozen=True)
class Listed:
    """One fix in the list: where, what kind, and the citation before and after."""

    edit: Edit
    old: str
    new: str


def listed_fixes(
    document: Document, parsed: ParsedDocument, plans: dict[str, Plan]
) -> tuple[list[Listed], set[str]]:
    """Every fix in note and box order, and every URL the notes and boxes cite."""
    citations = {("note", n.number): n.citations for n in parsed.notes}
    citations |= {("box", s.index): s.citations for s in parsed.sidebars}
    found: list[Listed] = []
    cited: set[str] = set()
    places = [("note", n.number, n.text, n.location.page) for n in document.notes]
    places += [("box", b.index, b.text, b.location.page) for b in document.boxes]
    for kind, number, text, page in places:
        locators = locate(text, plans, markup=True)
        cited |= cited_urls(text, markup=True)
        for locator in locators:
            edit = Edit(
                None, locator.url, locator.action, text[locator.start : locator.end],
                locator.rewrite(text), page=page,
                note=number if kind == "note" else None, box=number if kind == "box" else None,
            )  # fmt: skip
            old, new = _citation(text, locator, citations.get((kind, number), ()))
            found.append(Listed(edit, old, new))
    return found, cited


def _citation(text: str, locator: Locator, citations: Sequence[Citation]) -> tuple[str, str]:
    """The citation holding the locator, before and after; the whole note if none does."""
    before = _plain(text[locator.start : locator.end])
    after = _plain(locator.rewrite(text))
    for citation in citations:
        if citation.url == locator.url and before in citation.text:
            return citation.text, citation.text.replace(before, after, 1)
    whole = _plain(text)
    return whole, whole.replace(before, after, 1)


def _plain(text: str) -> str:
    """As the parser writes a citation's text: no emphasis marks or escapes, one space."""
    return " ".join(_ESCAPE.sub(r"\1", text.replace("*", "")).split())


def to_markdown(listed: Sequence[Listed], name: str, day: dt.date) -> str:
    """The fixes as Markdown: a heading per fix, the citation before and after."""
    when = format_date(day)
    lines = [
        f"# Fixes for {name}",
        "",
        f"{len(listed)} fix{'es' if len(listed) != 1 else ''} from the change report of {when}. "
        "This document is not edited in place: make each change in its source.",
    ]
    for item in listed:
        lines += [
            "",
            f"## {_where(item.edit)}: {_CHANGES.get(item.edit.action, item.edit.action.value)}",
            "",
            f"- Old: {item.old}",
            f"- New: {item.new}",
        ]
    return "\n".join(lines) + "\n"


def to_csv(listed: Sequence[Listed]) -> str:
    """The fixes as CSV: page, note, box, fix, url, old citation, new citation."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["page", "note", "box", "fix", "url", "old_citation", "new_citation"])
    for item in listed:
        edit = item.edit
        writer.writerow(
            [_blank(edit.page), _blank(edit.note), _blank(edit.box),
             _CHANGES.get(edit.action, edit.action.value), _cell(edit.url),
             _cell(item.old), _cell(item.new)]
        )  # fmt: skip
    return out.getvalue()


def _where(edit: Edit) -> str:
    place = f"Note {edit.note}" if edit.note is not None else f"Source box {edit.box}"
    return f"Page {edit.page}, {place.lower()}" if edit.page is not None else place


def _blank(value: int | None) -> str:
    return "" if value is None else str(value)


def _cell(text: str) -> str:
    """A spreadsheet must not run a citation as a formula (``=HYPERLINK(…)``)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text
