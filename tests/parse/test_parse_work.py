"""The kind of work a citation names and its publication details, from real citations.

``read_details`` gets the text after a title as the bundled report, Free Culture (Chicago
notes) and the common styles write it; the whole-report tables check what each source became.
"""

from __future__ import annotations

import collections

import pytest

from citecheck.model import ParsedDocument, Source, WorkType
from citecheck.parse import parse_document
from citecheck.parse._work import Details, read_details
from citecheck.read import read_document
from tests.parse._real import BUNDLED


@pytest.fixture(scope="module")
def report() -> ParsedDocument:
    return parse_document(read_document(BUNDLED))


def _first_cited(report: ParsedDocument, note: int) -> Source:
    return next(s for s in report.sources if s.cited_in and s.cited_in[0] == note)


@pytest.mark.parametrize(
    ("rest", "details"),
    [
        # the bundled report (notes 38, 51, 53, 93, 94, 117, 125, 132, 226, …)
        (
            "BROOKLYN LAW REVIEW, Vol. 77, Issue 2, Art. 9 (2012)",
            Details("77", "2", None, number="9"),
        ),
        ("THE JOURNAL FOR NURSE PRACTITIONERS 11 (2015): 797-803", Details("11", None, "797-803")),
        ("COGENT MEDICINE 3 (2017): 1-13", Details("3", None, "1-13")),
        (
            "JOURNAL OF OBSTETRIC, GYNECOLOGIC, & NEONATAL NURSING, Vol. 40 Issue 2: 243-252, "
            "Feb. 2011",
            Details("40", "2", "243-252"),
        ),
        (
            "JOURNAL OF HUMAN BEHAVIOR IN THE SOCIAL ENVIRONMENT 23.3 (2013): 356-369",
            Details("23", "3", "356-369"),
        ),
        ("International Migration Vol. 48 (4) 2010", Details("48", "4")),
        ("Dec. 2016, INTERNATIONAL JOURNAL OF CYBER CRIMINOLOGY, 10(2)", Details("10", "2")),
        ("AMERICAN PSYCHOLOGIST, Aug. 2010, 63(2):111-128", Details("63", "2", "111-128")),
        (
            "Edited by Mary C. Burke, 2nd Edition, 2018",
            Details(editors=("Mary C. Burke",), edition="2"),
        ),
        (
            "Global Commission on Internet Governance Paper Series – Paper No. 20, University of "
            "Portsmouth, Sep. 30, 2015",
            Details(number="20"),
        ),
        ("FIN-2014-A008 Sep. 11, 2014", Details(number="FIN-2014-A008")),
        # a section of a statute is no volume and issue
        ("Article 3(2) – Trafficking in Persons; Article 4 – Punishment", Details()),
        # Free Culture's notes (Chicago)
        ("Law and Contemporary Problems 19 (1954): 203", Details("19", None, "203")),
        ("Journal of Political Philosophy 10 (2) (2002): 129", Details("10", "2", "129")),
        ("California Law Review 48 (1960) 398-407", Details("48", None, "398-407")),
        (
            "E. Fulton Brylawski and Abe Goldman, eds. (South Hackensack, N.J.: Rothman Reprints, "
            "1976)",
            Details(editors=("E. Fulton Brylawski", "Abe Goldman")),
        ),
        ("11 (New York: New York University Press, 2001)", Details()),  # a page, not a volume
        # APA and Bluebook forms
        ("Journal of Adolescence, 40(2), 243–252", Details("40", "2", "243-252")),
        ("Harvard Law Review, vol. 4, no. 5, pp. 193-220", Details("4", "5", "193-220")),
        ("3rd ed. 2009", Details(edition="3")),
        ("second edition", Details(edition="2")),
    ],
)
def test_details_after_the_title(rest: str, details: Details) -> None:
    assert read_details(rest) == details


def test_a_bills_number_stands_in_its_title() -> None:
    title = "Fight Illicit Networks and Detect Trafficking Act H.R. 6069"
    assert read_details("Jun. 2018", title).number == "H.R. 6069"


@pytest.mark.parametrize(
    ("note", "work_type"),
    [
        (38, WorkType.JOURNAL_ARTICLE),  # Vol. 77, Issue 2
        (51, WorkType.JOURNAL_ARTICLE),  # no URL: 11 (2015): 797-803
        (124, WorkType.JOURNAL_ARTICLE),  # GENDER ISSUES, a PDF: no volume, still a journal
        (9, WorkType.JOURNAL_ARTICLE),  # THE JUDGES JOURNAL
        (147, WorkType.NEWS_ARTICLE),  # SAN DIEGO TRIBUNE
        (149, WorkType.NEWS_ARTICLE),  # a headline naming an Act is no statute
        (226, WorkType.BOOK),  # Edited by …, 2nd Edition
        (12, WorkType.REPORT),  # a PDF its school issued
        (10, WorkType.WEB_PAGE),
        (278, WorkType.LEGISLATION),  # "… Sex Trafficking Act of 2017 (FOSTA)"
        (231, WorkType.TREATY),  # "UN Convention on the Rights of the Child"
        (5, WorkType.HEARING),  # "Testimony of Mary Graw Leary"
    ],
)
def test_kinds_of_work(report: ParsedDocument, note: int, work_type: WorkType) -> None:
    assert _first_cited(report, note).work_type is work_type


def test_kinds_across_the_report(report: ParsedDocument) -> None:
    """Every kind the report cites is found, and a case, a bill and a hearing each once or more."""
    kinds = collections.Counter(s.work_type for s in report.sources)
    assert kinds[WorkType.DOCUMENT] == 0  # every source has a URL or tells what it is
    assert kinds[WorkType.LEGAL_CASE] == kinds[WorkType.BILL] == 1
    assert kinds[WorkType.JOURNAL_ARTICLE] >= 13
    assert kinds[WorkType.NEWS_ARTICLE] >= 45


def test_three_journal_articles_keep_volume_issue_and_pages(report: ParsedDocument) -> None:
    found = {
        note: (s.container, s.volume, s.issue, s.pages)
        for note in (93, 94, 132)
        for s in [_first_cited(report, note)]
    }
    assert found == {
        93: ("JOURNAL OF OBSTETRIC, GYNECOLOGIC, & NEONATAL NURSING", "40", "2", "243-252"),
        94: ("JOURNAL OF HUMAN BEHAVIOR IN THE SOCIAL ENVIRONMENT", "23", "3", "356-369"),
        132: ("AMERICAN PSYCHOLOGIST", "63", "2", "111-128"),
    }


def test_the_book_keeps_its_editor_and_edition(report: ParsedDocument) -> None:
    book = _first_cited(report, 226)
    assert (book.editors, book.edition, book.authors) == (("Mary C. Burke",), "2", ())


def test_a_reports_issuer_is_its_publisher(report: ParsedDocument) -> None:
    latonero = _first_cited(report, 12)
    assert latonero.container is None
    assert latonero.publisher == "USC ANNENBERG SCHOOL FOR COMMUNICATION & JOURNALISM"


@pytest.mark.parametrize(
    ("note", "author"),
    [
        (10, "International Organization for Migration (IOM)"),  # its own news page
        (212, "Manhattan District Attorney’s Office"),  # its own press release
        (304, "SAS"),
    ],
)
def test_an_organisations_own_page_has_it_as_author(
    report: ParsedDocument, note: int, author: str
) -> None:
    source = _first_cited(report, note)
    assert (source.authors, source.corporate_author) == ((author,), True)


def test_an_author_named_like_the_nonprofit_site_is_an_organisation(
    report: ParsedDocument,
) -> None:
    terre = next(s for s in report.sources if s.authors == ("Terre de Hommes",))
    assert terre.corporate_author  # on terredeshommes.org; the document misspells the name
    person = _first_cited(report, 147)
    assert (person.authors, person.corporate_author) == (("Jennifer Van Grove",), False)
