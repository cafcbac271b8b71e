"""Politeness: a global limit, a per-host limit, and a minimum interval between request starts.

A request first takes a slot on its host (at most ``per_host`` in flight there). Holding it,
the fetcher readies a connection; then the request waits out the host's interval and only then
takes a global slot. So requests queued behind a busy host never hold global slots that
requests for idle hosts could use, and neither does connecting (tens of milliseconds under
load, measured in benchmarks/RESULTS.md): a freed global slot goes to a request that can be
written at once.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

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

    def host(self, host: str) -> HostSlot:
        """``async with politeness.host(host) as slot:`` one of the host's slots, then
        ``async with slot.start():`` the request itself (the host's interval, a global slot)."""
        state = self._hosts.get(host)
        if state is None:
            state = self._hosts[host] = _Host(self._per_host)
        return HostSlot(self, state)

    async def _start(self, state: _Host) -> None:
        if self._interval > 0:  # without an interval no request ever has to wait its turn
            await self._wait_turn(state)
        await self._global.acquire()

    def _end(self) -> None:
        self._global.release()

    async def _wait_turn(self, state: _Host) -> None:
        now = asyncio.get_running_loop().time()
        start = max(now, state.next_start)
        # Reserve the start time before sleeping so concurrent waiters queue up behind it.
        state.next_start = start + self._interval
        if start > now:
            await self._sleep(start - now)


class HostSlot:
    """A slot on one host. Classes, not ``contextlib.asynccontextmanager``: two are entered
    per request, and the generator machinery costs more than the semaphores themselves."""

    __slots__ = ("_politeness", "_state")

    def __init__(self, politeness: Politeness, state: _Host) -> None:
        self._politeness = politeness
        self._state = state

    async def __aenter__(self) -> HostSlot:
        await self._state.slots.acquire()
        return self

    async def __aexit__(self, *_exc: object) -> None:
        self._state.slots.release()

    def start(self) -> _Start:
        return _Start(self._politeness, self._state)


class _Start:
    __slots__ = ("_politeness", "_state")

    def __init__(self, politeness: Politeness, state: _Host) -> None:
        self._politeness = politeness
        self._state = state

    async def __aenter__(self) -> None:
        await self._politeness._start(self._state)

    async def __aexit__(self, *_exc: object) -> None:
        self._politeness._end()
