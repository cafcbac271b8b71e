"""The address guard covers the archive's requests: its redirects are vetted like the checker's."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest

from citecheck.archive import WaybackClient
from citecheck.archive._wayback import ArchiveUnreachable, Memento
from citecheck.config import Settings
from tests.support.wayback import Answer, WaybackServer

URL = "https://www.example.org/report"
TIMESTAMP = "20181001000000"


class RedirectingWayback(WaybackServer):
    """A Wayback whose every replay redirects to the same path on another server."""

    def __init__(self, target: str) -> None:
        super().__init__()
        self.target = target

    def replay(self, path: str) -> Answer:
        return 302, [("Location", f"{self.target}{path}")], b""


@pytest.fixture
def elsewhere() -> Iterator[WaybackServer]:
    """The redirect target: another origin on loopback, holding the capture."""
    with WaybackServer() as server:
        server.add_capture(URL, TIMESTAMP, b"<html>the capture</html>")
        yield server


@pytest.fixture
def front(elsewhere: WaybackServer) -> Iterator[WaybackServer]:
    with RedirectingWayback(elsewhere.base_url) as server:
        yield server


def _client(settings: Settings, front: WaybackServer, *, allow_private: bool) -> WaybackClient:
    configured = replace(
        settings,
        allow_private=allow_private,
        wayback_url=front.base_url,
        availability_url=front.availability_url,
    )
    return WaybackClient.from_settings(configured, sleep=lambda _seconds: None)


def test_a_wayback_redirect_to_a_loopback_address_is_refused(
    front: WaybackServer, elsewhere: WaybackServer, settings: Settings
) -> None:
    archive = _client(settings, front, allow_private=False)
    with pytest.raises(ArchiveUnreachable, match=r"address guard: 127\.0\.0\.1 .*loopback"):
        archive.replay(Memento(TIMESTAMP, URL, "200"))
    assert len(front.requests_to("/web/")) == 1  # the configured archive itself is trusted
    assert elsewhere.requests == []  # the redirect target was never contacted


def test_with_allow_private_the_redirect_is_followed(
    front: WaybackServer, elsewhere: WaybackServer, settings: Settings
) -> None:
    archive = _client(settings, front, allow_private=True)
    replay = archive.replay(Memento(TIMESTAMP, URL, "200"))
    assert replay.body == b"<html>the capture</html>"
    assert len(elsewhere.requests_to("/web/")) == 1
