"""``fix_document``: one change report, the same fixes in every format the document comes in."""

from __future__ import annotations

import csv
import io

import pytest

from citecheck.fix import Edition, Listing, fix_document
from citecheck.model import ContentStatus, Format, Verdict
from citecheck.parse import links, parse_document
from citecheck.read import read_document
from citecheck.report import FixAction, build_report
from tests.fix.test_docx import CORPUS, LEARY, LUX, VIENNA
from tests.monitor.scenario import Outcome, archive_run

OUTCOMES = (
    Outcome(LUX, Verdict.MOVED, final_url="https://ecpat.org/luxembourg-guidelines/"),
    Outcome(LEARY, Verdict.GONE, content=ContentStatus.UNAVAILABLE,
            archive_timestamp="20181001093000"),
    Outcome(VIENNA, Verdict.ALIVE),
)  # fmt: skip
FORMS = [
    "icmec-2018.md", "icmec-2018.html", "icmec-2018.lo.html", "icmec-2018.docx",
    "icmec-2018.lo.docx", "icmec-2018.pdf", "icmec-2018.txt",
]  # fmt: skip


def edition(name: str, **options: object) -> Edition:
    data = (CORPUS / name).read_bytes()
    document = read_document(data, name=name)
    parsed = parse_document(document)
    report = build_report(parsed, archive_run(OUTCOMES, links=links(parsed)))
    return fix_document(data, document, parsed, report, **options)  # type: ignore[arg-type]


@pytest.mark.parametrize("name", FORMS)
def test_the_same_fixes_in_every_form(name: str) -> None:
    made = edition(name)
    assert [(e.url, e.action) for e in made.edits] == [
        (LUX, FixAction.REPLACE_URL), (LEARY, FixAction.ADD_ARCHIVE), (VIENNA, FixAction.REFRESH),
    ]  # fmt: skip
    assert made.unfixed == ()
    pdf = name.endswith(".pdf")
    assert (made.listing is Listing.MARKDOWN) == pdf
    if not pdf:
        assert made.format is read_document(CORPUS / name).format


@pytest.mark.parametrize("name", FORMS)
def test_keep_dates_leaves_every_visit_date(name: str) -> None:
    made = edition(name, keep_dates=True)
    assert [(e.url, e.action) for e in made.edits] == [
        (LUX, FixAction.REPLACE_URL), (LEARY, FixAction.ADD_ARCHIVE),
    ]  # fmt: skip
    assert all("Oct. 9, 2018" in e.after.replace("\xa0", " ") for e in made.edits if e.url == LUX)


def test_a_pdf_gives_its_fixes_by_page_and_note() -> None:
    made = edition("icmec-2018.pdf")
    text = made.data.decode()
    assert text.startswith("# Fixes for icmec-2018.pdf\n\n3 fixes from the change report of ")
    assert "\n## Page 3, note 1: new URL\n" in text
    assert "- Old: Terminology Guidelines for the Protection of Children" in text
    assert "<https://ecpat.org/luxembourg-guidelines/> (last visited Nov. 27, 2026)" in text
    pages = [e.page for e in made.edits]
    assert all(isinstance(page, int) for page in pages)


def test_a_pdf_gives_its_fixes_as_csv() -> None:
    made = edition("icmec-2018.pdf", listing=Listing.CSV)
    rows = list(csv.DictReader(io.StringIO(made.data.decode())))
    assert [(r["note"], r["fix"]) for r in rows] == [
        ("1", "new URL"), ("5", "archived copy added"), ("6", "visit date refreshed"),
    ]  # fmt: skip
    assert rows[1]["old_citation"].endswith(
        "(last visited Oct. 5, 2018) (on file with the International Centre for Missing & "
        "Exploited Children)."
    )
    assert "archived at <https://web.archive.org/web/20181001093000/" in rows[1]["new_citation"]
    assert all(r["page"].isdigit() for r in rows)


def test_a_docx_dry_run_shows_the_fixes_and_a_text_edition_its_diff() -> None:
    docx = edition("icmec-2018.docx")
    assert docx.format is Format.DOCX and docx.data.startswith(b"PK")
    assert docx.preview("a.docx", "b.docx").startswith("# Fixes for icmec-2018.docx")
    markdown = edition("icmec-2018.md")
    assert markdown.preview("a.md", "b.md").startswith("--- a.md\n+++ b.md\n")


@pytest.mark.parametrize("listing", [Listing.MARKDOWN, None])
def test_a_source_with_nothing_to_fix_is_not_reported_as_unwritten(listing: Listing | None) -> None:
    # Verified alive but cited without a visit date: no date to refresh, nothing to hand over.
    text = f"Report.\n\n1 At {VIENNA}.\n\n2 At {LUX} (last visited Oct. 9, 2018).\n"
    document = read_document(text.encode(), format="text", name="notes.txt")
    parsed = parse_document(document)
    outcomes = [o for o in OUTCOMES if o.url != LEARY]
    report = build_report(parsed, archive_run(outcomes, links=links(parsed)))
    made = fix_document(text.encode(), document, parsed, report, listing=listing)
    assert made.unfixed == ()
    assert [(e.url, e.action) for e in made.edits] == [(LUX, FixAction.REPLACE_URL)]
