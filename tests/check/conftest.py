"""Fixtures for the link checker's tests: fast settings and a one-call checker per SimWeb."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import trustme

from citecheck.check import Resolver, check_links
from citecheck.config import Settings
from citecheck.model import CheckRun, Link, LinkResult
from tests.support.simweb import SimWeb

FAST = Settings(
    timeout=0.3,
    allow_private=True,
    retries=2,
    retry_backoff=0.01,
    per_host_interval=0.0,
)


class Checker:
    """Runs ``check_links`` against a SimWeb; records the (fake) sleeps the checker asked for."""

    def __init__(self, web: SimWeb, ca_pem: Path) -> None:
        self.web = web
        self.settings = dataclasses.replace(FAST, ca_bundle=ca_pem)
        self.sleeps: list[float] = []
        self.emitted: list[LinkResult] = []

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)

    def run(self, *urls: str, resolver: Resolver | None = None, **kwargs: Any) -> CheckRun:
        options = {k: kwargs.pop(k) for k in list(kwargs) if k in _SETTINGS}
        links = [Link(url, (n,), (f"src-{n}",), None) for n, url in enumerate(urls, 1)]
        return check_links(
            links,
            dataclasses.replace(self.settings, **options),
            resolver=resolver or self.web.resolver(),
            sleep=self.sleep,
            on_result=self.emitted.append,
            **kwargs,
        )

    def one(self, url: str, **kwargs: Any) -> LinkResult:
        run = self.run(url, **kwargs)
        assert len(run.results) == 1
        return run.results[0]


_SETTINGS = {f.name for f in dataclasses.fields(Settings)}


@pytest.fixture
def ca_pem(ca: trustme.CA, tmp_path: Path) -> Path:
    path = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(path))
    return path


@pytest.fixture
def checker(tls_simweb: SimWeb, ca_pem: Path) -> Checker:
    return Checker(tls_simweb, ca_pem)


@pytest.fixture
def make_checker(ca_pem: Path) -> Callable[[SimWeb], Checker]:
    return lambda web: Checker(web, ca_pem)
