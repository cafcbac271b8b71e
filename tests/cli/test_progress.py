"""How progress is rendered: a line every few seconds in a log, every step with --verbose,
waits said at once, nothing with --quiet, a live bar on a terminal."""

from __future__ import annotations

import io

from citecheck.console import Mode, Reporter, choose_mode
from citecheck.progress import Step


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def _feed(reporter: Reporter, clock: Clock, steps: list[tuple[float, Step]]) -> None:
    for at, step in steps:
        clock.now = at
        reporter(step)


RUN = [
    (0.5, Step("check", 1, 208)),
    (3.0, Step("check", 90, 208)),
    (6.0, Step("check", 120, 208)),
    (7.0, Step("check", 208, 208)),
    (8.0, Step("archive", 1, 208)),
    (9.0, Step("archive", 1, 208, "waiting 60 s for web.archive.org (rate limit)")),
    (69.0, Step("archive", 2, 208)),
    (70.0, Step("archive", 208, 208)),
]


def test_a_log_gets_a_line_every_few_seconds_and_each_wait_at_once() -> None:
    out, clock = io.StringIO(), Clock()
    reporter = Reporter(out, Mode.LINES, every=5.0, clock=clock)
    _feed(reporter, clock, RUN)
    assert out.getvalue().splitlines() == [
        "check 120/208",
        "check 208/208",  # the end of a stage it reported on
        "archive 1/208 · waiting 60 s for web.archive.org (rate limit)",
        "archive 2/208",
        "archive 208/208",
    ]
    assert reporter.last == Step("archive", 208, 208)


def test_a_short_run_prints_no_progress_in_a_log() -> None:
    out, clock = io.StringIO(), Clock()
    reporter = Reporter(out, Mode.LINES, every=5.0, clock=clock)
    _feed(reporter, clock, [(0.1, Step("check", 1, 2)), (0.2, Step("check", 2, 2))])
    assert out.getvalue() == ""


def test_verbose_prints_every_step_and_quiet_none() -> None:
    out, clock = io.StringIO(), Clock()
    _feed(Reporter(out, Mode.EVERY, clock=clock), clock, RUN)
    assert len(out.getvalue().splitlines()) == len(RUN)
    quiet = io.StringIO()
    _feed(Reporter(quiet, Mode.OFF, clock=clock), clock, RUN)
    assert quiet.getvalue() == ""


def test_a_terminal_gets_a_bar_that_is_gone_at_the_end() -> None:
    out, clock = io.StringIO(), Clock()
    reporter = Reporter(out, Mode.BAR, clock=clock)
    _feed(reporter, clock, RUN[:3])
    reporter.close()
    assert "check" in out.getvalue()


def test_the_mode_follows_the_terminal_and_the_flags() -> None:
    assert choose_mode(terminal=True, quiet=False, verbose=False) is Mode.BAR
    assert choose_mode(terminal=False, quiet=False, verbose=False) is Mode.LINES
    assert choose_mode(terminal=False, quiet=False, verbose=True) is Mode.EVERY
    assert choose_mode(terminal=True, quiet=True, verbose=True) is Mode.OFF
