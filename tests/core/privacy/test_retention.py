"""Retention: the daily job deletes history older than DATA_RETENTION_DAYS and nothing
else; consents, reminders and the account stay until the person erases them."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest

from bot.core.app import Limber
from bot.core.clock import ManualClock
from bot.core.models import NewDelivery
from bot.core.privacy.retention import RETENTION_JOB
from bot.core.reminders.schedule import ALL_DAYS
from bot.storage.personal import unclassified_for_retention
from tests.conftest import ALICE
from tests.support.backends import Raw

pytestmark = pytest.mark.both_backends

SECOND = timedelta(seconds=1)


async def _count(app: Limber, table: str) -> int:
    return int(await Raw(app.store).value(f"SELECT COUNT(*) FROM {table}"))


async def _history_at(app: Limber, user_id: int, at: datetime, status: str = "completed") -> None:
    """A session, a pain score and a reminder delivery, all at `at`."""
    session_id = await app.store.sessions.create(user_id, "low-back-starter", "command", at)
    await app.store.sessions.save(session_id, status, 0, None, None, at)
    await app.store.users.add_pain(user_id, 5, "report", at)
    repo = app.store.reminders
    reminders = await repo.for_user(user_id)
    await repo.record(
        [
            NewDelivery(
                f"{reminders[0].id}:{at.isoformat()}", reminders[0].id, user_id, None, at, "sent"
            )
        ],
        at,
    )


async def test_every_personal_table_has_a_retention_decision(app: Limber) -> None:
    assert unclassified_for_retention(await app.store.privacy.links()) == []  # type: ignore[attr-defined]


async def test_only_history_older_than_the_retention_period_is_deleted(
    app: Limber, clock: ManualClock
) -> None:
    now = clock.now()
    cutoff = now - timedelta(days=app.config.data_retention_days)
    user = await app.store.users.ensure(ALICE, cutoff - timedelta(days=10))
    await app.store.users.set_pain_consent(user.id, True, cutoff - timedelta(days=10))
    await app.store.reminders.add(
        user.id, ALL_DAYS, (time(9),), None, now + timedelta(hours=1), "s", cutoff - SECOND, 20
    )
    await _history_at(app, user.id, cutoff - SECOND)  # just too old
    await _history_at(app, user.id, cutoff)  # exactly at the boundary: kept
    await _history_at(app, user.id, now - timedelta(days=1))

    removed = await app.housekeeping.purge_old(now)

    assert removed == {"pain_reports": 1, "sessions": 1, "deliveries": 1, "group_members": 0}
    for table in ("sessions", "pain_reports", "deliveries"):
        assert await _count(app, table) == 2, table
    # Kept: the account, its consent record and the reminder schedule, however old.
    assert await _count(app, "users") == 1
    assert await _count(app, "consents") == 1
    assert await _count(app, "reminders") == 1


async def test_live_rows_are_never_purged_however_old(app: Limber, clock: ManualClock) -> None:
    old = clock.now() - timedelta(days=app.config.data_retention_days + 30)
    user = await app.store.users.ensure(ALICE, old)
    await app.store.sessions.create(user.id, "low-back-starter", "command", old)  # still running
    reminder_id = await app.store.reminders.add(
        user.id, ALL_DAYS, (time(9),), None, clock.now(), "s", old, 20
    )
    await app.store.reminders.record(
        [NewDelivery("k", reminder_id, user.id, None, old, "pending")], old
    )
    assert await app.housekeeping.purge_old() == {
        "pain_reports": 0,
        "sessions": 0,
        "deliveries": 0,
        "group_members": 0,
    }


async def test_the_retention_period_is_the_operators_setting(
    app: Limber, clock: ManualClock
) -> None:
    app.housekeeping.retention_days = 30
    user = await app.store.users.ensure(ALICE, clock.now())
    await app.store.reminders.add(
        user.id, ALL_DAYS, (time(9),), None, clock.now(), "s", clock.now(), 20
    )
    await _history_at(app, user.id, clock.now() - timedelta(days=31))
    assert (await app.housekeeping.purge_old())["sessions"] == 1


async def test_retention_runs_daily_on_the_dispatchers_scheduler(app: Limber) -> None:
    dispatcher = app.dispatcher
    assert dispatcher is not None
    job = dispatcher.scheduler.get_job(RETENTION_JOB)
    assert job is not None
    assert "hour='3'" in str(job.trigger)
