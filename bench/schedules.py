"""Many stored schedules: how long until `limber` is ready, and its memory, on
PostgreSQL and on SQLite on the same machine.

Run: `.venv/bin/python bench/schedules.py [N]` (default 1,000,000 schedules of N/2 people,
next occurrences spread over the next 24 hours, none due now). Each database is seeded
with SQL (not timed), then a fresh Python process builds the app on it and starts it
(migrations checked, routines loaded, the dispatcher's first pass and its next wake):
time until `start()` returns, the process's RSS when ready and its growth during start.
The database server's own memory is not counted. Prints one markdown table.
"""

from __future__ import annotations

import asyncio
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def rss_mib() -> float:
    with open("/proc/self/statm") as f:
        pages = int(f.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


async def child(url: str) -> None:
    """Runs in its own process: build and start the app, report time and memory."""
    from bot.bootstrap import build_app
    from bot.config import load_settings
    from bot.core.clock import SystemClock
    from tests.fakes.chat import RecordingChat

    settings = load_settings(database_url=url)
    before = rss_mib()
    start = time.perf_counter()
    app = await build_app(settings, RecordingChat(), SystemClock(), platforms=("discord",))
    await app.start()
    ready = time.perf_counter() - start
    after = rss_mib()
    wake = app.dispatcher.wake_at
    await app.close()
    print(json.dumps({"ready": ready, "rss": after, "growth": after - before, "wake": str(wake)}))


def seed_sqlite(path: Path, n: int) -> None:
    from bot.storage import open_storage

    async def migrate() -> None:
        store = await open_storage(f"sqlite:///{path}")
        await store.close()

    asyncio.run(migrate())
    people = max(1, n // 2)
    db = sqlite3.connect(path)
    db.executescript(
        f"""
        BEGIN;
        WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < {people})
        INSERT INTO users (platform, external_id, display_name, timezone, created_at,
                           last_seen_at)
        SELECT 'discord', 'u' || i, 'u' || i, 'UTC', '2026-01-01T00:00:00.000000+00:00',
               '2026-01-01T00:00:00.000000+00:00' FROM k;
        WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < {n})
        INSERT INTO reminders (user_id, days, times, next_at, next_slot, created_at)
        SELECT 1 + (i % {people}), 'mon,tue,wed,thu,fri,sat,sun', '09:00',
               strftime('%Y-%m-%dT%H:%M:00.000000+00:00', 'now', '+' || (60 + i % 1380)
                        || ' minutes'),
               '2099-01-01T09:00', '2026-01-01T00:00:00.000000+00:00' FROM k;
        COMMIT;
        """
    )
    db.close()


async def seed_postgres(url: str, n: int) -> None:
    import asyncpg

    from bot.storage import open_storage

    store = await open_storage(url)
    await store.close()
    people = max(1, n // 2)
    conn = await asyncpg.connect(url)
    try:
        await conn.execute(
            f"""INSERT INTO users (platform, external_id, display_name, timezone, created_at,
                                   last_seen_at)
                SELECT 'discord', 'u' || i, 'u' || i, 'UTC', now(), now()
                FROM generate_series(1, {people}) AS i"""
        )
        await conn.execute(
            f"""INSERT INTO reminders (user_id, days, times, next_at, next_slot, created_at)
                SELECT 1 + (i % {people}), 'mon,tue,wed,thu,fri,sat,sun', '09:00',
                       now() + make_interval(mins => 60 + i % 1380), '2099-01-01T09:00', now()
                FROM generate_series(1, {n}) AS i"""
        )
        await conn.execute("VACUUM ANALYZE")
    finally:
        await conn.close()


def measure(url: str) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", url], capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    from tests.support.postgres_server import PostgresServer

    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    results: dict[str, tuple[float, dict[str, float]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.sqlite3"
        start = time.perf_counter()
        seed_sqlite(path, n)
        results["SQLite"] = (time.perf_counter() - start, measure(f"sqlite:///{path}"))
        server = PostgresServer().start()
        try:
            url = server.create_database("schedules")
            start = time.perf_counter()
            asyncio.run(seed_postgres(url, n))
            results["PostgreSQL 15"] = (time.perf_counter() - start, measure(url))
        finally:
            server.stop()
    print(
        f"Command: `.venv/bin/python bench/schedules.py {n}` (Python {sys.version.split()[0]}, "
        f"{os.cpu_count()} CPUs)\n"
    )
    print(
        f"| backend | {n:,} schedules seeded (SQL, not Limber) | ready (build + start) "
        "| RSS when ready | RSS growth during start |"
    )
    print("|---|---|---|---|---|")
    for name, (seeded, r) in results.items():
        print(
            f"| {name} | {seeded:.1f} s | {r['ready'] * 1000:.0f} ms | {r['rss']:.0f} MiB "
            f"| {r['growth']:.1f} MiB |"
        )


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        asyncio.run(child(sys.argv[2]))
    else:
        main()
