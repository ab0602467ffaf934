"""A per-person limit on free text, so one person's flood cannot starve everyone else.

Each person has a token bucket on the injected clock: a message costs one token plus
one per `CHARS_PER_TOKEN` characters (a 2,000-character message costs 5), the bucket
holds `burst` tokens and refills at `rate` per second. Answering eight screening
questions in a row is fine; pasting pages of text many times a second is not.
Buckets live in a bounded LRU cache, so memory stays flat however many people
write. Commands and buttons are not throttled.
"""

from __future__ import annotations

from datetime import datetime

from cachetools import LRUCache

MAX_TRACKED = 10_000
CHARS_PER_TOKEN = 500


class InboundThrottle:
    def __init__(self, burst: int = 20, rate: float = 1.0, max_tracked: int = MAX_TRACKED) -> None:
        self.burst = float(burst)
        self.rate = rate
        self._buckets: LRUCache[int, tuple[float, datetime]] = LRUCache(maxsize=max_tracked)

    def allow(self, user_id: int, now: datetime, length: int = 0) -> bool:
        """Take a message of `length` characters from the person's bucket; False when
        they must wait (nothing is taken then)."""
        cost = 1.0 + length / CHARS_PER_TOKEN
        tokens, stamp = self._buckets.get(user_id, (self.burst, now))
        elapsed = max(0.0, (now - stamp).total_seconds())
        tokens = min(self.burst, tokens + elapsed * self.rate)
        if tokens < cost:
            self._buckets[user_id] = (tokens, now)
            return False
        self._buckets[user_id] = (tokens - cost, now)
        return True

    def forget(self, user_id: int) -> None:
        self._buckets.pop(user_id, None)

    def __len__(self) -> int:
        return len(self._buckets)
