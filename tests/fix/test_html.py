"""HTML in, HTML out: the fixes spliced into the page, every other byte as it was."""

from __future__ import annotations

import datetime as dt
import difflib

import pytest

from citecheck.fix._html import html_edition
from citecheck.fix._plan import Archived, Plan
from citecheck.read import read_document
from citecheck.report import FixAction
from tests.fix.test_docx import CORPUS, LEARY, LEARY_COPY, LUX, LUX_NEW, PLANS, VIENNA, expected


def changed_lines(before: str, after: str) -> list[str]:
    return [
        line for line in difflib.unified_diff(before.splitlines(), after.splitlines(), n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]  # fmt: skip


@pytest.mark.parametrize("name", ["icmec-2018.html", "icmec-2018.lo.html"])
def test_the_bundled_report_as_html(name: str) -> None:
    source = (CORPUS / name).read_text("utf-8")
    new, edits, cited = html_edition(source, PLANS)
    assert [e.action for e in edits] == [
        FixAction.REPLACE_URL, FixAction.ADD_ARCHIVE, FixAction.REFRESH,
    ]  # fmt: skip
    assert {LUX, LEARY, VIENNA} <= cited
    document = read_document(source.encode(), format="html", name=name)
    fixed = read_document(new.encode(), format="html", name=name)
    assert [note.text for note in fixed.notes] == expected(document, PLANS)
    # Only the lines holding a locator change: up to three for the moved link (its href, its
    # text, its date), one each for the others.
    lines = changed_lines(source, new)
    assert len([line for line in lines if line.startswith("-")]) <= 5
    assert all(LUX_NEW in line or "2026" in line or LEARY_COPY in line
               for line in lines if line.startswith("+"))  # fmt: skip


def test_markup_entities_and_whitespace_elsewhere_are_untouched() -> None:
    source = (
        '<!DOCTYPE html><html><head><title>T &amp; C</title><script>var a = "<b>";</script>'
        '</head><body><p CLASS=x>Text&nbsp;here.<sup><a href="#fn1" id="r1">1</a></sup></p>'
        '<ol class="footnotes"><li id="fn1">At <a HREF=\'' + LUX + '\' class=uri>' + LUX
        + "</a>\n  (last visited Oct.&nbsp;9,\n 2018) (on file).<br>"
        '<a href="#r1">↩</a></li></ol></body></html>'
    )  # fmt: skip
    new, _edits, _cited = html_edition(source, PLANS)
    assert new == source.replace(f"'{LUX}'", f'"{LUX_NEW}"').replace(
        f">{LUX}<", f">{LUX_NEW}<"
    ).replace("Oct.&nbsp;9,\n 2018", "Nov. 27, 2026")


def test_a_hostile_redirect_target_cannot_inject_markup() -> None:
    # SAFE_URL keeps quotes and angle brackets out; an ampersand is escaped in the attribute.
    target = "https://new.example/?a=1&b=<2>"
    plans = {LUX: Plan(FixAction.REPLACE_URL, target, None, None)}
    source = f'<ol class="footnotes"><li id="fn1">At <a href="{LUX}">{LUX}</a>.</li></ol>'
    new, _edits, _cited = html_edition(source, plans)
    assert 'href="https://new.example/?a=1&amp;b=&lt;2&gt;"' in new
    assert ">https://new.example/?a=1&amp;b=&lt;2&gt;</a>" in new


def test_an_archived_copy_after_a_link_with_no_date_goes_after_the_link() -> None:
    plans = {
        LEARY: Plan(
            FixAction.ADD_ARCHIVE, None, None, Archived(LEARY_COPY, dt.date(2018, 10, 1), None)
        )
    }
    source = f'<p>See <a href="{LEARY}"><span>{LEARY}</span></a>.</p>'
    new, edits, _ = html_edition(source, plans)
    assert new == (
        f'<p>See <a href="{LEARY}"><span>{LEARY}</span></a>, archived at '
        f'<a href="{LEARY_COPY}">{LEARY_COPY}</a> (archived Oct. 1, 2018).</p>'
    )
    assert edits[0].line == 1
