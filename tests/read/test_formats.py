"""Table-driven: each way documents write their notes, as named fixtures in tests/read/fixtures
(hand-written after the markup each producer writes) and a DOCX made as Word writes one.

Each row: the fixture, the format it must be read as, and every note's number with the exact
link targets it carries (not their visible text), in order.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from citecheck.model import Document, Format, LinkOrigin, Placement
from citecheck.parse import parse_document
from citecheck.read import read_document
from tests.read.word import word_document

FIXTURES = Path(__file__).parent / "fixtures"

CASES: dict[str, tuple[Format, dict[int, list[str]]]] = {
    "pandoc-notes.md": (
        Format.MARKDOWN,
        {
            1: ["https://arxiv.org/abs/1212.6177", "https://arxiv.org/abs/1309.4008"],
            2: ["https://perma.cc/about"],
            3: ["https://www.loc.gov/programs/web-archiving/"],
        },
    ),
    "multimarkdown-notes.mmd": (
        Format.MARKDOWN,
        {
            1: ["http://fletcher.github.io/MultiMarkdown-6/"],
            2: ["http://example.org/data/2017.csv"],
        },
    ),
    "sup-notes-list.md": (
        Format.MARKDOWN,
        {
            1: ["https://www.missingkids.org/gethelpnow/cybertipline"],
            2: ["https://www.justice.gov/criminal-ceos/report"],
        },
    ),
    "sup-period-notes.md": (Format.MARKDOWN, {1: ["https://example.edu/digital-decay"], 2: []}),
    "bracket-notes.txt": (
        Format.TEXT,
        {
            1: [
                "https://harvardlawreview.org/2014/03/perma-scoping-and-addressing-the-problem-"
                "of-link-and-reference-rot-in-legal-citations/"
            ],
            2: ["https://web.archive.org/"],
        },
    ),
    "word-footnotes.html": (
        Format.HTML,
        {
            1: ["https://www.missingkids.org/footer/media/keyfacts"],
            2: ["https://www.thorn.org/survivor-insights/"],
        },
    ),
    "wordpress-footnotes.html": (
        Format.HTML,
        {
            1: [
                "https://harvardlawreview.org/2014/03/perma-scoping-and-addressing-the-problem-"
                "of-link-and-reference-rot-in-legal-citations/"
            ],
            2: ["https://openyls.law.yale.edu/handle/20.500.13051/7760"],
        },
    ),
    "epub-footnotes.xhtml": (
        Format.HTML,
        {
            1: ["https://doi.org/10.1017/CBO9780511807763"],
            2: ["http://www.benkler.org/Benkler_Wealth_Of_Networks.pdf"],
        },
    ),
    "notes-heading.html": (Format.HTML, {1: ["https://www.w3.org/Provider/Style/URI"], 2: []}),
    "pdf-endnotes.pdf": (
        Format.PDF,
        {
            1: [
                "https://harvardlawreview.org/2014/03/perma-scoping-and-addressing-the-problem-"
                "of-link-and-reference-rot-in-legal-citations/"
            ],
            2: [],
            3: ["https://web.archive.org/"],
        },
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_notes_and_their_exact_link_targets(name: str) -> None:
    form, expected = CASES[name]
    document = read_document(FIXTURES / name)
    assert document.format is form
    found = {note.number: [link.target for link in note.links] for note in document.notes}
    assert found == expected


@pytest.mark.parametrize("name", sorted(CASES))
def test_every_fixture_parses_with_its_urls(name: str) -> None:
    _, expected = CASES[name]
    parsed = parse_document(read_document(FIXTURES / name))
    cited = {c.url for note in parsed.notes for c in note.citations if c.url}
    assert {urls[0] for urls in expected.values() if urls} <= cited


def test_pandoc_markdown_keeps_lines_and_front_matter() -> None:
    document = read_document(FIXTURES / "pandoc-notes.md")
    assert [note.location.line for note in document.notes] == [12, 17, None]
    assert document.notes[0].location.section == "Introduction"
    assert document.notes[0].text.endswith(
        "cites [the follow-up study](https://arxiv.org/abs/1309.4008)."
    )
    assert (document.info.title, document.info.date) == ("Keeping Sources Alive", "2018-11-05")
    assert document.markers == (1, 2, 3)


def test_word_html_reads_its_legacy_encoding_and_boxes() -> None:
    document = read_document(FIXTURES / "word-footnotes.html")
    assert document.notes[0].text.startswith(
        "National Center for Missing & Exploited Children, *The"
    )
    assert document.markers == (1, 2)
    assert [box.links[0].target for box in document.boxes] == [
        "https://polarisproject.org/2017-statistics"
    ]
    assert [link.target for link in document.body_links] == ["https://www.example.org/body-link"]


def test_wordpress_backlinks_are_dropped_and_words_keep_their_link() -> None:
    document = read_document(FIXTURES / "wordpress-footnotes.html")
    assert "↩" not in document.notes[0].text
    assert (
        "[available here](https://openyls.law.yale.edu/handle/20.500.13051/7760)"
        in document.notes[1].text
    )
    assert document.info.date == "2021-03-14"


def test_endnotes_listed_under_a_heading() -> None:
    document = read_document(FIXTURES / "notes-heading.html")
    assert {note.placement for note in document.notes} == {Placement.ENDNOTE}
    assert document.notes[1].text == "Ibid."
    assert document.info.date == "2019-05-02"


def test_a_pdf_endnotes_section_with_annotated_links() -> None:
    document = read_document(FIXTURES / "pdf-endnotes.pdf")
    assert {note.placement for note in document.notes} == {Placement.ENDNOTE}
    assert document.notes[2].text == (
        "Internet Archive, [Wayback Machine](https://web.archive.org/) (last visited Oct. 9, 2018)."
    )
    assert document.notes[2].links[0].origin is LinkOrigin.ANNOTATION
    assert document.markers == (1, 2, 3)
    assert (document.info.title, document.info.pages) == ("Endnotes in a PDF", 1)


@pytest.fixture(scope="module")
def word() -> Document:
    return read_document(word_document(), name="brief.docx")


def test_word_numbers_notes_in_order_of_reference(word: Document) -> None:
    assert [(n.number, n.placement) for n in word.notes] == [
        (1, Placement.FOOTNOTE),
        (2, Placement.FOOTNOTE),
        (3, Placement.FOOTNOTE),
        (4, Placement.ENDNOTE),
    ]
    assert word.notes[1].text == "*Id.*"
    assert word.markers == (1, 2, 3, 4)
    assert [w.code for w in word.warnings] == ["endnotes-renumbered"]


def test_word_links_are_their_exact_targets(word: Document) -> None:
    shortened = word.notes[0]
    assert shortened.text == (
        "NCMEC, *CyberTipline Data*, at <https://www.missingkids.org/gethelpnow/cybertipline> "
        "(last visited Nov. 2, 2018)."
    )  # the visible "missingkids.org/…/cybertipline" is replaced; the tracked change accepted
    assert shortened.links[0].origin is LinkOrigin.RELATIONSHIP
    fields = word.notes[2].links
    assert [(link.target, link.origin) for link in fields] == [
        ("https://web.archive.org/web/2018/https://www.icmec.org/", LinkOrigin.FIELD),
        ("https://archive.org/about/", LinkOrigin.FIELD),
    ]
    assert word.notes[3].links[0].target == "https://www.example.org/about#team"


def test_word_metadata_and_sections(word: Document) -> None:
    assert (word.info.title, word.info.author, word.info.date) == (
        "Hotline Brief",
        "A. Editor",
        "2018-11-05",
    )
    assert word.notes[0].location.section == "Findings"
    assert [link.target for link in word.body_links] == ["https://www.example.org/"]
