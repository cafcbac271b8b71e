"""Exports of a hand-built report with the awkward cases the ICMEC report has."""

from __future__ import annotations

import datetime as dt
import json

import bibtexparser
import jsonschema
import pytest
from bibtexparser import middlewares as m

from citecheck.export import document_to_dict, render
from citecheck.export._bibtex import latex_unescape
from citecheck.export._dates import date_parts
from citecheck.model import Citation, CitationKind, Finding, Note, ParsedDocument, Sidebar, Source
from tests.export.csl_schema import CSL_DATA_SCHEMA

LATONERO = Source(
    id="latonero-human-trafficking-online-3f2a",
    title="Human Trafficking Online: The Role of Social Networking Sites and Online Classifieds",
    authors=("Mark Latonero",),
    container="USC ANNENBERG SCHOOL FOR COMMUNICATION & JOURNALISM",
    date="2011-09",  # the parser writes "Sep. 2011" in ISO form
    url="https://technologyandtrafficking.usc.edu/files/2011/09/HumanTrafficking_FINAL.pdf",
    last_visited=dt.date(2018, 10, 9),
    cited_in=(12, 15),
)
ILO = Source(
    id="ilo-profits-and-poverty-9c1d",
    title="Profits and poverty: The economics of forced labour",
    authors=("International Labour Organization (ILO)",),
    corporate_author=True,
    date="2014",
    url="http://www.ilo.org/wcmsp5/groups/public/@ed_norm/@declaration/documents/publication/wcms_243027.pdf",
    last_visited=dt.date(2018, 10, 5),
    cited_in=(16,),
)
DIXON = Source(
    id="dixon-human-trafficking-and-the-internet-77aa",
    title="Human Trafficking and the Internet (and Other Technologies, too)",
    authors=("Herbert B. Dixon, Jr.",),  # the parser drops "Judge"
    container="THE JUDGES JOURNAL",
    date="2013",
    url="https://www.americanbar.org/publications/judges_journal/2013/winter/x_100%_{a}.html",
    last_visited=dt.date(2018, 10, 5),
    cited_in=(9,),
)
BOOK = Source(id="untitled-book-0001", title="A Print-Only Treatise #2", cited_in=(40,))

DOCUMENT = ParsedDocument(
    notes=(
        Note(
            12,
            "Mark Latonero, *Human Trafficking Online* ...",
            (
                Citation(
                    CitationKind.FULL,
                    "Mark Latonero, ...",
                    LATONERO.id,
                    LATONERO.url,
                    LATONERO.last_visited,
                    pinpoint="12",
                    parentheticals=("on file with the International Centre",),
                ),
            ),
        ),
        Note(
            15,
            "Mark Latonero, *supra* note 12, at 15.",
            (
                Citation(
                    CitationKind.SUPRA,
                    "Mark Latonero, *supra* note 12, at 15.",
                    LATONERO.id,
                    LATONERO.url,
                    LATONERO.last_visited,
                    pinpoint="15",
                    supra_note=12,
                ),
            ),
        ),
    ),
    sidebars=(Sidebar(1, "Source: ...", ()),),
    sources=(LATONERO, ILO, DIXON, BOOK),
    findings=(Finding("url-without-date", 40, "URL has no last-visited date"),),
)


def test_json_contract_shape() -> None:
    data = json.loads(render(DOCUMENT, "json"))
    assert set(data) == {"notes", "sidebars", "sources", "warnings"}
    cit = data["notes"][1]["citations"][0]
    assert cit["kind"] == "supra"
    assert cit["source"] == LATONERO.id
    assert cit["url"] == LATONERO.url
    assert cit["last_visited"] == "2018-10-09"
    assert {"pinpoint", "signal"} <= set(cit)
    src = data["sources"][0]
    assert {"id", "url", "title", "authors", "container", "date", "cited_in"} <= set(src)
    assert data["warnings"] == [
        {
            "code": "url-without-date",
            "note": 40,
            "sidebar": None,
            "message": "URL has no last-visited date",
        }
    ]


def test_json_is_deterministic() -> None:
    assert render(DOCUMENT, "json") == render(DOCUMENT, "json")
    assert document_to_dict(DOCUMENT) == json.loads(render(DOCUMENT, "json"))


def _read_back(text: str) -> dict[str, dict[str, str]]:
    library = bibtexparser.parse_string(text, parse_stack=[m.RemoveEnclosingMiddleware()])
    assert not library.failed_blocks
    return {
        e.key: {f.key: f.value for f in e.fields} | {"@": e.entry_type} for e in library.entries
    }


def test_bibtex_reads_back_without_loss() -> None:
    entries = _read_back(render(DOCUMENT, "bibtex"))
    assert list(entries) == [s.id for s in DOCUMENT.sources]
    lat = entries[LATONERO.id]
    assert lat["@"] == "online"
    assert lat["url"] == LATONERO.url
    assert lat["urldate"] == "2018-10-09"
    assert lat["date"] == "2011-09"
    assert latex_unescape(lat["title"]) == LATONERO.title
    assert latex_unescape(lat["organization"]) == LATONERO.container
    assert lat["author"] == "Latonero, Mark"


def test_bibtex_keeps_corporate_authors_whole_and_escapes_specials() -> None:
    entries = _read_back(render(DOCUMENT, "bibtex"))
    assert entries[ILO.id]["author"] == "{International Labour Organization (ILO)}"
    assert "\\&" in entries[LATONERO.id]["organization"]
    assert entries[DIXON.id]["author"] == "Dixon, Jr., Herbert B."
    assert entries[BOOK.id]["@"] == "misc"
    assert latex_unescape(entries[BOOK.id]["title"]) == "A Print-Only Treatise #2"


def test_bibtex_url_braces_cannot_break_the_entry() -> None:
    entries = _read_back(render(DOCUMENT, "bibtex"))
    assert entries[DIXON.id]["url"].endswith("x_100%_(a).html")


def test_csl_json_is_valid_csl() -> None:
    items = json.loads(render(DOCUMENT, "csl-json"))
    jsonschema.validate(items, CSL_DATA_SCHEMA)
    lat = items[0]
    assert lat["type"] == "report"  # a PDF
    assert lat["accessed"] == {"date-parts": [[2018, 10, 9]]}
    assert lat["issued"] == {"date-parts": [[2011, 9]]}
    assert lat["author"] == [{"family": "Latonero", "given": "Mark"}]
    assert items[1]["author"] == [{"literal": "International Labour Organization (ILO)"}]
    assert items[3]["type"] == "document"


def test_summary_counts_and_lists_warnings() -> None:
    text = render(DOCUMENT, "summary")
    assert "notes      2" in text
    assert "citations  2 (1 full, 0 Id., 1 supra)" in text
    assert "sources    4 (3 distinct URLs)" in text
    assert "note 40  url-without-date" in text


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("2017-11-28", (2017, 11, 28)),
        ("2011-09", (2011, 9)),
        ("2014", (2014,)),
        ("2018-10-05", (2018, 10, 5)),
        ("Sep. 2011", None),  # the report's form is the parser's to read (Source.date is ISO)
        ("undated", None),
        (None, None),
    ],
)
def test_date_parts(text: str | None, parts: tuple[int, ...] | None) -> None:
    assert date_parts(text) == parts
