import dataclasses

from citecheck.model import ContentStatus, Reachability, Verdict
from citecheck.report import Category, FixAction, Section, build_report
from tests.report import scenarios


def _report():
    sc = scenarios.mixed()
    return build_report(sc.parsed, sc.run, texts=sc.texts, title="t")


def _entry(url: str):
    return next(e for e in _report().entries if e.url == url)


def test_editor_work_comes_first_in_the_documented_order() -> None:
    report = _report()
    categories = [e.category for e in report.entries]
    assert categories == sorted(categories, key=list(Category).index)
    assert [c for c in dict.fromkeys(categories)] == [
        Category.GONE,
        Category.MOVED,
        Category.CHANGED,
        Category.UNVERIFIED,
        Category.INVALID,
        Category.ALIVE,
    ]
    # within a category, by the first footnote that cites the link
    assert [e.notes[0] for e in report.entries if e.category is Category.GONE] == [2, 6]
    assert len(report.needs_editor) == 8


def test_alive_but_rewritten_is_changed_not_alive() -> None:
    entry = _entry("https://drift.example/article")
    assert entry.verdict is Verdict.ALIVE
    assert entry.category is Category.CHANGED
    assert entry.similarity == 0.31


def test_gone_with_a_copy_proposes_the_archived_copy_in_report_style() -> None:
    fix = _entry("https://gone.example/paper.pdf").fix
    assert fix.action is FixAction.ADD_ARCHIVE
    assert fix.text == (
        "at <https://gone.example/paper.pdf> (last visited Oct. 5, 2018), archived at "
        "<https://web.archive.org/web/20181005000000/https://gone.example/paper.pdf> "
        "(archived Oct. 5, 2018)"
    )


def test_gone_without_a_copy_says_so_and_proposes_nothing() -> None:
    fix = _entry("https://nocopy.example/lost").fix
    assert fix.action is FixAction.NONE
    assert fix.text is None
    assert "no archived copy" in fix.explanation


def test_moved_proposes_the_new_url_dated_with_the_run() -> None:
    entry = _entry("http://moved.example/old")
    assert entry.fix.action is FixAction.REPLACE_URL
    assert entry.fix.url == "https://moved.example/new"
    assert entry.fix.text == "at <https://moved.example/new> (last visited Nov. 27, 2026)"
    assert any("→ https://moved.example/new" in line for line in entry.evidence)


def test_moved_and_drifted_also_keeps_the_cited_copy() -> None:
    fix = _entry("https://moved.example/drifted").fix
    assert fix.action is FixAction.REPLACE_URL
    assert fix.text is not None
    assert fix.text.startswith("at <https://elsewhere.example/drifted> (last visited Nov. 27")
    assert "archived at <https://web.archive.org/web/20181005000000/" in fix.text


def test_unverified_proposes_nothing_but_points_at_the_copy() -> None:
    entry = _entry("https://blocked.example/")
    assert entry.category is Category.UNVERIFIED
    assert entry.fix.action is FixAction.NONE
    assert "web.archive.org" in entry.fix.explanation
    assert entry.sidebars == (1,)


def test_alive_proposes_a_fresh_visit_date() -> None:
    fix = _entry("https://alive.example/report").fix
    assert fix.action is FixAction.REFRESH
    assert fix.text == "at <https://alive.example/report> (last visited Nov. 27, 2026)"


def test_run_date_and_inconclusive_come_from_the_run() -> None:
    sc = scenarios.mixed()
    check = dataclasses.replace(sc.run.check, reachability=Reachability.UNREACHABLE)
    run = dataclasses.replace(sc.run, check=check)
    report = build_report(sc.parsed, run)
    assert report.inconclusive
    assert report.run_date.isoformat() == "2026-11-27"


def test_since_section_is_carried_through() -> None:
    sc = scenarios.mixed()
    section = Section("Since the last run", "1 newly gone.", ("Change", "URL"), (("gone", "u"),))
    assert build_report(sc.parsed, sc.run, since=section).since == section


def test_links_without_status_still_get_an_entry() -> None:
    entry = _entry("https://error.example/slow")
    assert entry.content is None
    assert entry.archive_url is None
    assert entry.notes == (10, 12)


def test_no_baseline_is_reported_as_evidence() -> None:
    entry = _entry("https://alive.example/new-only")
    assert entry.content is ContentStatus.NO_BASELINE
    assert "no archived copy near the visit date" in entry.evidence


def test_watches_tell_first_failure_from_confirmed_rot_and_typos() -> None:
    sc = scenarios.mixed()
    report = build_report(sc.parsed, sc.run, watches=sc.watches)
    by_url = {e.url: e for e in report.entries}
    first = by_url["https://gone.example/paper.pdf"]
    assert first.watch is not None and first.watch.rot == "first-failure"
    assert any(line.startswith("first failure: failed 1 check") for line in first.evidence)
    assert first.fix.action.value == "add-archive"  # rot: the 2018 copy is the fix
    typo = by_url["https://nocopy.example/lost"]
    assert any(line.startswith("confirmed gone:") for line in typo.evidence)
    assert typo.fix.action.value == "none"
    assert "mistyped" in typo.fix.explanation  # no archive copy can fix a URL that never worked
    healthy = by_url["https://alive.example/report"]
    assert not any("alive at the last check" in line for line in healthy.evidence)


def test_an_outage_hands_the_editor_nothing_to_verify_by_hand() -> None:
    sc = scenarios.mixed()
    check = dataclasses.replace(sc.run.check, reachability=Reachability.UNREACHABLE)
    report = build_report(sc.parsed, dataclasses.replace(sc.run, check=check))
    unchecked = [e for e in report.entries if e.category is Category.UNCHECKED]
    assert [e.url for e in unchecked] == ["https://error.example/slow"]  # the error verdicts
    assert unchecked[0].fix.action is FixAction.NONE
    assert "network was unreachable" in unchecked[0].fix.explanation
    assert not Category.UNCHECKED.needs_editor
    # What the run could still tell without the network stays: a malformed URL is malformed.
    assert any(e.category is Category.INVALID for e in report.needs_editor)
