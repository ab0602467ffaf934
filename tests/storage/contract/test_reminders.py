"""ReminderStore on every backend: schedules, the due index, deliveries keyed once."""

from __future__ import annotations

import asyncio
from datetime import time, timedelta

from bot.core.models import NewDelivery, UserRef
from bot.core.ports import Storage
from tests.storage.contract.conftest import NOW

DAILY = frozenset(range(7))


async def _user(storage: Storage, name: str = "alice") -> int:
    return (await storage.users.ensure(UserRef("terminal", name), NOW)).id


async def _add(storage: Storage, user_id: int, at_minutes: int = 60, limit: int = 20) -> int:
    rid = await storage.reminders.add(
        user_id,
        DAILY,
        (time(9), time(18, 30)),
        "low-back",
        NOW + timedelta(minutes=at_minutes),
        f"slot{at_minutes}",
        NOW,
        limit,
    )
    assert rid is not None
    return rid


def _new(
    key: str, rid: int | None, user_id: int, status: str = "pending", **kw: object
) -> NewDelivery:
    return NewDelivery(key, rid, user_id, None, NOW, status, **kw)  # type: ignore[arg-type]


async def test_add_count_list_and_the_limit(storage: Storage) -> None:
    user_id = await _user(storage)
    rid = await _add(storage, user_id, limit=2)
    [reminder] = await storage.reminders.for_user(user_id)
    assert (reminder.id, reminder.user_id, reminder.days, reminder.times) == (
        rid,
        user_id,
        DAILY,
        (time(9), time(18, 30)),
    )
    assert (reminder.routine_id, reminder.state, reminder.paused_until) == (
        "low-back",
        "active",
        None,
    )
    assert (reminder.next_at, reminder.next_slot, reminder.created_at) == (
        NOW + timedelta(minutes=60),
        "slot60",
        NOW,
    )
    await _add(storage, user_id, limit=2)
    assert await storage.reminders.add(user_id, DAILY, (time(9),), None, NOW, "s", NOW, 2) is None
    assert await storage.reminders.count(user_id) == 2
    assert await storage.reminders.count(await _user(storage, "bob")) == 0


async def test_concurrent_adds_never_pass_the_limit(storage: Storage) -> None:
    user_id = await _user(storage)
    results = await asyncio.gather(
        *(
            storage.reminders.add(user_id, DAILY, (time(9),), None, NOW, "s", NOW, 3)
            for _ in range(8)
        )
    )
    assert sum(r is not None for r in results) == 3
    assert await storage.reminders.count(user_id) == 3


async def test_remove_only_ones_own_and_ids_are_never_reused(storage: Storage) -> None:
    alice, bob = await _user(storage), await _user(storage, "bob")
    rid = await _add(storage, alice)
    await storage.reminders.record([_new(f"{rid}:a", rid, alice)], NOW)
    assert await storage.reminders.remove(bob, rid) is False
    assert await storage.reminders.remove(alice, rid) is True
    assert await storage.reminders.remove(alice, rid) is False
    assert await storage.reminders.for_user(alice) == []
    delivery = await storage.reminders.by_key(f"{rid}:a")
    assert delivery is not None and delivery.status == "skipped"
    assert delivery.reminder_id is None  # the schedule is gone, the history stays
    assert await _add(storage, alice) > rid


async def test_due_pages_by_time_then_id_and_next_wake(storage: Storage) -> None:
    alice, bob = await _user(storage), await _user(storage, "bob")
    a1 = await _add(storage, alice, 10)
    b1 = await _add(storage, bob, 10)
    a2 = await _add(storage, alice, 20)
    await _add(storage, bob, 90)
    assert await storage.reminders.next_wake(NOW) == NOW + timedelta(minutes=10)
    now = NOW + timedelta(minutes=30)
    page = await storage.reminders.due(now, 2)
    assert [(r.id, u.id) for r, u in page] == [(a1, alice), (b1, bob)]
    last = page[-1][0]
    rest = await storage.reminders.due(now, 2, (last.next_at, last.id))
    assert [r.id for r, _ in rest] == [a2]
    assert await storage.reminders.due(NOW, 10) == []

    await storage.reminders.set_state(alice, "paused")
    assert [r.id for r, _ in await storage.reminders.due(now, 10)] == [b1]


async def test_set_next_moves_many_and_can_set_state(storage: Storage) -> None:
    user_id = await _user(storage)
    ids = [await _add(storage, user_id, m) for m in (1, 2, 3)]
    later = NOW + timedelta(days=1)
    await storage.reminders.set_next(
        [(rid, later + timedelta(minutes=rid), f"n{rid}") for rid in ids[:2]]
    )
    got = {r.id: r for r in await storage.reminders.for_user(user_id)}
    assert (got[ids[0]].next_at, got[ids[0]].next_slot) == (
        later + timedelta(minutes=ids[0]),
        f"n{ids[0]}",
    )
    assert got[ids[2]].next_slot == "slot3"
    await storage.reminders.set_next([(ids[2], later, "p")], state="active", paused_until=later)
    [third] = [r for r in await storage.reminders.for_user(user_id) if r.id == ids[2]]
    assert (third.state, third.paused_until, third.next_at) == ("active", later, later)
    await storage.reminders.set_next([])
    assert await storage.reminders.set_state(user_id, "disabled") == 3
    assert await storage.reminders.next_wake(NOW) is None


async def test_record_inserts_new_keys_only_in_order(storage: Storage) -> None:
    user_id = await _user(storage)
    rid = await _add(storage, user_id)
    first = await storage.reminders.record(
        [_new("k1", rid, user_id), _new("k2", rid, user_id, "missed", late=True)], NOW
    )
    assert list(first) == ["k1", "k2"] and first["k1"] < first["k2"]
    again = await storage.reminders.record(
        [_new("k2", rid, user_id), _new("k3", None, user_id, snoozes=1)], NOW
    )
    assert list(again) == ["k3"]
    assert await storage.reminders.record([], NOW) == {}
    k2 = await storage.reminders.by_key("k2")
    assert k2 is not None and (k2.status, k2.late, k2.id) == ("missed", True, first["k2"])
    k3 = await storage.reminders.delivery(again["k3"])
    assert k3 is not None and (k3.reminder_id, k3.snoozes, k3.occurs_at, k3.due_at) == (
        None,
        1,
        NOW,
        NOW,
    )
    assert await storage.reminders.max_delivery_id() == again["k3"]
    assert await storage.reminders.delivery(999) is None
    assert await storage.reminders.by_key("nope") is None


async def test_pending_finish_and_retry(storage: Storage) -> None:
    user_id = await _user(storage)
    rid = await _add(storage, user_id)
    ids = await storage.reminders.record([_new(f"k{n}", rid, user_id) for n in range(4)], NOW)
    k0, k1, k2, k3 = (ids[f"k{n}"] for n in range(4))
    # Leftovers up to k1 are re-read; fresh first attempts after it are not.
    page = await storage.reminders.pending(NOW, 0, 10, k1)
    assert [(d.id, u.id) for d, u in page] == [(k0, user_id), (k1, user_id)]
    assert [d.id for d, _ in await storage.reminders.pending(NOW, k0, 10, k1)] == [k1]

    await storage.reminders.retry_later(k2, NOW + timedelta(seconds=5), 1, "429", NOW)
    assert await storage.reminders.next_wake(NOW) == NOW + timedelta(seconds=5)
    assert [d.id for d, _ in await storage.reminders.pending(NOW, k1, 10, k1)] == []
    later = NOW + timedelta(seconds=5)
    assert [d.id for d, _ in await storage.reminders.pending(later, k1, 10, k1)] == [k2]

    await storage.reminders.finish(
        [(k0, "sent", "m0", None, 1), (k2, "failed", None, "503", 5)], later
    )
    await storage.reminders.finish([(k0, "failed", None, "late", 9)], later)  # only pending
    d0, d2 = await storage.reminders.delivery(k0), await storage.reminders.delivery(k2)
    assert d0 is not None and (d0.status, d0.attempts) == ("sent", 1)
    assert d2 is not None and (d2.status, d2.attempts) == ("failed", 5)
    await storage.reminders.finish([], later)
    await storage.reminders.drop_pending(user_id, "unreachable", later)
    d3 = await storage.reminders.delivery(k3)
    assert d3 is not None and d3.status == "unreachable"


async def test_act_snooze_and_start_take_one_press(storage: Storage) -> None:
    user_id = await _user(storage)
    rid = await _add(storage, user_id)
    ids = await storage.reminders.record(
        [_new("a", rid, user_id, "sent"), _new("b", rid, user_id, "sent")], NOW
    )
    assert await storage.reminders.act(ids["a"], ("sent", "late"), "skipped", "skipped", NOW)
    assert not await storage.reminders.act(ids["a"], ("sent", "late"), "skipped", "skipped", NOW)
    assert not await storage.reminders.act(ids["b"], ("late",), "skipped", "skipped", NOW)

    snoozed = NewDelivery(
        "b:snooze1", rid, user_id, None, NOW + timedelta(minutes=10), "pending", snoozes=1
    )
    new_id = await storage.reminders.snooze(ids["b"], ("sent",), snoozed, NOW)
    assert new_id is not None and new_id > ids["b"]
    assert await storage.reminders.snooze(ids["b"], ("sent",), snoozed, NOW) is None
    b = await storage.reminders.delivery(ids["b"])
    assert b is not None and (b.status, b.action) == ("snoozed", "snoozed")

    await storage.reminders.mark_started(new_id, NOW)
    await storage.reminders.mark_started(new_id, NOW + timedelta(1))
    started = await storage.reminders.delivery(new_id)
    assert started is not None and started.action == "started"


async def test_pause_all_and_disable_user(storage: Storage) -> None:
    user_id = await _user(storage)
    r1, r2 = await _add(storage, user_id, 10), await _add(storage, user_id, 20)
    await storage.reminders.record([_new("p", r1, user_id)], NOW)
    until = NOW + timedelta(days=3)
    await storage.reminders.pause_all(user_id, [(r1, until, "u1"), (r2, until, "u2")], until, NOW)
    got = await storage.reminders.for_user(user_id)
    assert {(r.state, r.paused_until, r.next_at) for r in got} == {("active", until, until)}
    p = await storage.reminders.by_key("p")
    assert p is not None and p.status == "skipped"

    await storage.reminders.pause_all(user_id, [], None, NOW)
    assert {r.state for r in await storage.reminders.for_user(user_id)} == {"paused"}

    await storage.reminders.record([_new("q", r1, user_id)], NOW)
    await storage.reminders.disable_user(user_id, NOW)
    user = await storage.users.get(user_id)
    assert user is not None and (user.unreachable_at, user.unreachable_told) == (NOW, False)
    assert {r.state for r in await storage.reminders.for_user(user_id)} == {"disabled"}
    q = await storage.reminders.by_key("q")
    assert q is not None and q.status == "unreachable"
