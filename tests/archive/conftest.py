"""Fixtures for the archive tests: a local Wayback-compatible archive and settings for it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import replace

import pytest

from citecheck.config import Settings
from tests.support.wayback import WaybackServer

# The run's "now": every archive test runs on this fixed clock unless it advances it itself.
NOW = dt.datetime(2026, 11, 27, 12, 0, 0, tzinfo=dt.UTC)


@pytest.fixture
def wayback() -> Iterator[WaybackServer]:
    with WaybackServer(clock=lambda: NOW) as server:
        yield server


@pytest.fixture
def settings(wayback: WaybackServer) -> Settings:
    """Fast, private-address-friendly settings pointed at the local archive."""
    return replace(
        Settings(),
        allow_private=True,
        timeout=5.0,
        retries=0,
        per_host_interval=0.0,
        soft404_probe=False,
        wayback_url=wayback.base_url,
        availability_url=wayback.availability_url,
    )
