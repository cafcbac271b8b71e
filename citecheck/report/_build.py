"""From a parsed document and an archive run to a ``ChangeReport``: categorise, explain, propose."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import replace

from citecheck.model import (
    ArchiveRun,
    BaselineDate,
    CitationKind,
    ContentStatus,
    DateSource,
    LinkResult,
    ParsedDocument,
    Source,
    SourceStatus,
    Verdict,
    preferred_baseline,
)
from citecheck.report._fix import propose_fix
from citecheck.report._model import (
    Category,
    ChangeReport,
    CorrectedNote,
    Entry,
    Fix,
    FixAction,
    Section,
    SourceTexts,
    Watch,
)
from citecheck.style import format_date, format_written, timestamp_date

_COMPARED = frozenset({ContentStatus.CHANGED, ContentStatus.UNCHANGED, ContentStatus.NO_BASELINE})
_ORDER = {category: rank for rank, category in enumerate(Category)}
_VERDICT_CATEGORY = {
    Verdict.GONE: Category.GONE,
    Verdict.MOVED: Category.MOVED,
    Verdict.BLOCKED: Category.UNVERIFIED,
    Verdict.ERROR: Category.UNVERIFIED,
    Verdict.INVALID: Category.INVALID,
    Verdict.SKIPPED: Category.SKIPPED,
    Verdict.ALIVE: Category.ALIVE,
}


def build_report(
    parsed: ParsedDocument,
    archive_run: ArchiveRun,
    *,
    since: Section | None = None,
    texts: Mapping[str, SourceTexts] | None = None,
    watches: Mapping[str, Watch] | None = None,
    title: str = "citecheck change report",
) -> ChangeReport:
    """One entry per checked URL, ordered so what needs an editor comes first.

    ``texts`` maps a URL to its 2018 and current text (for the HTML diff); ``since`` is an
    extra section, such as the monitor's "since last run", shown after the summary;
    ``watches`` maps a URL to its rot state and citation-error flag over past runs.
    """
    run_date = archive_run.check.started_at.date()
    statuses = {s.url: s for s in archive_run.statuses}
    sources = {s.id: s for s in parsed.sources}
    texts, watches = texts or {}, watches or {}
    outage = archive_run.check.inconclusive
    full = _full_citations(parsed)
    entries = [
        replace(
            _entry(
                result, statuses.get(result.url), sources, run_date, texts.get(result.url), outage
            ),
            full_citation_in=full.get(result.url, ()),
        )
        for result in archive_run.check.results
    ]
    entries = [_watched(e, watches.get(e.url)) for e in entries]
    entries.sort(key=_sort_key)
    return ChangeReport(
        title=title,
        run_date=run_date,
        inconclusive=archive_run.check.inconclusive,
        entries=tuple(entries),
        since=since,
        leftovers=archive_run.leftovers,
    )


def with_corrections(
    report: ChangeReport, corrected: Mapping[str, tuple[CorrectedNote, ...]]
) -> ChangeReport:
    """``report`` with each entry's notes as they read once fixed (``citecheck.fix`` makes
    them: it holds the rules for rewriting a citation in place)."""
    entries = tuple(replace(e, corrected=corrected.get(e.url, ())) for e in report.entries)
    return replace(report, entries=entries)


def _full_citations(parsed: ParsedDocument) -> dict[str, tuple[int, ...]]:
    """For each URL, the footnotes that cite it in full (the URL is written there)."""
    full: dict[str, list[int]] = {}
    for note in parsed.notes:
        for citation in note.citations:
            if citation.kind is CitationKind.FULL and citation.url:
                numbers = full.setdefault(citation.url, [])
                if note.number not in numbers:
                    numbers.append(note.number)
    return {url: tuple(numbers) for url, numbers in full.items()}


def categorise(
    result: LinkResult, status: SourceStatus | None, *, outage: bool = False
) -> Category:
    """A live source whose text drifted since it was cited needs an editor as much as a dead one.

    In an outage (``outage``: no host answered) an error says nothing about the source: it is
    left unchecked rather than handed to an editor to verify 200 links by hand.
    """
    if outage and result.verdict is Verdict.ERROR:
        return Category.UNCHECKED
    if result.verdict is Verdict.ALIVE and status and status.content is ContentStatus.CHANGED:
        return Category.CHANGED
    return _VERDICT_CATEGORY[result.verdict]


def _entry(
    result: LinkResult,
    status: SourceStatus | None,
    sources: Mapping[str, Source],
    run_date: dt.date,
    texts: SourceTexts | None,
    outage: bool,
) -> Entry:
    cited = [sources[sid] for sid in result.sources if sid in sources]
    category = categorise(result, status, outage=outage)
    archive_date = timestamp_date(status.archive_timestamp or "") if status else None
    last_visited = min((s.last_visited for s in cited if s.last_visited), default=None)
    baseline = (
        BaselineDate.visited(last_visited)
        if last_visited
        else preferred_baseline(s.inferred for s in cited)
    )
    return Entry(
        result=result,
        status=status,
        category=category,
        titles=tuple(dict.fromkeys(s.title for s in cited if s.title)),
        sidebars=tuple(sorted({i for s in cited for i in s.sidebars})),
        last_visited=last_visited,
        evidence=_evidence(result, status, archive_date, baseline),
        fix=propose_fix(category, result, status, last_visited, archive_date, run_date),
        texts=texts,
        baseline=baseline,
    )


def _watched(entry: Entry, watch: Watch | None) -> Entry:
    """Add what past runs say: a first failure is told from confirmed rot, a typo from rot."""
    if watch is None:
        return entry
    lines = list(entry.evidence)
    if entry.verdict is not Verdict.ALIVE or watch.rot != "healthy":
        lines.append(f"{watch.rot.replace('-', ' ')}: {watch.rot_detail}")
    fix = entry.fix
    if watch.citation_error:
        lines.append(f"likely citation error: {watch.citation_error_detail}")
        # No archive copy will help a URL that never worked: the citation itself needs fixing.
        fix = Fix(FixAction.NONE, "likely mistyped when the report was written: correct the URL")
    return replace(entry, watch=watch, evidence=tuple(lines), fix=fix)


def _evidence(
    result: LinkResult,
    status: SourceStatus | None,
    archive_date: dt.date | None,
    baseline: BaselineDate | None,
) -> tuple[str, ...]:
    lines = [result.reason] if result.reason else []
    if len(result.redirects) > 1:  # a single hop is already named in the reason
        chain = " → ".join(f"{hop.url} ({hop.status_code})" for hop in result.redirects)
        lines.append(f"redirects: {chain} → {result.final_url or '?'}")
    if status is not None:
        inferred = baseline if baseline and baseline.source is not DateSource.VISITED else None
        lines.extend(_inferred_evidence(status, inferred, archive_date))
    return tuple(lines)


_INFERRED_FROM = {
    DateSource.PUBLISHED: "the cited work's publication date",
    DateSource.DOCUMENT: "the document's publication date",
}


def _inferred_evidence(
    status: SourceStatus, baseline: BaselineDate | None, archive_date: dt.date | None
) -> list[str]:
    """The drift evidence; for a source cited without a visit date, first the day its copy
    was looked for near, and where that day comes from."""
    drift = _drift_evidence(status, archive_date)
    if baseline is None or status.content not in _COMPARED:
        return drift
    near = f"{_INFERRED_FROM[baseline.source]} ({format_written(baseline.written)})"
    if status.content is ContentStatus.NO_BASELINE:
        return [f"no visit date, and no archived copy near {near}"]
    return [f"no visit date; compared with the copy nearest {near}", *drift]


def _drift_evidence(status: SourceStatus, archive_date: dt.date | None) -> list[str]:
    when = f"the capture of {format_date(archive_date)}" if archive_date else "the cited copy"
    similarity = f" (similarity {status.similarity:.2f})" if status.similarity is not None else ""
    if status.content is ContentStatus.CHANGED:
        summary = f": {status.summary}" if status.summary else ""
        return [f"text changed since {when}{similarity}{summary}"]
    if status.content is ContentStatus.UNCHANGED:
        return [f"text unchanged since {when}{similarity}"]
    if status.content is ContentStatus.NO_BASELINE:
        return ["no archived copy near the visit date"]
    if status.archive_url:
        by = f" ({status.archive_name})" if status.archive_name else ""
        return [f"archived copy{by}: {status.archive_url}"]
    return ["no archived copy"]


def _sort_key(entry: Entry) -> tuple[int, int, int, str]:
    first_note = min(entry.notes, default=1_000_000)
    first_sidebar = min(entry.sidebars, default=1_000_000)
    return (_ORDER[entry.category], first_note, first_sidebar, entry.url)
