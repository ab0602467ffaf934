"""Storage backends side by side: the dispatcher's hot writes on SQLite and PostgreSQL.

Run: `.venv/bin/python bench/storage_backends.py [N]` (default 10,000). Starts a throwaway
PostgreSQL 15 like the test suite does (tests/support/postgres_server.py; fsync off, so
the figures are the code's and the driver's, not the disk's) and a temporary SQLite file,
then times, for N reminders of N people due at the same minute, what one burst costs
the store: reading the due page(s), recording N deliveries (one statement), moving N
schedules on (one statement) and writing N outcomes (one statement). Prints a markdown
table.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from datetime import time as dtime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.core.models import NewDelivery, UserRef
from bot.core.ports import Storage
from bot.storage import open_storage
from tests.support.postgres_server import PostgresServer

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
PAGE = 500


async def seed(store: Storage, n: int) -> None:
    for i in range(n):
        user = await store.users.ensure(UserRef("bench", str(i)), NOW)
        await store.reminders.add(
            user.id, frozenset(range(7)), (dtime(9),), None, NOW, "2026-03-02T09:00", NOW, 20
        )


async def burst(store: Storage, n: int) -> dict[str, float]:
    times: dict[str, float] = {}
    start = time.perf_counter()
    due = []
    after = None
    while True:
        page = await store.reminders.due(NOW, PAGE, after)
        if not page:
            break
        due += page
        after = (page[-1][0].next_at, page[-1][0].id)
    times["due"] = time.perf_counter() - start
    assert len(due) == n

    rows = [NewDelivery(f"{r.id}:{r.next_slot}", r.id, u.id, None, NOW, "pending") for r, u in due]
    start = time.perf_counter()
    ids = await store.reminders.record(rows, NOW)
    times["record"] = time.perf_counter() - start
    assert len(ids) == n

    tomorrow = NOW + timedelta(days=1)
    start = time.perf_counter()
    await store.reminders.set_next([(r.id, tomorrow, "2026-03-03T09:00") for r, _ in due])
    times["set_next"] = time.perf_counter() - start

    start = time.perf_counter()
    await store.reminders.finish([(i, "sent", f"m{i}", None, 1) for i in ids.values()], NOW)
    times["finish"] = time.perf_counter() - start
    return times


async def measure(url: str, n: int) -> tuple[float, dict[str, float]]:
    store = await open_storage(url)
    try:
        start = time.perf_counter()
        await seed(store, n)
        seeded = time.perf_counter() - start
        return seeded, await burst(store, n)
    finally:
        await store.close()


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        results["SQLite"] = asyncio.run(measure(f"sqlite:///{tmp}/bench.sqlite3", n))
    server = PostgresServer().start()
    try:
        results["PostgreSQL 15"] = asyncio.run(measure(server.create_database("bench"), n))
    finally:
        server.stop()
    head = f"| backend ({n:,} due at once) | seed: {n:,} x (ensure + add) |"
    print(head + " due pages | record | set_next | finish |")
    print("|---|---|---|---|---|---|")
    for name, (seeded, t) in results.items():
        cells = " | ".join(f"{t[k] * 1000:.0f} ms" for k in ("due", "record", "set_next", "finish"))
        print(f"| {name} | {seeded:.1f} s | {cells} |")


if __name__ == "__main__":
    main()
