"""``fix_document``: the next edition in the document's own format.

Markdown, HTML and text come back in their format with the fixes in their text; a DOCX comes
back as a DOCX whose fixes are tracked changes by "citecheck"; a PDF (which cannot be edited
in place) comes back as the list of fixes, in Markdown or CSV — as any document can, asked.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from enum import StrEnum

from bs4.dammit import UnicodeDammit

from citecheck.errors import InputError
from citecheck.fix._docx import docx_edition
from citecheck.fix._html import html_edition
from citecheck.fix._listing import Listed, listed_fixes, to_csv, to_markdown
from citecheck.fix._plan import Plan, Unfixed, plans
from citecheck.fix._text import Edit, apply_fixes, not_written
from citecheck.model import Document, Format, ParsedDocument
from citecheck.report import ChangeReport


class Listing(StrEnum):
    """How a list of fixes is written (for PDF and text documents)."""

    MARKDOWN = "markdown"
    CSV = "csv"


@dataclass(frozen=True)
class Edition:
    """The file to write and what went into it.

    ``listing`` is set when the edition is a list of fixes rather than the document;
    ``preview`` is what a dry run shows: the unified diff of a text edition, else the
    fixes as Markdown.
    """

    data: bytes
    format: Format
    listing: Listing | None
    edits: tuple[Edit, ...]
    unfixed: tuple[Unfixed, ...]
    original_text: str | None = None
    new_text: str | None = None
    fixes: str = ""

    def preview(self, before: str, after: str) -> str:
        if self.original_text is None or self.new_text is None:
            return self.fixes
        lines = difflib.unified_diff(
            self.original_text.splitlines(keepends=True),
            self.new_text.splitlines(keepends=True),
            fromfile=before,
            tofile=after,
        )
        return "".join(lines)


def fix_document(
    data: bytes,
    document: Document,
    parsed: ParsedDocument,
    report: ChangeReport,
    *,
    keep_dates: bool = False,
    listing: Listing | None = None,
) -> Edition:
    """The edition of ``document`` (whose file is ``data``) with ``report``'s fixes applied.

    ``report`` is the change report of a run on ``parsed`` (the parse of ``document``); its
    run date is written as the visit date of sources verified alive (unless ``keep_dates``)
    and as the date of DOCX tracked changes. With ``listing`` (always for a PDF, which is
    not edited in place) the edition is the list of fixes. Raises ``InputError`` when the
    file cannot be edited; nothing is half-done: the caller writes ``Edition.data`` or nothing.
    """
    if document.format is Format.PDF and listing is None:
        listing = Listing.MARKDOWN
    if listing is None and document.format in (Format.MARKDOWN, Format.TEXT):
        return _text(document, report, keep_dates)
    planned, unfixed = plans(report, report.run_date, keep_dates=keep_dates)
    if listing is None and document.format is Format.DOCX:
        docx = docx_edition(data, document.name, planned, report.run_date)
        unfixed += list(docx.unfixed) + not_written(report, planned, set(docx.cited))
        listed = [Listed(e, e.before, e.after) for e in docx.edits]
        return Edition(
            docx.data, Format.DOCX, None, docx.edits, tuple(unfixed),
            fixes=to_markdown(listed, document.name, report.run_date),
        )  # fmt: skip
    if listing is None:
        return _html(data, document, report, planned, unfixed)
    found, cited = listed_fixes(document, parsed, planned)
    unfixed += not_written(report, planned, cited)
    fixes = to_markdown(found, document.name, report.run_date)
    written = fixes if listing is Listing.MARKDOWN else to_csv(found)
    return Edition(
        written.encode("utf-8"), document.format, listing,
        tuple(item.edit for item in found), tuple(unfixed), fixes=fixes,
    )  # fmt: skip


def _text(document: Document, report: ChangeReport, keep_dates: bool) -> Edition:
    text = document.text or ""
    result = apply_fixes(text, report, report.run_date, keep_dates=keep_dates)
    return Edition(
        result.text.encode("utf-8"), document.format, None, result.edits, result.unfixed,
        original_text=text, new_text=result.text,
    )  # fmt: skip


def _html(
    data: bytes,
    document: Document,
    report: ChangeReport,
    planned: dict[str, Plan],
    unfixed: list[Unfixed],
) -> Edition:
    decoded = UnicodeDammit(data, is_html=True)
    source, encoding = decoded.unicode_markup, decoded.original_encoding
    if source is None or encoding is None:
        raise InputError(f"{document.name}: cannot tell the HTML's encoding; save it as UTF-8")
    new, edits, cited = html_edition(source, planned)
    unfixed += not_written(report, planned, cited)
    bom = b"\xef\xbb\xbf" if data.startswith(b"\xef\xbb\xbf") else b""
    return Edition(
        bom + new.encode(encoding, "xmlcharrefreplace"), Format.HTML, None, tuple(edits),
        tuple(unfixed), original_text=source, new_text=new,
    )  # fmt: skip
