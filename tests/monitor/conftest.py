"""A small report citing a loopback site, for the command-line tests of ``fix`` and ``run``."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
import trustme

from citecheck.config import Settings
from tests.support.simweb import SimWeb, html, redirect
from tests.support.wayback import WaybackServer


def article(topic: str) -> str:
    return "".join(
        f"<p>Section {n} of the report on {topic} explains what {topic} means for the people "
        f"and institutions involved, with example {n * 5} in detail.</p>"
        for n in range(8)
    )


def report_text(base: str) -> str:
    return (
        "# A small report\n\n"
        "Claims.[^1] More.[^2] Gone.[^3]\n\n"
        f"[^1]: Jane Doe, *A Study*, Example Org, 2017, at <{base}/study> "
        "(last visited Oct. 5, 2018).\n"
        f"[^2]: John Roe, *A Paper*, Sample Institute, 2016, at {base}/old-paper "
        "(last visited Oct. 6, 2018).\n"
        f"[^3]: *Gone Page*, Nobody, at <{base}/gone> (last visited Oct. 7, 2018).\n"
    )


@dataclass
class Site:
    """The report, the options that point a command at the site, and the site itself."""

    report: Path
    options: list[str]
    web: SimWeb
    base: str


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Site]:
    """Study alive, paper moved, gone page with a 2018 copy; the cwd is a scratch folder."""
    monkeypatch.chdir(tmp_path)
    with SimWeb() as web, WaybackServer() as archive:
        base = f"http://127.0.0.1:{web.http_port}"
        web.route("127.0.0.1", "/study", html(article("online safety")))
        web.route("127.0.0.1", "/old-paper", redirect(f"{base}/papers/2026/paper"))
        web.route("127.0.0.1", "/papers/2026/paper", html(article("policy")))
        web.fallback("127.0.0.1", html("Not Found", status=404))
        archive.add_capture(f"{base}/gone", "20181001000000", html(article("the gone page")).body)
        report = tmp_path / "report.md"
        report.write_text(report_text(base), "utf-8")
        options = ["--allow-private", "--wayback-url", archive.base_url, "--snapshots", "snaps"]
        yield Site(report, options, web, base)


def sim_settings(folder: Path, ca: trustme.CA, archive: WaybackServer) -> Settings:
    """Fast settings for a simulated web: loopback allowed, ``ca`` trusted, the local archive."""
    ca_file = folder / "ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    return replace(
        Settings(),
        allow_private=True,
        ca_bundle=ca_file,
        timeout=5.0,
        retries=0,
        per_host_interval=0.0,
        wayback_url=archive.base_url,
        availability_url=archive.availability_url,
    )
