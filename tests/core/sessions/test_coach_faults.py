"""Faults the coach must survive, each reproduced first (issue: architecture round 2)."""

from __future__ import annotations

import asyncio

from bot.core.app import Limber
from bot.core.clock import ManualClock
from bot.core.messages import Message
from bot.core.models import User
from bot.core.ports import TransientDeliveryError
from bot.core.sessions import machine as sm
from tests.conftest import Conversation, text_of
from tests.fakes.chat import RecordingChat


class EditFails(RecordingChat):
    """Removing the old step's buttons fails (message deleted, 429, 5xx, an adapter bug)."""

    error: Exception = TransientDeliveryError("429")

    async def edit(self, user: User, message_id: str, message: Message) -> None:
        raise self.error


async def test_a_failed_button_removal_never_blocks_the_next_step(
    app: Limber, talk: Conversation, chat: RecordingChat
) -> None:
    await talk.screened()
    await talk.say("/stretch start")
    failing = EditFails()
    failing.sent = chat.sent
    for error in (TransientDeliveryError("429"), RuntimeError("adapter bug")):
        failing.error = error
        app.coach.chat = failing
        before = len(chat.sent)
        await talk.press("Next")
        assert len(chat.sent) == before + 1, f"no step sent after {error!r}"
        session = await app.store.sessions.get(1)
        assert session is not None
        assert (chat.last.title or "").startswith(f"Step {session.step_index + 1}/")


async def test_stop_waits_for_a_step_in_progress_and_keeps_a_completed_session(
    app: Limber, talk: Conversation
) -> None:
    """stop_active must read the session under its lock: a session that completes while
    the stop waits is not rewritten as stopped (it would drop out of the streak)."""
    await talk.screened()
    await talk.say("/stretch start")
    user = await app.store.users.by_ref(talk.ref)
    assert user is not None
    lock = app.coach._lock(1)
    await lock.acquire()
    stopping = asyncio.create_task(app.coach.stop_active(user))
    await asyncio.sleep(0.01)
    # Meanwhile the session's own driver finishes it (as _enter_next does, under the lock).
    record = await app.store.sessions.get(1)
    assert record is not None
    await app.store.sessions.save(
        1, sm.Status.COMPLETED.value, record.step_index, None, None, app.clock.now()
    )
    lock.release()
    assert await stopping is False
    session = await app.store.sessions.get(1)
    assert session is not None and session.status == "completed"


async def test_two_starts_at_once_make_one_session(
    app: Limber, talk: Conversation, chat: RecordingChat
) -> None:
    await talk.screened()
    first, second = await asyncio.gather(talk.say("/stretch start"), talk.say("/stretch start"))
    user = await app.store.users.by_ref(talk.ref)
    assert user is not None
    sessions = await app.store.sessions.for_user(user.id)
    assert len(sessions) == 1
    step_ones = [m for m in chat.texts() if m] and [
        s for s in chat.sent if (s.message.title or "").startswith("Step 1/")
    ]
    assert len(step_ones) == 1
    replies = text_of(first) + text_of(second)
    assert "Starting" in replies and "middle of a session" in replies
    assert "went wrong" not in replies


async def test_per_session_state_is_forgotten_when_sessions_end(
    app: Limber, talk: Conversation, clock: ManualClock
) -> None:
    await talk.screened()
    for _ in range(30):
        await talk.say("/stretch start")
        await talk.press("Stop")
    assert len(app.coach._last_message) == 0
    assert len(app.coach._drivers) == 0
    assert len(app.coach._locks) <= 1
