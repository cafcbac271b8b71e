"""Drift measures on real-looking page pairs: new chrome is no change, a rewrite is."""

from __future__ import annotations

from pathlib import Path

import pytest

from citecheck.archive import compare, extract_text

PAGES = Path(__file__).parent / "pages"


def text(name: str) -> str:
    return extract_text((PAGES / f"{name}.html").read_bytes(), "text/html; charset=utf-8")


# Measured similarity (Jaccard of word 3-shingles) against article-2018, and the verdict.
CALIBRATION = [
    ("article-2026-chrome", 1.0, False),  # redesign: new nav, cookie banner, footer year
    ("article-2026-edited", 0.943, False),  # two words changed
    ("article-2026-appended", 0.807, True),  # an "Update 2024" section added
    ("article-2026-rewritten", 0.016, True),  # corrected and rewritten
    ("other-article", 0.0, True),  # the URL now serves another story
]


@pytest.mark.parametrize(("name", "similarity", "changed"), CALIBRATION)
def test_calibration_pairs(name: str, similarity: float, changed: bool) -> None:
    drift = compare(text("article-2018"), text(name))
    assert drift.changed is changed
    assert drift.similarity == pytest.approx(similarity, abs=0.01)


def test_new_boilerplate_is_removed_before_comparing() -> None:
    old, new = text("article-2018"), text("article-2026-chrome")
    assert "cookie" not in new.lower() and "Who We Are" not in new and "©" not in new
    assert compare(old, new).summary == "same text"


def test_rewrite_summary_names_share_and_new_heading() -> None:
    summary = compare(text("article-2018"), text("article-2026-rewritten")).summary
    assert summary.startswith("92% of sentences rewritten")
    assert "new heading “Update: corrected figures”" in summary


def test_leftover_footer_year_and_cookie_line_are_no_change() -> None:
    body = "Hotline reports rose by a third in 2017, the association said on Tuesday.\n"
    old = body + "© 2018 Example Network. All rights reserved.\nThis site uses cookies.\n"
    new = body + "Copyright 2026 Example Network, a registered charity\n"
    drift = compare(old, new)
    assert (drift.changed, drift.similarity, drift.summary) == (
        False,
        1.0,
        "boilerplate changes only",
    )


def test_renamed_menu_item_that_leaked_into_the_text_is_no_change() -> None:
    article = text("article-2018")
    drift = compare("Home\nAbout Us\nNews\n" + article, "Home\nWho We Are\nNews\n" + article)
    assert not drift.changed and drift.similarity > 0.95


def test_reordered_paragraphs_count_as_unchanged() -> None:
    paragraphs = text("article-2018").split("\n\n")
    reordered = "\n\n".join([paragraphs[0], *reversed(paragraphs[1:])])
    drift = compare(text("article-2018"), reordered)
    assert not drift.changed


def test_identical_and_empty_texts() -> None:
    assert compare("", "") == compare("a b c\n", "a b c\n")
    assert compare("", "").similarity == 1.0
    assert compare("Some words here.\n", "Completely other statement now.\n").changed
