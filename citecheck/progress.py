"""How a long stage says how far it got: ``Step`` values, rendered by whoever runs the stage.

Every stage that takes time (read a long PDF, check, archive) accepts a ``progress`` callable and
calls it with a ``Step`` now and then; the library never prints. The command line turns steps
into a live bar on a terminal and into a line every few seconds in CI logs::

    check 120/208
    archive 40/208 · waiting for web.archive.org (rate limit)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Step:
    """``done`` of ``total`` items of ``stage`` are finished (``total`` None: not known yet);
    ``note`` says what the stage is waiting for, when it waits."""

    stage: str
    done: int
    total: int | None
    note: str = ""

    def __str__(self) -> str:
        count = f"{self.done}/{self.total}" if self.total is not None else str(self.done)
        return f"{self.stage} {count}" + (f" · {self.note}" if self.note else "")


Progress = Callable[[Step], None]


def ignore(_step: Step) -> None:
    """The progress of a caller that does not watch."""
