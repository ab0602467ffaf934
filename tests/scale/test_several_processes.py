"""Several processes on one database: each occurrence sent once by one of them, a dead
process's leases taken over with the same key and nonce, one request budget for all,
and each process sending only to people of its own platform.

A "process" here is one app (its own storage pool, dispatcher and chat) on the shared
database; the real-process version, with SIGKILL, is bench/fanout.py."""

from __future__ import annotations

import asyncio
import contextlib
import math
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime, timedelta
from datetime import time as dtime
from typing import Any

import pytest

from bot.bootstrap import build_app
from bot.config import Settings
from bot.core.app import Limber
from bot.core.clock import ManualClock, SystemClock
from bot.core.models import UserRef
from bot.core.pacing import Lane, LanePacer, SharedBudget, WindowBudget
from bot.core.reminders.schedule import nonce_for
from bot.storage import open_storage
from tests.fakes.chat import RecordingChat
from tests.support.backends import Raw

NINE = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)  # conftest's clock starts at 08:00 UTC
POSTGRES = pytest.mark.parametrize("backend", ["postgres"], indirect=True)
BOTH = pytest.mark.parametrize("backend", ["sqlite", "postgres"], indirect=True)

Opener = Callable[..., Awaitable[Limber]]


class SlowChat(RecordingChat):
    """Each send takes real milliseconds, as a request to Discord does (20 ms: long enough
    that one process cannot drain a 40-message burst before the other, started in the same
    gather, makes its first claim, even on a loaded CI machine)."""

    async def send(self, *args: Any, **kwargs: Any) -> str | None:
        await asyncio.sleep(0.02)
        return await super().send(*args, **kwargs)


@pytest.fixture
async def open_app(settings: Settings, clock: ManualClock) -> AsyncIterator[Opener]:
    opened: list[Limber] = []

    async def make(chat: RecordingChat, **options: object) -> Limber:
        chat.clock = clock
        app = await build_app(settings, chat, clock, rate=None, **options)
        await app.start()
        opened.append(app)
        return app

    yield make
    for app in opened:
        with contextlib.suppress(Exception):
            await app.close()


async def seed(app: Limber, platform: str, n: int) -> list[str]:
    """n people of `platform`, each with a 9:00 reminder; their occurrence keys."""
    keys = []
    for i in range(n):
        user = await app.store.users.ensure(UserRef(platform, f"{platform}-{i}"), NINE)
        rid = await app.store.reminders.add(
            user.id, frozenset(range(7)), (dtime(9),), None, NINE, "2026-03-02T09:00", NINE, 20
        )
        keys.append(f"{rid}:2026-03-02T09:00")
    return keys


async def both_idle(*apps: Limber) -> None:
    for _ in range(3):
        for app in apps:
            await app.dispatcher.idle()


@POSTGRES
async def test_two_dispatchers_on_one_database_never_send_an_occurrence_twice(
    open_app: Opener, clock: ManualClock
) -> None:
    chats = [SlowChat(), SlowChat()]
    # Small claims so both processes take part in the burst.
    first, second = [await open_app(c, claim_batch=4, workers=2) for c in chats]
    keys = await seed(first, "discord", 40)
    for app in (first, second):
        app.dispatcher.notify(NINE)
    await clock.advance((NINE - clock.now()).total_seconds())
    # Both passes at once, as two processes waking at the same minute.
    await asyncio.gather(first.dispatcher.run_due(), second.dispatcher.run_due())
    await both_idle(first, second)

    nonces = [s.nonce for c in chats for s in c.sent]
    assert sorted(nonces, key=str) == sorted((nonce_for(k) for k in keys), key=str)
    assert all(c.sent for c in chats), "both processes sent part of the burst"
    rows = await Raw(first.store).rows("SELECT key, status, lease_owner FROM deliveries")
    assert sorted(k for k, _, _ in rows) == sorted(keys)
    assert {s for _, s, _ in rows} == {"sent"} and {o for _, _, o in rows} == {None}
    reminders = await Raw(first.store).rows("SELECT DISTINCT next_at FROM reminders")
    assert reminders == [(NINE + timedelta(days=1),)]


@POSTGRES
async def test_a_dead_dispatchers_leases_are_taken_over_with_the_same_key_and_nonce(
    open_app: Opener, clock: ManualClock
) -> None:
    dead_chat = RecordingChat()
    dead = await open_app(dead_chat)
    keys = await seed(dead, "discord", 5)
    await dead.dispatcher.stop()  # it will record and claim, then "die" before sending
    await clock.advance((NINE - clock.now()).total_seconds())
    await dead.dispatcher.record_due(clock.now(), hand_off=False)
    lease_end = clock.now() + dead.dispatcher.lease
    claimed = await dead.store.reminders.claim(clock.now(), "dead", lease_end, 100)
    assert len(claimed) == 5

    chat = RecordingChat()
    alive = await open_app(chat)
    await alive.dispatcher.idle()
    assert chat.sent == [], "a live lease is respected"
    assert alive.dispatcher.wake_at == lease_end, "it wakes when the leases end"
    await clock.advance(dead.dispatcher.lease.total_seconds())
    await both_idle(alive)

    assert dead_chat.sent == []
    assert sorted(s.nonce or "" for s in chat.sent) == sorted(nonce_for(k) for k in keys)
    rows = await Raw(alive.store).rows("SELECT key, status FROM deliveries ORDER BY key")
    assert rows == sorted((k, "sent") for k in keys)


@BOTH
async def test_a_process_sends_only_the_reminders_of_its_own_platform(
    open_app: Opener, clock: ManualClock
) -> None:
    discord_chat, slack_chat = RecordingChat(), RecordingChat()
    on_discord = await open_app(discord_chat, platforms=("discord",))
    discord_keys = await seed(on_discord, "discord", 2)
    slack_keys = await seed(on_discord, "slack", 2)
    await on_discord.dispatcher.stop()
    on_discord.dispatcher.notify(NINE)  # stopped: nothing to wake, run by hand below
    await clock.advance((NINE - clock.now()).total_seconds())
    await on_discord.dispatcher.start()
    await both_idle(on_discord)
    assert sorted(s.nonce or "" for s in discord_chat.sent) == sorted(
        nonce_for(k) for k in discord_keys
    )
    raw = Raw(on_discord.store)
    assert await raw.value("SELECT COUNT(*) FROM deliveries") == 2, "slack's not even recorded"

    await on_discord.close()
    on_slack = await open_app(slack_chat, platforms=("slack",))
    await both_idle(on_slack)
    assert sorted(s.nonce or "" for s in slack_chat.sent) == sorted(
        nonce_for(k) for k in slack_keys
    )
    assert len(discord_chat.sent) == 2


@POSTGRES
async def test_processes_sharing_the_budget_never_exceed_it_together(settings: Settings) -> None:
    """Three processes (three pools) pace 150 requests at 50/s through the database;
    grants are tallied by the wall-clock second they were made in (as the fake Discord
    counts): never more than 50 in any second, whatever the timing."""
    limit, per_process = 50, 50
    stores = [await open_storage(settings.database_url) for _ in range(3)]
    granted: Counter[int] = Counter()
    clock = SystemClock()

    async def process(index: int) -> None:
        pacer = LanePacer(SharedBudget(stores[index].budget, "discord", limit, clock), clock)

        async def one() -> None:
            await pacer.bulk.acquire()
            granted[math.floor(clock.now().timestamp())] += 1

        await asyncio.gather(*(one() for _ in range(per_process)))

    try:
        await asyncio.wait_for(asyncio.gather(*(process(i) for i in range(3))), 30)
    finally:
        for store in stores:
            await store.close()
    assert sum(granted.values()) == 3 * per_process
    assert max(granted.values()) <= limit, granted


async def test_interactive_requests_go_before_a_waiting_burst() -> None:
    clock = ManualClock(datetime(2026, 3, 2, 9, 0, tzinfo=UTC))
    pacer = LanePacer(WindowBudget(5, clock), clock)
    order: list[str] = []

    async def take(lane: Lane, name: str) -> None:
        await pacer.acquire_lane(lane)
        order.append(name)

    burst = [asyncio.create_task(take(Lane.BULK, f"r{i}")) for i in range(20)]
    await clock.settle()
    assert order == [f"r{i}" for i in range(5)], "the first second goes to the burst"
    step = asyncio.create_task(take(Lane.INTERACTIVE, "step"))
    await clock.settle()
    await clock.advance(1.01)
    await clock.settle()
    assert order[5] == "step", "the session step is first in the next second"
    assert order[6:] == [f"r{i}" for i in range(5, 9)]
    for _ in range(3):
        await clock.advance(1.0)
        await clock.settle()
    await asyncio.gather(step, *burst)
    assert len(order) == 21


async def test_a_global_429_holds_every_lane() -> None:
    clock = ManualClock(datetime(2026, 3, 2, 9, 0, 0, 100000, tzinfo=UTC))
    pacer = LanePacer(WindowBudget(50, clock), clock)
    pacer.hold(2.5)
    got = asyncio.create_task(pacer.acquire())
    await clock.settle()
    await clock.advance(2.0)
    await clock.settle()
    assert not got.done()
    await clock.advance(0.6)
    await clock.settle()
    assert got.done()
