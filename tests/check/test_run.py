"""Run-level behaviour: politeness (from the server's log), outage safety, progress, dedup, JSON."""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
import json
import socket
from typing import Any

import pytest

from citecheck.check import (
    Resolver,
    StaticResolver,
    acheck_links,
    check_links,
    link_to_dict,
    run_to_dict,
)
from citecheck.check._politeness import Politeness
from citecheck.check._run import OUTAGE_HOSTS
from citecheck.config import Settings
from citecheck.model import FailureKind, Link, LinkResult, Reachability, Verdict
from citecheck.net._stream import AsyncioBackend
from citecheck.progress import Step
from tests.check.conftest import FAST, Checker
from tests.support.simweb import Reply, SimRequest, SimWeb, html

PAGE = html("<h1>Study</h1>" + "a real page about the cited study " * 30, title="Study")


def _max_in_flight(requests: list[SimRequest]) -> int:
    events = sorted([(r.at, 1) for r in requests] + [(r.finished or r.at, -1) for r in requests])
    peak = current = 0
    for _, step in events:
        current += step
        peak = max(peak, current)
    return peak


# ------------------------------------------------------------------------------- politeness


def test_never_more_than_per_host_in_flight(checker: Checker) -> None:
    slow = Reply(200, (("Content-Type", "application/pdf"),), b"%PDF", delay=0.05)
    checker.web.fallback("example.org", slow)
    checker.web.fallback("www.example.org", slow)
    urls = [f"http://example.org/doc{i}.pdf" for i in range(12)]
    urls += [f"http://www.example.org/doc{i}.pdf" for i in range(12)]
    run = checker.run(*urls, per_host=2, max_concurrency=16)
    assert all(r.verdict is Verdict.ALIVE for r in run.results)
    assert _max_in_flight(checker.web.requests_for("example.org")) == 2
    assert _max_in_flight(checker.web.requests_for("www.example.org")) == 2
    assert _max_in_flight(checker.web.requests) > 2  # hosts are checked in parallel


def test_global_limit_caps_all_hosts(checker: Checker) -> None:
    slow = Reply(200, (("Content-Type", "application/pdf"),), b"%PDF", delay=0.05)
    hosts = [f"h{i}.test" for i in range(8)]
    for host in hosts:
        checker.web.fallback(host, slow)
    checker.run(*[f"http://{h}/doc.pdf" for h in hosts], max_concurrency=3)
    assert _max_in_flight(checker.web.requests) == 3


class ConnectLog(AsyncioBackend):
    """Connects for real and logs when each connection was asked for and when it was made;
    the first connection of the run takes ``first_delay`` seconds longer."""

    def __init__(self, first_delay: float = 0.0) -> None:
        self.first_delay = first_delay
        self.events: list[str] = []

    @property
    def asked(self) -> int:
        return self.events.count("asked")

    async def connect_tcp(self, host: str, port: int, *args: Any, **kwargs: Any) -> Any:
        self.events.append("asked")
        if self.asked == 1:
            await asyncio.sleep(self.first_delay)
        stream = await super().connect_tcp(host, port, *args, **kwargs)
        self.events.append("made")
        return stream


def test_connecting_does_not_hold_a_global_slot(checker: Checker) -> None:
    """With one global slot, a host that is slow to connect does not keep the other waiting:
    its connection is readied before the request takes the slot."""
    checker.web.fallback("slow.test", PAGE)
    checker.web.fallback("fast.test", PAGE)
    backend = ConnectLog(first_delay=0.5)
    checker.run(
        "http://slow.test/a",
        "http://fast.test/b",
        max_concurrency=1,
        soft404_probe=False,
        network_backend=backend,
    )
    assert [r.host for r in checker.web.requests] == ["fast.test", "slow.test"]


def test_links_in_progress_are_bounded(checker: Checker) -> None:
    """Not every host's link is prepared (and connected) at once: at most the global limit
    plus half of it, so preparing links ahead never delays the requests that can start."""
    slow = Reply(200, (("Content-Type", "application/pdf"),), b"%PDF", delay=0.1)
    hosts = [f"h{i}.test" for i in range(12)]
    for host in hosts:
        checker.web.fallback(host, slow)
    backend = ConnectLog()
    asked_before_first_result: list[int] = []
    checker.run(
        *[f"http://{h}/doc.pdf" for h in hosts],
        max_concurrency=4,
        soft404_probe=False,  # the probes' connections are not links in progress
        network_backend=backend,
        progress=lambda _step: asked_before_first_result.append(backend.asked),
    )
    assert asked_before_first_result[0] == 4 + 2
    assert backend.asked == 12


def test_first_connections_are_made_while_later_links_are_prepared(checker: Checker) -> None:
    """Workers start one at a time with a turn of the loop in between: started all at once,
    every link was prepared (and its connection asked for) before any connection could be
    made, which delayed the first requests."""
    hosts = [f"h{i}.test" for i in range(30)]
    for host in hosts:
        checker.web.fallback(host, PAGE)
    backend = ConnectLog()
    checker.run(*[f"http://{h}/a" for h in hosts], soft404_probe=False, network_backend=backend)
    last_asked = len(backend.events) - 1 - backend.events[::-1].index("asked")
    assert backend.events.index("made") < last_asked


def test_interval_between_request_starts_on_a_host(checker: Checker) -> None:
    checker.web.fallback("example.org", Reply(200, (("Content-Type", "text/plain"),), b"x"))
    urls = [f"http://example.org/{i}" for i in range(4)]
    # The sleep is fake, so a long interval costs nothing: each later start waits its turn.
    checker.run(*urls, per_host=2, per_host_interval=5.0, soft404_probe=False)
    assert len(checker.sleeps) == 3
    assert sorted(checker.sleeps)[-1] > 10.0  # the fourth start is reserved 15 s after the first


def test_politeness_reserves_start_times() -> None:
    waits: list[float] = []

    async def fake_sleep(seconds: float) -> None:
        waits.append(seconds)

    async def four_requests() -> None:
        polite = Politeness(max_concurrency=8, per_host=4, interval=0.5, sleep=fake_sleep)

        async def one() -> None:
            async with polite.host("example.org") as slot, slot.start():
                pass

        await asyncio.gather(*(one() for _ in range(4)))

    asyncio.run(four_requests())
    assert sorted(waits) == pytest.approx([0.5, 1.0, 1.5], abs=0.05)


# ------------------------------------------------------------------------------ outage


class NoNetwork:
    """Every lookup fails the way it does on a machine without internet."""

    def __init__(self) -> None:
        self.lookups = 0

    async def resolve(self, host: str, port: int) -> list[tuple[str, int]]:
        self.lookups += 1
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")


def _links(*urls: str) -> list[Link]:
    return [Link(url, (n,), (), None) for n, url in enumerate(urls, 1)]


def test_outage_is_inconclusive_never_gone() -> None:
    emitted: list[str] = []
    run = check_links(
        _links("https://www.unodc.org/a", "http://www.ilo.org/b", "mailto:x@example.org"),
        FAST,
        resolver=NoNetwork(),
        on_result=lambda r: emitted.append(r.verdict.value),
    )
    assert run.reachability is Reachability.UNREACHABLE and run.inconclusive
    verdicts = [(r.verdict, r.reason) for r in run.results]
    unreachable = (Verdict.ERROR, "network unreachable: no host answered during this run")
    assert verdicts[:2] == [unreachable, unreachable]
    assert verdicts[2][0] is Verdict.INVALID
    assert sorted(emitted) == ["error", "error", "invalid"]  # never "gone", even on the way


def test_outage_stops_early_on_many_hosts() -> None:
    resolver = NoNetwork()
    urls = [f"https://site{i}.example/paper" for i in range(300)]
    settings = dataclasses.replace(FAST, max_concurrency=32)
    run = check_links(_links(*urls), settings, resolver=resolver)
    assert run.inconclusive
    assert {r.verdict for r in run.results} == {Verdict.ERROR}
    # At most the requests already in flight when the 20th host failed went on to look up.
    assert OUTAGE_HOSTS <= resolver.lookups <= OUTAGE_HOSTS + 32


def test_invalid_links_stay_invalid_and_prove_nothing_in_an_outage() -> None:
    """Each host's worker validates its links as it reaches them: an invalid link found
    between two failed lookups must not release those failures as evidence, and invalid links
    the run never reached (it stopped early) are still reported invalid, not "not checked"."""
    urls: list[str] = []
    for i in range(60):
        urls += [f"https://site{i}.example/paper", f"https://site{i}.example/a b"]
    emitted: list[Verdict] = []
    run = check_links(
        _links(*urls),
        dataclasses.replace(FAST, max_concurrency=8, per_host=1),
        resolver=NoNetwork(),
        on_result=lambda r: emitted.append(r.verdict),
    )
    assert run.inconclusive
    assert Verdict.GONE not in emitted
    assert {r.verdict for r in run.results[1::2]} == {Verdict.INVALID}
    assert {r.verdict for r in run.results[::2]} == {Verdict.ERROR}


def test_partial_outage_is_not_an_outage(simweb: SimWeb) -> None:
    """DNS fails for most hosts but one answers: the failures are evidence again."""
    simweb.route("alive.test", "/a", PAGE)
    resolver: Resolver = StaticResolver({("alive.test", 80): ("127.0.0.1", simweb.http_port)})
    urls = ["http://alive.test/a"] + [f"http://dead{i}.test/x" for i in range(30)]
    run = check_links(_links(*urls), FAST, resolver=resolver)
    assert run.reachability is Reachability.ONLINE
    assert run.results[0].verdict is Verdict.ALIVE
    assert {r.verdict for r in run.results[1:]} == {Verdict.GONE}


def test_nothing_to_check_is_online() -> None:
    run = check_links(_links("mailto:a@b.org"), FAST, resolver=NoNetwork())
    assert run.reachability is Reachability.ONLINE


# ------------------------------------------------------------------------ run bookkeeping


def test_each_distinct_url_is_checked_once_with_all_its_notes(checker: Checker) -> None:
    checker.web.route("example.org", "/p", PAGE)
    links = [
        Link("http://example.org/p", (3,), ("b",), None),
        Link("http://example.org/p", (1, 7), ("a",), None),
    ]
    progress: list[Step] = []
    run = check_links(
        links, checker.settings, resolver=checker.web.resolver(), progress=progress.append
    )
    assert len(run.results) == 1
    assert run.results[0].notes == (1, 3, 7) and run.results[0].sources == ("a", "b")
    assert len(checker.web.requests_for("example.org", "/p")) == 1
    assert progress == [Step("check", 1, 1)]


def test_results_keep_input_order_and_clock_is_injected(checker: Checker) -> None:
    checker.web.fallback("example.org", Reply(404))
    urls = [f"http://example.org/{i}" for i in range(6)]
    moments = iter([dt.datetime(2026, 1, 1, tzinfo=dt.UTC), dt.datetime(2026, 1, 2, tzinfo=dt.UTC)])
    run = check_links(
        _links(*urls),
        checker.settings,
        resolver=checker.web.resolver(),
        clock=lambda: next(moments),
    )
    assert [r.url for r in run.results] == urls
    assert run.started_at.day == 1 and run.finished_at.day == 2


# ---------------------------------------------------------------------------- JSON contract


def test_failure_kinds_keep_their_words_in_the_json_contract() -> None:
    words = {
        "name", "dns", "timeout", "refused", "reset", "tls", "guard", "protocol", "loop",
        "too-many-redirects", "bad-redirect",
    }  # fmt: skip
    assert {kind.value for kind in FailureKind} == words
    for kind in FailureKind:
        result = LinkResult("http://a.org/", Verdict.ERROR, "why", failure=kind)
        assert json.loads(json.dumps(link_to_dict(result)))["failure"] == kind.value


def test_json_contract_shape_and_determinism(checker: Checker) -> None:
    checker.web.route("example.org", "/old", Reply(301, (("Location", "/new-home/page"),)))
    checker.web.route("example.org", "/new-home/page", PAGE)
    checker.web.route("example.org", "/gone", Reply(404))
    urls = ("http://example.org/old", "http://example.org/gone", "ftp://example.org/x")
    first = json.dumps(run_to_dict(checker.run(*urls)), sort_keys=True)
    second = json.dumps(run_to_dict(checker.run(*urls)), sort_keys=True)
    assert first == second
    data = json.loads(first)
    assert set(data) == {"links", "summary"}
    moved = data["links"][0]
    assert {"url", "verdict", "reason", "status_code", "final_url", "redirects", "notes"} <= set(
        moved
    )
    assert moved["verdict"] == "moved"
    assert moved["final_url"] == "http://example.org/new-home/page"
    assert moved["redirects"] == [{"url": "http://example.org/old", "status_code": 301}]
    assert moved["notes"] == [1]
    assert data["links"][1]["status_code"] == 404
    assert data["links"][2]["status_code"] is None and data["links"][2]["final_url"] is None
    assert data["summary"]["total"] == 3
    assert data["summary"]["verdicts"] == {
        "alive": 0,
        "moved": 1,
        "gone": 1,
        "blocked": 0,
        "error": 0,
        "invalid": 1,
        "skipped": 0,
    }
    assert data["summary"]["reachability"] == "online"
    assert data["summary"]["inconclusive"] is False


def test_settings_defaults_are_polite() -> None:
    settings = Settings()
    assert settings.per_host == 2 and settings.per_host_interval > 0
    assert settings.allow_private is False


def test_async_entry_runs_inside_an_event_loop(checker: Checker) -> None:
    checker.web.route("example.org", "/p", PAGE)

    async def inside() -> list[Verdict]:
        run = await acheck_links(
            _links("http://example.org/p", "mailto:x@y.org"),
            checker.settings,
            resolver=checker.web.resolver(),
        )
        return [r.verdict for r in run.results]

    assert asyncio.run(inside()) == [Verdict.ALIVE, Verdict.INVALID]


def test_on_result_gets_every_result_once(checker: Checker) -> None:
    checker.web.route("example.org", "/p", PAGE)
    checker.web.route("example.org", "/gone", Reply(404))
    urls = (
        "http://example.org/p",
        "http://example.org/gone",
        "ftp://x.org/f",
        "http://example.org/private/x",
    )
    run = checker.run(*urls, exclude=("/private/",), capture=True, head_first=True)
    assert sorted(r.url for r in checker.emitted) == sorted(urls)
    assert [r.verdict for r in run.results] == [
        Verdict.ALIVE,
        Verdict.GONE,
        Verdict.INVALID,
        Verdict.SKIPPED,
    ]
    # Capture needs the GET body, so HEAD-first is not used while capturing.
    assert all(r.method == "GET" for r in checker.web.requests)
    exchanges = {r.url: r.exchange for r in checker.emitted}
    assert exchanges["http://example.org/p"] is not None
    assert exchanges["http://example.org/gone"] is not None
    assert exchanges["ftp://x.org/f"] is None
