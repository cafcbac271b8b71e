"""Table-driven tests built from real footnotes of the report: splitting, URLs, dates, fields and
short-cite resolution (points 2–7 of the parser spec)."""

from __future__ import annotations

import datetime as dt

import pytest

from citecheck.model import Citation, CitationKind, ParsedDocument
from citecheck.parse import links, parse_document
from citecheck.parse._dates import disagrees_with_url, parse_last_visited
from citecheck.parse._urls import find_urls
from tests.parse._real import NOTES, SIDEBARS, document, numbered

FULL, ID, SUPRA = CitationKind.FULL, CitationKind.ID, CitationKind.SUPRA


def citations_of(text: str) -> tuple[Citation, ...]:
    """The citations of one real footnote parsed on its own."""
    return parse_document(document(text)).notes[0].citations


# ------------------------------------------------------------- 3. several citations per note


@pytest.mark.parametrize(
    ("note", "shape"),
    [
        (2, []),  # pure explanation
        (235, []),  # explanation listing three Protocols, semicolons and all
        (5, [(FULL, "see")]),  # quotation, then "See," citation
        (73, [(FULL, None), (FULL, "see also")]),
        (131, [(FULL, None), (FULL, "but see")]),
        (197, [(FULL, None), (FULL, "see generally")]),
        (283, [(FULL, "see"), (FULL, "see also")]),  # "…s7.html; See also, …"
        (309, [(FULL, "see"), (FULL, "see also")]),
        (154, [(FULL, None)]),  # semicolons inside an institutional author do not split
        (123, [(FULL, None), (FULL, "see also")]),
        (176, [(FULL, None), (FULL, "see also")]),
        (344, [(FULL, None), (FULL, "see also")]),
    ],
)
def test_a_note_splits_into_its_citations(note: int, shape: list[tuple[CitationKind, str]]) -> None:
    assert [(c.kind, c.signal) for c in citations_of(NOTES[note])] == shape


@pytest.mark.parametrize(
    ("text", "shape"),
    [
        ("Explained at length in Part II. See above.", []),
        ("See Smith v. Jones, 123 U.S. 456 (1990).", [(FULL, "see")]),
        ("Cf. *Roe v. Wade*, 410 U.S. 113 (1973).", [(FULL, "cf.")]),
    ],
)
def test_signals_introduce_citations_not_cross_references(
    text: str, shape: list[tuple[CitationKind, str]]
) -> None:
    assert [(c.kind, c.signal) for c in citations_of(text)] == shape


def test_signal_in_italics_is_normalized() -> None:
    found = (
        parse_document(
            numbered({125: NOTES[309], 292: "See *generally*, Polaris, *supra* note 125, at 34."})
        )
        .notes[1]
        .citations
    )
    assert [(c.kind, c.signal, c.pinpoint) for c in found] == [(SUPRA, "see generally", "34")]


# ------------------------------------------------------------------------ 2. sidebars


@pytest.mark.parametrize(
    ("index", "urls"),
    [
        (
            4,
            [
                "http://extras.mnginteractive.com/live/media/site36/2016/0106/20160106_105704_"
                "15CR3063-Franklin-Grand-Jury-Indictment_Redacted.pdf",
                "https://www.9news.com/article/news/crime/the-tough-ones-are-us-women-colorado-pimp-"
                "gets-472-year-sentence/73-493742788",
            ],
        ),
        (
            9,
            [
                "http://www.consilium.europa.eu/ifado/ifadocontacts.htm",
                "http://www.consilium.europa.eu/prado/EN/prado-start-page.html",
            ],
        ),
    ],
)
def test_sidebars_are_citations_not_footnotes(index: int, urls: list[str]) -> None:
    report = parse_document(document(NOTES[10], sidebars=(SIDEBARS[index],)))
    assert len(report.notes) == 1
    [sidebar] = report.sidebars
    assert [c.url for c in sidebar.citations] == urls
    assert all(report.source(c.source).sidebars == (1,) for c in sidebar.citations if c.source)


def test_fields_of_a_sidebar_citation_without_italics() -> None:
    report = parse_document(document(NOTES[10], sidebars=(SIDEBARS[4],)))
    jensen = report.source(report.sidebars[0].citations[1].source or "")
    assert jensen.authors == ("Kelly Jensen",)
    assert jensen.title == "‘The tough ones are us women:’ Colorado pimp gets 472 year sentence"
    assert (jensen.container, jensen.date) == ("9NEWS.COM", "2017-11-21")
    indictment = report.source(report.sidebars[0].citations[0].source or "")
    assert indictment.title == (
        "The People of the State of Colorado v. Brock Franklin, Colorado "
        "State Grand Jury Indictment"
    )
    assert indictment.date == "2015-11"


def test_sidebar_and_note_citing_one_url_share_the_source() -> None:
    report = parse_document(document(NOTES[131], sidebars=(SIDEBARS[3],)))
    note_source = report.notes[0].citations[0].source
    assert report.sidebars[0].citations[0].source == note_source
    assert report.source(note_source or "").cited_in == (1,)
    assert report.source(note_source or "").sidebars == (1,)


# ------------------------------------------------------------------------------- 4. URLs


@pytest.mark.parametrize(
    ("note", "url"),
    [
        (
            10,
            "https://www.iom.int/news/family-members-linked-nearly-half-child-trafficking-"
            "new-iom-polaris-data",
        ),  # <angle brackets>
        (12, "https://technologyandtrafficking.usc.edu/files/2011/09/HumanTrafficking_FINAL.pdf"),
        (
            68,
            "https://www.unicef.org/protection/files/FBO_Guide_for_Religious_Leaders_and_"
            "Communities_ENG(1).pdf",
        ),  # Markdown link, escaped parentheses
        (38, "https://brooklynworks.brooklaw.edu/cgi/viewcontent.cgi?article=1166&context=blr"),
        (
            209,
            "https://www.forbes.com/sites/laurengensler/2017/01/19/western-union-anti-money-"
            "laundering-consumer-fraud-violations/#5b3e39da7238",
        ),  # fragment kept
        (
            64,
            "https://www.iwf.org.uk/sites/default/files/inline-files/Distribution%20of%20Captures"
            "%20of%20Live-streamed%20Child%20Sexual%20Abuse%20FINAL.pdf",
        ),  # percent-escapes
        (
            283,
            "http://www8.austlii.edu.au/cgi-bin/viewdoc/au/legis/cth/num_act/ta1997214/s7.html",
        ),  # bare, followed by ";"
        (
            149,
            "https://www.reuters.com/article/us-sex-trafficking-facebook-lawsuit/facebook-"
            "responding-to-lawsuit-says-sex-trafficking-banned-on-%09site-idUSKCN1MEQ38",
        ),
    ],
)
def test_urls_are_extracted_exactly(note: int, url: str) -> None:
    assert citations_of(NOTES[note])[0].url == url


@pytest.mark.parametrize(
    ("text", "urls"),
    [
        ("[UN Convention on the Rights of the Child](#)", []),
        ("[ASEAN Convention Against Trafficking in Persons \\(2015\\)](#)", []),
        ("at https://example.org/page.", ["https://example.org/page"]),
        ("(at https://example.org/page)", ["https://example.org/page"]),
        (
            "at https://en.wikipedia.org/wiki/Foo_(bar), and",
            ["https://en.wikipedia.org/wiki/Foo_(bar)"],
        ),
        ("at *https://example.org/x*,", ["https://example.org/x"]),
        ("at <https://example.org/a?b=1&c=2#frag>;", ["https://example.org/a?b=1&c=2#frag"]),
        ("[text](https://example.org/a\\_b)", ["https://example.org/a_b"]),
    ],
)
def test_find_urls_handles_every_written_form(text: str, urls: list[str]) -> None:
    assert [span.url for span in find_urls(text)] == urls


def test_every_url_of_a_citation_is_a_link() -> None:
    report = parse_document(
        document(
            "UNICEF, *Annual Report*, at <https://a.example/report> and <https://b.example/mirror> "
            "(last visited Oct. 5, 2018).",
            "*Id.*",
        )
    )
    [source] = report.sources
    assert source.urls == ("https://a.example/report", "https://b.example/mirror")
    assert [(link.url, link.notes) for link in links(report)] == [
        ("https://a.example/report", (1, 2)),
        ("https://b.example/mirror", (1, 2)),
    ]
    assert [(f.note, f.code) for f in report.findings] == [(1, "url-without-date")]


def test_heading_links_are_not_citations() -> None:
    text = document(NOTES[10]).replace(
        "\n\n", "\n\n[UN Convention on the Rights of the Child](#)\n\n", 1
    )
    report = parse_document(text)
    assert len(report.sources) == 1
    assert not report.findings


# ------------------------------------------------------------------------------ 5. dates


@pytest.mark.parametrize(
    ("written", "iso", "error"),
    [
        ("Oct. 5, 2018", "2018-10-05", None),
        ("Oct.10, 2018", "2018-10-10", None),  # note 314's typo
        ("Sep. 30, 2018", "2018-09-30", None),
        ("Sept. 3, 2018", "2018-09-03", None),
        ("November 28, 2018", "2018-11-28", None),
        ("5 Oct. 2018", "2018-10-05", None),
        ("Fed. 10, 2015", None, "no month called 'Fed'"),
        ("Feb. 30, 2018", None, "not a day of the calendar"),
        ("sometime in 2018", None, "cannot read"),
    ],
)
def test_last_visited_dates(written: str, iso: str | None, error: str | None) -> None:
    parsed = parse_last_visited(written)
    assert parsed.value == iso
    assert (error is None) == (parsed.error is None)
    if error:
        assert error in (parsed.error or "")


@pytest.mark.parametrize(
    ("note", "visited"),
    [
        (10, [dt.date(2018, 10, 5)]),
        (314, [None, dt.date(2018, 10, 10)]),  # "*Id.*" first (no previous note here)
        (283, [None, dt.date(2018, 10, 9)]),  # the date follows the second URL only
        (309, [None, dt.date(2018, 10, 10)]),
        (131, [dt.date(2018, 10, 9), None]),  # the "But see" Polaris URL has no date
    ],
)
def test_each_date_belongs_to_the_url_it_follows(note: int, visited: list[dt.date]) -> None:
    assert [c.last_visited for c in citations_of(NOTES[note])] == visited


@pytest.mark.parametrize(
    ("published", "url", "disagrees"),
    [
        ("2017-04-17", "https://nypost.com/2018/04/17/how-sex-traffickers-hunt/", True),
        ("2017-08-01", "https://www.dallasnews.com/news/investigations/2017/07/24/new-trick", True),
        ("2018-05-31", "https://thenextweb.com/world/2018/06/01/this-company/", False),  # a day
        ("2018-06-07", "http://www.marinusanalytics.com/articles/2018/6/7/traffic-jam", False),
        ("2017", "https://judiciary.house.gov/hearing/2017/09/leary/", False),
        ("2018-04", "https://example.org/news/2018/07/story/", True),
        ("2018-04", "http://www.ecpat.org/wp-content/uploads/2018/07/Report.pdf", False),
        ("2017", "http://asean.org/storage/2012/05/APA-FINAL.pdf", False),  # upload folder
        ("2016-01-05", "https://polarisproject.org/blog/2016/01/05/average-age-entry-myth", False),
        ("2015-02-10", "https://www.wired.com/2015/02/darpa-memex-dark-web/", False),
    ],
)
def test_citation_date_against_the_date_in_the_url(
    published: str, url: str, disagrees: bool
) -> None:
    assert (disagrees_with_url(published, url) is not None) == disagrees


# ----------------------------------------------------------------------------- 6. fields


@pytest.mark.parametrize(
    ("note", "index", "authors", "title", "container", "date", "pinpoint"),
    [
        (
            1,
            0,
            (),
            "Terminology Guidelines for the Protection of Children from Sexual Exploitation "
            "and Sexual Abuse",
            "Interagency Working Group on Sexual Exploitation of Children",
            "2016-01-28",
            "K.1.iv, 59",  # a guideline's section and page, after the date
        ),
        (
            9,
            0,
            ("Herbert B. Dixon, Jr.",),
            "Human Trafficking and the Internet (and Other Technologies, too)",
            "THE JUDGES JOURNAL",
            "2013",
            None,
        ),
        (
            12,
            0,
            ("Mark Latonero",),
            "Human Trafficking Online: The Role of Social Networking Sites and Online Classifieds",
            "USC ANNENBERG SCHOOL FOR COMMUNICATION & JOURNALISM",
            "2011-09",
            "12",
        ),
        (
            45,
            0,
            ("Sarah Meiklejohn",),  # "et al." is no name
            "A Fistful of Bitcoins: Characterizing Payments Among Men With No Names",
            "University of California – San Diego",
            "2016",
            None,
        ),
        (
            51,
            0,
            ("Charrita Ernewein", "Rose Nieves"),
            "Human Sex Trafficking: Recognition, Treatment, And Referral Of Pediatric Victims",
            "THE JOURNAL FOR NURSE PRACTITIONERS",
            "2015",
            None,
        ),
        (
            93,
            0,
            ("Natalie McClain", "Stacy E. Garrity"),
            "Sex Trafficking and The Exploitation of Adolescents",
            "JOURNAL OF OBSTETRIC, GYNECOLOGIC, & NEONATAL NURSING",
            "2011-02",
            "245",
        ),
        (
            123,
            0,
            ("Juliane Kloess", "Catherine Hamilton-Giachritsis", "Anthony Beech"),
            "Offense Processes of Online Sexual Grooming and Abuse of Children Via Internet "
            "Communication Platforms",
            "SEXUAL ABUSE: A JOURNAL OF RESEARCH AND TREATMENT",
            "2017-06",
            None,
        ),
        (
            123,
            1,
            ("Kemal Veli",),
            "Sexual Extortion of Children in Cyberspace",
            "INTERNATIONAL JOURNAL OF CYBER CRIMINOLOGY",
            "2016-12",
            None,
        ),
        (
            154,
            0,
            (
                "United States Senate, Permanent Subcommittee on Investigations; Committee on "
                "Homeland Security and Governmental Affairs; Human Trafficking Investigation",
            ),
            "Recommendation to Enforce a Subpoena Issued to the CEO of Backpage.com, LLC",
            None,
            "2015-11-15",
            None,
        ),
        (
            21,
            0,
            (),  # "Resolution adopted by … 70/1." designates the document, it is no author
            "Transforming our world: the 2030 Agenda for Sustainable Development",
            None,
            "2015-10",
            None,
        ),
        (
            218,
            0,
            ("Sarah Mervosh",),
            "New trick of the sex trade: Pimps can use retail gift cards to buy Backpage.com ads",
            "DALLAS MORNING NEWS",
            "2017-08-01",
            None,
        ),
    ],
)
def test_fields_of_full_citations(
    note: int,
    index: int,
    authors: tuple[str, ...],
    title: str,
    container: str | None,
    date: str,
    pinpoint: str | None,
) -> None:
    report = parse_document(document(NOTES[note]))
    citation = report.notes[0].citations[index]
    source = report.source(citation.source or "")
    # The name read after the title: the container, or the publisher of a report or hearing
    # (test_parse_work holds the roles); an organisation's own web page names it as author.
    named = source.container or source.publisher
    if named is None and source.corporate_author and source.authors != authors:
        named, authors = source.authors[0], (*authors, source.authors[0])
    assert (source.authors, source.title, named, source.date) == (authors, title, container, date)
    assert citation.pinpoint == pinpoint


@pytest.mark.parametrize(
    ("note", "title", "pinpoint"),
    [
        (
            268,
            "Prevention and Combating of Trafficking in Persons Act of South Africa, Act No. 7 "
            "of 2013",
            "Article 8 – Conduct facilitating trafficking in persons",
        ),
        (
            273,
            "Philippines Republic Act No. 9208 Anti-Trafficking in Persons Act of 2003",
            "Articles 5, 10",
        ),
        (
            284,
            "Prevention of Human Trafficking Act of Singapore (2014)",
            "Article 3(2) – "
            "Trafficking in Persons; Article 4 – Punishment for trafficking in persons",
        ),
        (
            259,
            "Arab Convention on Combating Information Technology Offences (2010)",
            "Article 1 – Purpose",
        ),  # an italicised pinpoint is not the title
    ],
)
def test_legislative_pinpoints(note: int, title: str, pinpoint: str) -> None:
    report = parse_document(document(NOTES[note]))
    citation = report.notes[0].citations[0]
    assert report.source(citation.source or "").title == title
    assert citation.pinpoint == pinpoint


def test_a_document_kind_is_not_an_author() -> None:
    report = parse_document(document(NOTES[212]))
    source = report.source(report.notes[0].citations[0].source or "")
    # "Press Release" is no author; the office that released it on its own site is
    assert source.authors == ("Manhattan District Attorney’s Office",)
    assert source.corporate_author
    assert source.title is not None and source.title.startswith("Follow the Money, DA Vance")
    assert source.container == "Manhattan District Attorney’s Office"


@pytest.mark.parametrize(
    ("note", "index", "parentheticals"),
    [
        (
            1,
            0,
            (
                "on file with the International Centre for Missing & Exploited Children",
                "Stating in relevant part:",
            ),
        ),
        (72, 0, ("“Victims are heavily conditioned to remain loyal",)),
        (73, 0, ("“Each year, more than 1,000 children",)),
        (131, 1, ("indicating that the 12-14 average age statistic",)),
        (10, 0, ("on file with the International Centre for Missing & Exploited Children",)),
        (154, 0, ()),
    ],
)
def test_parentheticals(note: int, index: int, parentheticals: tuple[str, ...]) -> None:
    found = citations_of(NOTES[note])[index].parentheticals
    assert len(found) == len(parentheticals)
    assert all(text.startswith(start) for text, start in zip(found, parentheticals, strict=True))


# -------------------------------------------------------------------------- 7. short cites


def _resolved_url(report: ParsedDocument, number: int, index: int = 0) -> str | None:
    note = next(n for n in report.notes if n.number == number)
    source = note.citations[index].source
    return report.source(source).url if source else None


@pytest.mark.parametrize(
    ("notes", "number", "index", "kind", "from_note", "pinpoint"),
    [
        ({1: NOTES[1], 29: NOTES[29]}, 29, 0, ID, 1, "K.3., 61"),
        ({1: NOTES[1], 29: NOTES[29], 30: NOTES[30]}, 30, 0, ID, 1, None),  # Id. after Id.
        ({12: NOTES[12], 15: NOTES[15]}, 15, 0, SUPRA, 12, "15"),
        ({1: NOTES[1], 34: NOTES[34]}, 34, 0, ID, 1, "F.4.i, 38"),
        ({88: NOTES[88], 91: NOTES[91]}, 91, 0, SUPRA, 88, None),  # "*supra*, note 88"
        ({12: NOTES[12], 101: NOTES[101], 130: NOTES[130]}, 130, 0, SUPRA, 101, "10"),
        ({175: NOTES[175], 177: NOTES[177]}, 177, 0, SUPRA, 175, None),  # Greenberg, not DARPA
        ({176: NOTES[176], 182: NOTES[182], 183: NOTES[183]}, 182, 0, SUPRA, 176, None),
        ({176: NOTES[176], 182: NOTES[182], 183: NOTES[183]}, 183, 0, ID, 176, None),  # chain
        (
            {45: NOTES[45], 186: NOTES[186], 191: NOTES[191], 192: NOTES[192], 193: NOTES[193]},
            193,
            0,
            ID,
            45,
            "1",
        ),
        ({45: NOTES[45], 186: NOTES[186], 191: NOTES[191]}, 191, 0, SUPRA, 186, None),
        ({21: NOTES[21], 228: NOTES[228]}, 228, 0, SUPRA, 21, None),  # "UN … Agenda" by words
        ({90: NOTES[90], 92: NOTES[92]}, 92, 0, SUPRA, 90, None),  # after a quotation
        ({90: NOTES[90], 119: NOTES[119]}, 119, 0, SUPRA, 90, None),  # CoE, not Reuters
        ({93: NOTES[93], 143: NOTES[143]}, 143, 0, SUPRA, 93, None),  # source without URL
    ],
)
def test_short_cites_resolve_to_the_original_full_citation(
    notes: dict[int, str],
    number: int,
    index: int,
    kind: CitationKind,
    from_note: int,
    pinpoint: str | None,
) -> None:
    report = parse_document(numbered(notes))
    citation = next(n for n in report.notes if n.number == number).citations[index]
    original = next(n for n in report.notes if n.number == from_note)
    original_sources = {c.source for c in original.citations}
    assert citation.kind is kind
    assert citation.source in original_sources
    assert citation.pinpoint == pinpoint
    if kind is SUPRA:
        assert citation.supra_note == from_note


def test_supra_picks_the_matching_source_among_several() -> None:
    report = parse_document(
        numbered(
            {12: NOTES[12], 101: NOTES[101], 130: NOTES[130], 131: NOTES[131], 146: NOTES[146]}
        )
    )
    thorn_survey = report.notes[1].citations[1].source
    thorn_insights = report.notes[3].citations[0].source
    assert report.notes[2].citations[0].source == thorn_survey  # "Thorn, supra note 101"
    assert report.notes[4].citations[0].source == thorn_insights  # "Thorn, Survivor Insights"
    assert report.notes[1].citations[0].source != thorn_survey  # Latonero stays Latonero


def test_short_cite_text_drops_the_explanation_after_it() -> None:
    report = parse_document(numbered({1: NOTES[1], 34: NOTES[34]}))
    assert report.notes[1].citations[0].text == "Id. at F.4.i, 38."
