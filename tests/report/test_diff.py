"""The HTML diff of a source's cited text against today's: marks, escaping, the text kept."""

from __future__ import annotations

import html
import re

import pytest

from citecheck.report._diff import diff_html

_TAGS = re.compile(r"</?(?:del|ins)>")


def _row(fragment: str, kind: str) -> str:
    found = re.search(rf'<li class="{kind}"><span class="sr-only">[^<]*</span>(.*?)</li>', fragment)
    assert found is not None, fragment
    return found.group(1)


def test_a_run_of_changed_words_is_one_mark() -> None:
    fragment = diff_html("one two three four", "one six seven four")
    assert _row(fragment, "del") == "one <del>two three</del> four"
    assert _row(fragment, "ins") == "one <ins>six seven</ins> four"


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("The  report was <b>updated</b> in 2018.", "The report was updated in  2024 & later."),
        ("a b c", "x y z"),
        ("tail words stay", "tail words stay, now longer"),
        ("first words go here", "here"),
    ],
)
def test_marks_keep_each_line_whole_and_escaped(old: str, new: str) -> None:
    fragment = diff_html(old, new)
    assert "<b>" not in fragment
    for kind, line in (("del", old), ("ins", new)):
        assert html.unescape(_TAGS.sub("", _row(fragment, kind))) == line
