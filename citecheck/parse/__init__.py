"""Parse a document's footnotes and "Source:" sidebars into citations and sources.

Works on the notes ``citecheck.read`` found, whatever the document's format.
Pipeline (eyecite-like): split each note into citations
(``_split``) → read fields (``_fields``; a citation's head in ``_head``, what its items name in
``_names``; ``_urls``, ``_dates``) → key sources (``_ids``) → resolve *Id.*/*supra*
(``_resolve``) → annotate integrity findings (``_findings``).

Public API::

    parse_document(document, *, supra_matcher=match_name, body_links=False) -> ParsedDocument
    links(document) -> tuple[Link, ...]
    Parsing(document, ...)          # .urls() note by note, then .result() / .links()

``find_urls`` and ``LAST_VISITED`` are the parser's own readings of a URL and of a
"(last visited …)" clause, for ``citecheck.fix`` to rewrite exactly what the parser read.
"""

from citecheck.parse._build import Parsing, parse_document
from citecheck.parse._dates import LAST_VISITED
from citecheck.parse._links import links
from citecheck.parse._resolve import Candidate, Matcher, match_name
from citecheck.parse._urls import UrlSpan, find_urls

__all__ = [
    "LAST_VISITED",
    "Candidate",
    "Matcher",
    "Parsing",
    "UrlSpan",
    "find_urls",
    "links",
    "match_name",
    "parse_document",
]
