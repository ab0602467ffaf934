"""A same-minute burst through real `limber run` processes on one PostgreSQL, against a
local fake Discord that enforces 50 requests/s (429 + retry_after over it).

Run: `.venv/bin/python bench/fanout.py [N ...]` (default 1,000; 10,000 takes about
3.5 minutes per scenario, the physical minimum being N/50 s). For each N, three
scenarios, each on a fresh database: 1 process; 3 processes (SHARD_COUNT=3); 3 processes
with one killed by SIGKILL a third of the way through the burst. N people who have used
the bot before (their DM channel id is stored, as `limber run` now does at the first
interaction) each have one reminder due at the same instant, a few seconds after the
processes have started. Measured in the fake: fan-out time from the due instant to the
last reminder message, against N/50 s; reminders lost (no message); duplicated (two
messages for one occurrence); requests re-sent under the same nonce (dropped by Discord
as by the fake); 429s; the most requests the fake accepted in any wall-clock second.
Prints one markdown table.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import asyncpg

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.storage import open_storage
from tests.fakes.discord_server import FakeDiscord
from tests.support.postgres_server import PostgresServer

LIMIT = 50
LEAD = 12.0  # seconds between starting the processes and the due instant


async def seed(url: str, fake: FakeDiscord, n: int, due: datetime) -> None:
    store = await open_storage(url)  # migrates
    await store.close()
    guild = fake.add_guild("Clinic")
    people = [fake.add_user(f"u{i}", guilds=[guild]) for i in range(n)]
    channels = [fake.dm_channel(p).id for p in people]
    conn = await asyncpg.connect(url)
    try:
        stamp = datetime.now(UTC)
        await conn.copy_records_to_table(
            "users",
            columns=[
                "platform",
                "external_id",
                "display_name",
                "timezone",
                "dm_channel_id",
                "screened_at",
                "created_at",
                "last_seen_at",
            ],
            records=[
                ("discord", str(p.id), p.username, "UTC", str(c), stamp, stamp, stamp)
                for p, c in zip(people, channels, strict=True)
            ],
        )
        await conn.execute(
            """INSERT INTO reminders (user_id, days, times, next_at, next_slot, created_at)
               SELECT id, 'mon,tue,wed,thu,fri,sat,sun', $2, $1, $3, now() FROM users""",
            due,
            due.strftime("%H:%M"),
            due.strftime("%Y-%m-%dT%H:%M"),
        )
    finally:
        await conn.close()


def spawn(fake: FakeDiscord, url: str, cwd: Path, shard: int | None, count: int) -> asyncio.Future:
    env = {
        **os.environ,
        "DISCORD_TOKEN": "fake-bot-token",
        "DISCORD_API_URL": fake.http_base,
        "DISCORD_GATEWAY_URL": fake.gateway_url,
        "DATABASE_URL": url,
        "LOG_LEVEL": "ERROR",
        "DISCORD_RATE_LIMIT": str(LIMIT),
    }
    if shard is not None:
        env |= {"SHARD_COUNT": str(count), "SHARD_IDS": str(shard)}
    return asyncio.ensure_future(
        asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot",
            "run",
            cwd=cwd,
            env=env,
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.DEVNULL,
        )
    )


async def scenario(server: PostgresServer, n: int, processes: int, kill: bool) -> dict:
    name = f"fanout_{n}_{processes}_{int(kill)}_{int(time.time())}"
    url = server.create_database(name)
    fake = FakeDiscord(global_rate_limit=LIMIT)
    await fake.start()
    due = (datetime.now(UTC) + timedelta(seconds=LEAD)).replace(microsecond=0)
    await seed(url, fake, n, due)
    tmp = Path(tempfile.mkdtemp(prefix="limber-fanout-"))
    sharded = processes > 1
    procs = [
        await spawn(fake, url, tmp, i if sharded else None, processes) for i in range(processes)
    ]
    killed_at = None
    try:
        deadline = time.time() + LEAD + n / LIMIT * 2 + 90
        while time.time() < deadline:
            delivered = len({m.nonce for m in fake.messages.values()})
            if kill and killed_at is None and delivered >= n // 3:
                procs[1].send_signal(signal.SIGKILL)
                killed_at = time.time() - due.timestamp()
            if delivered >= n:
                break
            await asyncio.sleep(0.05)
        await asyncio.sleep(2.0)  # anything late or duplicated shows up now
    finally:
        for proc in procs:
            if proc.returncode is None:
                proc.send_signal(signal.SIGTERM)
        for proc in procs:
            try:
                await asyncio.wait_for(proc.wait(), 30)
            except TimeoutError:
                proc.kill()
        await fake.stop()
    posts = [r for r in fake.requests if r.method == "POST" and r.path.endswith("/messages")]
    ok = [r for r in posts if r.status == 200]
    per_nonce = Counter(r.json.get("nonce") for r in ok)
    messages = [m for m in fake.messages.values() if m.nonce]
    last = max(m_at for m_at in (r.at for r in ok)) if ok else float("nan")
    seconds = Counter(int(r.at) for r in fake.requests if r.status != 429)
    server.drop_database(name)
    return {
        "fanout": last - due.timestamp(),
        "minimum": n / LIMIT,
        "lost": n - len({m.nonce for m in messages}),
        "duplicated": len(messages) - len({m.nonce for m in messages}),
        "resent": sum(c - 1 for c in per_nonce.values()),
        "429": sum(1 for r in fake.requests if r.status == 429),
        "peak": max(seconds.values()) if seconds else 0,
        "create_dm": sum(1 for r in fake.requests if r.path == "/users/@me/channels"),
        "killed_at": killed_at,
    }


async def main(sizes: list[int]) -> None:
    server = PostgresServer().start()
    rows = []
    try:
        for n in sizes:
            for processes, kill in ((1, False), (3, False), (3, True)):
                result = await scenario(server, n, processes, kill)
                rows.append((n, processes, kill, result))
                print(n, processes, kill, result, file=sys.stderr)
    finally:
        server.stop()
    print(
        f"Command: `.venv/bin/python bench/fanout.py {' '.join(map(str, sizes))}` "
        f"(Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, PostgreSQL 15, fake "
        f"Discord at {LIMIT} req/s)\n"
    )
    print(
        "| reminders due at once | processes | fan-out | physical minimum N/50 | ratio "
        "| lost | duplicated | re-sent (same nonce) | 429s | peak req/s | Create-DM calls |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for n, processes, kill, r in rows:
        who = f"{processes}" + (f", one SIGKILLed at +{r['killed_at']:.0f} s" if kill else "")
        print(
            f"| {n:,} | {who} | {r['fanout']:.1f} s | {r['minimum']:.0f} s "
            f"| {r['fanout'] / r['minimum']:.2f}x | {r['lost']} | {r['duplicated']} "
            f"| {r['resent']} | {r['429']} | {r['peak']} | {r['create_dm']} |"
        )


if __name__ == "__main__":
    asyncio.run(main([int(a) for a in sys.argv[1:]] or [1_000]))
