"""Exports of a parsed document: a readable summary, the JSON contract, BibTeX and CSL-JSON.

Every renderer is deterministic (same document, same bytes): the committed
``references/citations.json`` and ``references/references.bib`` are diffed by reviewers.
"""

from citecheck.export._bibtex import to_bibtex
from citecheck.export._csl import to_csl_json
from citecheck.export._formats import BUNDLE, FORMATS, bundle, render
from citecheck.export._json import baseline_fields, document_to_dict, to_json
from citecheck.export._summary import to_summary

__all__ = [
    "BUNDLE",
    "FORMATS",
    "baseline_fields",
    "bundle",
    "document_to_dict",
    "render",
    "to_bibtex",
    "to_csl_json",
    "to_json",
    "to_summary",
]
