"""Progress on stderr: a live bar on a terminal, a line every few seconds in CI, or nothing.

A stage reports ``Step`` values (``citecheck.progress``); ``Reporter`` renders them and keeps
the last one, so an interrupted run can say how far it got. rich is imported for the bar only:
logs and pipes never load it.
"""

from __future__ import annotations

import enum
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, TextIO

from citecheck.progress import Step

if TYPE_CHECKING:
    from rich.progress import Progress as Bar
    from rich.progress import TaskID

# A CI log gets a line this often, and the end of each stage it reported on: a 10-minute run
# is not silent, and a run of a few seconds leaves only its summary.
LINE_EVERY = 5.0


class Mode(enum.Enum):
    BAR = "bar"  # a terminal: one live line per stage, gone when the stage ends
    LINES = "lines"  # a log: ``check 120/208`` every few seconds
    EVERY = "every"  # --verbose without a terminal: every step
    OFF = "off"  # --quiet


class Reporter:
    """A ``citecheck.progress.Progress`` that renders on ``stream`` in ``mode``."""

    def __init__(
        self,
        stream: TextIO,
        mode: Mode,
        *,
        every: float = LINE_EVERY,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.mode = mode
        self.last: Step | None = None
        self._stream = stream
        self._every = every
        self._clock = clock
        self._printed: tuple[Step, float] = (Step("", 0, None), clock())  # the last line
        self._bar: Bar | None = None
        self._tasks: dict[str, TaskID] = {}

    def __call__(self, step: Step) -> None:
        self.last = step
        if self.mode is Mode.BAR:
            self._draw(step)
        elif self.mode is not Mode.OFF and self._due(step):
            self._stream.write(f"{step}\n")
            self._stream.flush()
            self._printed = (step, self._clock())

    def close(self) -> None:
        """Take the bar off the terminal (before the summary is printed)."""
        if self._bar is not None:
            self._bar.stop()
            self._bar = None

    def _due(self, step: Step) -> bool:
        if self.mode is Mode.EVERY:
            return True
        last, at = self._printed
        finished = step.total is not None and step.done >= step.total
        news = bool(step.note) and step.note != last.note  # a wait starts: say it at once
        return (finished and last.stage == step.stage) or news or self._clock() - at >= self._every

    def _draw(self, step: Step) -> None:
        if self._bar is None:
            self._bar = _bar(self._stream)
            self._bar.start()
        task = self._tasks.get(step.stage)
        if task is None:
            task = self._bar.add_task(step.stage, total=step.total, note="")
            self._tasks[step.stage] = task
        note = f"· {step.note}" if step.note else ""
        self._bar.update(task, completed=step.done, total=step.total, note=note)


def _bar(stream: TextIO) -> Bar:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn
    from rich.progress import Progress as Bar

    return Bar(
        TextColumn("{task.description:>8}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.fields[note]}"),
        console=Console(file=stream, force_terminal=True),
        transient=True,
    )


def choose_mode(*, terminal: bool, quiet: bool, verbose: bool) -> Mode:
    if quiet:
        return Mode.OFF
    if terminal:
        return Mode.BAR
    return Mode.EVERY if verbose else Mode.LINES
