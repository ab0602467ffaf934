"""A token bucket on the injected clock: the one pacer every sender shares.

Discord allows 50 requests/s per bot token; the reminder dispatcher and the Discord
adapter both pace through this so a burst never trips the global limit. With several
processes on one token, `LanePacer` + `SharedBudget` take each second's requests from
the database, and serve interactive requests before a reminder burst. Waiting is an
await on the clock (never a blocking sleep), so a backlog costs the event loop nothing,
and a test clock makes pacing instant.
"""

from __future__ import annotations

import asyncio
import logging
import math
from collections import deque
from enum import StrEnum
from typing import Protocol

from bot.core.clock import Clock

log = logging.getLogger(__name__)


class TokenBucket:
    """At most `rate` acquisitions per second on average, bursts up to `capacity`.

    `rate=None` lifts the limit (benchmarks). Waiters are served in arrival order.
    """

    def __init__(self, rate: float | None, capacity: float, clock: Clock) -> None:
        self.rate = rate
        self.capacity = max(1.0, capacity)
        self.clock = clock
        self._tokens = self.capacity
        self._stamp = clock.now()
        self._lock = asyncio.Lock()

    async def acquire(self) -> None:
        if self.rate is None:
            return
        async with self._lock:
            while True:
                now = self.clock.now()
                elapsed = max(0.0, (now - self._stamp).total_seconds())
                self._tokens = min(self.capacity, self._tokens + elapsed * self.rate)
                self._stamp = now
                if self._tokens >= 1.0:
                    self._tokens -= 1.0
                    return
                await self.clock.sleep((1.0 - self._tokens) / self.rate)


class RateBudget(Protocol):
    """The shared per-second budget (`bot.core.ports.RateBudget`, restated here: this
    module sits beside `ports`, not above it)."""

    async def take(self, bucket: str, slot: int, want: int, limit: int) -> int: ...


class Lane(StrEnum):
    """Who is waiting for a request: a person right now, or a burst that can wait."""

    INTERACTIVE = "interactive"
    BULK = "bulk"


class TokenSource(Protocol):
    """Where a `LanePacer` gets its requests: `take(want)` -> (granted, seconds to wait
    before asking again when nothing was granted)."""

    async def take(self, want: int) -> tuple[int, float]: ...


def _slot(clock: Clock) -> tuple[int, float]:
    """The current second (epoch) and how far into it we are (0..1)."""
    stamp = clock.now().timestamp()
    slot = math.floor(stamp)
    return slot, stamp - slot


class WindowBudget:
    """`limit` requests per clock second, counted in this process (one process per token).

    `margin`: nothing is granted in the last part of a second, so a request granted in one
    second does not reach the platform in the next and push that one over the limit.
    `limit=None` lifts the limit.
    """

    def __init__(self, limit: int | None, clock: Clock, margin: float = 0.05) -> None:
        self.limit = limit
        self.clock = clock
        self.margin = margin
        self._slot = -1
        self._used = 0

    async def take(self, want: int) -> tuple[int, float]:
        if self.limit is None:
            return want, 0.0
        slot, into = _slot(self.clock)
        if into >= 1.0 - self.margin:
            return 0, 1.0 - into + 0.001
        if slot != self._slot:
            self._slot, self._used = slot, 0
        granted = min(want, self.limit - self._used)
        self._used += granted
        return granted, (0.0 if granted else 1.0 - into + 0.001)


class SharedBudget:
    """`limit` requests per clock second for a bot token, shared by every process on
    one database through the `RateBudget` store (each process takes small chunks of
    the current second; the store never grants more than `limit` per second in all)."""

    def __init__(
        self,
        store: RateBudget,
        bucket: str,
        limit: int,
        clock: Clock,
        *,
        chunk: int = 10,
        margin: float = 0.05,
    ) -> None:
        self.store = store
        self.bucket = bucket
        self.limit = limit
        self.clock = clock
        self.chunk = chunk
        self.margin = margin
        self._spent: int | None = None  # a second known to be spent (no database call)

    async def take(self, want: int) -> tuple[int, float]:
        slot, into = _slot(self.clock)
        if into >= 1.0 - self.margin or slot == self._spent:
            return 0, 1.0 - into + 0.001
        granted = await self.store.take(self.bucket, slot, min(want, self.chunk), self.limit)
        if granted:
            return granted, 0.0
        self._spent = slot
        slot, into = _slot(self.clock)
        return 0, 1.0 - into + 0.001


class LanePacer:
    """A `Pacer` with two lanes: interactive requests (session steps, replies) are served
    before bulk ones (a reminder burst) whenever both wait; requests come from a
    `TokenSource` (this process's window, or the budget shared through the database).

    `acquire()` is the interactive lane (the `Pacer` port); `bulk` is a `Pacer` for the
    burst. `hold(seconds)`: the platform answered a global 429; nobody is served until
    then. Waiters of one lane are served in arrival order.
    """

    def __init__(self, source: TokenSource, clock: Clock) -> None:
        self.source = source
        self.clock = clock
        self._waiting: dict[Lane, deque[asyncio.Future[None]]] = {
            Lane.INTERACTIVE: deque(),
            Lane.BULK: deque(),
        }
        self._pump: asyncio.Task[None] | None = None
        self._hold_until: float = 0.0
        self.bulk = _BulkLane(self)

    async def acquire(self) -> None:
        await self.acquire_lane(Lane.INTERACTIVE)

    async def acquire_lane(self, lane: Lane) -> None:
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._waiting[lane].append(future)
        if self._pump is None or self._pump.done():
            self._pump = asyncio.create_task(self._serve())
        await future

    def hold(self, seconds: float) -> None:
        self._hold_until = max(self._hold_until, self.clock.now().timestamp() + seconds)

    def waiting(self, lane: Lane) -> int:
        return sum(1 for f in self._waiting[lane] if not f.done())

    def _next(self) -> asyncio.Future[None] | None:
        for lane in (Lane.INTERACTIVE, Lane.BULK):
            queue = self._waiting[lane]
            while queue:
                future = queue.popleft()
                if not future.done():  # a cancelled waiter gives its place up
                    return future
        return None

    async def _serve(self) -> None:
        while True:
            want = self.waiting(Lane.INTERACTIVE) + self.waiting(Lane.BULK)
            if want == 0:
                return
            held = self._hold_until - self.clock.now().timestamp()
            if held > 0:
                await self.clock.sleep(held)
                continue
            try:
                granted, wait = await self.source.take(want)
            except Exception:
                log.exception("could not take requests from the shared budget; retrying")
                granted, wait = 0, 1.0
            if not granted:
                await self.clock.sleep(max(wait, 0.001))
                continue
            for _ in range(granted):
                future = self._next()
                if future is None:
                    break
                future.set_result(None)
            await asyncio.sleep(0)


class _BulkLane:
    """The bulk lane of a `LanePacer`, itself a `Pacer`."""

    def __init__(self, pacer: LanePacer) -> None:
        self._pacer = pacer

    async def acquire(self) -> None:
        await self._pacer.acquire_lane(Lane.BULK)
