"""Connections: kept alive and reused per host, never more than the per-host limit."""

from __future__ import annotations

import asyncio
import gc
import warnings
from collections.abc import Sequence

import httpcore
import pytest

from citecheck.check import Resolver
from citecheck.model import Verdict
from citecheck.net._http11 import Ask
from citecheck.net._pools import HostConnections, ProxiedConnections
from citecheck.net._stream import AsyncioBackend
from tests.check.conftest import Checker
from tests.support.simweb import Reply, SimWeb, redirect

PDF = Reply(200, (("Content-Type", "application/pdf"),), b"%PDF-1.7", delay=0.02)


def test_keep_alive_connections_are_reused_per_host(checker: Checker) -> None:
    checker.web.fallback("example.org", PDF)
    urls = [f"http://example.org/doc{i}.pdf" for i in range(10)]
    run = checker.run(*urls, per_host=2)
    assert all(r.verdict is Verdict.ALIVE for r in run.results)
    assert len({r.client for r in checker.web.requests}) <= 2  # 10 requests, 2 connections


def test_redirect_target_connections_are_reused_too(checker: Checker) -> None:
    checker.web.fallback("example.org", lambda req: redirect(f"https://secure.test{req.path}"))
    checker.web.fallback("secure.test", PDF)
    urls = [f"http://example.org/doc{i}.pdf" for i in range(8)]
    # Without the soft-404 probe, which would add a request (and a connection) of its own.
    run = checker.run(*urls, per_host=1, soft404_probe=False)
    assert {r.verdict for r in run.results} == {Verdict.MOVED}
    targets = checker.web.requests_for("secure.test")
    assert len(targets) == 8
    assert len({r.client for r in targets}) == 1  # one warm TLS connection for all of them


def test_a_dropped_keep_alive_connection_is_replaced(checker: Checker) -> None:
    checker.web.route("example.org", "/a.pdf", PDF)
    checker.web.route(
        "example.org",
        "/b.pdf",
        Reply(200, (("Content-Type", "application/pdf"), ("Connection", "close")), b"%PDF"),
    )
    checker.web.route("example.org", "/c.pdf", PDF)
    run = checker.run(
        "http://example.org/a.pdf",
        "http://example.org/b.pdf",
        "http://example.org/c.pdf",
        per_host=1,
    )
    assert [r.verdict for r in run.results] == [Verdict.ALIVE] * 3
    assert [r.attempts for r in run.results] == [1, 1, 1]


class CountingResolver:
    def __init__(self, inner: Resolver) -> None:
        self.inner = inner
        self.lookups: list[str] = []

    async def resolve(self, host: str, port: int) -> Sequence[tuple[str, int]]:
        self.lookups.append(host)
        return await self.inner.resolve(host, port)


def test_one_name_lookup_per_host_and_run(checker: Checker) -> None:
    checker.web.fallback("example.org", PDF)
    resolver = CountingResolver(checker.web.resolver())
    urls = [f"http://example.org/doc{i}.pdf" for i in range(6)]
    urls += ["http://gone.example/x", "http://gone.example/y"]
    run = checker.run(*urls, per_host=2, resolver=resolver)
    assert [r.verdict for r in run.results] == [Verdict.ALIVE] * 6 + [Verdict.GONE] * 2
    assert sorted(resolver.lookups) == ["example.org", "gone.example"]  # failures cached too


def test_no_connection_is_left_open(checker: Checker) -> None:
    """Every socket the checker opened is closed by the end of the run (TLS, failures too)."""
    web = checker.web
    web.route("example.org", "/old", redirect("https://secure.test/new"))
    web.route("secure.test", "/new", PDF)
    web.route("example.org", "/stall", Reply(action="stall"))
    web.route("example.org", "/reset", Reply(action="reset"))
    web.route(
        "example.org", "/big", Reply(200, (("Content-Type", "text/html"),), stream_bytes=5_000_000)
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        gc.collect()  # garbage from earlier tests is not this test's business
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        checker.run(
            "http://example.org/old",
            "http://example.org/stall",
            "http://example.org/reset",
            "http://example.org/big",
            retries=0,
            max_body_bytes=10_000,
        )
        gc.collect()
    ports = {f", {web.http_port})", f", {web.https_port})"}
    leaks = [
        str(w.message)
        for w in caught
        if issubclass(w.category, ResourceWarning) and any(port in str(w.message) for port in ports)
    ]
    assert leaks == []


def test_a_failed_tls_handshake_closes_its_socket(checker: Checker) -> None:
    """The TCP connection under a refused certificate is closed, not left to the collector."""
    checker.web.route("secure.test", "/doc.pdf", PDF)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        gc.collect()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = checker.one("https://secure.test/doc.pdf", ca_bundle=None, retries=0)
        gc.collect()
    assert result.verdict is Verdict.ERROR and "TLS" in result.reason
    port = f", {checker.web.https_port})"
    assert [
        w for w in caught if issubclass(w.category, ResourceWarning) and port in str(w.message)
    ] == []


def test_a_proxied_answer_is_bounded_by_the_attempts_deadline(simweb: SimWeb) -> None:
    """Through a proxy (httpcore's pool) the per-read timeout alone would wait 5 s for a server
    that never answers; the ask's deadline ends the attempt first."""
    simweb.route("example.org", "/slow", Reply(action="stall"))

    async def attempt() -> float:
        pool = httpcore.AsyncConnectionPool(
            proxy=httpcore.Proxy(f"http://127.0.0.1:{simweb.http_port}")
        )
        connections = ProxiedConnections(pool)
        loop = asyncio.get_running_loop()
        started = loop.time()
        ask = Ask(
            method=b"GET",
            scheme=b"http",
            host=b"example.org",
            port=80,
            target=b"/slow",
            headers=((b"Host", b"example.org"),),
            timeout=5.0,
            deadline=started + 0.3,
        )
        with pytest.raises(TimeoutError):
            async with connections.open(ask):
                pass
        await connections.aclose()
        return loop.time() - started

    assert asyncio.run(attempt()) < 2.0


def test_a_reserved_connection_the_server_dropped_is_replaced() -> None:
    """A request readies its connection before it waits for a global slot; a server that
    drops a connection that stayed silent too long (Apache does after ~20 s) must not turn
    the wait into an error: the request goes out on a new connection."""
    accepted: list[int] = []

    async def handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        accepted.append(len(accepted))
        if len(accepted) == 1:
            writer.close()  # the first connection is dropped before any request
            return
        await reader.readuntil(b"\r\n\r\n")
        writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
        await writer.drain()
        await asyncio.sleep(1)

    async def reserve_wait_send() -> tuple[int, bytes]:
        server = await asyncio.start_server(handler, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        connections = HostConnections(None, AsyncioBackend())
        origin = (b"http", b"127.0.0.1", port)
        try:
            async with connections.reserve(origin, 2.0) as line:
                await asyncio.sleep(0.2)  # waiting for a global slot; the server hangs up
                ask = Ask(b"GET", *origin, b"/", ((b"Host", b"x"),), 2.0, _deadline(5))
                async with line.open(ask) as answer:
                    body = b"".join([chunk async for chunk in answer.chunks()])
                    return answer.status, body
        finally:
            await connections.aclose()
            server.close()

    assert asyncio.run(reserve_wait_send()) == (200, b"ok")
    assert len(accepted) == 2


def _deadline(seconds: float) -> float:
    return asyncio.get_running_loop().time() + seconds
