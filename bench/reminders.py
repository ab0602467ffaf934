"""Reminder dispatcher benchmark: start-up with 100,000 schedules, and a 10,000 burst.

Run: `.venv/bin/python bench/reminders.py` (about a minute on 2 cores; most of it is
seeding). Prints one markdown table for the README.

1. 100,000 schedules (daily / weekdays / weekends / lists, 1-2 times each) for 50,000
   people in 40 IANA zones are written to a temporary SQLite file with their next
   occurrence, as `/reminders add` would. A fresh app then starts the dispatcher on that
   file (SystemClock, so the real APScheduler job): time until `start()` returns and the
   RSS growth meanwhile.
2. 10,000 of those schedules are made due at the same instant; a no-op chat records when
   each send is handed to it. Lateness = hand-off time - due time. A ticker task that
   sleeps 5 ms measures the longest event-loop stall over the whole run. Pacing is lifted
   (`rate=None`): at the production 40 sends/s, 10,000 take 250 s by design.
"""

from __future__ import annotations

import asyncio
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from datetime import time as dtime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.bootstrap import build_app
from bot.config import load_settings
from bot.core.clock import SystemClock
from bot.core.messages import Message
from bot.core.models import User
from bot.core.reminders.dispatcher import Dispatcher
from bot.core.reminders.schedule import (
    ALL_DAYS,
    WEEKDAYS,
    WEEKENDS,
    Schedule,
    days_to_db,
    next_occurrence,
    times_to_db,
)
from bot.core.suggest import all_zones
from bot.storage.sqlite.connection import Database, to_db

SCHEDULES = 100_000
PEOPLE = 50_000
BURST = 10_000
ZONES = 40


def rss_mib() -> float:
    with open("/proc/self/statm") as f:
        pages = int(f.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


class NoopChat:
    """Accepts every send instantly and notes when it was handed over."""

    def __init__(self) -> None:
        self.handed: list[float] = []
        self.nonces: set[str | None] = set()
        self.all_handed = asyncio.Event()

    async def send(self, user: User, message: Message, *, nonce: str | None = None) -> str | None:
        self.handed.append(time.time())
        self.nonces.add(nonce)
        if len(self.handed) >= BURST:
            self.all_handed.set()
        return None

    async def edit(self, user: User, message_id: str, message: Message) -> None:
        return None


async def seed(path: Path, now: datetime) -> None:
    rng = random.Random(7)
    zones = rng.sample([z for z in all_zones() if "/" in z], ZONES)
    day_choices = [ALL_DAYS, WEEKDAYS, WEEKENDS, frozenset({0, 2, 4}), frozenset({1, 3})]
    db = await Database.open(path)
    stamp = to_db(now)
    users = [
        ("discord", str(10**17 + n), f"user{n}", zones[n % ZONES], stamp, stamp)
        for n in range(PEOPLE)
    ]
    await db.conn.execute("BEGIN")
    await db.conn.executemany(
        """INSERT INTO users (platform, external_id, display_name, timezone, created_at,
                              last_seen_at) VALUES (?, ?, ?, ?, ?, ?)""",
        users,
    )
    rows = []
    for n in range(SCHEDULES):
        user = n % PEOPLE
        times = tuple(
            sorted({dtime(rng.randrange(6, 23), rng.choice((0, 15, 30, 45))) for _ in range(2)})
        )[: 1 + n % 2]
        days = day_choices[n % len(day_choices)]
        occ = next_occurrence(Schedule(days, times, zones[user % ZONES]), now)
        rows.append(
            (user + 1, days_to_db(days), times_to_db(times), to_db(occ.at), occ.slot, stamp)
        )
    await db.conn.executemany(
        """INSERT INTO reminders (user_id, days, times, next_at, next_slot, created_at)
           VALUES (?, ?, ?, ?, ?, ?)""",
        rows,
    )
    await db.conn.execute("COMMIT")
    await db.close()


async def ticker(stalls: list[float], stop: asyncio.Event) -> None:
    period = 0.005
    while not stop.is_set():
        t = time.perf_counter()
        await asyncio.sleep(period)
        stalls.append(time.perf_counter() - t - period)


async def main() -> list[tuple[str, str, str, bool]]:
    tmp = Path(tempfile.mkdtemp(prefix="limber-bench-"))
    path = tmp / "bench.sqlite3"
    now = datetime.now(UTC)
    t = time.perf_counter()
    await seed(path, now)
    seed_s = time.perf_counter() - t
    print(f"seeded {SCHEDULES:,} schedules in {seed_s:.1f} s", file=sys.stderr)

    chat = NoopChat()
    settings = load_settings(database_url=f"sqlite:///{path}")
    app = await build_app(settings, chat, SystemClock())
    dispatcher = Dispatcher(app, rate=None)  # pacing lifted for the burst (see docstring)
    app.services = [dispatcher]

    stalls: list[float] = []
    stop = asyncio.Event()
    tick = asyncio.create_task(ticker(stalls, stop))
    await asyncio.sleep(0.05)

    rss0 = rss_mib()
    t = time.perf_counter()
    await dispatcher.start()
    ready_s = time.perf_counter() - t
    rss_growth = rss_mib() - rss0

    # The burst: 10,000 schedules share one due instant, 1.5 s from now.
    due = datetime.now(UTC) + timedelta(seconds=1.5)
    await app.store.db.conn.execute(
        "UPDATE reminders SET next_at = ?, next_slot = '0000-01-01T00:00' WHERE id <= ?",
        (to_db(due), BURST),
    )
    dispatcher.notify(due)
    await asyncio.wait_for(chat.all_handed.wait(), 120)
    await dispatcher.idle()
    stop.set()
    await tick
    async with app.store.db.conn.execute(
        "SELECT COUNT(*), COUNT(DISTINCT key) FROM deliveries WHERE status = 'sent'"
    ) as cur:
        row = await cur.fetchone()
    assert row is not None
    sent_rows, keys = int(row[0]), int(row[1])
    await app.close()

    due_ts = due.timestamp()
    late = sorted(max(0.0, h - due_ts) for h in chat.handed)
    p50 = statistics.median(late)
    p99 = late[min(len(late) - 1, int(len(late) * 0.99))]
    worst = late[-1]
    stall = max(stalls)
    once = len(chat.handed) == BURST == sent_rows == keys == len(chat.nonces)
    return [
        (
            f"dispatcher ready, {SCHEDULES:,} schedules / {ZONES} zones",
            f"{ready_s * 1000:.0f} ms",
            "≤ 1 s",
            ready_s <= 1.0,
        ),
        ("RSS growth until ready", f"{rss_growth:.1f} MiB", "≤ 50 MiB", rss_growth <= 50),
        (
            f"burst of {BURST:,} due at once: hand-off lateness p50",
            f"{p50 * 1000:.0f} ms",
            "–",
            True,
        ),
        ("burst hand-off lateness p99", f"{p99 * 1000:.0f} ms", "≤ 1 s", p99 <= 1.0),
        ("burst hand-off lateness max", f"{worst * 1000:.0f} ms", "–", True),
        (
            "longest event-loop stall (5 ms ticker, whole run)",
            f"{stall * 1000:.0f} ms",
            "≤ 100 ms",
            stall <= 0.1,
        ),
        (
            "each occurrence sent once (sends = rows = keys = nonces)",
            f"{len(chat.handed):,} / {sent_rows:,} / {keys:,} / {len(chat.nonces):,}",
            f"{BURST:,}",
            once,
        ),
        (
            "pacing during the burst",
            "lifted (rate=None)",
            "production: 40/s → 10,000 need ≥ 250 s",
            True,
        ),
    ]


if __name__ == "__main__":
    results = asyncio.run(main())
    print(
        f"Command: `.venv/bin/python bench/reminders.py` (Python {sys.version.split()[0]}, "
        f"{os.cpu_count()} CPUs)\n"
    )
    print("| metric | result | target | ok? |")
    print("|---|---|---|---|")
    for metric, result, target, ok in results:
        print(f"| {metric} | {result} | {target} | {'yes' if ok else 'NO'} |")
