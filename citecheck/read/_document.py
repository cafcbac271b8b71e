"""``read_document``: any supported file in, its notes out (the first stage of the pipeline)."""

from __future__ import annotations

from collections.abc import Callable

from citecheck.errors import InputError
from citecheck.model import Document, Format
from citecheck.read._input import Input, Source, load, sniff
from citecheck.read._parts import Parts

Progress = Callable[[int, int], None]
"""Called as ``progress(done, total)`` while a long document (a PDF's pages) is read."""


def read_document(
    source: Source,
    *,
    format: Format | str | None = None,
    name: str | None = None,
    progress: Progress | None = None,
) -> Document:
    """The notes of the document at ``source``: a path, its bytes, or a binary stream.

    The format is told by content (magic bytes), then by extension; ``format`` forces one.
    ``name`` is how messages name the document (default: the path, or ``<stdin>``).
    Raises ``InputError`` (one line saying what to do) for anything that cannot be read;
    a document without notes is not an error here (``Document.notes`` is empty).
    """
    given = load(source, name)
    chosen = _format(format, given)
    parts = _read(chosen, given, progress)
    return Document(
        name=given.name,
        format=chosen,
        notes=parts.notes,
        boxes=parts.boxes,
        markers=parts.markers,
        body_links=parts.body_links,
        info=parts.info,
        warnings=parts.warnings,
        text=parts.text,
    )


def _format(forced: Format | str | None, given: Input) -> Format:
    if forced is None:
        return sniff(given)
    try:
        return Format(forced)
    except ValueError:
        choices = ", ".join(f.value for f in Format)
        raise InputError(f"unknown format {forced!r}; use one of {choices}") from None


def _read(chosen: Format, given: Input, progress: Progress | None) -> Parts:
    # Each format's reader is imported when a document of that format comes: PDFium, lxml and
    # Beautiful Soup take ~0.1 s to load, and a Markdown document needs none of them.
    if chosen is Format.PDF:
        from citecheck.read._pdf import read_pdf

        return read_pdf(given, progress)
    if chosen is Format.DOCX:
        from citecheck.read._docx import read_docx

        return read_docx(given)
    if chosen is Format.HTML:
        from citecheck.read._html import read_html

        return read_html(given)
    from citecheck.read._textdoc import read_text_document

    return read_text_document(given, markdown=chosen is Format.MARKDOWN)
