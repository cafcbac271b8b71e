"""The shared simulated web behaves as documented (other stages' tests rely on it)."""

from __future__ import annotations

import asyncio
import socket
import ssl

import httpx
import pytest
import trustme

from tests.support.simweb import Reply, SimWeb, html, redirect, sequence


def _get(web: SimWeb, host: str, path: str, **kwargs: object) -> httpx.Response:
    url = f"http://127.0.0.1:{web.http_port}{path}"
    return httpx.get(url, headers={"Host": host}, timeout=2, **kwargs)  # type: ignore[arg-type]


def test_virtual_hosts_routes_fallbacks_and_unknown_hosts(simweb: SimWeb) -> None:
    simweb.route("a.test", "/x?q=1", html("exact", title="A"))
    simweb.fallback("a.test", Reply(410))
    simweb.route("b.test", "/x?q=1", redirect("/y", 302))
    assert _get(simweb, "a.test", "/x?q=1").text.count("exact") == 1
    assert _get(simweb, "a.test", "/other").status_code == 410
    assert _get(simweb, "b.test", "/x?q=1").headers["location"] == "/y"
    assert _get(simweb, "b.test", "/nothing").status_code == 404  # routed host, no fallback
    assert _get(simweb, "c.test", "/").status_code == 421  # not a host of this web
    seen = [(r.method, r.host, r.path) for r in simweb.requests]
    assert seen[0] == ("GET", "a.test", "/x?q=1")
    assert simweb.requests[0].header("HOST") == "a.test"
    assert simweb.requests[0].finished is not None


def test_sequence_handler_repeats_its_last_reply(simweb: SimWeb) -> None:
    simweb.route("a.test", "/", sequence(Reply(503), Reply(200)))
    assert [_get(simweb, "a.test", "/").status_code for _ in range(3)] == [503, 200, 200]


def test_reset_close_and_stall(simweb: SimWeb) -> None:
    simweb.route("a.test", "/reset", Reply(action="reset"))
    simweb.route("a.test", "/close", Reply(action="close"))
    simweb.route("a.test", "/stall", Reply(action="stall"))
    with pytest.raises(httpx.ReadError):
        _get(simweb, "a.test", "/reset")
    with pytest.raises(httpx.RemoteProtocolError):
        _get(simweb, "a.test", "/close")
    with pytest.raises(httpx.ReadTimeout):
        httpx.get(
            f"http://127.0.0.1:{simweb.http_port}/stall", headers={"Host": "a.test"}, timeout=0.2
        )


def test_streamed_body_is_generated_lazily_and_counted(simweb: SimWeb) -> None:
    simweb.route("a.test", "/big", Reply(stream_bytes=300_000))
    response = _get(simweb, "a.test", "/big")
    assert len(response.content) == 300_000
    assert simweb.requests[-1].bytes_sent == 300_000


def test_tls_certificate_covers_every_tls_host(ca: trustme.CA) -> None:
    with SimWeb(tls_hosts=["secure.test", "www.secure.test"], ca=ca) as web:
        web.route("www.secure.test", "/", html("hello over TLS"))
        assert web.https_port is not None
        context = ssl.create_default_context()
        ca.configure_trust(context)
        with (
            socket.create_connection(("127.0.0.1", web.https_port)) as raw,
            context.wrap_socket(raw, server_hostname="www.secure.test") as tls,
        ):
            tls.sendall(b"GET / HTTP/1.1\r\nHost: www.secure.test\r\nConnection: close\r\n\r\n")
            data = b""
            while chunk := tls.recv(65536):
                data += chunk
        assert data.startswith(b"HTTP/1.1 200 OK") and b"hello over TLS" in data
        assert web.requests[0].scheme == "https"


def test_resolver_maps_routed_hosts_to_the_ports() -> None:
    with SimWeb(tls_hosts=["secure.test"]) as web:
        web.route("plain.test", "/", Reply())
        resolve = web.resolver().resolve
        assert asyncio.run(resolve("plain.test", 80)) == [("127.0.0.1", web.http_port)]
        assert asyncio.run(resolve("secure.test", 443)) == [("127.0.0.1", web.https_port)]
        with pytest.raises(socket.gaierror):
            asyncio.run(resolve("elsewhere.test", 80))


def test_extra_loopback_addresses_share_the_port() -> None:
    with SimWeb(addresses=["127.0.0.1", "127.0.0.2"]) as web:
        web.route("127.0.0.2", "/", html("second address"))
        response = httpx.get(f"http://127.0.0.2:{web.http_port}/", timeout=2)
        assert "second address" in response.text
    with pytest.raises(ValueError, match="loopback"):
        SimWeb(addresses=["0.0.0.0"])
