"""The HTML report in a real headless Chromium: it loads clean, filters, sorts, searches, shows
diffs, draws its chart, fits a phone, and keeps hostile page text inert."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from citecheck.report import Section, build_report, to_html
from tests.report import scenarios
from tests.report.browser import launch_browser

pytestmark = pytest.mark.browser

SINCE = Section(
    "Since the last run",
    "<script>window.__pwned = 3</script>",
    ("Change", "URL"),
    (("newly gone", '<img src=x onerror="window.__pwned = 4">'),),
)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    # Module scope: Playwright's sync API owns an event loop while it runs; closing it here
    # keeps it away from other test modules that run asyncio code.
    yield from launch_browser()


@pytest.fixture(scope="module")
def report_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    sc = scenarios.mixed()
    report = build_report(sc.parsed, sc.run, texts=sc.texts, since=SINCE, title="Change report")
    report = scenarios.corrected(report, sc)
    path = tmp_path_factory.mktemp("html") / "report.html"
    path.write_text(to_html(report), encoding="utf-8")
    return path


@pytest.fixture
def page(browser: Any, report_file: Path) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.problems = []
    page.requests = []
    page.on("console", lambda m: m.type in ("error", "warning") and page.problems.append(m.text))
    page.on("pageerror", lambda e: page.problems.append(str(e)))
    page.on("request", lambda r: page.requests.append(r.url))
    page.goto(report_file.as_uri())
    yield page
    context.close()


def _visible_urls(page: Any) -> list[str]:
    return page.eval_on_selector_all(
        "#entries > li:not([hidden])", "items => items.map(i => i.dataset.url)"
    )


def test_loads_offline_with_no_console_errors(page: Any, report_file: Path) -> None:
    assert page.title() == "Change report"
    assert page.problems == []
    assert page.requests == [report_file.as_uri()]  # nothing fetched: no CDN, no fonts
    assert page.locator("#shown").inner_text() == "Showing 10 of 10 links."


def test_filter_by_status(page: Any) -> None:
    page.select_option("#status", "gone")
    assert _visible_urls(page) == ["https://gone.example/paper.pdf", "https://nocopy.example/lost"]
    assert page.locator("#shown").inner_text() == "Showing 2 of 10 links."
    page.select_option("#status", "needs")
    assert len(_visible_urls(page)) == 8
    page.select_option("#status", "alive")
    assert len(_visible_urls(page)) == 2
    page.select_option("#status", "")
    assert len(_visible_urls(page)) == 10


def test_sort(page: Any) -> None:
    page.select_option("#sort", "url")
    urls = _visible_urls(page)
    assert urls == sorted(urls)
    page.select_option("#sort", "similarity")
    assert _visible_urls(page)[:2] == [
        "https://drift.example/article",
        "https://moved.example/drifted",
    ]
    page.select_option("#sort", "note")
    notes = page.eval_on_selector_all("#entries > li", "xs => xs.map(x => Number(x.dataset.note))")
    assert notes == sorted(notes)
    page.select_option("#sort", "rank")
    assert _visible_urls(page)[0] == "https://gone.example/paper.pdf"


def test_search_combines_with_filter(page: Any) -> None:
    page.fill("#q", "bot wall")
    assert _visible_urls(page) == ["https://blocked.example/"]
    page.fill("#q", "MOVED.example")
    assert len(_visible_urls(page)) == 2
    page.select_option("#status", "changed")
    assert _visible_urls(page) == []
    page.fill("#q", "")
    assert _visible_urls(page) == ["https://drift.example/article"]


def test_diff_view_opens(page: Any) -> None:
    entry = page.locator('#entries > li[data-url="https://drift.example/article"]')
    diff = entry.locator("details.diff-view")
    assert not diff.evaluate("d => d.open")
    entry.locator("details.diff-view > summary").click()
    assert diff.evaluate("d => d.open")
    assert entry.locator(".diff li.del").first.is_visible()
    assert entry.locator(".diff ins", has_text="45%").count() == 1
    assert entry.locator(".diff del", has_text="63%").count() == 1


def test_keyboard_reaches_and_drives_the_controls(page: Any) -> None:
    for _ in range(20):  # the search box is reachable from the top with Tab alone
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "q":
            break
    page.keyboard.type("timed out")
    assert _visible_urls(page) == ["https://error.example/slow"]
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "status"
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Control+A")
    page.keyboard.press("Backspace")
    assert len(_visible_urls(page)) == 10
    summary = page.locator("details.diff-view > summary").first
    summary.focus()
    page.keyboard.press("Enter")
    assert page.locator("details.diff-view").first.evaluate("d => d.open")


def test_hostile_page_text_stays_inert(page: Any) -> None:
    for summary in page.locator("details.diff-view > summary").all():
        summary.click()
    page.select_option("#sort", "url")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator("img").count() == 0
    assert page.locator("script").count() == 1
    body = page.locator("body").inner_text()
    assert '<img src=x onerror="window.__pwned = 2">' in body  # shown as text
    assert "<script>window.__pwned = 3</script>" in body
    assert len(_visible_urls(page)) == 10  # a "</script>" in page text broke nothing
    assert page.problems == []


def test_chart_and_its_text_alternative(page: Any) -> None:
    chart = page.locator("svg.chart")
    assert chart.get_attribute("role") == "img"
    assert page.locator("#chart-desc").text_content() == (
        "Gone: 2, Moved: 2, Changed since cited: 1, Blocked or unverified: 2, "
        "Invalid URL: 1, Alive: 2"
    )
    assert chart.locator("rect").count() == 6
    assert page.locator("table.counts tbody tr").count() == 6


def test_headings_and_labels(page: Any) -> None:
    assert page.locator("h1").count() == 1
    assert page.locator("h2").all_inner_texts() == [
        "Status breakdown",
        "Since the last run",
        "Links",
    ]
    for control in ("q", "status", "sort"):
        assert page.locator(f'label[for="{control}"]').count() == 1


@pytest.mark.parametrize("width", [360, 390])
def test_readable_on_a_phone(browser: Any, report_file: Path, tmp_path: Path, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 740}, is_mobile=True)
    page = context.new_page()
    page.goto(report_file.as_uri())
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    font = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    page.screenshot(path=str(tmp_path / "phone.png"), full_page=True)
    context.close()
    assert overflow <= 0
    assert font >= 16


@pytest.mark.parametrize("width", [1280, 390])
def test_axe_finds_no_accessibility_violations(browser: Any, report_file: Path, width: int) -> None:
    """axe-core's WCAG 2.1 A/AA and best-practice rules (contrast, labels, headings, landmarks)."""
    try:
        from axe_playwright_python.sync_playwright import Axe
    except ImportError as exc:
        if os.environ.get("CITECHECK_REQUIRE_BROWSER") == "1":
            pytest.fail(f"axe-playwright-python is not installed: {exc}")
        pytest.skip(f"axe-playwright-python is not installed: {exc}")
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(report_file.as_uri())
    for summary in page.locator("details.diff-view > summary").all():
        summary.click()  # audit the diffs too
    tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": tags}})
    page.close()
    found = [(v["id"], v["nodes"][0]["html"][:120]) for v in results.response["violations"]]
    assert found == []


def test_without_javascript_every_link_shows_and_status_names_are_links(
    browser: Any, report_file: Path
) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(report_file.as_uri())
    assert len(page.locator("#entries > li:visible").all()) == 10
    assert not page.locator(".controls").is_visible()  # controls that would do nothing: hidden
    assert not page.locator("#shown").is_visible()
    assert page.locator("button.copy:visible").count() == 0
    assert page.locator("pre", has_text="at <https://moved.example/new>").is_visible()
    page.locator("table.counts a", has_text="Blocked or unverified").click()
    assert page.evaluate("location.hash") == "#status=unverified"
    target = page.locator('[id="status=unverified"]')
    assert target.count() == 1  # the first blocked or unverified link, scrolled to
    assert (
        page.locator('#entries > li:has([id="status=unverified"])').get_attribute("data-category")
        == "unverified"
    )
    context.close()


def test_the_filter_lives_in_the_url(page: Any, report_file: Path, browser: Any) -> None:
    page.select_option("#status", "gone")
    page.fill("#q", "paper")
    assert page.evaluate("location.hash") == "#status=gone&q=paper"
    shared = browser.new_page()
    shared.goto(report_file.as_uri() + "#status=moved&sort=url")
    assert _visible_urls(shared) == ["http://moved.example/old", "https://moved.example/drifted"]
    assert shared.input_value("#status") == "moved" and shared.input_value("#sort") == "url"
    shared.locator("table.counts a", has_text="Alive").click()  # a status link filters too
    assert shared.input_value("#status") == "alive"
    assert len(_visible_urls(shared)) == 2
    shared.close()


def test_the_corrected_footnote_is_whole_and_copies(browser: Any, report_file: Path) -> None:
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(report_file.as_uri())
    entry = page.locator('#entries > li[data-url="https://gone.example/paper.pdf"]')
    assert entry.locator("figcaption").inner_text() == "Footnote 2, corrected"
    footnote = entry.locator("pre").inner_text()
    assert footnote.startswith("Jane Doe, *A paper that is gone* (2017), at <https://gone")
    assert footnote.endswith("(archived Oct. 5, 2018).")
    button = entry.locator("button.copy")
    assert button.inner_text() == "Copy footnote 2"
    button.click()
    assert page.evaluate("navigator.clipboard.readText()") == footnote
    assert button.inner_text() == "Copied"
    assert page.locator("#copied").inner_text() == "footnote 2 copied."
    slow = page.locator('#entries > li[data-url="https://error.example/slow"]')
    assert slow.locator(".where").inner_text() == (
        "The full citation is in footnote 10; footnote 12 cites it in short (Id., supra) "
        "and needs no change."
    )
    context.close()


def test_the_chart_labels_fit(browser: Any, tmp_path: Path) -> None:
    sc = scenarios.mixed()
    outage = build_report(sc.parsed, scenarios.outage_run(sc), title="Offline")
    path = tmp_path / "offline.html"
    path.write_text(to_html(outage), encoding="utf-8")
    page = browser.new_page()
    page.goto(path.as_uri())
    boxes = page.evaluate(
        """() => { const svg = document.querySelector('svg.chart');
        const width = svg.viewBox.baseVal.width;
        return Array.from(svg.querySelectorAll('text')).map(t => {
          const b = t.getBBox(); return [t.textContent, b.x, b.x + b.width, width]; }); }"""
    )
    page.close()
    assert boxes and boxes[0][0] == "Not checked (network unreachable)"
    for text, left, right, width in boxes:
        assert left >= 0 and right <= width, text


def test_the_diff_scrolls_from_the_keyboard(page: Any) -> None:
    entry = page.locator('#entries > li[data-url="https://drift.example/article"]')
    entry.locator("details.diff-view > summary").click()
    region = entry.locator(".diff-scroll")
    assert region.get_attribute("tabindex") == "0"
    region.focus()
    assert page.evaluate("document.activeElement.className") == "diff-scroll"
