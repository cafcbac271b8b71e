"""Every integrity warning code: triggered by real footnotes where the report has the problem,
by minimal edits of real footnotes where it does not — and not triggered by the clean cases."""

from __future__ import annotations

import pytest

from citecheck.model import Finding
from citecheck.parse import parse_document
from citecheck.parse._findings import __doc__ as findings_doc
from tests.parse._real import NOTES, SIDEBARS, document, numbered, sup

IOM = NOTES[10]  # a clean citation: angle-bracketed URL, last visited, on file


def codes(text: str, *, gaps: bool = False) -> list[tuple[int | None, str]]:
    """(note, code) of every finding; "note-gap" only when asked, since ``numbered`` documents
    skip numbers on purpose."""
    return [(f.note, f.code) for f in parse_document(text).findings if gaps or f.code != "note-gap"]


def findings(text: str, code: str) -> list[Finding]:
    return [f for f in parse_document(text).findings if f.code == code]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # url-without-date / date-without-url: real notes 131 and 53, sidebar 9
        (document(NOTES[131]), [(1, "url-without-date")]),
        (document(NOTES[53]), [(1, "date-without-url")]),
        (document(IOM, sidebars=(SIDEBARS[9],)), [(None, "url-without-date")]),
        # ambiguous-id: real notes 131 then 132 ("*Id.* See also, Janis Wolak …")
        (
            numbered({131: NOTES[131], 132: NOTES[132]}),
            [(131, "url-without-date"), (132, "ambiguous-id")],
        ),
        (document("*Id.*"), [(1, "ambiguous-id")]),  # nothing precedes it
        # supra-unmatched / supra-forward / supra-no-citation: real note 15, moved about
        (
            numbered({10: IOM, 15: NOTES[15].replace("note 12", "note 10")}),
            [(15, "supra-unmatched")],
        ),
        (
            numbered({10: IOM, 15: "International Labour Organization (ILO), *supra* note 10."}),
            [(15, "supra-unmatched")],
        ),  # two shared words of four are not a match
        (
            numbered({12: NOTES[12], 15: NOTES[15].replace("note 12", "note 16"), 16: IOM}),
            [(15, "supra-forward")],
        ),
        (numbered({12: NOTES[2], 15: NOTES[15]}), [(15, "supra-no-citation")]),
        # URL damage: real notes 149 (%09) and 124 (EZproxy-style host), a space in note 10
        (document(NOTES[149]), [(1, "url-control-char")]),
        (document(NOTES[124]), [(1, "url-proxy-host")]),
        (document(IOM.replace("nearly-half", "nearly- half")), [(1, "url-whitespace")]),
        (document(IOM.replace("www.iom.int", "www.iom.int:8o")), [(1, "url-invalid")]),
        (document(IOM.replace("www.iom.int", "[www.iom.int")), [(1, "url-invalid")]),
        (document(IOM.replace("www.iom.int", "iom:pw@www.iom.int")), [(1, "url-credentials")]),
        # bad-date: real note 312 ("Fed. 10, 2015"), and an impossible last-visited day
        (document(NOTES[312]), [(1, "bad-date")]),
        (document(IOM.replace("Oct. 5, 2018", "Sep. 31, 2018")), [(1, "bad-date")]),
        # date-mismatch: real notes 128, 218, 319; not 317 (a day apart) nor 66 (upload folder)
        (document(NOTES[128]), [(1, "date-mismatch")]),
        (document(NOTES[218]), [(1, "date-mismatch")]),
        (document(NOTES[319]), [(1, "date-mismatch")]),
        (document(NOTES[317]), []),
        (document(NOTES[66]), []),
        # url-variants: note 10 cited again as http:// without the www. and with a slash
        (
            document(
                IOM,
                IOM.replace(
                    "https://www.iom.int/news/family-members-linked-nearly-half-"
                    "child-trafficking-new-iom-polaris-data",
                    "http://iom.int/news/family-members-linked-nearly-half-"
                    "child-trafficking-new-iom-polaris-data/",
                ),
            ),
            [(2, "url-variants")],
        ),
        # url-host-typo: real notes 101 and 131 (27f511q… vs 27f5111q…)
        (
            numbered({12: NOTES[12], 101: NOTES[101], 131: NOTES[131]}),
            [(101, "url-host-typo"), (131, "url-without-date")],
        ),
        # clean notes produce nothing
        (document(IOM, "*Id.*", NOTES[12], NOTES[9], NOTES[1]), []),
    ],
)
def test_warning_codes(text: str, expected: list[tuple[int | None, str]]) -> None:
    assert codes(text) == expected


def test_page_break_rejoined_and_flagged() -> None:
    """Note 279 as the report prints it: cut after "Anti-", tail as a heading link on the next
    page, right before that page's footnotes."""
    head, tail = NOTES[279].split("Anti-")
    path, rest = tail.split(" ", 1)
    text = (
        f"Body.{sup(1)} More body.{sup(2)}\n\n{sup(1)} {head}Anti-\n\n"
        f"Tanzania{sup(3)} criminalizes …\n\n[{path}](#) {rest}"
        f"\n\n{sup(2)} {IOM}\n\n{sup(3)} {IOM}\n"
    )
    report = parse_document(text)
    assert report.notes[0].text == NOTES[279]
    [finding] = findings(text, "url-page-break")
    assert finding.note == 1 and "Anti-trafficking/1.2%20Combating" in finding.message


def test_page_break_continuation_of_prose() -> None:
    """Note 34: cut mid-sentence; its rest precedes the next page's footnotes."""
    head, tail = NOTES[34].split(" of a child engaged")
    text = (
        f"Body.{sup(1)} More.{sup(2)}\n\n{sup(1)} {NOTES[1]}\n\n{sup(2)} {head} of\n\n"
        f"more body with a marker.{sup(3)}\n\na child engaged{tail}\n\n{sup(3)} {IOM}\n"
    )
    report = parse_document(text)
    assert report.notes[1].text == NOTES[34]
    assert report.notes[1].citations[1].supra_note == 27
    assert all(f.code != "url-page-break" for f in report.findings)


def test_a_heading_is_never_taken_for_the_rest_of_a_footnote() -> None:
    """A note ending in a bare URL looks unfinished; the next page's heading is not its rest."""
    venmo = "See generally, Venmo, at https://venmo.com/"
    text = (
        f"Body.{sup(1)}\n\n{sup(1)} {venmo}\n\nCryptocurrencies\n\nMore body.{sup(2)}\n\n"
        f"Payment\n\n{sup(2)} {IOM}\n"
    )
    report = parse_document(text)
    assert report.notes[0].text == venmo
    assert [(f.note, f.code) for f in report.findings] == [(1, "url-without-date")]


def test_url_cut_at_a_page_break_without_its_rest() -> None:
    head = NOTES[279].split("Anti-")[0] + "Anti-"
    text = (
        f"Body.{sup(1)}\n\n{sup(1)} {head}\n\nMore body.\n\nMore body.{sup(2)}\n\n{sup(2)} {IOM}\n"
    )
    [finding] = findings(text, "url-page-break")
    assert finding.note == 1 and "not found" in finding.message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"Body.{sup(1)} More.{sup(2)}\n\n{sup(1)} {IOM}\n", [(2, "marker-without-note")]),
        (f"Body.{sup(1)}\n\n{sup(1)} {IOM}\n\n{sup(2)} {IOM}\n", [(2, "note-without-marker")]),
        (f"Body.{sup(1)} More.{sup(3)}\n\n{sup(1)} {IOM}\n\n{sup(3)} {IOM}\n", [(2, "note-gap")]),
        (
            f"Body.{sup(1)} More.{sup(2)}\n\n{sup(1)} {IOM}\n\n{sup(2)} {IOM}\n\n{sup(2)} {IOM}\n",
            [(2, "note-duplicate")],
        ),
        (f"Body.^{{1, 2}}\n\n{sup(1)} {IOM}\n\n{sup(2)} {IOM}\n", []),  # "^{219, 220}" form
    ],
)
def test_marker_and_numbering_findings(text: str, expected: list[tuple[int, str]]) -> None:
    assert codes(text, gaps=True) == expected


def test_findings_are_sorted_by_note_then_code() -> None:
    text = numbered(
        {12: NOTES[12], 53: NOTES[53], 101: NOTES[101], 131: NOTES[131], 132: NOTES[132]}
    )
    found = parse_document(text).findings
    keys = [(-1 if f.note is None else f.note, f.code, f.message) for f in found]
    assert keys == sorted(keys)
    assert [(f.note, f.code) for f in found] == [
        (1, "note-gap"),
        (13, "note-gap"),
        (53, "date-without-url"),
        (54, "note-gap"),
        (101, "url-host-typo"),
        (102, "note-gap"),
        (131, "url-without-date"),
        (132, "ambiguous-id"),
    ]


def test_every_code_is_documented_in_the_module_table() -> None:
    documented = {
        line.split()[0]
        for line in (findings_doc or "").splitlines()
        if line[:1].isalpha() and "-" in line.split()[0]
    }
    assert documented == {
        "url-without-date",
        "date-without-url",
        "ambiguous-id",
        "supra-unmatched",
        "supra-forward",
        "supra-no-citation",
        "url-whitespace",
        "url-control-char",
        "url-page-break",
        "endnotes-renumbered",
        "note-numbering-restarts",
        "url-proxy-host",
        "url-credentials",
        "bad-date",
        "date-mismatch",
        "url-variants",
        "url-host-typo",
        "url-invalid",
        "marker-without-note",
        "note-without-marker",
        "note-gap",
        "note-duplicate",
    }
