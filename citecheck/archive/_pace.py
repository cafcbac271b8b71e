"""Politeness toward the archives: a minimum interval between requests, a minute's pause on 429.

One ``Pacer`` per endpoint (a Wayback server's CDX index, its replay, each Memento archive's
host, Save Page Now): each is asked at its own pace, and baseline lookups keep every endpoint
as busy as that pace allows. A pacer may be shared by threads (the lookups list captures in
one, replay them in another): the next slot is reserved under a lock, the wait is outside it.

The Internet Archive sends no Retry-After and blocks an IP for an hour (doubling on repeat)
that keeps asking through 429s, so after ``retries`` pauses a ``Pacer`` refuses every further
request of the run: the rest is retried by the next run instead.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import httpx

from citecheck.archive._names import archive_entry
from citecheck.config import Settings
from citecheck.net import Resolver, guarded_client

Sleep = Callable[[float], None]
SLOW_DOWN = (429, 509)
# The pause after a 429: no other wait of the archive stage is this long.
BACKOFF = 60.0


class Throttled(Exception):
    """The archive kept answering 429/509: stop asking it for the rest of the run."""


class Pacer:
    """Spaces requests ``interval`` seconds apart and backs off ``backoff`` seconds on 429."""

    def __init__(
        self,
        interval: float,
        *,
        backoff: float = BACKOFF,
        retries: int = 2,
        sleep: Sleep = time.sleep,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.interval = interval
        self.backoff = backoff
        self.retries = retries
        self._sleep = sleep
        self._monotonic = monotonic
        self._next = 0.0
        self._lock = threading.Lock()
        self.throttled = False

    def send(self, request: Callable[[], httpx.Response]) -> httpx.Response:
        """Run ``request`` when allowed; repeat it after a pause while it answers 429/509."""
        for attempt in range(self.retries + 1):
            if self.throttled:
                break
            self._wait()
            response = request()
            if response.status_code not in SLOW_DOWN:
                return response
            response.close()
            if attempt < self.retries:
                self._sleep(self.backoff)
        self.throttled = True
        raise Throttled(f"the archive kept answering 429 after {self.retries} pauses")

    def pause(self, seconds: float) -> None:
        """An explicit wait (e.g. between status polls) that also counts as spacing."""
        self._sleep(seconds)

    def _wait(self) -> None:
        with self._lock:  # reserve the next slot: concurrent callers queue one interval apart
            now = self._monotonic()
            start = max(now, self._next)
            self._next = start + self.interval
        if start > now:
            self._sleep(start - now)


def http_client(
    settings: Settings,
    transport: httpx.BaseTransport | None = None,
    resolver: Resolver | None = None,
) -> httpx.Client:
    """A synchronous client for the archive APIs with the run's timeout, proxy and CA bundle.

    Every request passes the checker's address guard except those to the configured archive
    endpoints (the Wayback server, its availability API, each ``--archive``): a redirect from
    an archive to a private or loopback address is refused."""
    archives = (archive_entry(entry)[1] for entry in settings.archives)
    trusted = (settings.wayback_url, settings.availability_endpoint(), *archives)
    return guarded_client(settings, trusted=trusted, resolver=resolver, transport=transport)
