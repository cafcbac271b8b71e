"""``apply_fixes`` on the bundled report and on small texts: only the intended edits."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from citecheck.fix import apply_fixes, corrected_notes, summarize, unified_diff
from citecheck.model import ContentStatus, FailureKind, ParsedDocument, Verdict
from citecheck.monitor import since_last_run
from citecheck.parse import links, parse_document
from citecheck.report import (
    ChangeReport,
    FixAction,
    build_report,
    entry_watches,
    with_corrections,
)
from tests.monitor.scenario import Outcome, archive_run

DOCUMENT = (
    Path(__file__).parents[2] / "references/technology-facilitated-child-sex-trafficking-2018.md"
)
TODAY = dt.date(2026, 11, 27)
EMPTY = ParsedDocument((), (), (), ())

LUX = "http://luxembourgguidelines.org/english-version/"
LEARY = "https://judiciary.house.gov/wp-content/uploads/2017/09/Leary-Testimony-Final.pdf"
ABA = (
    "https://www.americanbar.org/publications/judges_journal/2013/winter/"
    "human_trafficking_and_internet_and_other_technologies_too.html"
)
REUTERS = (
    "https://www.reuters.com/article/us-europe-slavery-interview/"
    "technology-a-double-edged-sword-for-human-traffickers-europolhead-idUSKBN1HX2MB"
)
IMPACT = "http://humantraffickingsearch.org/impact/"
FBO = (
    "https://www.unicef.org/protection/files/"
    "FBO_Guide_for_Religious_Leaders_and_Communities_ENG(1).pdf"
)
NYT = "https://www.nytimes.com/2017/03/11/us/backpage-ads-sex-trafficking.html"
THORN = (
    "http://27f5111qnwey246mkc1vzqg0-wpengine.netdna-ssl.com/wp-content/uploads/2018/06/"
    "Thorn_Survivor_Insights_061118.pdf"
)
OHCHR = "https://www.ohchr.org/EN/ProfessionalInterest/Pages/OPSCCRC.aspx"

OUTCOMES = (
    Outcome(LUX, Verdict.MOVED, final_url="https://luxembourgguidelines.org/en/guidelines/"),
    Outcome(
        LEARY, Verdict.GONE, content=ContentStatus.UNAVAILABLE, archive_timestamp="20181005120000"
    ),
    Outcome(ABA, Verdict.ALIVE),
    Outcome(
        REUTERS, Verdict.ALIVE, content=ContentStatus.CHANGED, archive_timestamp="20180930081500"
    ),
    Outcome(IMPACT, Verdict.GONE, content=ContentStatus.NO_BASELINE),
    Outcome(FBO, Verdict.MOVED, final_url="https://www.unicef.org/media/fbo-guide(2).pdf"),
    Outcome(
        NYT, Verdict.BLOCKED, content=ContentStatus.UNAVAILABLE, archive_timestamp="20181009000000"
    ),
    Outcome(
        THORN,
        Verdict.GONE,
        content=ContentStatus.NO_BASELINE,
        reason="host name does not exist (Name or service not known)",
        failure=FailureKind.NAME,
    ),
    Outcome(OHCHR, Verdict.ALIVE, content=ContentStatus.NO_BASELINE),
)

# Line number -> (what the line held, what it must hold now): nothing else may differ.
EXPECTED = {
    79: (
        f"<{LUX}> (last visited Oct. 9, 2018)",
        "<https://luxembourgguidelines.org/en/guidelines/> (last visited Nov. 27, 2026)",
    ),
    87: (
        f"<{LEARY}> (last visited Oct. 5, 2018)",
        f"<{LEARY}> (last visited Oct. 5, 2018), archived at "
        f"<https://web.archive.org/web/20181005120000/{LEARY}> (archived Oct. 5, 2018)",
    ),
    101: (f"{ABA} (last visited Oct. 5, 2018)", f"{ABA} (last visited Nov. 27, 2026)"),
    119: (
        f"<{REUTERS}> (last visited Oct. 5, 2018)",
        f"<{REUTERS}> (last visited Oct. 5, 2018), archived at "
        f"<https://web.archive.org/web/20180930081500/{REUTERS}> (archived Sep. 30, 2018)",
    ),
    163: (f"<{OHCHR}> (last visited Oct. 5, 2018)", f"<{OHCHR}> (last visited Nov. 27, 2026)"),
    291: (
        r"[https://www.unicef.org/protection/files/FBO_Guide_for_Religious_Leaders_and_Communities"
        r"_ENG\(1\).pdf](https://www.unicef.org/protection/files/FBO_Guide_for_Religious_Leaders_"
        r"and_Communities_ENG(1).pdf) (last visited Oct. 9, 2018)",
        r"[https://www.unicef.org/media/fbo-guide\(2\).pdf](https://www.unicef.org/media/"
        r"fbo-guide(2).pdf) (last visited Nov. 27, 2026)",
    ),
    823: (f"<{OHCHR}> (last visited Oct. 8, 2018)", f"<{OHCHR}> (last visited Nov. 27, 2026)"),
}


@pytest.fixture(scope="module")
def original() -> str:
    return DOCUMENT.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def parsed(original: str) -> ParsedDocument:
    return parse_document(original)


def bundled_report(parsed: ParsedDocument) -> ChangeReport:
    """As ``run_pipeline`` builds it: with the monitor's view of each source."""
    run = archive_run(OUTCOMES, links=links(parsed))
    return build_report(parsed, run, watches=entry_watches(since_last_run(run)))


def test_bundled_report_gets_exactly_the_intended_edits(
    original: str, parsed: ParsedDocument
) -> None:
    result = apply_fixes(original, bundled_report(parsed), TODAY)
    before, after = original.splitlines(keepends=True), result.text.splitlines(keepends=True)
    assert len(before) == len(after)
    differing = {n for n, (a, b) in enumerate(zip(before, after, strict=True), 1) if a != b}
    assert differing == set(EXPECTED)
    for line, (old, new) in EXPECTED.items():
        assert before[line - 1].count(old) == 1, line
        assert after[line - 1] == before[line - 1].replace(old, new), line


def test_edits_and_unfixed_are_listed(original: str, parsed: ParsedDocument) -> None:
    result = apply_fixes(original, bundled_report(parsed), TODAY)
    assert [(e.line, e.action) for e in result.edits] == [
        (79, FixAction.REPLACE_URL),
        (87, FixAction.ADD_ARCHIVE),
        (101, FixAction.REFRESH),
        (119, FixAction.ADD_ARCHIVE),
        (163, FixAction.REFRESH),
        (291, FixAction.REPLACE_URL),
        (823, FixAction.REFRESH),
    ]
    assert {u.url for u in result.unfixed} == {IMPACT, NYT, THORN}
    thorn = next(u for u in result.unfixed if u.url == THORN)
    assert thorn.notes == (131, 146)
    assert thorn.reason.startswith("likely citation error: the host does not exist")
    impact = next(u for u in result.unfixed if u.url == IMPACT)
    assert "find a replacement" in impact.reason
    lines = summarize(result)
    assert lines[0] == f"line 79: new address for {LUX}"
    assert any(
        line.startswith(f"not fixed: {NYT} (notes 81, 100): could not be verified")
        for line in lines
    )


def test_fixing_twice_changes_nothing_more(original: str, parsed: ParsedDocument) -> None:
    report = bundled_report(parsed)
    once = apply_fixes(original, report, TODAY)
    twice = apply_fixes(once.text, report, TODAY)
    assert twice.text == once.text
    assert twice.edits == ()


def test_unified_diff_shows_only_the_edited_lines(original: str, parsed: ParsedDocument) -> None:
    result = apply_fixes(original, bundled_report(parsed), TODAY)
    diff = unified_diff(original, result, "a/report.md", "b/report.md")
    removed = [ln for ln in diff.splitlines() if ln.startswith("-") and not ln.startswith("---")]
    added = [ln for ln in diff.splitlines() if ln.startswith("+") and not ln.startswith("+++")]
    assert len(removed) == len(added) == len(EXPECTED)
    assert diff.startswith("--- a/report.md\n+++ b/report.md\n")


MULTI = (
    "¹ A, at <https://old.example/a(1)> (last visited Oct. 5, 2018).\n"
    "² B, at https://old.example/a(1) (last visited Oct.10, 2018); "
    "not https://old.example/a(1)/more (last visited Oct. 6, 2018).\n"
    r"³ C, at [https://old.example/a\(1\)](https://old.example/a(1)) (last visited Oct. 7, 2018)."
    "\n⁴ D, at <https://old.example/a(1)>.\n"
)


def test_every_form_of_a_moved_url_is_replaced_and_nothing_else() -> None:
    run = archive_run(
        [Outcome("https://old.example/a(1)", Verdict.MOVED, final_url="https://new.example/b")]
    )
    result = apply_fixes(MULTI, build_report(EMPTY, run), TODAY)
    assert result.text == (
        "¹ A, at <https://new.example/b> (last visited Nov. 27, 2026).\n"
        "² B, at https://new.example/b (last visited Nov. 27, 2026); "
        "not https://old.example/a(1)/more (last visited Oct. 6, 2018).\n"
        "³ C, at [https://new.example/b](https://new.example/b) (last visited Nov. 27, 2026).\n"
        "⁴ D, at <https://new.example/b>.\n"
    )
    assert [e.line for e in result.edits] == [1, 2, 3, 4]


def test_bare_url_that_would_lose_its_last_character_is_bracketed() -> None:
    run = archive_run(
        [Outcome("https://old.example/a(1)", Verdict.MOVED, final_url="https://new.example/b.")]
    )
    result = apply_fixes(MULTI, build_report(EMPTY, run), TODAY)
    assert "² B, at <https://new.example/b.> (last visited" in result.text


def test_archive_link_without_a_visit_date_follows_the_url() -> None:
    run = archive_run(
        [Outcome("https://old.example/a(1)", Verdict.GONE, archive_timestamp="20181001000000")]
    )
    result = apply_fixes(MULTI, build_report(EMPTY, run), TODAY)
    assert result.text.endswith(
        "⁴ D, at <https://old.example/a(1)>, archived at "
        "<https://web.archive.org/web/20181001000000/https://old.example/a(1)> "
        "(archived Oct. 1, 2018).\n"
    )


@pytest.mark.parametrize(
    "hostile",
    [
        "https://evil.example/x> [click](javascript:alert(1))",
        "https://evil.example/a b",
        "javascript:alert(1)",
        "https://evil.example/\nnew line",
    ],
)
def test_an_unsafe_new_url_is_never_written(hostile: str) -> None:
    run = archive_run([Outcome("https://old.example/a(1)", Verdict.MOVED, final_url=hostile)])
    result = apply_fixes(MULTI, build_report(EMPTY, run), TODAY)
    assert result.text == MULTI
    assert [u.url for u in result.unfixed] == ["https://old.example/a(1)"]
    assert "cannot be written safely" in result.unfixed[0].reason


def test_a_url_missing_from_the_text_is_reported() -> None:
    run = archive_run([Outcome("https://elsewhere.example/", Verdict.ALIVE)])
    result = apply_fixes(MULTI, build_report(EMPTY, run), TODAY)
    assert result.text == MULTI
    assert result.unfixed[0].reason.startswith("the URL is not written verbatim")


def test_windows_line_endings_survive() -> None:
    text = MULTI.replace("\n", "\r\n")
    run = archive_run([Outcome("https://old.example/a(1)", Verdict.ALIVE)])
    result = apply_fixes(text, build_report(EMPTY, run), TODAY)
    assert result.text.count("\r\n") == text.count("\r\n") == 4
    assert result.text.count("Nov. 27, 2026") == 3


def test_each_fix_comes_as_the_whole_corrected_footnote(parsed: ParsedDocument) -> None:
    report = bundled_report(parsed)
    corrected = corrected_notes(parsed, report, TODAY)
    notes = {note.number: note.text for note in parsed.notes}
    (lux,) = corrected[LUX]
    assert lux.note == 1 and lux.label == "footnote 1"
    old, new = EXPECTED[79]
    assert lux.text == notes[1].replace(old, new)  # the whole note, only its locator changed
    ohchr = corrected[OHCHR]
    assert [c.label for c in ohchr] == ["footnote 27", "footnote 233"]
    entry = next(e for e in with_corrections(report, corrected).entries if e.url == LUX)
    assert entry.full_citation_in == (1,)
    assert entry.short_cited_in[:3] == (3, 4, 8)  # *supra* note 1: nothing to edit there
    assert entry.corrected == (lux,)
    assert IMPACT not in corrected  # gone without an archived copy: no edit to paste
