"""One check run: distinct links, per-host workers, verdicts, and the outage decision.

Outage safety: a failure to resolve or connect says nothing about a source while no host at
all has answered. Such results are held back until some connection succeeds (then they are
honest evidence and released) or the run ends with none (then the network was unreachable:
they become ``error: network unreachable`` and the run is ``UNREACHABLE``).
"""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import islice
from typing import Protocol

import httpcore

from citecheck.check._classify import Decision, classify, network_unreachable
from citecheck.check._fetch import Fetcher
from citecheck.check._outcome import Trace
from citecheck.check._politeness import Politeness, Sleep
from citecheck.check._record import ProbeRecord
from citecheck.check._soft404 import Probes
from citecheck.check._urls import excluded_by, host_of, invalid_reason
from citecheck.config import Settings
from citecheck.model import (
    ANSWERED,
    CheckRun,
    Exchange,
    FailureKind,
    Link,
    LinkResult,
    Reachability,
    Verdict,
    distinct_links,
)
from citecheck.net import Pools, Resolver, SystemResolver
from citecheck.progress import Progress, Step, ignore

OnResult = Callable[[LinkResult], None]
# Failures that need no answering host: inconclusive while nothing has answered.
_SILENT_FAILURES = {FailureKind.NAME, FailureKind.DNS, FailureKind.REFUSED, FailureKind.TIMEOUT}
# After this many distinct hosts failed that way with nothing answering (not even one name
# resolved), the network is down: stop, rather than wait out every lookup (resolvers that
# cannot reach out stall for seconds).
OUTAGE_HOSTS = 20
# URLs taken from a feed between two turns of the event loop: reading a note costs ~0.1-0.3 ms,
# so answers wait a few milliseconds at most while the document is still being parsed.
_FEED_SLICE = 8


class LinkFeed(Protocol):
    """Links that arrive while the check runs (``citecheck.parse.Parsing`` is one): their URLs
    one by one as they are found, then every link with what cites it, in the result's order."""

    def urls(self) -> Iterator[str]: ...

    def links(self) -> Sequence[Link]: ...


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


async def acheck_links(
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
    probe_record: ProbeRecord | None = None,
) -> CheckRun:
    """Check every distinct URL in ``links``; see ``check_links``."""
    started = clock()
    pools = Pools(settings, resolver or SystemResolver(), network_backend)
    run = _Run(settings, pools, capture, sleep, on_result, progress)
    run.probes = Probes(run.fetcher.trace, probe_record, clock)
    try:
        if isinstance(links, Sequence):
            results = await run.check_all(distinct_links(links))
        else:
            results = await run.check_feed(links)
    finally:
        await run.probes.aclose()
        await run.pools.aclose()
    reachability = Reachability.UNREACHABLE if run.unreachable else Reachability.ONLINE
    return CheckRun(tuple(results), reachability, started, clock())


class _Run:
    def __init__(
        self,
        settings: Settings,
        pools: Pools,
        capture: bool,
        sleep: Sleep,
        on_result: OnResult | None,
        progress: Progress | None,
    ) -> None:
        self.settings = settings
        self.pools = pools
        politeness = Politeness(
            max_concurrency=settings.max_concurrency,
            per_host=settings.per_host,
            interval=settings.per_host_interval,
            sleep=sleep,
        )
        self.fetcher = Fetcher(settings, self.pools, politeness, sleep, capture=capture)
        self.probes = Probes(self.fetcher.trace)  # acheck_links gives it the record and clock
        self.capture = capture
        self.unreachable = False
        self._on_result = on_result or (lambda _result: None)
        self._progress = progress or ignore
        self._links: list[Link] = []
        self._results: list[LinkResult | None] = []
        self._index: dict[str, int] = {}
        self._queues: dict[str, deque[int]] = {}
        self._running: dict[str, int] = {}
        self._group: asyncio.TaskGroup | None = None
        self._held: list[int] = []
        # Until a feed's links are known, results lack their notes and sources: kept back.
        self._final = True
        self._unsent: list[int] = []
        self._done = 0
        self._silent_hosts: set[str] = set()
        self._probed_hosts: set[str] = set()
        self._workers: list[asyncio.Task[None]] = []
        self._stopped = False
        # Links in progress: those in flight plus up to half as many more, prepared and
        # connected, so that a freed global slot goes to a request that can be written at once
        # (benchmarks/RESULTS.md). Bounded, so that connections opened ahead stay few.
        self._room = asyncio.Semaphore(settings.max_concurrency + _lookahead(settings))

    async def check_all(self, links: list[Link]) -> list[LinkResult]:
        # Links are validated by their host's worker, just before they are fetched: done
        # here, for every link, it delayed the first request (~40 µs per link).
        async with asyncio.TaskGroup() as self._group:
            starts = [host for link in links if (host := self._add(link)) is not None]
            first = {host: n for n, host in reversed(list(enumerate(starts)))}
            await self._start(sorted(starts, key=first.__getitem__))  # a host's together
        return self._close(links)

    async def check_feed(self, feed: LinkFeed) -> list[LinkResult]:
        """Check each URL as the feed finds it; the results are those of ``feed.links()``."""
        self._final = False
        async with asyncio.TaskGroup() as self._group:
            urls = feed.urls()
            while batch := list(islice(urls, _FEED_SLICE)):  # the feed's work happens here
                added = (self._add(Link(url, (), (), None)) for url in batch)
                await self._start([host for host in added if host is not None])
                await asyncio.sleep(0)  # answers that came in meanwhile
            # The rest of the parse needs every note at once (~0.1 s for 2,000 notes): in a
            # thread, so that the loop keeps answering (it takes the GIL back within 5 ms).
            links = distinct_links(await asyncio.to_thread(feed.links))
            self._finalize(links)
        return self._close(links)

    def _add(self, link: Link) -> str | None:
        """Queue ``link`` on its host; the host, if it needs another worker for it."""
        if link.url in self._index:
            return None
        index = self._index[link.url] = len(self._links)
        self._links.append(link)
        self._results.append(None)
        host = host_of(link.url)
        queue = self._queues.setdefault(host, deque())
        queue.append(index)
        self.pools.keep(host, 1)
        running = self._running.get(host, 0)
        if self._stopped or running >= min(self.settings.per_host, len(queue)):
            return None
        self._running[host] = running + 1
        return host

    async def _start(self, hosts: Iterable[str]) -> None:
        for host in hosts:
            self._spawn(host)
            # A turn of the loop after each: the first requests go out while later links are
            # still being prepared. Started all at once, every worker ran before the first
            # connection could complete (the first request went out ~50 ms into the run
            # instead of ~20; benchmarks/RESULTS.md).
            await asyncio.sleep(0)

    def _spawn(self, host: str) -> None:
        """A worker for ``host`` (``_add`` counted it)."""
        assert self._group is not None
        worker = self._group.create_task(self._worker(host, self._queues[host]))
        self._workers.append(worker)

    def _finalize(self, links: list[Link]) -> None:
        """The feed's links are known: results get what cites them, and are sent on."""
        for link in links:
            index = self._index.get(link.url)
            if index is None:  # not among the URLs the feed gave: checked now
                host = self._add(link)
                if host is not None:
                    self._spawn(host)
                continue
            self._links[index] = link
            result = self._results[index]
            if result is not None:
                self._results[index] = dataclasses.replace(
                    result, notes=link.notes, sources=link.sources
                )
        self._final = True
        unsent, self._unsent = self._unsent, []
        for index in unsent:
            self._emit(index)

    def _close(self, links: list[Link]) -> list[LinkResult]:
        """The results of ``links``, in their order: those the run did not reach (it stopped
        for an outage) decided now, the held failures settled."""
        for link in links:
            index = self._index[link.url]
            if self._results[index] is None:
                early = _without_network(link, self.settings)
                if early is not None:
                    self._finish_offline(index, early)
                    continue
                self._finish(index, _not_checked(link), silent=True)
        self._settle_held()
        return [r for link in links if (r := self._results[self._index[link.url]]) is not None]

    async def _worker(self, host: str, queue: deque[int]) -> None:
        try:
            while queue and not self._stopped:
                async with self._room:
                    if queue:  # the host's other worker may have taken its last link meanwhile
                        index = queue.popleft()
                        await self._link(host, index, self._links[index])
        finally:
            self._running[host] -= 1

    async def _link(self, host: str, index: int, link: Link) -> None:
        early = _without_network(link, self.settings)
        if early is not None:
            await self.pools.release_host(host)
            self._finish_offline(index, early)
            return
        if self.settings.soft404_probe and host not in self._probed_hosts:
            # Sent now, alongside the host's first request, rather than after its answer: a
            # host with one link would otherwise take two rounds.
            self._probed_hosts.add(host)
            self.probes.start(link.url)
        try:
            trace, decision = await self._check(link.url)
        finally:
            await self.pools.release_host(host)
        # What cites the link may have become known meanwhile (a feed's links): the latest.
        result = _result(self._links[index], trace, decision, self.capture)
        silent = trace.failure is not None and trace.failure.kind in _SILENT_FAILURES
        self._finish(index, result, silent=silent)
        if silent:
            self._note_silent(host)

    def _note_silent(self, host: str) -> None:
        self._silent_hosts.add(host)
        if len(self._silent_hosts) >= OUTAGE_HOSTS and not self.pools.answered:
            self._stopped = True
            current = asyncio.current_task()
            for task in self._workers:
                if task is not current:
                    task.cancel()
            self._workers = [t for t in self._workers if t is current]

    async def _check(self, url: str) -> tuple[Trace, Decision]:
        trace = await self.fetcher.trace(url)
        decision = classify(trace)
        wants_probe = decision[0] in ANSWERED and trace.page is not None
        if wants_probe and self.settings.soft404_probe and trace.final_url is not None:
            probe = await self.probes.fingerprint_for(url, trace)
            decision = classify(trace, probe)
        self.probes.answered(url, trace)
        return trace, decision

    def _finish(self, index: int, result: LinkResult, *, silent: bool) -> None:
        self._record(index, result)
        if silent and self.pools.connections == 0:
            self._held.append(index)  # no host has answered yet: not evidence, wait
            return
        self._release_held()
        self._emit(index)

    def _finish_offline(self, index: int, result: LinkResult) -> None:
        """An invalid or excluded link: decided without the network, so it proves nothing
        about the network either (held failures stay held)."""
        self._record(index, result)
        self._emit(index)

    def _record(self, index: int, result: LinkResult) -> None:
        self._done += 1
        self._progress(Step("check", self._done, len(self._results)))
        self._results[index] = result

    def _release_held(self) -> None:
        held, self._held = self._held, []
        for index in held:
            self._emit(index)

    def _settle_held(self) -> None:
        if self.pools.connections == 0 and self._held:
            self.unreachable = True
            verdict, reason = network_unreachable()
            for index in self._held:
                result = self._results[index]
                assert result is not None
                self._results[index] = dataclasses.replace(result, verdict=verdict, reason=reason)
        self._release_held()

    def _emit(self, index: int) -> None:
        if not self._final:
            self._unsent.append(index)
            return
        result = self._results[index]
        assert result is not None
        self._on_result(result)
        if result.exchange is not None:
            # The consumer has the body now; the run keeps only the verdict (flat memory).
            self._results[index] = dataclasses.replace(result, exchange=None)


def _lookahead(settings: Settings) -> int:
    """How many links may wait, ready, for a global slot (half the slots: a quarter or all of
    them measured no better)."""
    return max(1, settings.max_concurrency // 2)


def _not_checked(link: Link) -> LinkResult:
    return LinkResult(
        link.url, Verdict.ERROR, "not checked", notes=link.notes, sources=link.sources
    )


def _without_network(link: Link, settings: Settings) -> LinkResult | None:
    """The verdict for a link that must not be fetched at all (invalid or excluded)."""
    problem = invalid_reason(link.url)
    if problem is not None:
        return LinkResult(
            link.url, Verdict.INVALID, problem, notes=link.notes, sources=link.sources
        )
    pattern = excluded_by(link.url, settings.exclude)
    if pattern is not None:
        return LinkResult(
            link.url,
            Verdict.SKIPPED,
            f"excluded by pattern {pattern!r}",
            notes=link.notes,
            sources=link.sources,
        )
    return None


def _result(link: Link, trace: Trace, decision: Decision, capture: bool) -> LinkResult:
    response = trace.response
    # A run keeps every result: the strings most results repeat ("200 OK", "text/html", the
    # URL itself as the final URL) are kept once, not once a result (~0.2 KB each).
    final_url = link.url if trace.final_url == link.url else trace.final_url
    content_type = response.content_type if response is not None else None
    return LinkResult(
        url=link.url,
        verdict=decision[0],
        reason=sys.intern(decision[1]),
        status_code=response.status if response is not None else None,
        final_url=final_url,
        redirects=trace.hops,
        notes=link.notes,
        sources=link.sources,
        content_type=sys.intern(content_type) if content_type else None,
        attempts=trace.attempts,
        exchange=_exchange(trace) if capture else None,
        failure=trace.failure.kind if trace.failure is not None else None,
    )


def _exchange(trace: Trace) -> Exchange | None:
    response = trace.response
    if response is None or response.method != "GET":
        return None
    return Exchange(
        method=response.method,
        url=response.url,
        request_headers=response.request_headers,
        status_code=response.status,
        reason_phrase=response.reason,
        http_version=response.http_version,
        response_headers=response.headers,
        body=response.body,
        truncated=response.truncated,
        peer_address=response.peer,
    )
