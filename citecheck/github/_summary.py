"""Fitting Markdown into GitHub's limits: a job summary (1 MiB per step) and a pull-request
body (65,536 characters), cut at a line with a note and a link to the full report."""

from __future__ import annotations

STEP_SUMMARY_LIMIT = 1024 * 1024  # bytes: GitHub refuses a step's summary above this
PR_BODY_LIMIT = 65_536  # characters
# Room kept for the footer with the report's link (and a workflow's own lines).
PR_BODY_BUDGET = PR_BODY_LIMIT - 2_000
_NOTE_ROOM = 400


def fit(markdown: str, budget: int, where: str, *, measure: str = "chars") -> str:
    """``markdown`` if it fits ``budget``; else its first whole lines and a truncation note.

    ``measure`` is ``chars`` (pull-request bodies) or ``bytes`` (UTF-8, job summaries).
    """
    if _size(markdown, measure) <= budget:
        return markdown
    kept: list[str] = []
    used = _NOTE_ROOM
    for line in markdown.splitlines(keepends=True):
        used += _size(line, measure)
        if used > budget:
            break
        kept.append(line)
    note = f"\n\n> **Truncated** to fit GitHub's limit: {where}.\n"
    return "".join(kept).rstrip("\n") + note


def footer(artifact_url: str, artifact: str, run_url: str) -> str:
    """The link to the full report: the uploaded artifact, else the workflow run that made it."""
    if artifact_url:
        return (
            f"\n---\n\nFull report (HTML, JSON, CSV, SARIF): [{artifact}]({artifact_url}) "
            f"from [this workflow run]({run_url}).\n"
        )
    return f"\n---\n\nFull report: the `{artifact}` artifact of [this workflow run]({run_url}).\n"


def _size(text: str, measure: str) -> int:
    return len(text.encode("utf-8")) if measure == "bytes" else len(text)
