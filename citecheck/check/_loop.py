"""``check_links``: the check run on an event loop of its own, for callers outside one."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Callable, Coroutine, Sequence
from typing import Any

import httpcore

from citecheck.check._politeness import Sleep
from citecheck.check._record import ProbeRecord
from citecheck.check._run import LinkFeed, OnResult, acheck_links, utc_now
from citecheck.config import Settings
from citecheck.model import CheckRun, Link
from citecheck.net import Resolver
from citecheck.progress import Progress

try:  # imported with the package, not on the first check: the import takes ~20 ms
    import uvloop
except ImportError:  # uvloop does not exist for Windows
    uvloop = None  # type: ignore[assignment]


def check_links(
    links: Sequence[Link] | LinkFeed,
    settings: Settings,
    *,
    resolver: Resolver | None = None,
    capture: bool = False,
    on_result: OnResult | None = None,
    progress: Progress | None = None,
    clock: Callable[[], dt.datetime] = utc_now,
    sleep: Sleep = asyncio.sleep,
    network_backend: httpcore.AsyncNetworkBackend | None = None,
    loop_factory: Callable[[], asyncio.AbstractEventLoop] | None = None,
    probe_record: ProbeRecord | None = None,
) -> CheckRun:
    """Check ``links`` (runs its own event loop; use ``acheck_links`` inside one).

    ``links`` may be a ``LinkFeed`` (``citecheck.parse.Parsing``): each URL is checked as soon
    as the feed finds it, and the results are those of ``feed.links()``, in its order; none is
    handed to ``on_result`` before those are known."""
    loop_factory = loop_factory or event_loop
    runs: list[CheckRun] = []
    with asyncio.Runner(loop_factory=loop_factory) as runner:
        runner.run(
            _into(
                runs,
                acheck_links(
                    links,
                    settings,
                    resolver=resolver,
                    capture=capture,
                    on_result=on_result,
                    progress=progress,
                    clock=clock,
                    sleep=sleep,
                    network_backend=network_backend,
                    probe_record=probe_record,
                ),
            )
        )
    return runs[0]


def event_loop() -> asyncio.AbstractEventLoop:
    """uvloop's event loop where it is installed (not on Windows), else asyncio's own.

    With thousands of requests in flight a check run is CPU-bound in the event loop; uvloop's
    C loop took 5-9% off the benchmark's wall time (benchmarks/RESULTS.md)."""
    return uvloop.new_event_loop() if uvloop is not None else asyncio.new_event_loop()


async def _into(runs: list[CheckRun], check: Coroutine[Any, Any, CheckRun]) -> None:
    # The main task must not hold the run: when asyncio.run restores the SIGINT handler,
    # Python formats the handler's repr, main task and result included - every LinkResult.
    runs.append(await check)
