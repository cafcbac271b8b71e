"""Politeness: a global limit, a per-host limit, and a minimum interval between request starts.

A request first takes a slot on its host (at most ``per_host`` in flight there), waits out the
host's interval, and only then takes a global slot, so requests queued behind a busy host
never hold global slots that requests for idle hosts could use.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable

Sleep = Callable[[float], Awaitable[None]]


class _Host:
    def __init__(self, per_host: int) -> None:
        self.slots = asyncio.Semaphore(per_host)
        self.next_start = 0.0


class Politeness:
    """Hands out request slots; ``sleep`` is injectable so tests need not wait for real."""

    def __init__(
        self, *, max_concurrency: int, per_host: int, interval: float, sleep: Sleep
    ) -> None:
        self._global = asyncio.Semaphore(max_concurrency)
        self._per_host = per_host
        self._interval = interval
        self._sleep = sleep
        self._hosts: dict[str, _Host] = {}

    @contextlib.asynccontextmanager
    async def slot(self, host: str) -> AsyncIterator[None]:
        state = self._hosts.setdefault(host, _Host(self._per_host))
        async with state.slots:
            if self._interval > 0:  # without an interval no request ever has to wait its turn
                await self._wait_turn(state)
            async with self._global:
                yield

    async def _wait_turn(self, state: _Host) -> None:
        now = asyncio.get_running_loop().time()
        start = max(now, state.next_start)
        # Reserve the start time before sleeping so concurrent waiters queue up behind it.
        state.next_start = start + self._interval
        if start > now:
            await self._sleep(start - now)
