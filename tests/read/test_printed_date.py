"""The date a document prints on its title page, read from every format it comes in."""

from __future__ import annotations

from pathlib import Path

import pytest

from citecheck.read import read_document

DOCUMENTS = Path(__file__).parents[1] / "documents"


@pytest.mark.parametrize(
    "name",
    [
        "icmec-2018.md",
        "icmec-2018.txt",
        "icmec-2018.layout.txt",
        "icmec-2018.html",
        "icmec-2018.lo.html",
        "icmec-2018.docx",
        "icmec-2018.lo.docx",
        "icmec-2018.pdf",
    ],
)
def test_the_bundled_reports_title_page_says_november_2018(name: str) -> None:
    document = read_document(DOCUMENTS / "icmec-2018" / name)
    assert document.info.printed_date == "2018-11"


def test_the_pdf_metadata_says_when_the_file_was_made_not_the_report() -> None:
    info = read_document(DOCUMENTS / "icmec-2018" / "icmec-2018.pdf").info
    assert info.date is not None and info.date > "2019"  # converted years later
    assert info.printed_date == "2018-11"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("# Report\n\n**November 2018**\n\nText.[^1]\n\n[^1]: A note.\n", "2018-11"),
        ("# Report\n\n## Nov. 5, 2018\n\nText.[^1]\n\n[^1]: A note.\n", "2018-11-05"),
        ("# Report\n\n5 November 2018\n\nText.[^1]\n\n[^1]: A note.\n", "2018-11-05"),
        # A year alone (a page number, a copyright line) is not a publication date.
        ("# Report\n\n2018\n\nCopyright 2018\n\nText.[^1]\n\n[^1]: A note.\n", None),
        ("---\ntitle: R\ndate: 2017-03-01\n---\n\nMarch 2017\n\nText.[^1]\n\n[^1]: N.\n",
         "2017-03"),
    ],
)  # fmt: skip
def test_title_page_dates_in_markdown(text: str, expected: str | None) -> None:
    document = read_document(text.encode(), format="markdown")
    assert document.info.printed_date == expected


def test_an_infobox_date_is_not_the_articles_date() -> None:
    page = DOCUMENTS / "wikipedia-mozilla" / "wikipedia-mozilla.html"
    assert read_document(page).info.printed_date is None
