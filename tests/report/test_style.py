import datetime as dt

import pytest

from citecheck.style import (
    archived_clause,
    format_date,
    locator,
    timestamp_date,
    visited_clause,
    wayback_url,
)


@pytest.mark.parametrize(
    ("day", "text"),
    [
        (dt.date(2018, 10, 5), "Oct. 5, 2018"),
        (dt.date(2018, 9, 30), "Sep. 30, 2018"),
        (dt.date(2026, 5, 1), "May 1, 2026"),
        (dt.date(2026, 6, 12), "Jun. 12, 2026"),
    ],
)
def test_dates_use_the_reports_abbreviated_months(day: dt.date, text: str) -> None:
    assert format_date(day) == text


def test_clauses_match_the_reports_footnotes() -> None:
    url = "https://www.unodc.org/documents/x.pdf"
    assert visited_clause(url, dt.date(2018, 10, 5)) == (
        "at <https://www.unodc.org/documents/x.pdf> (last visited Oct. 5, 2018)"
    )
    archived = wayback_url("20181005000000", url)
    assert archived_clause(archived, dt.date(2018, 10, 5)) == (
        "archived at <https://web.archive.org/web/20181005000000/"
        "https://www.unodc.org/documents/x.pdf> (archived Oct. 5, 2018)"
    )


def test_locator_combines_visit_and_archive() -> None:
    text = locator("https://a.example/", dt.date(2018, 10, 5), "https://wb/x", dt.date(2018, 10, 3))
    assert text == (
        "at <https://a.example/> (last visited Oct. 5, 2018), "
        "archived at <https://wb/x> (archived Oct. 3, 2018)"
    )
    assert locator("https://a.example/", None) == "at <https://a.example/>"


@pytest.mark.parametrize(
    ("stamp", "day"),
    [
        ("20181005000000", dt.date(2018, 10, 5)),
        ("20181005", dt.date(2018, 10, 5)),
        ("2018", None),
        ("20181305000000", None),
        ("abcdefgh", None),
    ],
)
def test_timestamp_date(stamp: str, day: dt.date | None) -> None:
    assert timestamp_date(stamp) == day


def test_a_copy_kept_by_another_archive_names_it() -> None:
    loc = "https://webarchive.loc.gov/all/20181003120000/https://a.example/"
    assert archived_clause(loc, dt.date(2018, 10, 3), "Library of Congress") == (
        f"archived at <{loc}> (Library of Congress, archived Oct. 3, 2018)"
    )
    ia = wayback_url("20181003120000", "https://a.example/")
    assert archived_clause(ia, dt.date(2018, 10, 3), "Internet Archive") == (
        f"archived at <{ia}> (archived Oct. 3, 2018)"
    )
    assert locator("https://a.example/", None, loc, dt.date(2018, 10, 3), "UK Web Archive") == (
        f"at <https://a.example/>, archived at <{loc}> (UK Web Archive, archived Oct. 3, 2018)"
    )
