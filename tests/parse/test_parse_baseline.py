"""A baseline day for every source: its visit date, else its publication date, else the
document's date (printed on its title page, else from its metadata)."""

from __future__ import annotations

import datetime as dt

import pytest

from citecheck.model import BaselineDate, DateSource, DocumentInfo, Link, distinct_links
from citecheck.parse import links, parse_document
from citecheck.parse._baseline import document_baseline, inferred_baseline, last_day
from citecheck.read import read_document
from tests.parse._real import BUNDLED

NOV_2018 = BaselineDate(dt.date(2018, 11, 30), DateSource.DOCUMENT, "2018-11")


@pytest.mark.parametrize(
    ("written", "day"),
    [
        ("2017", dt.date(2017, 12, 31)),
        ("2018-11", dt.date(2018, 11, 30)),
        ("2016-02", dt.date(2016, 2, 29)),
        ("2016-01-05", dt.date(2016, 1, 5)),
        ("2018-13", None),
        ("2018-02-30", None),
        ("Nov. 2018", None),
    ],
)
def test_last_day_of_the_period_a_date_names(written: str, day: dt.date | None) -> None:
    assert last_day(written) == day


@pytest.mark.parametrize(
    ("published", "document", "expected"),
    [
        # The cited work's own date comes first, at the end of the period it names.
        ("2016-01-05", NOV_2018,
         BaselineDate(dt.date(2016, 1, 5), DateSource.PUBLISHED, "2016-01-05")),
        ("2015-11", NOV_2018, BaselineDate(dt.date(2015, 11, 30), DateSource.PUBLISHED, "2015-11")),
        ("2017", None, BaselineDate(dt.date(2017, 12, 31), DateSource.PUBLISHED, "2017")),
        # Never later than the document that cites it.
        ("2018", NOV_2018, BaselineDate(dt.date(2018, 11, 30), DateSource.PUBLISHED, "2018")),
        # A work dated after the document is a misread date: the document's date is used.
        ("2019-03", NOV_2018, NOV_2018),
        (None, NOV_2018, NOV_2018),
        ("sometime", NOV_2018, NOV_2018),
        (None, None, None),
    ],
)  # fmt: skip
def test_inferred_baseline_in_order(
    published: str | None, document: BaselineDate | None, expected: BaselineDate | None
) -> None:
    assert inferred_baseline(published, document) == expected


@pytest.mark.parametrize(
    ("info", "expected"),
    [
        (DocumentInfo(date="2026-12-04", printed_date="2018-11"), NOV_2018),
        (DocumentInfo(date="2018-11"), NOV_2018),
        (DocumentInfo(date="2018-11-05"),
         BaselineDate(dt.date(2018, 11, 5), DateSource.DOCUMENT, "2018-11-05")),
        (DocumentInfo(), None),
    ],
)  # fmt: skip
def test_the_printed_date_wins_over_file_metadata(
    info: DocumentInfo, expected: BaselineDate | None
) -> None:
    # A PDF converted in 2026 says "created 2026-12-04"; its title page says November 2018.
    assert document_baseline(info) == expected


def test_every_undated_source_of_the_bundled_report_gets_a_baseline() -> None:
    found = links(parse_document(read_document(BUNDLED)))
    undated = [link for link in found if link.last_visited is None]
    assert len(undated) == 5
    assert all(link.baseline is not None for link in found)
    by_url = {link.url: link.baseline for link in undated}
    assert by_url == {
        "https://polarisproject.org/blog/2016/01/05/average-age-entry-myth":
            BaselineDate(dt.date(2016, 1, 5), DateSource.PUBLISHED, "2016-01-05"),
        "http://www8.austlii.edu.au/cgi-bin/viewdoc/au/legis/cth/num_act/ta1997214/s7.html":
            BaselineDate(dt.date(1997, 12, 31), DateSource.PUBLISHED, "1997"),
        "https://www.investopedia.com/terms/b/blockchain.asp": NOV_2018,
        "http://extras.mnginteractive.com/live/media/site36/2016/0106/"
        "20160106_105704_15CR3063-Franklin-Grand-Jury-Indictment_Redacted.pdf":
            BaselineDate(dt.date(2015, 11, 30), DateSource.PUBLISHED, "2015-11"),
        "http://www.consilium.europa.eu/ifado/ifadocontacts.htm": NOV_2018,
    }  # fmt: skip


def test_a_visit_date_is_the_baseline_and_nothing_is_inferred() -> None:
    parsed = parse_document(
        "# R\n\nNovember 2018\n\nText.[^1] More.[^2]\n\n"
        "[^1]: *A*, 2016, at <https://a.example/x> (last visited Oct. 5, 2018).\n"
        "[^2]: *B*, at <https://b.example/y>.\n"
    )
    first, second = parsed.sources
    assert first.baseline == BaselineDate.visited(dt.date(2018, 10, 5)) and first.inferred is None
    assert second.baseline == NOV_2018
    assert [link.baseline for link in links(parsed)] == [first.baseline, NOV_2018]


def test_merged_links_keep_the_preferred_inferred_day() -> None:
    published = BaselineDate(dt.date(2016, 1, 5), DateSource.PUBLISHED, "2016-01-05")
    merged = distinct_links(
        [
            Link("https://a.example/", (1,), ("s1",), None, inferred=NOV_2018),
            Link("https://a.example/", (2,), ("s2",), None, inferred=published),
        ]
    )
    assert [link.baseline for link in merged] == [published]
