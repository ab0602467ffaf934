"""Time for the core, injectable so tests run a 10-minute routine in milliseconds.

Every datetime is aware UTC. `SystemClock` is the real one; `ManualClock` only moves
when a test calls `advance`, waking sleepers whose time has come in deadline order;
`ScaledClock` makes the demo run faster (`limber demo --speed 10`).
"""

from __future__ import annotations

import asyncio
import heapq
import itertools
import time
from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime: ...

    async def sleep(self, seconds: float) -> None: ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)

    async def sleep(self, seconds: float) -> None:
        # Long asyncio sleeps drift with suspend; callers re-check the clock on wake.
        await asyncio.sleep(max(0.0, min(seconds, 3600.0)))


class ScaledClock:
    """Real time sped up by `speed` from the moment it was made (demo only)."""

    def __init__(self, speed: float) -> None:
        if speed <= 0:
            raise ValueError("speed must be positive")
        self.speed = speed
        self._origin_wall = datetime.now(UTC)
        self._origin_mono = time.monotonic()

    def now(self) -> datetime:
        elapsed = (time.monotonic() - self._origin_mono) * self.speed
        return self._origin_wall + timedelta(seconds=elapsed)

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(max(0.0, min(seconds, 3600.0)) / self.speed)


class ManualClock:
    """A clock that stands still until `advance`; sleepers wake in deadline order."""

    def __init__(self, start: datetime | None = None) -> None:
        self._now = start or datetime(2026, 1, 5, 8, 0, tzinfo=UTC)
        if self._now.tzinfo is None:
            raise ValueError("ManualClock needs an aware start time")
        self._sleepers: list[tuple[datetime, int, asyncio.Future[None]]] = []
        self._counter = itertools.count()
        self._registrations = 0

    def now(self) -> datetime:
        return self._now

    async def sleep(self, seconds: float) -> None:
        if seconds <= 0:
            await asyncio.sleep(0)
            return
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        deadline = self._now + timedelta(seconds=seconds)
        heapq.heappush(self._sleepers, (deadline, next(self._counter), future))
        self._registrations += 1
        await future

    @property
    def next_deadline(self) -> datetime | None:
        self._drop_cancelled()
        return self._sleepers[0][0] if self._sleepers else None

    def _drop_cancelled(self) -> None:
        while self._sleepers and self._sleepers[0][2].done():
            heapq.heappop(self._sleepers)

    async def settle(self, quiet: float = 0.01, limit: float = 2.0) -> None:
        """Let woken tasks run until they block again.

        Tasks may wait on threads (aiosqlite), which `sleep(0)` does not cover, so this
        waits (in real time) until no task has gone to sleep on this clock for `quiet`
        seconds, at most `limit` seconds. 3 ms was measured flaky with the machine's two
        cores busy; 10 ms held under four CPU hogs.
        """
        loop = asyncio.get_running_loop()
        give_up = loop.time() + limit
        seen = self._registrations
        quiet_since = loop.time()
        while loop.time() < give_up:
            await asyncio.sleep(0.0005)
            if self._registrations != seen:
                seen = self._registrations
                quiet_since = loop.time()
            elif loop.time() - quiet_since >= quiet:
                return

    async def advance(self, seconds: float) -> None:
        """Move time forward, waking each sleeper at its own deadline, in order."""
        target = self._now + timedelta(seconds=seconds)
        await self.settle()
        while True:
            self._drop_cancelled()
            if not self._sleepers or self._sleepers[0][0] > target:
                break
            deadline, _, future = heapq.heappop(self._sleepers)
            self._now = max(self._now, deadline)
            future.set_result(None)
            await self.settle()
        self._now = target
        await self.settle()

    async def run_until_idle(self, limit_seconds: float = 24 * 3600.0) -> None:
        """Advance sleeper by sleeper until nobody sleeps (or the limit is reached)."""
        end = self._now + timedelta(seconds=limit_seconds)
        await self.settle()
        while (deadline := self.next_deadline) is not None and deadline <= end:
            await self.advance((deadline - self._now).total_seconds())
