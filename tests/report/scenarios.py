"""Named, hand-built pipeline values for the report renderers (no network, fixed clock).

``mixed`` has one link per category, a moved-and-drifted one, a gone one without any archived
copy, one cited without a visit date (compared near the document's date), and hostile page
text (``<script>``, ``<img onerror>``, ``</script>``, a formula cell) where fetched text can
reach the report.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

from citecheck.fix import corrected_notes
from citecheck.model import (
    ArchiveRun,
    BaselineDate,
    CheckRun,
    Citation,
    CitationKind,
    ContentStatus,
    DateSource,
    FailureKind,
    Hop,
    LinkResult,
    Note,
    ParsedDocument,
    Reachability,
    Source,
    SourceStatus,
    Verdict,
)
from citecheck.report import ChangeReport, SourceTexts, Watch, with_corrections

STARTED = dt.datetime(2026, 11, 27, 20, 0, tzinfo=dt.UTC)
FINISHED = STARTED + dt.timedelta(minutes=3)
VISITED = dt.date(2018, 10, 5)
UNDATED = BaselineDate(dt.date(2018, 11, 30), DateSource.DOCUMENT, "2018-11")
HOSTILE = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">'


@dataclass(frozen=True)
class Scenario:
    parsed: ParsedDocument
    run: ArchiveRun
    texts: dict[str, SourceTexts]
    watches: dict[str, Watch]


# What past runs say: the 404 is a first failure, the unresolvable host never existed (a typo).
WATCHES = {
    "https://gone.example/paper.pdf": Watch(
        "first-failure",
        "failed 1 check since 2026-11-27; 1 of 3 needed, each at least 3 days apart",
    ),
    "https://nocopy.example/lost": Watch(
        "confirmed-gone",
        "failed 3 checks since 2026-11-13; 3 of 3 needed, each at least 3 days apart",
        citation_error=True,
        citation_error_detail="the host does not exist and no archive captured the URL",
    ),
    "https://alive.example/report": Watch("healthy", "alive at the last check"),
}


@dataclass(frozen=True)
class _Case:
    note: int
    url: str
    result: dict[str, object]
    status: dict[str, object] | None
    title: str


def _ts(url: str) -> dict[str, object]:
    return {
        "archive_url": f"https://web.archive.org/web/20181005000000/{url}",
        "archive_timestamp": "20181005000000",
    }


CASES = (
    _Case(1, "https://alive.example/report", {"verdict": Verdict.ALIVE, "reason": "HTTP 200",
          "status_code": 200}, {"content": ContentStatus.UNCHANGED, "similarity": 0.98,
          **_ts("https://alive.example/report")}, "A report that is still there"),
    _Case(2, "https://gone.example/paper.pdf", {"verdict": Verdict.GONE, "reason": "HTTP 404",
          "status_code": 404}, {"content": ContentStatus.UNAVAILABLE,
          **_ts("https://gone.example/paper.pdf")}, "A paper that is gone"),
    _Case(3, "http://moved.example/old", {"verdict": Verdict.MOVED,
          "reason": "permanent redirect to another path", "status_code": 200,
          "final_url": "https://moved.example/new", "redirects": (
              Hop("http://moved.example/old", 301), Hop("https://moved.example/old", 308))},
          {"content": ContentStatus.UNCHANGED, "similarity": 0.95,
           **_ts("http://moved.example/old")}, "A page that moved"),
    _Case(4, "https://drift.example/article", {"verdict": Verdict.ALIVE, "reason": "HTTP 200",
          "status_code": 200}, {"content": ContentStatus.CHANGED, "similarity": 0.31,
          "summary": f"rewritten: {HOSTILE}", **_ts("https://drift.example/article")},
          "An article rewritten since"),
    _Case(5, "https://blocked.example/", {"verdict": Verdict.BLOCKED,
          "reason": "HTTP 403 with a bot challenge", "status_code": 403},
          {"content": ContentStatus.UNAVAILABLE, **_ts("https://blocked.example/")},
          "A site behind a bot wall"),
    _Case(6, "https://nocopy.example/lost", {"verdict": Verdict.GONE,
          "reason": "host does not resolve"}, {"content": ContentStatus.NO_BASELINE},
          "Gone without a copy"),
    _Case(7, "https://alive.example/new-only", {"verdict": Verdict.ALIVE, "reason": "HTTP 200",
          "status_code": 200}, {"content": ContentStatus.NO_BASELINE}, "=HYPERLINK(\"x\")"),
    _Case(8, "htp:/broken", {"verdict": Verdict.INVALID, "reason": "not an http(s) URL"},
          None, "A typo in the URL"),
    _Case(9, "https://moved.example/drifted", {"verdict": Verdict.MOVED,
          "reason": "redirects to https://elsewhere.example/drifted (200 OK)", "status_code": 200,
          "final_url": "https://elsewhere.example/drifted",
          "redirects": (Hop("https://moved.example/drifted", 301),)},
          {"content": ContentStatus.CHANGED, "similarity": 0.4, "summary": "new article",
           **_ts("https://moved.example/drifted")}, f"Hostile title {HOSTILE}</script>"),
    _Case(10, "https://error.example/slow", {"verdict": Verdict.ERROR,
          "reason": "timed out after 3 attempts"}, None, "A server that times out"),
)  # fmt: skip

BASELINE = """Human trafficking online
The report found that 63% of victims were advertised online.
Classified sites were the main channel.
Contact us | Privacy"""

LIVE = f"""Human trafficking online
The report found that 45% of victims were advertised online in 2025.
Social media apps are now the main channel.
{HOSTILE}</script>
Contact us | Privacy"""


def mixed() -> Scenario:
    sources = tuple(
        Source(
            id=f"src-{c.note:02d}",
            title=c.title,
            url=c.url,
            last_visited=VISITED if c.note != 1 else None,
            cited_in=(c.note,) if c.note != 10 else (10, 12),
            sidebars=(1,) if c.note == 5 else (),
            # Note 1 gives no visit date: it is compared near the document's date.
            inferred=UNDATED if c.note == 1 else None,
        )
        for c in CASES
    )
    results = tuple(
        LinkResult(url=c.url, notes=s.cited_in, sources=(s.id,), **c.result)  # type: ignore[arg-type]
        for c, s in zip(CASES, sources, strict=True)
    )
    statuses = tuple(
        _status(c.url, f"src-{c.note:02d}", c.status) for c in CASES if c.status is not None
    )
    check = CheckRun(results, Reachability.ONLINE, STARTED, FINISHED)
    texts = {
        "https://drift.example/article": SourceTexts(BASELINE, LIVE),
        "https://alive.example/report": SourceTexts(BASELINE, BASELINE),
        "https://gone.example/paper.pdf": SourceTexts(BASELINE, None),
    }
    parsed = ParsedDocument(notes=_notes(), sidebars=(), sources=sources, findings=())
    return Scenario(parsed, ArchiveRun(check, statuses), texts, WATCHES)


UNREACHABLE = "network unreachable: no host answered during this run"


def outage_run(scenario: Scenario) -> ArchiveRun:
    """The same links when no host answered: every check an error, the run unreachable."""
    results = tuple(
        dataclasses.replace(
            r,
            verdict=Verdict.ERROR,
            reason=UNREACHABLE,
            status_code=None,
            final_url=None,
            redirects=(),
            failure=FailureKind.NAME,
        )
        for r in scenario.run.check.results
    )
    return ArchiveRun(CheckRun(results, Reachability.UNREACHABLE, STARTED, FINISHED), ())


def _notes() -> tuple[Note, ...]:
    """Each case's footnote cites it in full; footnote 12 cites case 10 as *supra*."""
    notes = []
    for case in CASES:
        visited = " (last visited Oct. 5, 2018)" if case.note != 1 else ""
        text = f"Jane Doe, *{case.title}* (2017), at <{case.url}>{visited}."
        source = f"src-{case.note:02d}"
        full = Citation(CitationKind.FULL, text, source, url=case.url)
        notes.append(Note(case.note, text, (full,)))
    supra = "Jane Doe, *supra* note 10, at 4."
    cited = Citation(CitationKind.SUPRA, supra, "src-10", url=CASES[-1].url, supra_note=10)
    notes.append(Note(12, supra, (cited,)))
    return tuple(notes)


def corrected(report: ChangeReport, scenario: Scenario) -> ChangeReport:
    """``report`` with its footnotes as they read once fixed, as ``run_pipeline`` adds them."""
    return with_corrections(report, corrected_notes(scenario.parsed, report, report.run_date))


def many(count: int) -> Scenario:
    """``count`` gone links with long evidence: enough to overflow a pull-request body."""
    urls = [f"https://gone{i:04d}.example/{'long-path/' * 8}page" for i in range(count)]
    sources = tuple(
        Source(id=f"s{i}", title=f"Source number {i}", url=u, last_visited=VISITED, cited_in=(i,))
        for i, u in enumerate(urls, start=1)
    )
    results = tuple(
        LinkResult(url=s.url or "", verdict=Verdict.GONE, reason="HTTP 410 " + "x" * 80,
                   status_code=410, notes=s.cited_in, sources=(s.id,))
        for s in sources
    )  # fmt: skip
    statuses = tuple(
        _status(s.url or "", s.id, {"content": ContentStatus.UNAVAILABLE, **_ts(s.url or "")})
        for s in sources
    )
    check = CheckRun(results, Reachability.ONLINE, STARTED, FINISHED)
    parsed = ParsedDocument(notes=(), sidebars=(), sources=sources, findings=())
    return Scenario(parsed, ArchiveRun(check, statuses), {}, {})


def _status(url: str, snapshot_id: str, fields: dict[str, object]) -> SourceStatus:
    values: dict[str, object] = {
        "similarity": None, "summary": "", "archive_url": None, "archive_timestamp": None,
        "changed_since_last_run": False, "previous_verdict": None, **fields,
    }  # fmt: skip
    return SourceStatus(url=url, snapshot_id=snapshot_id, **values)  # type: ignore[arg-type]
