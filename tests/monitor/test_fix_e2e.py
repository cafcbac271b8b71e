"""``fix`` end to end: the bundled report against a simulated web and a local Wayback archive.

The report's own host names are routed to loopback servers (SimWeb's resolver), so the
production path runs unchanged: parse, check, archive, report, then ``apply_fixes``. A handful
of sources get a story (moved, gone with a 2018 copy, alive, drifted); every other host answers
404 with no 2018 copy, which the run reports as gone with no fix to make.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import trustme

from citecheck.fix import apply_fixes
from citecheck.parse import links, parse_document
from citecheck.pipeline import PipelineResult, run_pipeline
from citecheck.report import FixAction
from tests.monitor.conftest import sim_settings
from tests.support.simweb import SimWeb, html, redirect
from tests.support.wayback import WaybackServer

DOCUMENT = (
    Path(__file__).parents[2] / "references/technology-facilitated-child-sex-trafficking-2018.md"
)
NOW = dt.datetime(2026, 11, 27, 6, 0, tzinfo=dt.UTC)

LUX_NEW = "https://ecpat.org/luxembourg-guidelines/"
LEARY = "https://judiciary.house.gov/wp-content/uploads/2017/09/Leary-Testimony-Final.pdf"
ABA_PATH = (
    "/publications/judges_journal/2013/winter/"
    "human_trafficking_and_internet_and_other_technologies_too.html"
)
IOM_PATH = "/news/family-members-linked-nearly-half-child-trafficking-new-iom-polaris-data"
REUTERS_PATH = (
    "/article/us-europe-slavery-interview/"
    "technology-a-double-edged-sword-for-human-traffickers-europolhead-idUSKBN1HX2MB"
)
TEXT = DOCUMENT.read_text("utf-8")
HOSTS = sorted({urlsplit(link.url).hostname or "" for link in links(parse_document(TEXT))} - {""})


def article(topic: str, paragraphs: int = 8) -> str:
    """A news-like page body whose main text is about ``topic``."""
    body = "".join(
        f"<p>Paragraph {n} on {topic}: investigators, survivors and policy makers describe how "
        f"{topic} shapes the response of agencies and families in case number {n * 7}.</p>"
        for n in range(paragraphs)
    )
    return f"<nav>Home | News | About</nav><article><h1>{topic}</h1>{body}</article>"


def page(topic: str) -> bytes:
    return f"<html><head><title>{topic}</title></head><body>{article(topic)}</body></html>".encode()


@pytest.fixture(scope="module")
def run(
    tmp_path_factory: pytest.TempPathFactory, ca: trustme.CA
) -> Iterator[tuple[PipelineResult, str]]:
    tmp = tmp_path_factory.mktemp("fix-e2e")
    with (
        SimWeb(tls_hosts=(*HOSTS, "ecpat.org"), ca=ca) as web,
        WaybackServer(clock=lambda: NOW) as archive,
    ):
        for host in HOSTS:
            web.fallback(host, html("Not Found", title="Not Found", status=404))
        web.route("luxembourgguidelines.org", "/english-version/", redirect(LUX_NEW))
        web.route("ecpat.org", "/luxembourg-guidelines/", html(article("terminology guidelines")))
        web.route("judiciary.house.gov", "/wp-content/uploads/2017/09/Leary-Testimony-Final.pdf",
                  html("gone", status=404))  # fmt: skip
        web.route(
            "www.americanbar.org", ABA_PATH, html(article("human trafficking and the internet"))
        )
        web.route("www.iom.int", IOM_PATH, html(article("family members and child trafficking")))
        web.route("www.reuters.com", REUTERS_PATH, html(article("quarterly earnings of a bank")))
        archive.add_capture(LEARY, "20181001093000", page("testimony of mary graw leary"))
        archive.add_capture(f"https://www.iom.int{IOM_PATH}", "20181002000000",
                            page("family members and child trafficking"))  # fmt: skip
        archive.add_capture(f"https://www.reuters.com{REUTERS_PATH}", "20180930081500",
                            page("technology a double-edged sword for traffickers"))  # fmt: skip
        settings = sim_settings(tmp, ca, archive)
        result = run_pipeline(
            DOCUMENT, settings, snapshots=tmp / "snapshots", resolver=web.resolver(),
            clock=lambda: NOW, sleep=lambda _seconds: None,
        )  # fmt: skip
        yield result, archive.base_url


def test_only_the_simulated_sources_are_edited_line_by_line(
    run: tuple[PipelineResult, str],
) -> None:
    result, wayback = run
    assert not result.inconclusive
    fixed = apply_fixes(result.text, result.report, result.report.run_date)
    before = result.text.splitlines(keepends=True)
    after = fixed.text.splitlines(keepends=True)
    assert len(before) == len(after)
    expected = {
        79: ("<http://luxembourgguidelines.org/english-version/> (last visited Oct. 9, 2018)",
             f"<{LUX_NEW}> (last visited Nov. 27, 2026)"),
        87: (f"<{LEARY}> (last visited Oct. 5, 2018)",
             f"<{LEARY}> (last visited Oct. 5, 2018), archived at "
             f"<{wayback}/web/20181001093000/{LEARY}> (archived Oct. 1, 2018)"),
        101: ("_too.html (last visited Oct. 5, 2018)", "_too.html (last visited Nov. 27, 2026)"),
        103: ("polaris-data> (last visited Oct. 5, 2018)",
              "polaris-data> (last visited Nov. 27, 2026)"),
        119: ("idUSKBN1HX2MB> (last visited Oct. 5, 2018)",
              f"idUSKBN1HX2MB> (last visited Oct. 5, 2018), archived at <{wayback}/web/"
              f"20180930081500/https://www.reuters.com{REUTERS_PATH}> (archived Sep. 30, 2018)"),
    }  # fmt: skip
    differing = {n for n, (a, b) in enumerate(zip(before, after, strict=True), 1) if a != b}
    assert differing == set(expected)
    for line, (old, new) in expected.items():
        assert before[line - 1].count(old) == 1, line
        assert after[line - 1] == before[line - 1].replace(old, new), line


def test_the_edits_follow_the_verdicts(run: tuple[PipelineResult, str]) -> None:
    result, _ = run
    fixed = apply_fixes(result.text, result.report, result.report.run_date)
    assert [(e.line, e.action) for e in fixed.edits] == [
        (79, FixAction.REPLACE_URL),
        (87, FixAction.ADD_ARCHIVE),
        (101, FixAction.REFRESH),
        (103, FixAction.REFRESH),
        (119, FixAction.ADD_ARCHIVE),
    ]
    # Every source whose host does not exist is left for an editor, with the reason.
    unfixed = {u.url: u.reason for u in fixed.unfixed}
    assert len(unfixed) == len(result.archive.check.results) - 5
    assert all("find a replacement" in reason for reason in unfixed.values())
