"""All or nothing, on every backend: a failure in the middle of a multi-statement operation
(played with a trigger in each dialect, see tests/support/backends.py) leaves nothing
half done, and a read never sees rows another task has not committed."""

from __future__ import annotations

import asyncio
from datetime import time as dtime
from datetime import timedelta
from typing import Any

import pytest

from bot.core.models import NewDelivery, UserRef
from bot.core.ports import Storage
from tests.storage.contract.conftest import NOW
from tests.support.backends import Raw


async def _statuses(raw: Raw) -> list[tuple[str, str]]:
    return [(k, s) for k, s in await raw.rows("SELECT key, status FROM deliveries ORDER BY id")]


async def _reminder_with_pending(store: Storage) -> tuple[int, int]:
    user = await store.users.ensure(UserRef("terminal", "alice"), NOW)
    rid = await store.reminders.add(
        user.id, frozenset(range(7)), (dtime(9),), None, NOW, "2026-03-02T09:00", NOW, 20
    )
    assert rid is not None
    await store.reminders.record(
        [NewDelivery(f"{rid}:2026-03-02T09:00", rid, user.id, None, NOW, "pending")], NOW
    )
    return user.id, rid


async def test_a_read_never_sees_rows_another_task_has_not_committed(storage: Storage) -> None:
    inside = asyncio.Event()
    finish = asyncio.Event()
    db: Any = storage.db  # type: ignore[attr-defined]

    async def writer() -> None:
        try:
            async with db.transaction():
                await storage.users.ensure(UserRef("t", "x"), NOW)  # joins the transaction
                assert await storage.users.by_ref(UserRef("t", "x")) is not None  # sees its own
                inside.set()
                await finish.wait()
                raise RuntimeError("rolled back")
        except RuntimeError:
            pass

    task = asyncio.create_task(writer())
    await asyncio.wait_for(inside.wait(), 5)
    reader = asyncio.create_task(storage.users.by_ref(UserRef("t", "x")))
    await asyncio.sleep(0.05)
    finish.set()
    await task
    assert await reader is None  # the row was never committed
    assert await storage.users.by_ref(UserRef("t", "x")) is None


async def test_a_failed_transaction_writes_nothing_and_others_go_on(storage: Storage) -> None:
    db: Any = storage.db  # type: ignore[attr-defined]
    entered = asyncio.Event()
    release = asyncio.Event()

    async def slow() -> None:
        async with db.transaction():
            await storage.users.ensure(UserRef("t", "a"), NOW)
            entered.set()
            await release.wait()
            raise RuntimeError("rolled back")

    first = asyncio.create_task(slow())
    await entered.wait()
    other = asyncio.create_task(storage.users.ensure(UserRef("t", "b"), NOW))
    await asyncio.sleep(0.01)
    release.set()
    with pytest.raises(RuntimeError):
        await first
    await other
    assert await storage.users.by_ref(UserRef("t", "a")) is None
    assert await storage.users.by_ref(UserRef("t", "b")) is not None


@pytest.mark.parametrize(("table", "op"), [("deliveries", "UPDATE"), ("reminders", "DELETE")])
async def test_removing_a_reminder_is_all_or_nothing(
    storage: Storage, raw: Raw, table: str, op: str
) -> None:
    user_id, rid = await _reminder_with_pending(storage)
    await raw.fail_on(table, op)
    with pytest.raises(Exception, match="injected failure"):
        await storage.reminders.remove(user_id, rid)
    assert [r.id for r in await storage.reminders.for_user(user_id)] == [rid]
    assert [s for _, s in await _statuses(raw)] == ["pending"]


@pytest.mark.parametrize(("table", "op"), [("deliveries", "UPDATE"), ("reminders", "UPDATE")])
async def test_pausing_is_all_or_nothing(storage: Storage, raw: Raw, table: str, op: str) -> None:
    user_id, rid = await _reminder_with_pending(storage)
    await raw.fail_on(table, op)
    with pytest.raises(Exception, match="injected failure"):
        await storage.reminders.pause_all(user_id, [], None, NOW)
    with pytest.raises(Exception, match="injected failure"):
        later = NOW + timedelta(days=2)
        await storage.reminders.pause_all(user_id, [(rid, later, "x")], later, NOW)
    [reminder] = await storage.reminders.for_user(user_id)
    assert (reminder.state, reminder.paused_until, reminder.next_at) == ("active", None, NOW)
    assert [s for _, s in await _statuses(raw)] == ["pending"]


async def test_snoozing_is_all_or_nothing(storage: Storage, raw: Raw) -> None:
    user_id, rid = await _reminder_with_pending(storage)
    [(key, _)] = await _statuses(raw)
    delivery = await storage.reminders.by_key(key)
    assert delivery is not None
    await storage.reminders.finish([(delivery.id, "sent", "m1", None, 1)], NOW)
    await raw.fail_on("deliveries", "INSERT")
    snoozed = NewDelivery(
        f"{key}:snooze1", rid, user_id, None, NOW + timedelta(minutes=10), "pending", snoozes=1
    )
    with pytest.raises(Exception, match="injected failure"):
        await storage.reminders.snooze(delivery.id, ("sent",), snoozed, NOW)
    # Not marked snoozed without the snooze that would deliver it again.
    assert await _statuses(raw) == [(key, "sent")]


@pytest.mark.parametrize(("table", "op"), [("reminders", "UPDATE"), ("deliveries", "UPDATE")])
async def test_switching_off_an_unreachable_person_is_all_or_nothing(
    storage: Storage, raw: Raw, table: str, op: str
) -> None:
    user_id, _ = await _reminder_with_pending(storage)
    await raw.fail_on(table, op)
    with pytest.raises(Exception, match="injected failure"):
        await storage.reminders.disable_user(user_id, NOW)
    user = await storage.users.get(user_id)
    assert user is not None and user.unreachable_at is None
    [reminder] = await storage.reminders.for_user(user_id)
    assert reminder.state == "active"


@pytest.mark.parametrize(("table", "op"), [("consents", "INSERT"), ("pain_reports", "DELETE")])
async def test_withdrawing_consent_is_all_or_nothing(
    storage: Storage, raw: Raw, table: str, op: str
) -> None:
    user = await storage.users.ensure(UserRef("terminal", "alice"), NOW)
    await storage.users.set_pain_consent(user.id, True, NOW)
    await storage.users.add_pain(user.id, 5, "report", NOW)
    await raw.fail_on(table, op)
    with pytest.raises(Exception, match="injected failure"):
        await storage.users.set_pain_consent(user.id, False, NOW)
    got = await storage.users.get(user.id)
    assert got is not None and got.consent_pain == "granted"
    assert len(await storage.users.pain_since(user.id, NOW)) == 1


@pytest.mark.parametrize("table", ["users", "consents"])
async def test_erasing_a_person_is_all_or_nothing(storage: Storage, raw: Raw, table: str) -> None:
    user_id, _ = await _reminder_with_pending(storage)
    await storage.users.set_pain_consent(user_id, True, NOW)
    before = await raw.snapshot()
    await raw.fail_on(table, "DELETE")
    with pytest.raises(Exception, match="injected failure"):
        await storage.privacy.erase(user_id)
    assert await raw.snapshot() == before
