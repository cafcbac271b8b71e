"""``Parsing``: the URLs note by note, as a checker takes them, are the document's links.

Not always in the links' order: a source's second URL is listed where the source is first
cited, but read where that URL is.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from citecheck.parse import Parsing, links, parse_document
from citecheck.read import read_document

CORPUS = Path(__file__).resolve().parents[1] / "documents"
DOCUMENTS = [
    entry["path"]
    for entry in json.loads((CORPUS / "manifest.json").read_text(encoding="utf-8"))["documents"]
]


@pytest.mark.parametrize("path", DOCUMENTS)
def test_urls_note_by_note_are_the_links(path: str) -> None:
    document = read_document(CORPUS / path)
    parsing = Parsing(document, body_links=True)  # notes, sidebars and the body
    streamed = list(parsing.urls())
    whole = links(parse_document(document, body_links=True))
    assert sorted(set(streamed)) == sorted(link.url for link in whole)
    assert parsing.links() == whole


def test_result_reads_what_urls_left() -> None:
    text = "A.[^1] B.[^2]\n\n[^1]: One, at <https://a.example/1>.\n\n[^2]: Two, <https://b.example/2>.\n"
    parsing = Parsing(text)
    first = next(parsing.urls())
    assert first == "https://a.example/1"
    assert parsing.result() == parse_document(text)
