"""ProgressStore and PrivacyStore on every backend."""

from __future__ import annotations

from datetime import time, timedelta

import pytest

from bot.core.models import NewDelivery, UserRef
from bot.core.ports import Storage
from bot.storage.personal import NON_PERSONAL, UnmappedTableError, unclassified_for_retention
from tests.storage.contract.conftest import NOW
from tests.support.backends import Raw

DAY = timedelta(days=1)


async def _person(storage: Storage, name: str, clinic: str | None = "discord:1") -> int:
    """A person with a row in every personal table; returns the user id."""
    user = await storage.users.ensure(UserRef("terminal", name), NOW, clinic)
    await storage.users.set_pain_consent(user.id, True, NOW)
    session_id = await storage.sessions.create(user.id, "r", "command", NOW)
    await storage.sessions.save(session_id, "completed", 5, None, None, NOW)
    await storage.users.add_pain(user.id, 4, "after", NOW, session_id)
    rid = await storage.reminders.add(
        user.id, frozenset(range(7)), (time(9),), None, NOW + DAY, "s", NOW, 20
    )
    await storage.reminders.record([NewDelivery(f"{rid}:x", rid, user.id, None, NOW, "sent")], NOW)
    return user.id


async def test_progress_rows_of_a_person_and_of_a_server(storage: Storage) -> None:
    alice = await _person(storage, "alice")
    bob = await _person(storage, "bob", "discord:2")
    running = await storage.sessions.create(alice, "r", "command", NOW + DAY)
    [(session_id, started)] = await storage.progress.completed_sessions(alice)
    assert started == NOW and session_id != running
    assert await storage.progress.deliveries(alice, NOW, NOW + DAY) == [("sent", NOW, 1, 0)]
    assert await storage.progress.deliveries(alice, NOW + timedelta(1), NOW + DAY) == []

    activity = await storage.progress.clinic_activity("discord:1", NOW)
    assert activity.zones == {alice: None}
    assert activity.started == {alice}
    assert activity.completed == [(alice, NOW)]
    assert activity.deliveries == [(alice, "sent", NOW, 0)]
    assert bob not in activity.zones
    later = await storage.progress.clinic_activity("discord:1", NOW + 2 * DAY)
    assert (later.started, later.completed, later.deliveries) == (set(), [], [])


async def test_every_table_of_the_schema_is_personal_or_declared_not(
    storage: Storage, raw: Raw
) -> None:
    links = await storage.privacy.links()  # type: ignore[attr-defined]
    tables = set(await raw.tables())
    assert tables == set(links) | (set(NON_PERSONAL) & tables)
    assert set(links) == {
        "users",
        "sessions",
        "pain_reports",
        "consents",
        "reminders",
        "deliveries",
        "group_members",
    }
    assert unclassified_for_retention(links) == []


async def test_a_table_without_a_path_to_users_fails_loudly(storage: Storage, raw: Raw) -> None:
    await raw.execute(f"CREATE TABLE notes (id {raw.id_column}, body TEXT)")
    with pytest.raises(UnmappedTableError, match="notes"):
        await storage.privacy.rows_about(1)


async def test_export_and_erase_cover_one_person_and_nobody_else(
    storage: Storage, raw: Raw
) -> None:
    await raw.execute(
        f"CREATE TABLE session_notes (id {raw.id_column}, "
        "session_id INTEGER REFERENCES sessions(id), body TEXT)"
    )
    alice, bob = await _person(storage, "alice"), await _person(storage, "bob")
    for user_id in (alice, bob):
        [session] = await storage.sessions.for_user(user_id)
        await raw.execute(
            "INSERT INTO session_notes (session_id, body) VALUES (?, ?)", session.id, "x"
        )
    rows = await storage.privacy.rows_about(alice)
    assert {t: len(r) for t, r in rows.items()} == {
        "consents": 1,
        "deliveries": 1,
        "group_members": 0,
        "pain_reports": 1,
        "reminders": 1,
        "session_notes": 1,
        "sessions": 1,
        "users": 1,
    }
    assert rows["users"][0]["external_id"] == "alice"
    assert rows["deliveries"][0]["occurs_at"] == "2026-03-02T08:00:00.000000Z"  # same text
    assert all(r.get("user_id", alice) == alice for t in rows.values() for r in t)

    before = await raw.snapshot()
    counts = await storage.privacy.erase(alice)
    assert counts == {t: len(r) for t, r in rows.items()}
    after = await raw.snapshot()
    for table, left in after.items():
        if table in NON_PERSONAL:
            assert left == before[table]
        else:
            assert len(left) * 2 == len(before[table]) and set(left) <= set(before[table]), table
    assert (await storage.privacy.rows_about(alice))["users"] == []
    assert len((await storage.privacy.rows_about(bob))["session_notes"]) == 1


async def test_retention_purges_old_history_only(storage: Storage) -> None:
    user_id = await _person(storage, "alice")
    live = await storage.sessions.create(user_id, "r", "command", NOW - DAY)  # still running
    rid = (await storage.reminders.for_user(user_id))[0].id
    await storage.reminders.record(
        [NewDelivery("p", rid, user_id, None, NOW - DAY, "pending")], NOW
    )
    assert await storage.privacy.purge_older_than(NOW) == {
        "pain_reports": 0,
        "sessions": 0,
        "deliveries": 0,
        "group_members": 0,
    }
    counts = await storage.privacy.purge_older_than(NOW + timedelta(microseconds=1))
    assert counts == {"pain_reports": 1, "sessions": 1, "deliveries": 1, "group_members": 0}
    assert [s.id for s in await storage.sessions.for_user(user_id)] == [live]
    assert await storage.reminders.by_key("p") is not None
    assert len(await storage.users.consent_log(user_id)) == 1
