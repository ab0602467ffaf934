"""Several processes on one database: claims with leases, the forward-only advance, the
platform filter and the shared per-second budget, on both backends."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from datetime import time as dtime

from bot.core.models import NewDelivery, UserRef
from bot.core.ports import Storage

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


async def _pending(storage: Storage, platform: str, n: int) -> list[int]:
    ids = []
    for i in range(n):
        user = await storage.users.ensure(UserRef(platform, f"{platform}{i}"), NOW)
        tomorrow = NOW + timedelta(days=1)
        rid = await storage.reminders.add(
            user.id, frozenset(range(7)), (dtime(9),), None, tomorrow, "2026-03-03T09:00", NOW, 20
        )
        assert rid is not None
        new = NewDelivery(f"{rid}:2026-03-02T09:00", rid, user.id, None, NOW, "pending")
        ids += (await storage.reminders.record([new], NOW)).values()
    return ids


async def test_claims_are_disjoint_and_leases_expire(storage: Storage) -> None:
    ids = await _pending(storage, "discord", 5)
    repo = storage.reminders
    lease = NOW + timedelta(seconds=30)
    first = await repo.claim(NOW, "a", lease, 3)
    second = await repo.claim(NOW, "b", lease, 3)
    assert [d.id for d, _ in first] == ids[:3]
    assert [d.id for d, _ in second] == ids[3:]
    assert await repo.claim(NOW, "c", lease, 3) == []
    # "a" dies; its leases end, and "c" takes its rows over (same keys).
    await repo.finish([(d.id, "sent", "m", None, 1) for d, _ in second], NOW)
    assert await repo.next_wake(NOW) == lease
    later = lease + timedelta(seconds=1)
    taken = await repo.claim(later, "c", later + timedelta(seconds=30), 10)
    assert [d.key for d, _ in taken] == [d.key for d, _ in first]


async def test_a_retry_ends_the_lease(storage: Storage) -> None:
    [delivery_id] = await _pending(storage, "discord", 1)
    repo = storage.reminders
    [(claimed, _)] = await repo.claim(NOW, "a", NOW + timedelta(minutes=5), 1)
    retry = NOW + timedelta(seconds=4)
    await repo.retry_later(claimed.id, retry, 1, "429", NOW)
    assert await repo.claim(NOW, "b", NOW + timedelta(minutes=5), 1) == []
    [(again, _)] = await repo.claim(retry, "b", retry + timedelta(minutes=5), 1)
    assert again.id == delivery_id and again.attempts == 1


async def test_claims_and_due_keep_to_the_platforms_asked(storage: Storage) -> None:
    await _pending(storage, "slack", 2)
    discord_ids = await _pending(storage, "discord", 2)
    repo = storage.reminders
    lease = NOW + timedelta(seconds=30)
    got = await repo.claim(NOW, "a", lease, 10, ["discord"])
    assert [d.id for d, _ in got] == discord_ids
    assert {u.platform for _, u in got} == {"discord"}
    tomorrow = NOW + timedelta(days=1)
    due = await repo.due(tomorrow, 10, None, ["slack"])
    assert {u.platform for _, u in due} == {"slack"} and len(due) == 2
    assert len(await repo.due(tomorrow, 10)) == 4
    assert await repo.next_wake(NOW, ["terminal"]) is None
    assert await repo.next_wake(NOW, ["slack"]) == tomorrow


async def test_the_advance_never_moves_a_schedule_back(storage: Storage) -> None:
    user = await storage.users.ensure(UserRef("discord", "1"), NOW)
    rid = await storage.reminders.add(
        user.id, frozenset(range(7)), (dtime(9),), None, NOW, "2026-03-02T09:00", NOW, 20
    )
    assert rid is not None
    later = NOW + timedelta(hours=2)
    await storage.reminders.set_next([(rid, later, "b")], forward_only=True)
    # a slower pass of another process computed an earlier next occurrence
    await storage.reminders.set_next([(rid, NOW + timedelta(hours=1), "a")], forward_only=True)
    [reminder] = await storage.reminders.for_user(user.id)
    assert (reminder.next_at, reminder.next_slot) == (later, "b")


async def test_the_budget_never_grants_more_than_the_limit_per_second(storage: Storage) -> None:
    budget = storage.budget
    grants = [await budget.take("discord", 100, 7, 50) for _ in range(10)]
    assert grants == [7, 7, 7, 7, 7, 7, 7, 1, 0, 0]
    assert await budget.take("discord", 101, 7, 50) == 7  # a new second
    assert await budget.take("slack", 100, 7, 50) == 7  # another token
    assert await budget.take("discord", 200, 7, 50) == 7  # sweeps old seconds
