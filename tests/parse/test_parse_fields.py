"""Fields of full citations, audited against the report's own footnotes and sidebars: which text
is the authors, the title, the container (publisher, journal, site), the publication date and
the pinpoint. One table per class of rule; every row is a real citation (tests/parse/_real.py)."""

from __future__ import annotations

import re

import pytest

from citecheck.model import Citation, Source
from citecheck.parse import parse_document
from citecheck.read import read_document
from tests.parse._real import BUNDLED, NOTES, SIDEBARS, document

# (footnote number, or "sN" for sidebar N; index of the citation within it)
Where = tuple[int | str, int]


def cited(where: Where) -> tuple[Citation, Source]:
    """The citation at ``where`` parsed on its own, and the source it names."""
    place, index = where
    if isinstance(place, str):
        report = parse_document(document(NOTES[10], sidebars=(SIDEBARS[int(place[1:])],)))
        citation = report.sidebars[0].citations[index]
    else:
        report = parse_document(document(NOTES[place]))
        citation = report.notes[0].citations[index]
    return citation, report.source(citation.source or "")


# ------------------------------------------------------------------------------- authors


@pytest.mark.parametrize(
    ("where", "authors"),
    [
        # people: degrees and "et al." are not names, honorifics are dropped
        (("s2", 0), ("Mark Latonero",)),  # "Mark Latonero, Ph.D., *The Rise of Mobile …*"
        ((89, 0), ("Stephen Webster",)),  # "Stephen Webster et al., *European Online …*"
        ((117, 0), ("Elizabeth M. Wheaton", "Edward J. Schauer", "Thomas V. Galli")),
        # a person's role and office after the name are not authors
        (("s1", 0), ("Laurence E. Rothenberg",)),  # "Testimony of …, Deputy Assistant Attorney…"
        # a title naming its witness names the author
        ((5, 0), ("Mary Graw Leary",)),  # "…, Subcommittee on Crime, …, *Testimony of Mary …*"
        ((168, 0), ("International Justice Mission UK",)),  # "Written evidence submitted by …"
        # an organisation stays whole; a document kind after it is no part of its name
        ((6, 0), ("The Vienna Forum to fight Human Trafficking",)),  # "…, Austria Center Vienna
        # Background Paper, *Workshop: …*"
        (("s5", 0), ("Kristen DiAngelo",)),
        # no italics: a leading organisation is the author where the pattern makes it plain
        ((27, 0), ("UN Human Rights Office of the High Commissioner",)),
        ((20, 0), ("UN Sustainable Development Goals",)),
        ((283, 1), ("Australian Communications and Media Authority",)),
        ((334, 0), ("Courtney’s House",)),
        # what stands where the author goes but is not one
        ((21, 0), ()),  # "Resolution adopted by the General Assembly … 70/1. *Transforming …*"
        ((176, 0), ()),  # "Dark Net, Season 1, Episode 3 - Script, *Exploit*"
        ((226, 1), ()),  # a website's name: "Funding Situation of Anti-Trafficking Organizations"
        ((255, 0), ()),  # a treaty: "OAS Inter-American Convention on …, *Signatories …*"
        ((300, 0), ()),  # a site's title: "Project VIC: Leave No Victims Behind, *About us*"
        ((231, 0), ()),  # "UN Convention on the Rights of the Child": the UN names the treaty
        ((258, 0), ()),  # "Arab Charter on Human Rights (2004), League of Arab States"
        # an organisation's own page: the organisation is its author (and the site)
        ((304, 0), ("SAS",)),  # "Machine Learning, SAS" on sas.com
        ((305, 0), ("Technopedia",)),  # "Facial Recognition, Technopedia" on techopedia.com
    ],
)
def test_authors(where: Where, authors: tuple[str, ...]) -> None:
    assert cited(where)[1].authors == authors


# --------------------------------------------------------------------------------- titles


@pytest.mark.parametrize(
    ("where", "title"),
    [
        # italics round a publisher's name, the plain headline after it is the title
        ((157, 0), "Sex workers leave Twitter for Switter after controversial US law"),
        (("s5", 0), "Letter to Senator John Thune"),
        # a work named before the italic part: the italic part is a piece of it
        ((176, 0), "Dark Net, Season 1, Episode 3 - Script, Exploit"),
        (
            (255, 0),
            "OAS Inter-American Convention on International Traffic in Minors, "
            "Signatories and Ratifications",
        ),
        # a website named before the italic part is its container, not part of the title
        ((226, 1), "The Four “Ps” Paradigm"),
        ((300, 0), "About us"),
        # without italics: less the organisation, the publisher, dates, designations, pinpoints
        (
            (27, 0),
            "Optional Protocol to the Convention on the Rights of the Child on the sale of "
            "children, child prostitution and child pornography",
        ),
        ((20, 0), "Goal 16: Peace, Justice and Strong Institutions"),
        (
            (283, 1),
            "Know your obligations: carriers and carriage service providers, including internet "
            "and VoIP service providers",
        ),
        (
            (334, 0),
            "Letter from Tina Frundt, Founder, to Members of Subcommittee on Oversight and "
            "Investigations",
        ),
        (
            (221, 0),
            "Protocol to Prevent, Suppress and Punish Trafficking in Persons, Especially Women and "
            "Children, Supplementing the United Nations Convention Against Transnational "
            "Organized Crime [Palermo Protocol]",
        ),  # ", adopted Nov. 2000" is the date
        ((231, 0), "UN Convention on the Rights of the Child"),  # "UN Doc. A/RES/44/25 (…)"
        ((258, 0), "Arab Charter on Human Rights (2004)"),
        ((304, 0), "Machine Learning"),
        ((305, 0), "Facial Recognition"),
        ((278, 0), "Allow States and Victims to Fight Online Sex Trafficking Act of 2017 (FOSTA)"),
        ((282, 0), "Criminal Code Act of Australia (1995)"),
        # unchanged: the resolution's own title, a testimony's hearing
        ((21, 0), "Transforming our world: the 2030 Agenda for Sustainable Development"),
        (("s1", 0), "Hearing Before the Committee on the Judiciary, House of Representatives"),
    ],
)
def test_titles(where: Where, title: str) -> None:
    assert cited(where)[1].title == title


# ----------------------------------------------------------------------------- containers


@pytest.mark.parametrize(
    ("where", "container"),
    [
        # a name holding a list is not cut at the list's commas
        ((13, 0), "Institute for Faith, Work & Economics"),
        # a publisher's name, rather than a series or a numbered session or paper
        ((37, 0), "Stewards of Children"),  # not "Two Minutes for Prevention series"
        ((80, 0), "Human Rights Council"),  # not "Second Cycle 22nd Session of the UPR"
        ((177, 1), "University of Portsmouth"),  # not "… Paper Series – Paper No. 20"
        # SMALL CAPS after a plain headline
        ((157, 0), "USA TODAY"),
        # the publisher named in italics when the headline took the title
        (("s5", 0), "Sacramento Sex Workers Outreach Project"),
        # the committee that heard the testimony published it
        (
            (5, 0),
            "United States House of Representatives Committee on the Judiciary, Subcommittee on "
            "Crime, Terrorism, Homeland Security, and Investigations",
        ),
        # a website named before the title
        ((226, 1), "Funding Situation of Anti-Trafficking Organizations"),
        ((300, 0), "Project VIC: Leave No Victims Behind"),
        # without italics: a publisher or site named last
        ((258, 0), "League of Arab States"),
        ((304, 0), "SAS"),
        ((305, 0), "Technopedia"),
        # a second italic span: the journal
        ((117, 0), "International Migration"),
        # unchanged where nothing names a publisher
        ((27, 0), None),
        ((20, 0), None),
    ],
)
def test_containers(where: Where, container: str | None) -> None:
    source = cited(where)[1]
    assert (source.container or source.publisher) == container  # a report's is its publisher


# ------------------------------------------------------------------ dates and pinpoints


@pytest.mark.parametrize(
    ("where", "date"),
    [
        ((117, 0), "2010"),  # "*International Migration* Vol. 48 (4) 2010"
        ((243, 0), "2011-04-05"),  # "Directive … of the Council of 5 April 2011 on …"
        ((221, 0), "2000-11"),  # "adopted Nov. 2000"
        ((231, 0), "1989-11-20"),  # "UN Doc. A/RES/44/25 (Nov. 20, 1989)"
        ((176, 0), "2016-02-04"),  # "aired Feb. 4, 2016", not the last-visited date
        ((21, 0), "2015-10"),  # after the title, not the resolution's prefix
        # a statute's year in its name is when it was enacted
        ((279, 0), "2011"),  # "Law No. 15 of 2011 on Combating Trafficking …"
        ((268, 0), "2013"),  # "…, Act No. 7 of 2013, Article 8 – …"
        ((283, 0), "1997"),  # "Australia Telecommunications Act 1997"
        ((278, 0), "2017"),  # "… Sex Trafficking Act of 2017 (FOSTA)"
    ],
)
def test_publication_dates(where: Where, date: str) -> None:
    assert cited(where)[1].date == date


@pytest.mark.parametrize(
    ("where", "pinpoint"),
    [
        ((1, 0), "K.1.iv, 59"),  # a guideline's section and its page
        ((38, 0), None),  # "Vol. 77, Issue 2, Art. 9 (2012)" numbers the journal article
        (
            (278, 0),
            "United States 18 US Code § 2421A – Promotion or facilitation of prostitution and "
            "reckless disregard of sex trafficking",
        ),
        ((282, 0), "474.26 – Using a carriage service to procure persons under 16 years of age"),
        ((89, 0), "9"),  # the page after the italic title
    ],
)
def test_pinpoints(where: Where, pinpoint: str | None) -> None:
    assert cited(where)[0].pinpoint == pinpoint


# ------------------------------------------------------------------------- whole report


def test_no_author_in_the_report_is_a_description_or_a_work() -> None:
    """Across every source: authors hold no numbers, degrees, "et al.", roles or document kinds
    — those belong to titles ("Season 1, Episode 3"), designations ("70/1.") or nowhere."""
    report = parse_document(read_document(BUNDLED))
    bad = re.compile(
        r"\d|et al|Ph\.?D|^(?:Testimony|Resolution|Press Release)\b|"
        r"\b(?:Paper|Script|Convention)\b|Deputy|Attorney(?!’s Office)"
    )
    authors = [name for source in report.sources for name in source.authors]
    assert len(authors) > 100
    assert [name for name in authors if bad.search(name)] == []
