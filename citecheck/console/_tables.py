"""The tables ``check`` and ``archive`` print: the links to look at, and how their text drifted.

rich is imported when a table is printed: a run with nothing to show never loads it.
"""

from __future__ import annotations

from citecheck.model import ArchiveRun, CheckRun, ContentStatus, Verdict


def print_check_table(run: CheckRun, *, everything: bool = False) -> None:
    """Every link that is not alive (``everything``: every link), with its reason.

    In an outage every link has the same non-verdict: the summary says it once instead.
    """
    shown = [r for r in run.results if everything or r.verdict is not Verdict.ALIVE]
    if run.inconclusive or not shown:
        return
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    table = Table(title="Links to look at")
    table.add_column("verdict", no_wrap=True)
    table.add_column("url", overflow="fold")  # a URL cut short is no use: wrap it whole
    table.add_column("reason", overflow="fold")
    table.add_column("notes")
    for result in shown:
        notes = ", ".join(str(n) for n in result.notes)
        table.add_row(result.verdict.value, escape(result.url), escape(result.reason), notes)
    Console(highlight=False).print(table)


def print_drift_table(done: ArchiveRun) -> None:
    """Sources whose text changed since it was cited, or that have nothing to compare with."""
    notable = [
        s for s in done.statuses if s.content in (ContentStatus.CHANGED, ContentStatus.NO_BASELINE)
    ]
    if done.check.inconclusive or not notable:
        return
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    from citecheck.report import content_words

    table = Table(title="Changed since cited")
    table.add_column("url", overflow="fold")
    table.add_column("similarity", no_wrap=True)
    table.add_column("what changed", overflow="fold")
    for status in notable:
        score = "" if status.similarity is None else f"{status.similarity:.2f}"
        what = status.summary or content_words(status.content)
        table.add_row(escape(status.url), score, escape(what))
    Console(highlight=False).print(table)
