"""Storage faults, each reproduced first: reads that saw another task's uncommitted
rows, and multi-statement operations that a failure (or crash) left half done.

A failure in the middle is played with a SQLite trigger that aborts one statement; a
crash behaves the same for SQLite (an open transaction is rolled back on the next open).
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from datetime import time as dtime
from pathlib import Path

import pytest

from bot.core.models import NewDelivery, UserRef
from bot.storage.sqlite.backend import SqliteStorage

NOW = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


@pytest.fixture
async def store(tmp_path: Path) -> SqliteStorage:
    storage = await SqliteStorage.open(tmp_path / "t.sqlite3")
    yield storage  # type: ignore[misc]
    await storage.close()


async def _fail_on(store: SqliteStorage, table: str, op: str) -> None:
    await store.db.conn.execute(
        f"CREATE TRIGGER fail_{op.lower()}_{table} BEFORE {op} ON {table} "
        "BEGIN SELECT RAISE(ABORT, 'injected failure'); END"
    )


async def _statuses(store: SqliteStorage) -> list[tuple[str, str]]:
    async with store.db.read("SELECT key, status FROM deliveries ORDER BY id") as cur:
        return [(r["key"], r["status"]) for r in await cur.fetchall()]


async def _reminder_with_pending(store: SqliteStorage) -> tuple[int, int]:
    user = await store.users.ensure(UserRef("terminal", "alice"), NOW)
    rid = await store.reminders.add(
        user.id, frozenset(range(7)), (dtime(9),), None, NOW, "2026-03-02T09:00", NOW, 20
    )
    assert rid is not None
    await store.reminders.record(
        [NewDelivery(f"{rid}:2026-03-02T09:00", rid, user.id, None, NOW, "pending")], NOW
    )
    return user.id, rid


async def test_a_read_never_sees_rows_another_task_has_not_committed(
    store: SqliteStorage,
) -> None:
    inside = asyncio.Event()
    finish = asyncio.Event()

    async def writer() -> None:
        try:
            async with store.db.transaction():
                await store.users.ensure(UserRef("t", "x"), NOW)  # joins the transaction
                inside.set()
                await finish.wait()
                raise RuntimeError("rolled back")
        except RuntimeError:
            pass

    task = asyncio.create_task(writer())
    await asyncio.wait_for(inside.wait(), 5)
    reader = asyncio.create_task(store.users.by_ref(UserRef("t", "x")))
    await asyncio.sleep(0.05)
    finish.set()
    await task
    assert await reader is None  # the row was never committed


@pytest.mark.parametrize(("table", "op"), [("deliveries", "UPDATE"), ("reminders", "DELETE")])
async def test_removing_a_reminder_is_all_or_nothing(
    store: SqliteStorage, table: str, op: str
) -> None:
    user_id, rid = await _reminder_with_pending(store)
    await _fail_on(store, table, op)
    with pytest.raises(Exception, match="injected failure"):
        await store.reminders.remove(user_id, rid)
    assert [r.id for r in await store.reminders.for_user(user_id)] == [rid]
    assert [s for _, s in await _statuses(store)] == ["pending"]


@pytest.mark.parametrize(("table", "op"), [("deliveries", "UPDATE"), ("reminders", "UPDATE")])
async def test_pausing_is_all_or_nothing(store: SqliteStorage, table: str, op: str) -> None:
    user_id, _ = await _reminder_with_pending(store)
    await _fail_on(store, table, op)
    with pytest.raises(Exception, match="injected failure"):
        await store.reminders.pause_all(user_id, [], None, NOW)
    [reminder] = await store.reminders.for_user(user_id)
    assert reminder.state == "active"
    assert [s for _, s in await _statuses(store)] == ["pending"]


async def test_snoozing_is_all_or_nothing(store: SqliteStorage) -> None:
    user_id, rid = await _reminder_with_pending(store)
    [(key, _)] = await _statuses(store)
    delivery = await store.reminders.by_key(key)
    assert delivery is not None
    await store.reminders.finish([(delivery.id, "sent", "m1", None, 1)], NOW)
    await _fail_on(store, "deliveries", "INSERT")
    snoozed = NewDelivery(
        f"{key}:snooze1", rid, user_id, None, NOW + timedelta(minutes=10), "pending", snoozes=1
    )
    with pytest.raises(Exception, match="injected failure"):
        await store.reminders.snooze(delivery.id, ("sent",), snoozed, NOW)
    # Not marked snoozed without the snooze that would deliver it again.
    assert await _statuses(store) == [(key, "sent")]


@pytest.mark.parametrize(("table", "op"), [("reminders", "UPDATE"), ("deliveries", "UPDATE")])
async def test_switching_off_an_unreachable_person_is_all_or_nothing(
    store: SqliteStorage, table: str, op: str
) -> None:
    user_id, _ = await _reminder_with_pending(store)
    await _fail_on(store, table, op)
    with pytest.raises(Exception, match="injected failure"):
        await store.reminders.disable_user(user_id, NOW)
    user = await store.users.get(user_id)
    assert user is not None and user.unreachable_at is None
    [reminder] = await store.reminders.for_user(user_id)
    assert reminder.state == "active"
