"""What one command shows on stderr: its progress, its closing summary, the interrupt line."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import typer

from citecheck.console._progress import Reporter, choose_mode
from citecheck.console._summary import Tally, summary_lines
from citecheck.progress import Progress, Step


@dataclass
class Ui:
    """``--quiet`` and ``--verbose``, and what the running command has under way.

    ``store`` is the snapshot directory the command updates (None: it writes none), so that
    an interrupted run can say what it kept.
    """

    quiet: bool = False
    verbose: bool = False
    store: Path | None = None
    reporter: Reporter | None = field(default=None, repr=False)

    @contextlib.contextmanager
    def progress(self) -> Iterator[Progress]:
        """Render the stages' steps while the block runs; the bar is gone when it ends."""
        mode = choose_mode(terminal=sys.stderr.isatty(), quiet=self.quiet, verbose=self.verbose)
        self.reporter = Reporter(sys.stderr, mode)
        try:
            yield self.reporter
        finally:
            self.reporter.close()

    @staticmethod
    def read_progress(progress: Progress) -> Callable[[int, int], None]:
        """The read stage's ``(done, total)`` callback, as steps for ``progress``."""

        def report(done: int, total: int) -> None:
            progress(Step("read", done, total))

        return report

    def summary(self, tally: Tally, *, inconclusive: bool, files: Sequence[str] = ()) -> None:
        self.say(*summary_lines(tally, inconclusive=inconclusive, files=files))

    def say(self, *lines: str) -> None:
        """Lines for the person at the terminal (not with --quiet)."""
        if not self.quiet:
            for line in lines:
                typer.echo(line, err=True)

    def interrupted(self) -> str:
        """The line an interrupted command ends with: how far it got, what it kept."""
        step = self.reporter.last if self.reporter else None
        where = f" at {_counts(step)}" if step else ""
        if self.store is None:
            return f"interrupted{where}: nothing was written"
        if step is not None and step.stage == "archive":
            kept = (
                f"{step.done} of {step.total} snapshots updated in {self.store}, "
                "the others as they were; the next run does the rest"
            )
        else:
            kept = f"no snapshot in {self.store} was updated yet"
        return f"interrupted{where}: {kept}; no report was written"


def _counts(step: Step) -> str:
    return f"{step.stage} {step.done}/{step.total}" if step.total else step.stage
