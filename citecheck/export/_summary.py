"""The human summary printed by ``citecheck parse``."""

from __future__ import annotations

from collections import Counter

from citecheck.model import CitationKind, Finding, ParsedDocument


def to_summary(document: ParsedDocument) -> str:
    citations = [c for n in document.notes for c in n.citations]
    citations += [c for s in document.sidebars for c in s.citations]
    kinds = Counter(c.kind for c in citations)
    urls = {s.url for s in document.sources if s.url}
    lines = [
        f"notes      {len(document.notes)}",
        f"sidebars   {len(document.sidebars)}",
        f"citations  {len(citations)} ({kinds[CitationKind.FULL]} full, "
        f"{kinds[CitationKind.ID]} Id., {kinds[CitationKind.SUPRA]} supra)",
        f"sources    {len(document.sources)} ({len(urls)} distinct URLs)",
        f"warnings   {len(document.findings)}",
    ]
    lines += [_warning_line(f) for f in document.findings]
    return "\n".join(lines) + "\n"


def _warning_line(finding: Finding) -> str:
    if finding.note is not None:
        where = f"note {finding.note}"
    elif finding.sidebar is not None:
        where = f"box {finding.sidebar}"
    else:
        where = "document"
    return f"  {where:>9}  {finding.code:<20} {finding.message}"
