"""SessionStore on every backend: one active session per person, enforced by the database."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest

from bot.core.models import UserRef
from bot.core.ports import ActiveSessionExists, Storage
from tests.storage.contract.conftest import NOW


async def _user(storage: Storage, name: str = "alice") -> int:
    return (await storage.users.ensure(UserRef("terminal", name), NOW)).id


async def test_a_session_is_created_saved_and_read_back(storage: Storage) -> None:
    user_id = await _user(storage)
    session_id = await storage.sessions.create(user_id, "low-back", "reminder", NOW)
    record = await storage.sessions.get(session_id)
    assert record is not None
    assert (record.user_id, record.routine_id, record.status, record.step_index) == (
        user_id,
        "low-back",
        "running",
        0,
    )
    assert (record.origin, record.started_at, record.ended_at) == ("reminder", NOW, None)

    deadline = NOW + timedelta(seconds=30)
    await storage.sessions.save(session_id, "paused", 3, deadline, 12.5, NOW + timedelta(1))
    record = await storage.sessions.get(session_id)
    assert record is not None
    assert (record.status, record.step_index, record.step_deadline) == ("paused", 3, deadline)
    assert (record.paused_remaining, record.updated_at) == (12.5, NOW + timedelta(1))
    assert record.ended_at is None

    end = NOW + timedelta(minutes=5)
    await storage.sessions.save(session_id, "completed", 9, None, None, end)
    await storage.sessions.save(session_id, "completed", 9, None, None, end + timedelta(1))
    record = await storage.sessions.get(session_id)
    assert record is not None and (record.status, record.ended_at) == ("completed", end)
    assert await storage.sessions.get(999) is None


async def test_one_active_session_per_person(storage: Storage) -> None:
    alice, bob = await _user(storage), await _user(storage, "bob")
    first = await storage.sessions.create(alice, "r", "command", NOW)
    with pytest.raises(ActiveSessionExists):
        await storage.sessions.create(alice, "r", "command", NOW)
    await storage.sessions.create(bob, "r", "command", NOW)  # others are not affected
    for status in ("paused", "interrupted"):
        await storage.sessions.save(first, status, 0, None, None, NOW)
        with pytest.raises(ActiveSessionExists):
            await storage.sessions.create(alice, "r", "command", NOW)
    await storage.sessions.save(first, "stopped", 0, None, None, NOW)
    second = await storage.sessions.create(alice, "r", "command", NOW)
    assert second > first


async def test_two_concurrent_starts_cannot_both_succeed(storage: Storage) -> None:
    user_id = await _user(storage)
    results = await asyncio.gather(
        *(storage.sessions.create(user_id, "r", "command", NOW) for _ in range(5)),
        return_exceptions=True,
    )
    created = [r for r in results if isinstance(r, int)]
    assert len(created) == 1
    assert all(isinstance(r, ActiveSessionExists) for r in results if not isinstance(r, int))


async def test_active_and_history_queries(storage: Storage) -> None:
    alice, bob = await _user(storage), await _user(storage, "bob")
    old = await storage.sessions.create(alice, "r", "command", NOW)
    await storage.sessions.save(old, "completed", 5, None, None, NOW)
    later = NOW + timedelta(days=1)
    current = await storage.sessions.create(alice, "r", "command", later)
    bobs = await storage.sessions.create(bob, "r", "command", later)

    active = await storage.sessions.active_for(alice)
    assert active is not None and active.id == current
    assert [s.id for s in await storage.sessions.all_active()] == [current, bobs]
    assert [s.id for s in await storage.sessions.for_user(alice)] == [old, current]
    assert [s.id for s in await storage.sessions.for_user(alice, later)] == [current]
    assert await storage.sessions.active_for(await _user(storage, "carol")) is None
