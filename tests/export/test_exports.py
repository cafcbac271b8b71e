"""Exports of a hand-built report with the awkward cases the ICMEC report has."""

from __future__ import annotations

import datetime as dt
import json

import bibtexparser
import jsonschema
import pytest
from bibtexparser import middlewares as m
from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec, get_default_latex_context_db

from citecheck.export import document_to_dict, render
from citecheck.export._dates import date_parts
from citecheck.model import (
    Citation,
    CitationKind,
    Finding,
    Note,
    ParsedDocument,
    Sidebar,
    Source,
    WorkType,
)
from tests.export.csl_schema import CSL_DATA_SCHEMA

LATONERO = Source(
    id="latonero-human-trafficking-online-3f2a",
    title="Human Trafficking Online: The Role of Social Networking Sites and Online Classifieds",
    authors=("Mark Latonero",),
    publisher="USC ANNENBERG SCHOOL FOR COMMUNICATION & JOURNALISM",
    date="2011-09",  # the parser writes "Sep. 2011" in ISO form
    url="https://technologyandtrafficking.usc.edu/files/2011/09/HumanTrafficking_FINAL.pdf",
    work_type=WorkType.REPORT,
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
    work_type=WorkType.REPORT,
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
    work_type=WorkType.JOURNAL_ARTICLE,
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
    assert src["work_type"] == "report"
    assert src["publisher"] == LATONERO.publisher
    assert {"volume", "issue", "pages", "editors", "edition", "number"} <= set(src)
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


_DECODE = get_default_latex_context_db()
_DECODE.add_context_category(
    "bibtex-braces",
    macros=[
        MacroTextSpec("textbraceleft", "{"),
        MacroTextSpec("textbraceright", "}"),
        MacroTextSpec("textasciicircum", "^"),  # latex2text's default is U+02C6
    ],
    prepend=True,
)


def _decode(latex: str) -> str:
    """What a LaTeX field prints (braces that protect case print nothing)."""
    return str(LatexNodes2Text(latex_context=_DECODE).latex_to_text(latex))


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
    assert lat["@"] == "report"  # a PDF its institution issued
    assert lat["url"] == LATONERO.url
    assert lat["urldate"] == "2018-10-09"
    assert (lat["date"], lat["year"], lat["month"]) == ("2011-09", "2011", "sep")
    assert _decode(lat["title"]) == LATONERO.title
    assert _decode(lat["institution"]) == "USC Annenberg School for Communication & Journalism"
    assert lat["author"] == "Latonero, Mark"
    assert lat["addendum"] == "Cited in notes 12, 15"


def test_bibtex_keeps_corporate_authors_whole_and_escapes_specials() -> None:
    entries = _read_back(render(DOCUMENT, "bibtex"))
    assert entries[ILO.id]["author"] == "{International Labour Organization (ILO)}"
    assert "\\&" in entries[LATONERO.id]["institution"]
    assert entries[DIXON.id]["author"] == "Dixon, Jr., Herbert B."
    assert entries[BOOK.id]["@"] == "misc"
    assert entries[BOOK.id]["addendum"] == "Cited in note 40"
    assert _decode(entries[BOOK.id]["title"]) == BOOK.title


@pytest.mark.parametrize(
    "title",
    [
        "Tilde ~ caret ^ backslash \\ and braces {}",
        "One brace { only",
        "50% of $5 #2 a_b & c",
        "Unicode stays: “Ps” – é ’",
    ],
)
def test_bibtex_escapes_every_latex_special(title: str) -> None:
    source = Source(id="special", title=title)
    document = ParsedDocument((), (), (source,), ())
    entry = _read_back(render(document, "bibtex"))["special"]
    assert _decode(entry["title"]) == title
    assert _balanced(entry["title"])  # BibTeX counts escaped braces too


def _balanced(value: str) -> bool:
    depth = 0
    for char in value:
        depth += (char == "{") - (char == "}")
        if depth < 0:
            return False
    return depth == 0


def test_bibtex_url_braces_are_percent_encoded_not_changed() -> None:
    entries = _read_back(render(DOCUMENT, "bibtex"))
    assert entries[DIXON.id]["url"].endswith("x_100%_%7Ba%7D.html")  # % and _ stay verbatim


def test_bibtex_dates_give_natbib_a_year_and_a_month() -> None:
    text = render(DOCUMENT, "bibtex")
    assert "month = sep," in text  # the macro, unbraced: every BibTeX style knows it
    entries = _read_back(text)
    assert (entries[ILO.id]["year"], "month" in entries[ILO.id]) == ("2014", False)


def test_csl_json_is_valid_csl() -> None:
    items = json.loads(render(DOCUMENT, "csl-json"))
    jsonschema.validate(items, CSL_DATA_SCHEMA)
    lat = items[0]
    assert lat["type"] == "report"
    assert lat["publisher"] == "USC Annenberg School for Communication & Journalism"
    assert "container-title" not in lat  # a report's issuer is its publisher
    assert lat["accessed"] == {"date-parts": [[2018, 10, 9]]}
    assert lat["issued"] == {"date-parts": [[2011, 9]]}
    assert lat["author"] == [{"family": "Latonero", "given": "Mark"}]
    assert items[1]["author"] == [{"literal": "International Labour Organization (ILO)"}]
    assert items[2]["container-title"] == "The Judges Journal"  # from small caps
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
