"""The guarded httpx client the archive uses: resolve, vet, pin the address, keep the name."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import httpx
import pytest
import trustme

from citecheck.config import Settings
from citecheck.net import AddressRefused, StaticResolver, guarded_client
from tests.support.simweb import SimWeb, html

FAST = replace(Settings(), timeout=5.0)


@pytest.fixture
def ca_pem(ca: trustme.CA, tmp_path: Path) -> Path:
    path = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(path))
    return path


def test_a_name_resolving_to_loopback_is_refused(simweb: SimWeb) -> None:
    simweb.route("archive.test", "/x", html("reached"))
    client = guarded_client(FAST, resolver=simweb.resolver())
    with pytest.raises(httpx.ConnectError, match=r"address guard: archive\.test .*loopback") as e:
        client.get("http://archive.test/x")
    assert isinstance(e.value.__cause__, AddressRefused)
    assert simweb.requests == []


def test_the_vetted_address_is_used_and_the_name_kept_for_host_sni_and_certificate(
    tls_simweb: SimWeb, ca_pem: Path
) -> None:
    tls_simweb.route("secure.test", "/x", html("reached"))
    settings = replace(FAST, allow_private=True, ca_bundle=ca_pem)
    client = guarded_client(settings, resolver=tls_simweb.resolver())
    response = client.get("https://secure.test/x")  # verified against the name, not 127.0.0.1
    assert response.status_code == 200 and b"reached" in response.content
    (request,) = tls_simweb.requests_for("secure.test", "/x")
    assert request.scheme == "https"


def test_trusted_origins_are_not_vetted(simweb: SimWeb) -> None:
    simweb.route("127.0.0.1", "/cdx", html("rows"))
    base = f"http://127.0.0.1:{simweb.http_port}"
    client = guarded_client(FAST, trusted=[f"{base}/"])
    assert client.get(f"{base}/cdx").status_code == 200
    other = guarded_client(FAST)  # the same address, not configured: refused
    with pytest.raises(httpx.ConnectError, match="loopback"):
        other.get(f"{base}/cdx")


def test_behind_a_proxy_literal_private_addresses_are_refused() -> None:
    proxied = replace(FAST, proxy="http://127.0.0.1:9")  # never reached: refused before
    client = guarded_client(proxied)
    with pytest.raises(httpx.ConnectError, match=r"10\.0\.0\.1 .*private"):
        client.get("http://10.0.0.1/")


def test_a_name_that_does_not_resolve_is_a_connect_error() -> None:
    client = guarded_client(FAST, resolver=StaticResolver({}))
    with pytest.raises(httpx.ConnectError, match=r"nowhere\.test"):
        client.get("http://nowhere.test/")
