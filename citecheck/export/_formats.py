"""Every export by name, and the bundle of files committed under ``references/``."""

from __future__ import annotations

from collections.abc import Callable

from citecheck.export._bibtex import to_bibtex
from citecheck.export._csl import to_csl_json
from citecheck.export._json import to_json
from citecheck.export._summary import to_summary
from citecheck.model import ParsedDocument

FORMATS: dict[str, Callable[[ParsedDocument], str]] = {
    "summary": to_summary,
    "json": to_json,
    "bibtex": to_bibtex,
    "csl-json": to_csl_json,
}


# The files committed under references/ for the bundled document (see the README).
BUNDLE = {
    "citations.json": "json",
    "references.bib": "bibtex",
    "references.csl.json": "csl-json",
}


def render(document: ParsedDocument, fmt: str) -> str:
    """Render ``document`` in one of ``FORMATS``."""
    return FORMATS[fmt](document)


def bundle(document: ParsedDocument) -> dict[str, str]:
    """File name → content of every export, as committed under ``references/``."""
    return {name: render(document, fmt) for name, fmt in BUNDLE.items()}
