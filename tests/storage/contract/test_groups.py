"""The group stretch-along store on every backend: once per occurrence, members,
counting the session for each member, recurring schedules."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from datetime import time as dtime

from bot.core.models import UserRef
from bot.core.ports import Storage

NOW = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


async def test_a_group_occurrence_is_created_once(storage: Storage) -> None:
    groups = storage.groups
    first = await groups.create(
        "discord", "discord:1", "c1", "low-back-starter", NOW, NOW, occurrence_key="g1:x"
    )
    again = await groups.create(
        "discord", "discord:1", "c1", "low-back-starter", NOW, NOW, occurrence_key="g1:x"
    )
    assert first is not None and again is None
    got = await groups.get(first)
    assert got is not None and got.starts_at == NOW and got.status == "scheduled"
    assert [g.id for g in await groups.live()] == [first]


async def test_members_join_leave_and_completion_counts_a_session_each(storage: Storage) -> None:
    groups = storage.groups
    alice = await storage.users.ensure(UserRef("discord", "a"), NOW)
    bob = await storage.users.ensure(UserRef("discord", "b"), NOW)
    gid = await groups.create("discord", None, "c1", "low-back-starter", NOW, NOW)
    assert gid is not None
    assert await groups.join(gid, alice.id, NOW) and await groups.join(gid, bob.id, NOW)
    assert not await groups.join(gid, alice.id, NOW)  # in already
    assert await groups.count(gid) == 2 and await groups.is_member(gid, bob.id)
    assert await groups.leave(gid, bob.id, "hurt", NOW)
    assert not await groups.join(gid, bob.id, NOW)  # not back in after It hurts
    assert await groups.live_for(alice.id) == [gid]
    assert await groups.complete(gid, NOW + timedelta(minutes=11)) == 1
    assert await groups.complete(gid, NOW + timedelta(minutes=12)) == 0
    counted = await storage.sessions.for_user(alice.id)
    assert [(s.origin, s.status) for s in counted] == [("group", "completed")]
    assert await storage.sessions.for_user(bob.id) == []


async def test_recurring_schedules(storage: Storage) -> None:
    groups = storage.groups
    sid = await groups.add_schedule(
        "discord",
        "discord:1",
        "c1",
        "low-back-starter",
        frozenset(range(5)),
        dtime(15),
        NOW + timedelta(hours=7),
        "2026-03-02T15:00",
        NOW,
    )
    assert [s.id for s in await groups.schedules("discord:1")] == [sid]
    assert await groups.due_schedules(NOW) == []
    assert await groups.next_schedule_at() == NOW + timedelta(hours=7)
    await groups.set_schedule_next(sid, NOW + timedelta(days=1), "2026-03-03T15:00")
    [due] = await groups.due_schedules(NOW + timedelta(days=2))
    assert due.next_slot == "2026-03-03T15:00" and due.at == dtime(15)
    assert await groups.remove_schedule("discord:1", sid)
    assert not await groups.remove_schedule("discord:1", sid)
