"""Politeness: a global limit, a per-host limit, and a minimum interval between request starts.

A request first takes a slot on its host (at most ``per_host`` in flight there), waits out the
host's interval, and only then takes a global slot, so requests queued behind a busy host
never hold global slots that requests for idle hosts could use.
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

    def slot(self, host: str) -> _Slot:
        """``async with politeness.slot(host):`` one request to ``host``."""
        state = self._hosts.get(host)
        if state is None:
            state = self._hosts[host] = _Host(self._per_host)
        return _Slot(self, state)

    async def _enter(self, state: _Host) -> None:
        await state.slots.acquire()
        try:
            if self._interval > 0:  # without an interval no request ever has to wait its turn
                await self._wait_turn(state)
            await self._global.acquire()
        except BaseException:
            state.slots.release()
            raise

    def _exit(self, state: _Host) -> None:
        self._global.release()
        state.slots.release()

    async def _wait_turn(self, state: _Host) -> None:
        now = asyncio.get_running_loop().time()
        start = max(now, state.next_start)
        # Reserve the start time before sleeping so concurrent waiters queue up behind it.
        state.next_start = start + self._interval
        if start > now:
            await self._sleep(start - now)


class _Slot:
    """A class, not ``contextlib.asynccontextmanager``: one is entered per request, and the
    generator machinery costs more than the semaphores themselves."""

    __slots__ = ("_politeness", "_state")

    def __init__(self, politeness: Politeness, state: _Host) -> None:
        self._politeness = politeness
        self._state = state

    async def __aenter__(self) -> None:
        await self._politeness._enter(self._state)

    async def __aexit__(self, *_exc: object) -> None:
        self._politeness._exit(self._state)
