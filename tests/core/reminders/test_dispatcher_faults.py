"""Faults of the reminder dispatcher, each reproduced first."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.core.app import Limber
from bot.core.clock import ManualClock
from bot.core.models import User
from tests.conftest import Conversation
from tests.core.reminders.test_dispatcher import rows
from tests.core.reminders.test_reminders_dst import run_until
from tests.fakes.chat import RecordingChat

NINE = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


class FlakyPacer:
    """A pacer whose first acquire fails with an unexpected error (an adapter bug)."""

    def __init__(self) -> None:
        self.calls = 0

    async def acquire(self) -> None:
        self.calls += 1
        if self.calls == 1:
            raise RuntimeError("unexpected bug while pacing")


async def test_an_unexpected_error_in_a_send_is_retried_not_orphaned(
    app: Limber, talk: Conversation, clock: ManualClock, chat: RecordingChat
) -> None:
    app.dispatcher.bucket = FlakyPacer()
    await talk.say("/reminders add 9am")
    await run_until(clock, app.dispatcher, NINE + timedelta(minutes=1))
    [row] = await rows(app)
    # Not left pending with 0 attempts (skipped by every later pass): retried, then sent.
    assert row["attempts"] >= 1
    assert app.dispatcher.wake_at is not None or row["status"] != "pending"
    await run_until(clock, app.dispatcher, NINE + timedelta(minutes=5))
    [row] = await rows(app)
    assert row["status"] in {"sent", "late"}
    assert len(chat.sent) == 1


async def test_people_found_unreachable_are_remembered_in_bounded_memory(
    app: Limber, clock: ManualClock
) -> None:
    dispatcher = app.dispatcher
    limit = dispatcher.max_tracked
    for n in range(limit + 50):
        await dispatcher._unreachable_user(_user(n + 1000))
    assert len(dispatcher._unreachable) <= limit


def _user(user_id: int) -> User:
    return User(
        id=user_id,
        platform="terminal",
        external_id=str(user_id),
        display_name="",
        timezone=None,
        clinic_key=None,
        consent_pain=None,
        screened_at=None,
        pending=None,
        dm_channel_id=None,
        unreachable_at=None,
        unreachable_told=False,
        created_at=datetime(2026, 1, 1, tzinfo=UTC),
    )
