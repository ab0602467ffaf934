"""`/privacy`: every personal table is found from the schema, export holds all of a
person's rows and nobody else's, delete leaves nothing (walking every table), and
consent can be given and withdrawn with its date."""

from __future__ import annotations

import json
from datetime import datetime, time, timedelta
from typing import Any

import pytest

from bot.core.app import Limber
from bot.core.clock import ManualClock
from bot.core.models import NewDelivery, UserRef
from bot.core.reminders.schedule import ALL_DAYS
from bot.storage.personal import NON_PERSONAL, Link, UnmappedTableError
from tests.conftest import ALICE, Conversation, text_of
from tests.support.backends import Raw

pytestmark = pytest.mark.both_backends

BOB = UserRef("terminal", "bob", "Bob")


async def discover(app: Limber) -> dict[str, Link]:
    """The personal tables as the backend's privacy store finds them in the schema."""
    links: dict[str, Link] = await app.store.privacy.links()  # type: ignore[attr-defined]
    return links


async def populate(app: Limber, ref: UserRef, now: datetime) -> int:
    """One person with a row in every personal table; returns their user id."""
    user = await app.store.users.ensure(ref, now, "terminal:local")
    await app.store.users.set_timezone(user.id, "Europe/Berlin")
    await app.store.users.set_pain_consent(user.id, True, now)
    session_id = await app.store.sessions.create(user.id, "low-back-starter", "command", now)
    await app.store.sessions.save(session_id, "completed", 21, None, None, now)
    await app.store.users.add_pain(user.id, 6, "after", now, session_id)
    reminders = app.store.reminders
    reminder_id = await reminders.add(
        user.id, ALL_DAYS, (time(9),), None, now + timedelta(days=1), "slot", now, 20
    )
    assert reminder_id is not None
    await reminders.record(
        [NewDelivery(f"{reminder_id}:x", reminder_id, user.id, None, now, "skipped")], now
    )
    group_id = await app.store.groups.create("terminal", "terminal:local", "c", "x", now, now)
    assert group_id is not None
    await app.store.groups.join(group_id, user.id, now)
    return user.id


async def snapshot(app: Limber) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table (the test's own view, independent of the code)."""
    return await Raw(app.store).snapshot()


# the schema ----------------------------------------------------------------------------
async def test_every_table_of_the_real_schema_relates_to_users_or_is_declared_non_personal(
    app: Limber,
) -> None:
    links = await discover(app)  # raises UnmappedTableError otherwise
    tables = set(await snapshot(app))
    assert tables == set(links) | (set(NON_PERSONAL) & tables)
    assert {"users", "sessions", "pain_reports", "consents"} <= set(links)


async def test_a_new_table_without_a_link_to_users_fails_loudly(app: Limber) -> None:
    raw = Raw(app.store)
    await raw.execute(f"CREATE TABLE notes (id {raw.id_column}, body TEXT)")
    with pytest.raises(UnmappedTableError, match="notes"):
        await discover(app)


async def test_a_table_linked_only_through_a_parent_is_found(
    app: Limber, clock: ManualClock
) -> None:
    raw = Raw(app.store)
    await raw.execute(
        f"""CREATE TABLE session_notes (id {raw.id_column},
             session_id INTEGER REFERENCES sessions(id), body TEXT)"""
    )
    alice = await populate(app, ALICE, clock.now())
    bob = await populate(app, BOB, clock.now())
    for user_id in (alice, bob):
        (session,) = [s.id for s in await app.store.sessions.for_user(user_id)]
        await raw.execute(
            "INSERT INTO session_notes (session_id, body) VALUES (?, ?)", session, "x"
        )
    repo = app.store.privacy
    assert len((await repo.rows_about(alice))["session_notes"]) == 1
    await repo.erase(alice)
    assert (await snapshot(app))["session_notes"] == [(2, 2, "x")]


# export --------------------------------------------------------------------------------
async def test_the_fixture_covers_every_personal_table(app: Limber, clock: ManualClock) -> None:
    alice = await populate(app, ALICE, clock.now())
    rows = await app.store.privacy.rows_about(alice)
    empty = [table for table, found in rows.items() if not found]
    assert not empty, f"populate() writes no row to {empty}: add one so export/delete cover it"


async def test_export_holds_every_row_about_the_person_and_nobody_elses(
    app: Limber, talk: Conversation, clock: ManualClock
) -> None:
    alice = await populate(app, ALICE, clock.now())
    bob = await populate(app, BOB, clock.now())
    reply = await talk.say("/privacy export")
    attachment = reply.messages[-1].attachment
    assert attachment is not None
    assert attachment.mime == "application/json"
    assert attachment.filename == f"limber-export-{clock.now().date().isoformat()}.json"
    document = json.loads(attachment.data)

    links = await discover(app)
    assert set(document["tables"]) == set(links)
    for table, link in links.items():
        found = await Raw(app.store).rows(
            f'SELECT id FROM "{table}" WHERE {link.where}', *link.args(alice)
        )
        mine = sorted(r[0] for r in found)
        assert sorted(r["id"] for r in document["tables"][table]) == mine, table
    for table, exported in document["tables"].items():
        for row in exported:
            assert row.get("user_id", alice) == alice, (table, row)
            assert bob not in {row.get("user_id"), row.get("id") if table == "users" else None}
    summary = document["summary"]
    assert summary["time_zone"] == "Europe/Berlin"
    assert summary["pain_score_consent"] == "granted"
    assert summary["consents"][0]["granted"] is True and summary["consents"][0]["at"]


# delete --------------------------------------------------------------------------------
async def test_delete_asks_first_and_cancel_keeps_everything(
    app: Limber, talk: Conversation, clock: ManualClock
) -> None:
    await populate(app, ALICE, clock.now())
    before = await snapshot(app)
    reply = await talk.say("/privacy delete")
    labels = [a.label for a in reply.messages[-1].actions]
    assert labels == ["Delete everything", "Cancel"]
    cancelled = await talk.app.action(talk.ref, talk.scope, reply.messages[-1].actions[1].id)
    assert "Nothing was deleted" in text_of(cancelled)
    after = await snapshot(app)
    assert {t: len(r) for t, r in after.items()} == {t: len(r) for t, r in before.items()}


async def test_delete_leaves_nothing_about_the_person_in_any_table(
    app: Limber, talk: Conversation, clock: ManualClock
) -> None:
    await populate(app, ALICE, clock.now())
    await populate(app, BOB, clock.now())
    before = await snapshot(app)
    reply = await talk.say("/privacy delete")
    confirm = reply.messages[-1].actions[0]
    done = await talk.app.action(talk.ref, talk.scope, confirm.id)
    assert "deleted" in text_of(done)

    after = await snapshot(app)
    for table, rows in after.items():
        if table in NON_PERSONAL:
            assert rows == before[table]
            continue
        # Both people had the same rows: exactly Bob's half is left, unchanged.
        assert len(rows) * 2 == len(before[table]), table
        assert set(rows) <= set(before[table]), table
    assert await Raw(app.store).rows("SELECT external_id FROM users") == [("bob",)]


async def test_typing_delete_confirms_and_the_person_can_start_again_from_zero(
    app: Limber, talk: Conversation, clock: ManualClock
) -> None:
    old = await populate(app, ALICE, clock.now())
    await talk.say("/privacy delete")
    reply = await talk.say("delete")
    assert "deleted" in text_of(reply)
    assert not (await app.store.privacy.rows_about(old))["users"]

    assert "/stretch start" in text_of(await talk.say("/progress"))
    fresh = await app.store.users.ensure(ALICE, clock.now())
    assert fresh.consent_pain is None and fresh.timezone is None
    rows = await app.store.privacy.rows_about(fresh.id)
    assert sum(len(r) for t, r in rows.items() if t != "users") == 0


async def test_typing_cancel_or_waiting_too_long_deletes_nothing(
    app: Limber, talk: Conversation, clock: ManualClock
) -> None:
    alice = await populate(app, ALICE, clock.now())
    await talk.say("/privacy delete")
    assert "Nothing was deleted" in text_of(await talk.say("cancel"))

    reply = await talk.say("/privacy delete")
    await clock.advance(11 * 60)
    late = await talk.app.action(talk.ref, talk.scope, reply.messages[-1].actions[0].id)
    assert "expired" in text_of(late)
    assert "expired" in text_of(await talk.say("delete"))
    assert (await app.store.privacy.rows_about(alice))["sessions"]


async def test_delete_stops_a_running_session_first(
    app: Limber, talk: Conversation, clock: ManualClock
) -> None:
    await talk.screened()
    await talk.say("/stretch start")
    user = await app.store.users.ensure(ALICE, clock.now())
    assert await app.store.sessions.active_for(user.id) is not None
    await talk.say("/privacy delete")
    await talk.say("delete")
    # No timer task is left behind: one would drive whatever session reuses the row id.
    assert clock.next_deadline is None
    talk.chat.clear()
    await clock.advance(15 * 60)  # the session's timer would have pushed steps by now
    assert talk.chat.sent == []
    assert (await snapshot(app))["sessions"] == []


# consent -------------------------------------------------------------------------------
async def test_privacy_show_explains_storage_and_consent_can_be_given_and_withdrawn(
    app: Limber, talk: Conversation, clock: ManualClock
) -> None:
    shown = await talk.say("/privacy show")
    assert "not been asked" in text_of(shown)
    assert "365 days" in text_of(shown)
    await talk.press("Give consent", shown.messages[-1])
    await talk.say("/pain 4")
    user = await app.store.users.ensure(ALICE, clock.now())
    assert len(await app.store.users.pain_since(user.id, clock.now() - timedelta(days=1))) == 1

    await clock.advance(3600)
    shown = await talk.say("/privacy show")
    assert "**kept**" in text_of(shown)
    assert f"{clock.now() - timedelta(hours=1):%Y-%m-%d %H:%M}" in text_of(shown)
    withdrawn = await talk.press("Withdraw consent", shown.messages[-1])
    assert "deleted" in text_of(withdrawn)
    assert await app.store.users.pain_since(user.id, clock.now() - timedelta(days=1)) == []
    log = await app.store.users.consent_log(user.id)
    assert [(kind, granted) for kind, granted, _ in log] == [
        ("pain_scores", True),
        ("pain_scores", False),
    ]


async def test_the_consent_command_takes_give_or_withdraw(
    app: Limber, talk: Conversation, clock: ManualClock
) -> None:
    assert "Thank you" in text_of(await talk.say("/privacy consent give"))
    assert "withdrawn" in text_of(await talk.say("/privacy consent withdraw"))
    assert "`choice`" in text_of(await talk.say("/privacy consent maybe"))
