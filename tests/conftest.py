"""Fixtures shared by every test area."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
import trustme

from tests.support.pywb import MISSING, PywbServer, pywb_bin
from tests.support.simweb import SimWeb


@pytest.fixture(autouse=True)
def _probe_record_of_its_own(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Each test's commands keep their soft-404 probe record in a folder of their own, never in
    the user's cache, and start without one (a kept probe would spare requests tests count)."""
    monkeypatch.setenv("CITECHECK_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))


@pytest.fixture(scope="session")
def ca() -> trustme.CA:
    """One throwaway certificate authority for the whole session (key generation is slow)."""
    return trustme.CA()


@pytest.fixture(scope="session")
def pywb(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PywbServer]:
    """One real pywb for the session; each test adds its own collection with
    ``pywb.collection(name, warcs)`` (a unique name per test) and gets its base URL."""
    if pywb_bin() is None:
        if os.environ.get("CITECHECK_REQUIRE_PYWB"):
            pytest.fail(f"CITECHECK_REQUIRE_PYWB is set but there is no pywb: {MISSING}")
        pytest.skip(f"no pywb: {MISSING}")
    with PywbServer(tmp_path_factory.mktemp("pywb")) as server:
        yield server


@pytest.fixture
def simweb() -> Iterator[SimWeb]:
    """A plain-HTTP simulated web on loopback; add hosts with ``simweb.route(...)``."""
    with SimWeb() as web:
        yield web


@pytest.fixture
def tls_simweb(ca: trustme.CA) -> Iterator[SimWeb]:
    """A simulated web with HTTPS for a few common test hosts (certificate from ``ca``).

    Trust it with ``ssl`` context from ``ca`` or ``settings.ca_bundle`` pointing at the PEM
    that ``ca.cert_pem.write_to_path`` writes.
    """
    hosts = ("example.org", "www.example.org", "secure.test", "www.unodc.org")
    with SimWeb(tls_hosts=hosts, ca=ca) as web:
        yield web
