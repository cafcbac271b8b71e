"""Whole-report assertions on the bundled ICMEC report: what a careful human reader concludes."""

from __future__ import annotations

import re

import pytest

from citecheck.model import CitationKind, ParsedDocument
from citecheck.parse import links, parse_document
from citecheck.read import read_document
from tests.parse._real import BUNDLED, sup

LUX = "http://luxembourgguidelines.org/english-version/"
LATONERO = "https://technologyandtrafficking.usc.edu/files/2011/09/HumanTrafficking_FINAL.pdf"
VIENNA = "https://www.unodc.org/documents/human-trafficking/2008/BPO16ProfilingtheTraffickers.pdf"
OPSC = "https://www.ohchr.org/EN/ProfessionalInterest/Pages/OPSCCRC.aspx"
ROUSE = (
    "https://searchcio.techtarget.com/definition/"
    "ICT-information-and-communications-technology-or-technologies"
)
IMPACT = "http://humantraffickingsearch.org/impact/"
ECPAT_FAQ = "http://www.ecpat.org/wp-content/uploads/2016/04/trafficking_faq_eng.pdf"
THORN_SURVEY = (
    "https://27f511qnwey246mkc1vzqg0-wpengine.netdna-ssl.com/wp-content/uploads/2015/"
    "02/Survivor_Survey_r5.pdf"
)
THORN_INSIGHTS = (
    "http://27f5111qnwey246mkc1vzqg0-wpengine.netdna-ssl.com/wp-content/uploads/"
    "2018/06/Thorn_Survivor_Insights_061118.pdf"
)
COE = "https://rm.coe.int/16806eeec0"
GREENBERG = (
    "https://www.wired.com/2014/12/80-percent-dark-web-visits-relate-pedophilia-study-finds/"
)
DARK_NET = (
    "https://www.springfieldspringfield.co.uk/view_episode_scripts.php?"
    "tv-show=dark-net-2016&episode=s01e03"
)
COUCH = "http://www.pbs.org/wgbh/nova/next/tech/sex-trafficking/"
FRANCIS = "https://bitcoinist.com/police-say-human-traffickers-are-turning-to-bitcoin/"
LILLIE = "http://humantraffickingsearch.org/the-connection-between-sex-trafficking-and-pornography/"
SCHECTMAN = (
    "https://www.reuters.com/article/us-usa-western-union-settlement/"
    "western-union-admits-to-aiding-wire-fraud-to-pay-586-million-idUSKBN1532RL"
)
AGENDA = "http://www.un.org/ga/search/view_doc.asp?symbol=A/RES/70/1&Lang=E"
PALERMO = "https://www.ohchr.org/en/professionalinterest/pages/protocoltraffickinginpersons.aspx"
ILO_C182 = "https://www.ilo.org/dyn/normlex/en/f?p=NORMLEXPUB:12100:0::NO::P12100_ILO_CODE:C182"
KUNZE = "https://www.suffolk.edu/documents/jhtl_publications/kunze.pdf"
POLARIS = (
    "https://polarisproject.org/sites/default/files/A%20Roadmap%20for%20Systems%20and%20"
    "Industries%20to%20Prevent%20and%20Disrupt%20Human%20Trafficking.pdf"
)
DIXON = (
    "https://www.americanbar.org/publications/judges_journal/2013/winter/"
    "human_trafficking_and_internet_and_other_technologies_too.html"
)
PERER = "https://brooklynworks.brooklaw.edu/cgi/viewcontent.cgi?article=1166&context=blr"
HADLEY = (
    "https://thecrimereport.org/2018/04/09/"
    "with-backpage-com-closed-where-will-the-sex-slave-trade-go/"
)
MEIKLEJOHN = "https://cseweb.ucsd.edu/~smeiklejohn/files/imc13.pdf"
FINCEN = "https://www.fincen.gov/sites/default/files/shared/FIN-2014-A008.pdf"
WOLAK = "http://www.unh.edu/ccrc/pdf/Am%20Psy%202-08.pdf"
QATAR = (
    "http://gulfmigration.eu/database/legal_module/Qatar/National%20Legal%20Framework/"
    "Anti-trafficking/1.2%20Combating%20Trafficking%20in%20Human%20Beings%2015%202011_EN.pdf"
)
ECPAT_LIVE = (
    "http://www.ecpat.org/wp-content/uploads/legacy/SECO%20Manifestations_Live%20"
    "streaming%20of%20child%20sexual%20abuse%20in%20real-time_0.pdf"
)


@pytest.fixture(scope="module")
def report() -> ParsedDocument:
    return parse_document(read_document(BUNDLED))


def test_exactly_346_notes_numbered_without_gaps(report: ParsedDocument) -> None:
    assert [note.number for note in report.notes] == list(range(1, 347))
    structural = {"note-gap", "note-duplicate", "marker-without-note", "note-without-marker"}
    assert not [f for f in report.findings if f.code in structural]


def test_counts_of_sidebars_sources_and_urls(report: ParsedDocument) -> None:
    assert len(report.sidebars) == 10
    assert len(report.sources) == 216
    assert sum(1 for source in report.sources if source.url) == 208
    assert len(links(report)) == 208
    by_kind = {
        kind: sum(1 for n in report.notes for c in n.citations if c.kind is kind)
        for kind in CitationKind
    }
    # 87 "*Id.*" and 76 "supra note" occur in the report's footnotes; none is lost or invented.
    assert by_kind == {CitationKind.FULL: 206, CitationKind.ID: 87, CitationKind.SUPRA: 76}
    assert sum(len(s.citations) for s in report.sidebars) == 13
    # Only two footnotes are pure explanation (the terminology note and the list of Protocols).
    assert [n.number for n in report.notes if not n.citations] == [2, 235]


def test_every_source_id_is_filesystem_safe_and_unique(report: ParsedDocument) -> None:
    ids = [source.id for source in report.sources]
    assert len(set(ids)) == len(ids)
    assert all(re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", source_id) for source_id in ids)


def test_every_short_cite_resolves(report: ParsedDocument) -> None:
    unresolved = [(n.number, c.text) for n in report.notes for c in n.citations if not c.source]
    assert unresolved == []


@pytest.mark.parametrize(
    ("number", "begins", "ends"),
    [
        (34, "*Id.* at F.4.i, 38. Child sexual abuse material", "*supra* note 27."),
        (
            164,
            "Livestreaming occurs when",
            "(on file with the International Centre for Missing & Exploited Children).",
        ),
        (
            279,
            "Law No. 15 of 2011",
            "(on file with the International Centre for Missing & Exploited Children).",
        ),
    ],
)
def test_page_break_continuations_are_joined(
    report: ParsedDocument, number: int, begins: str, ends: str
) -> None:
    text = report.notes[number - 1].text
    assert text.startswith(begins)
    assert text.endswith(ends)


def test_continued_notes_carry_their_citations(report: ParsedDocument) -> None:
    note34, note164, note279 = (report.notes[n - 1] for n in (34, 164, 279))
    assert "of a child engaged in real or simulated explicit sexual activities" in note34.text
    assert [c.kind for c in note34.citations] == [CitationKind.ID, CitationKind.SUPRA]
    assert note164.citations[0].url == ECPAT_LIVE
    assert note279.citations[0].url == QATAR
    assert [f.message for f in report.findings if f.code == "url-page-break"] == [
        f"URL split across a page break was rejoined; check it: {QATAR}"
    ]


@pytest.mark.parametrize(
    ("number", "index", "url"),
    [
        (3, 0, LUX),
        (4, 0, LUX),
        (8, 0, LUX),
        (15, 0, LATONERO),
        (19, 0, VIENNA),
        (29, 0, LUX),
        (33, 0, LUX),
        (34, 0, LUX),
        (34, 1, OPSC),
        (39, 0, ROUSE),
        (40, 0, ROUSE),
        (54, 0, IMPACT),
        (55, 0, ECPAT_FAQ),
        (63, 0, ECPAT_FAQ),
        (79, 0, VIENNA),
        (91, 0, KUNZE),
        (92, 0, COE),
        (101, 0, LATONERO),
        (104, 0, LILLIE),
        (115, 0, PERER),
        (118, 0, DIXON),
        (119, 0, COE),
        (130, 0, THORN_SURVEY),
        (133, 0, WOLAK),
        (146, 0, THORN_INSIGHTS),
        (148, 0, THORN_SURVEY),
        (163, 0, HADLEY),
        (177, 0, GREENBERG),
        (182, 0, DARK_NET),
        (183, 0, DARK_NET),
        (186, 1, LILLIE),
        (191, 0, FRANCIS),
        (193, 0, MEIKLEJOHN),
        (210, 1, SCHECTMAN),
        (228, 0, AGENDA),
        (236, 0, PALERMO),
        (239, 0, ILO_C182),
        (287, 0, PALERMO),
        (290, 0, KUNZE),
        (292, 0, POLARIS),
        (313, 0, COUCH),
        (325, 0, COUCH),
        (336, 0, FINCEN),
        (346, 0, POLARIS),
    ],
)
def test_short_cites_resolve_as_a_reader_would(
    report: ParsedDocument, number: int, index: int, url: str
) -> None:
    citation = report.notes[number - 1].citations[index]
    assert citation.kind is not CitationKind.FULL
    assert citation.source is not None
    assert report.source(citation.source).url == url
    assert citation.url == url


def test_supra_to_a_source_without_url_resolves_by_title(report: ParsedDocument) -> None:
    citation = report.notes[143 - 1].citations[0]  # "Natalie McClain and Stacy E. Garrity, supra"
    assert citation.source is not None
    source = report.source(citation.source)
    assert source.title == "Sex Trafficking and The Exploitation of Adolescents"
    assert source.authors == ("Natalie McClain", "Stacy E. Garrity")
    assert source.container == "JOURNAL OF OBSTETRIC, GYNECOLOGIC, & NEONATAL NURSING"
    assert source.cited_in == (93, 143)


def test_a_source_cited_in_full_twice_is_one_source(report: ParsedDocument) -> None:
    fincen = [s for s in report.sources if s.url == FINCEN]
    assert len(fincen) == 1
    assert fincen[0].cited_in == (297, 335, 336)
    insights = [s for s in report.sources if s.url == THORN_INSIGHTS]
    assert len(insights) == 1
    assert insights[0].cited_in == (131, 146) and insights[0].sidebars == (3,)
    assert str(insights[0].last_visited) == "2018-11-19"  # the sidebar's later visit


# Every warning the real report produces, each checked by hand to be a true positive.
EXPECTED_FINDINGS = [
    (None, "url-without-date"),  # sidebar 4: Colorado indictment URL, date follows 9NEWS only
    (None, "url-without-date"),  # sidebar 9: iFADO URL, date follows PRADO only
    (53, "date-without-url"),  # COGENT MEDICINE article: "(last visited …)" but no URL
    (101, "url-host-typo"),  # 27f511q… vs 27f5111q…-wpengine.netdna-ssl.com (notes 131, sidebar)
    (124, "url-proxy-host"),  # link.springer.com.proxygw.wrlc.org (GWU library proxy)
    (128, "date-mismatch"),  # cited Apr. 17, 2017, URL path /2018/04/17/
    (131, "url-without-date"),  # Polaris "Average Age of Entry Myth"
    (132, "ambiguous-id"),  # Id. after note 131 (Thorn + Polaris)
    (133, "ambiguous-id"),  # Id. after note 132 (Id. + Wolak et al.)
    (149, "url-control-char"),  # …banned-on-%09site-idUSKCN1MEQ38 (a TAB)
    (218, "date-mismatch"),  # cited Aug. 1, 2017, URL path /2017/07/24/
    (279, "url-page-break"),  # Qatar law URL split over the page break
    (283, "url-without-date"),  # austlii Telecommunications Act s7
    (309, "url-without-date"),  # Investopedia "Blockchain"
    (312, "bad-date"),  # "Fed. 10, 2015"
    (319, "date-mismatch"),  # cited Oct. 19, 2017, URL path /2017/10/17/
    (345, "ambiguous-id"),  # Id. after note 344 (press release + Toolkit)
]


def test_findings_are_exactly_the_true_positives(report: ParsedDocument) -> None:
    assert [(f.note, f.code) for f in report.findings] == EXPECTED_FINDINGS


def test_sidebar_findings_name_their_sidebar(report: ParsedDocument) -> None:
    messages = [f.message for f in report.findings if f.note is None]
    assert messages[0].startswith("Sidebar 4: no 'last visited' date for http://extras.")
    assert messages[1].startswith("Sidebar 9: no 'last visited' date for http://www.consilium.")
    assert [f.sidebar for f in report.findings if f.note is None] == [4, 9]


def test_links_list_each_url_once_in_note_order(report: ParsedDocument) -> None:
    found = links(report)
    assert len({link.url for link in found}) == len(found)
    firsts = [link.notes[0] for link in found if link.notes]
    assert firsts == sorted(firsts)
    first = found[0]
    assert first.url == LUX
    assert first.notes[:4] == (1, 3, 4, 8) and 135 in first.notes
    assert str(first.last_visited) == "2018-10-09"
    sidebar_only = [link for link in found if not link.notes]
    order = [link.sidebars for link in sidebar_only]
    assert order == sorted(order)
    assert len(sidebar_only) == 12  # 13 sidebar URLs, one (Thorn) also cited in note 131


def test_links_of_a_url_cited_with_two_visit_dates_takes_the_latest(report: ParsedDocument) -> None:
    fincen = next(link for link in links(report) if link.url == FINCEN)
    assert fincen.notes == (297, 335, 336)
    assert str(fincen.last_visited) == "2018-10-10"


def test_body_markers_include_the_caret_form(report: ParsedDocument) -> None:
    text = BUNDLED.read_text(encoding="utf-8")
    assert "^{219, 220}" in text  # both notes are referenced only through this marker
    assert f"{sup(219)}" not in text.split("^{219, 220}")[0].rsplit("\n\n", 1)[-1]
    assert not [f for f in report.findings if f.note in (219, 220)]


def test_parsing_is_deterministic() -> None:
    text = read_document(BUNDLED)
    assert parse_document(text) == parse_document(text)


@pytest.mark.parametrize(
    ("first_note", "authors", "corporate"),
    [
        (16, ("International Labour Organization (ILO)",), True),  # "(ILO)": an organisation
        (168, ("International Justice Mission UK",), True),  # a witness that is a body
        (20, ("UN Sustainable Development Goals",), True),  # plain head: leading organisation
        (12, ("Mark Latonero",), False),
        (9, ("Herbert B. Dixon, Jr.",), False),
        (5, ("Mary Graw Leary",), False),  # the witness a title names
    ],
)
def test_corporate_authors_are_told_from_people(
    report: ParsedDocument, first_note: int, authors: tuple[str, ...], corporate: bool
) -> None:
    source = next(s for s in report.sources if s.cited_in and s.cited_in[0] == first_note)
    assert source.authors == authors
    assert source.corporate_author is corporate
