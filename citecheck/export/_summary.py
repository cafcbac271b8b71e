"""The human summary printed by ``citecheck parse``."""

from __future__ import annotations

from collections import Counter

from citecheck.model import CitationKind, Finding, ParsedReport


def to_summary(report: ParsedReport) -> str:
    citations = [c for n in report.notes for c in n.citations]
    citations += [c for s in report.sidebars for c in s.citations]
    kinds = Counter(c.kind for c in citations)
    urls = {s.url for s in report.sources if s.url}
    lines = [
        f"notes      {len(report.notes)}",
        f"sidebars   {len(report.sidebars)}",
        f"citations  {len(citations)} ({kinds[CitationKind.FULL]} full, "
        f"{kinds[CitationKind.ID]} Id., {kinds[CitationKind.SUPRA]} supra)",
        f"sources    {len(report.sources)} ({len(urls)} distinct URLs)",
        f"warnings   {len(report.findings)}",
    ]
    lines += [_warning_line(f) for f in report.findings]
    return "\n".join(lines) + "\n"


def _warning_line(finding: Finding) -> str:
    if finding.note is not None:
        where = f"note {finding.note}"
    elif finding.sidebar is not None:
        where = f"box {finding.sidebar}"
    else:
        where = "document"
    return f"  {where:>9}  {finding.code:<20} {finding.message}"
