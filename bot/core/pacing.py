"""A token bucket on the injected clock: the one pacer every sender shares.

Discord allows 50 requests/s per bot token; the reminder dispatcher and the Discord
adapter both pace through this so a burst never trips the global limit. Waiting is an
await on the clock (never a blocking sleep), so a backlog costs the event loop nothing,
and a test clock makes pacing instant.
"""

from __future__ import annotations

import asyncio

from bot.core.clock import Clock


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
