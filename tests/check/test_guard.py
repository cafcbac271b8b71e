"""The address guard: non-public addresses refused after resolution and on every redirect hop."""

from __future__ import annotations

from collections.abc import Iterable

import httpcore
import pytest

from citecheck.check import StaticResolver
from citecheck.model import Verdict
from citecheck.net._guard import AddressRefused, address_kind, guard_url_host
from tests.check.conftest import Checker
from tests.support.simweb import html, redirect

PUBLIC = "93.184.216.34"  # a global unicast address; the test backend carries it to loopback


class PublicToLoopback(httpcore.AsyncNetworkBackend):
    """Below the guard: connections to the public test address really go to the local server."""

    def __init__(self, port: int) -> None:
        self._port = port
        self._inner = httpcore.AnyIOBackend()
        self.connected: list[tuple[str, int]] = []

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        self.connected.append((host, port))
        assert host == PUBLIC, f"the guard let {host} through"
        return await self._inner.connect_tcp("127.0.0.1", self._port, timeout)

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)


@pytest.mark.parametrize(
    ("address", "kind"),
    [
        ("127.0.0.1", "loopback"),
        ("::1", "loopback"),
        ("10.1.2.3", "private"),
        ("192.168.0.10", "private"),
        ("172.16.5.4", "private"),
        ("169.254.169.254", "link-local"),
        ("fe80::1", "link-local"),
        ("100.64.0.1", "non-public"),
        ("224.0.0.1", "multicast"),
        ("0.0.0.0", "unspecified"),
        ("240.0.0.1", "reserved"),
        ("::ffff:127.0.0.1", "loopback"),
        ("::ffff:10.0.0.1", "private"),
        ("fc00::1", "private"),
        ("93.184.216.34", None),
        ("2606:2800:220:1::1", None),
    ],
)
def test_address_kinds(address: str, kind: str | None) -> None:
    assert address_kind(address) == kind


def test_proxy_mode_guard_checks_literals_and_localhost() -> None:
    for host in ("localhost", "api.localhost", "127.0.0.1", "[::1]", "169.254.169.254"):
        with pytest.raises(AddressRefused):
            guard_url_host(host)
    guard_url_host("example.org")  # names are the proxy's to resolve
    guard_url_host("93.184.216.34")


def test_loopback_refused_by_default(checker: Checker) -> None:
    checker.web.route("example.org", "/x", html("hello"))
    result = checker.one("http://example.org/x", allow_private=False)
    assert result.verdict is Verdict.SKIPPED
    assert result.reason == (
        "address guard: example.org resolves to 127.0.0.1 (loopback) "
        "(use --allow-private to check it)"
    )
    assert checker.web.requests == []


def test_literal_private_address_refused(checker: Checker) -> None:
    result = checker.one("http://169.254.169.254/latest/meta-data/", allow_private=False)
    assert result.verdict is Verdict.SKIPPED
    assert "169.254.169.254 (link-local)" in result.reason


@pytest.mark.parametrize(
    ("location", "refused"),
    [
        ("http://169.254.169.254/latest/meta-data/", "169.254.169.254 (link-local)"),
        ("http://127.0.0.1:8080/admin", "127.0.0.1 (loopback)"),
        ("http://internal.example/admin", "10.0.0.7 (private)"),
    ],
)
def test_redirect_hop_to_private_address_refused(
    checker: Checker, location: str, refused: str
) -> None:
    checker.web.route("example.org", "/start", redirect(location))
    backend = PublicToLoopback(checker.web.http_port)
    resolver = StaticResolver(
        {("example.org", 80): (PUBLIC, 80), "internal.example": ("10.0.0.7", 80)}
    )
    result = checker.one(
        "http://example.org/start",
        allow_private=False,
        resolver=resolver,
        network_backend=backend,
    )
    assert result.verdict is Verdict.SKIPPED
    assert refused in result.reason
    assert result.reason.startswith(f"redirect to {location}: address guard")
    assert set(backend.connected) == {(PUBLIC, 80)}  # never connected anywhere else


def test_allow_private_turns_the_guard_off(checker: Checker) -> None:
    internal = f"http://127.0.0.1:{checker.web.http_port}/y"
    checker.web.route("example.org", "/x", redirect(internal))
    checker.web.route("127.0.0.1", "/y", html("internal but allowed " * 20))
    result = checker.one("http://example.org/x", allow_private=True)
    assert result.verdict is Verdict.MOVED, result.reason


def test_connection_goes_to_the_vetted_address_only(checker: Checker) -> None:
    """A name resolving to a private and a public address connects to the public one."""
    checker.web.route("example.org", "/x", html("hello " * 50, title="Hello"))
    backend = PublicToLoopback(checker.web.http_port)

    class TwoAnswers:
        async def resolve(self, host: str, port: int) -> list[tuple[str, int]]:
            return [("10.0.0.1", port), (PUBLIC, port)]

    result = checker.one(
        "http://example.org/x",
        allow_private=False,
        resolver=TwoAnswers(),
        network_backend=backend,
        soft404_probe=False,
    )
    assert result.verdict is Verdict.ALIVE, result.reason
    assert backend.connected == [(PUBLIC, 80)]
    assert checker.web.requests[0].header("host") == "example.org"


# ------------------------------------------------------------------------------------ proxy


class NoDns:
    async def resolve(self, host: str, port: int) -> list[tuple[str, int]]:
        raise AssertionError(f"behind a proxy, names are the proxy's to resolve ({host})")


def test_proxy_resolves_names_and_the_guard_checks_literals(checker: Checker) -> None:
    checker.web.route("example.org", "/paper", html("through the proxy " * 30, title="P"))
    proxy = f"http://127.0.0.1:{checker.web.http_port}"  # the proxy itself may be local
    run = checker.run(
        "http://example.org/paper",
        "http://127.0.0.1/admin",
        "http://169.254.169.254/",
        proxy=proxy,
        allow_private=False,
        resolver=NoDns(),
        soft404_probe=False,
    )
    verdicts = [(r.verdict, r.reason) for r in run.results]
    assert verdicts[0] == (Verdict.ALIVE, "200 OK")
    assert verdicts[1][0] is Verdict.SKIPPED and "127.0.0.1 (loopback)" in verdicts[1][1]
    assert verdicts[2][0] is Verdict.SKIPPED and "(link-local)" in verdicts[2][1]
    assert [(r.proxied, r.host, r.path) for r in checker.web.requests] == [
        (True, "example.org", "/paper")
    ]


def test_proxy_from_environment_and_no_proxy(
    checker: Checker, monkeypatch: pytest.MonkeyPatch
) -> None:
    checker.web.route("example.org", "/a", html("via env proxy " * 30, title="A"))
    checker.web.route("secure.test", "/b", html("direct " * 30, title="B"))
    monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{checker.web.http_port}")
    monkeypatch.setenv("NO_PROXY", "secure.test")
    run = checker.run("http://example.org/a", "http://secure.test/b", soft404_probe=False)
    assert [r.verdict for r in run.results] == [Verdict.ALIVE, Verdict.ALIVE]
    assert {(r.host, r.proxied) for r in checker.web.requests} == {
        ("example.org", True),
        ("secure.test", False),
    }
