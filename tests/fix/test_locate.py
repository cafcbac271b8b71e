"""Where each fix goes, whatever the format: ``locate`` on written text and on seen text."""

from __future__ import annotations

import datetime as dt

import pytest

from citecheck.fix._locate import Anchor, Piece, apply_ops, locate
from citecheck.fix._plan import Archived, Plan
from citecheck.report import FixAction

OLD = "https://old.example/report.pdf"
NEW = "https://new.example/2026/report.pdf"
COPY = "https://web.archive.org/web/20181005120000/https://old.example/report.pdf"
MOVED = {OLD: Plan(FixAction.REPLACE_URL, NEW, "Nov. 27, 2026", None)}
MOVED_KEEP = {OLD: Plan(FixAction.REPLACE_URL, NEW, None, None)}
GONE = {OLD: Plan(FixAction.ADD_ARCHIVE, None, None, Archived(COPY, dt.date(2018, 10, 5), None))}
ALIVE = {OLD: Plan(FixAction.REFRESH, None, "Nov. 27, 2026", None)}
NAMED = {
    OLD: Plan(
        FixAction.ADD_ARCHIVE, None, None,
        Archived(COPY, dt.date(2018, 10, 3), "Library of Congress"),
    )
}  # fmt: skip


def fixed(
    text: str, plans: dict[str, Plan], anchors: tuple[Anchor, ...] = (), markup: bool = False
) -> str:
    ops = [op for loc in locate(text, plans, anchors, markup=markup) for op in loc.ops]
    return apply_ops(text, ops)


@pytest.mark.parametrize(
    ("text", "plans", "expected"),
    [
        (f"at <{OLD}> (last visited Oct. 5, 2018).", MOVED,
         f"at <{NEW}> (last visited Nov. 27, 2026)."),
        (f"at {OLD} (last visited Oct. 5, 2018).", ALIVE,
         f"at {OLD} (last visited Nov. 27, 2026)."),
        (f"at [{OLD}]({OLD}) (last visited Oct. 5, 2018).", MOVED,
         f"at [{NEW}]({NEW}) (last visited Nov. 27, 2026)."),
        (f"at <{OLD}> (last visited Oct. 5, 2018).", GONE,
         f"at <{OLD}> (last visited Oct. 5, 2018), archived at <{COPY}> (archived Oct. 5, 2018)."),
        (f"at <{OLD}>.", NAMED,
         f"at <{OLD}>, archived at <{COPY}> (Library of Congress, archived Oct. 3, 2018)."),
        (f"at <{OLD}> (last visited Oct. 5, 2018).", MOVED_KEEP,
         f"at <{NEW}> (last visited Oct. 5, 2018)."),
        # Already fixed: a second run changes nothing.
        (f"at <{OLD}> (last visited Oct. 5, 2018), archived at <{COPY}> (archived Oct. 5, 2018).",
         GONE, f"at <{OLD}> (last visited Oct. 5, 2018), archived at <{COPY}> "
               "(archived Oct. 5, 2018)."),
    ],
)  # fmt: skip
def test_written_text(text: str, plans: dict[str, Plan], expected: str) -> None:
    assert fixed(text, plans, markup=True) == expected


def anchored(before: str, shown: str, after: str) -> tuple[str, tuple[Anchor, ...]]:
    return before + shown + after, (Anchor(len(before), len(before) + len(shown), OLD),)


@pytest.mark.parametrize(
    ("shown", "plans", "expected"),
    [
        # A link showing its URL shows the new one; a link of words keeps its words.
        (OLD, MOVED, f"at {NEW} (last visited Nov. 27, 2026)."),
        ("old.example/…/report.pdf", MOVED, f"at {NEW} (last visited Nov. 27, 2026)."),
        ("the report", MOVED, "at the report (last visited Nov. 27, 2026)."),
        (OLD, GONE,
         f"at {OLD} (last visited Oct. 5, 2018), archived at {COPY} (archived Oct. 5, 2018)."),
    ],
)  # fmt: skip
def test_seen_text_with_hyperlinks(shown: str, plans: dict[str, Plan], expected: str) -> None:
    text, anchors = anchored("at ", shown, " (last visited Oct. 5, 2018).")
    assert fixed(text, plans, anchors) == expected


def test_a_moved_hyperlink_gets_a_new_target_and_the_archive_copy_is_a_link() -> None:
    text, anchors = anchored("at ", OLD, " (last visited Oct. 5, 2018).")
    (moved,) = locate(text, MOVED, anchors)
    url_op, date_op = moved.ops
    assert url_op.anchor == anchors[0]
    assert url_op.pieces == (Piece(NEW, 3, NEW),)
    assert date_op.pieces == (Piece("Nov. 27, 2026", text.index("Oct.")),)
    (gone,) = locate(text, GONE, anchors)
    (clause,) = gone.ops
    assert clause.start == clause.end == text.index(").") + 1
    assert [p.target for p in clause.pieces] == [None, COPY, None]


def test_a_hyperlink_printed_in_angle_brackets_keeps_them() -> None:
    text, anchors = anchored("at <", OLD, "> (last visited Oct. 5, 2018).")
    assert fixed(text, GONE, anchors) == (
        f"at <{OLD}> (last visited Oct. 5, 2018), archived at <{COPY}> (archived Oct. 5, 2018)."
    )


def test_a_url_written_out_in_seen_text_is_fixed_as_text() -> None:
    text = f"at {OLD} (last visited Oct.\xa05, 2018)"
    assert fixed(text, ALIVE) == f"at {OLD} (last visited Nov. 27, 2026)"


def test_the_same_url_inside_a_hyperlink_is_not_also_a_written_url() -> None:
    text, anchors = anchored("at ", OLD, " (last visited Oct. 5, 2018).")
    assert len(locate(text, ALIVE, anchors)) == 1
