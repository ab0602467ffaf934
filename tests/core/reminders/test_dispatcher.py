"""The dispatcher: exactly once across crashes and restarts, catch-up after downtime,
delivery failures told apart, pacing, and APScheduler holding a constant few jobs."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Callable, Coroutine
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from bot.bootstrap import build_app
from bot.config import Settings, load_settings
from bot.core.app import Limber
from bot.core.clock import ManualClock, SystemClock
from bot.core.models import Scope, UserRef
from bot.core.pacing import TokenBucket
from bot.core.ports import PermanentDeliveryError, RecipientUnreachable, TransientDeliveryError
from bot.core.reminders.dispatcher import DISPATCH_JOB, Dispatcher
from bot.core.reminders.schedule import nonce_for
from tests.conftest import ALICE, TERMINAL, Conversation, text_of
from tests.core.reminders.test_reminders_dst import run_until
from tests.fakes.chat import RecordingChat
from tests.support.backends import Raw

pytestmark = pytest.mark.both_backends

NINE = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)  # conftest's clock starts at 08:00 UTC
KEY = "1:2026-03-02T09:00"


def dispatcher_of(app: Limber) -> Dispatcher:
    found = app.dispatcher
    assert found is not None
    return found


async def rows(app: Limber) -> list[dict[str, Any]]:
    return await Raw(app.store).fetch("SELECT * FROM deliveries ORDER BY id")


Opener = Callable[[RecordingChat], Coroutine[Any, Any, Limber]]


@pytest.fixture
async def open_app(settings: Settings, clock: ManualClock) -> AsyncIterator[Opener]:
    """Open (and start) an app on the same database file, as a new process would."""
    opened: list[Limber] = []

    async def make(chat: RecordingChat) -> Limber:
        chat.clock = clock
        app = await build_app(settings, chat, clock)
        await app.start()
        opened.append(app)
        return app

    yield make
    for app in opened:
        with contextlib.suppress(Exception):  # some tests close their app themselves
            await app.close()


async def test_a_reminder_is_delivered_with_buttons_and_a_nonce_from_its_key(
    talk: Conversation, app: Limber, clock: ManualClock, chat: RecordingChat
) -> None:
    await talk.say("/reminders add 9am")
    await run_until(clock, dispatcher_of(app), NINE + timedelta(minutes=1))
    assert len(chat.sent) == 1
    message = chat.sent[0].message
    assert message.kind == "reminder"
    assert [a.id for a in message.actions] == [
        "limber:reminder:1:start",
        "limber:reminder:1:snooze",
        "limber:reminder:1:skip",
    ]
    assert chat.sent[0].nonce == nonce_for(KEY)
    [row] = await rows(app)
    assert (row["key"], row["status"], row["attempts"]) == (KEY, "sent", 1)


async def test_a_crash_between_record_and_send_resends_under_the_same_key(
    open_app: Opener, clock: ManualClock
) -> None:
    first_chat = RecordingChat()
    first = await open_app(first_chat)
    await first.command_line(ALICE, TERMINAL, "/reminders add 9am")
    await dispatcher_of(first).stop()  # nothing wakes it: we play the crash by hand
    await clock.advance(3600)
    # recorded ... and the process dies before sending
    await dispatcher_of(first).record_due(clock.now(), hand_off=False)
    assert [r["status"] for r in await rows(first)] == ["pending"]
    await first.close()

    second_chat = RecordingChat()
    second = await open_app(second_chat)
    await dispatcher_of(second).idle()

    assert first_chat.sent == []
    assert [s.nonce for s in second_chat.sent] == [nonce_for(KEY)]
    assert [(r["key"], r["status"]) for r in await rows(second)] == [(KEY, "sent")]


async def test_a_new_process_on_the_same_file_carries_on(
    open_app: Opener, clock: ManualClock
) -> None:
    first = await open_app(RecordingChat())
    await first.command_line(ALICE, TERMINAL, "/reminders add 9am weekdays")
    await first.close()

    chat = RecordingChat()
    second = await open_app(chat)
    await run_until(clock, dispatcher_of(second), NINE + timedelta(days=1, hours=1))
    assert [s.at for s in chat.sent] == [NINE, NINE + timedelta(days=1)]
    assert len(await rows(second)) == 2


@pytest.mark.parametrize(
    ("down_minutes", "sent", "status"),
    [(10, 1, "late"), (20, 0, "missed")],
)
async def test_after_downtime_recent_reminders_come_late_and_old_ones_are_missed(
    open_app: Opener, clock: ManualClock, down_minutes: int, sent: int, status: str
) -> None:
    first = await open_app(RecordingChat())
    await first.command_line(ALICE, TERMINAL, "/reminders add 9am")
    await first.close()
    await clock.advance(3600 + down_minutes * 60)

    chat = RecordingChat()
    second = await open_app(chat)
    await dispatcher_of(second).idle()

    assert len(chat.sent) == sent
    if sent:
        assert f"{down_minutes} min late" in chat.sent[0].message.text
    [row] = await rows(second)
    assert (row["key"], row["status"]) == (KEY, status)
    listing = text_of(await second.command_line(ALICE, TERMINAL, "/reminders list"))
    assert "next: Tue 3 Mar 2026, 09:00" in listing


async def test_a_long_outage_records_one_missed_row_not_a_flood(
    open_app: Opener, clock: ManualClock
) -> None:
    first = await open_app(RecordingChat())
    await first.command_line(ALICE, TERMINAL, "/reminders add 9am,3pm")
    await first.close()
    await clock.advance(5 * 24 * 3600)  # back on Sat 7 Mar 08:00

    chat = RecordingChat()
    second = await open_app(chat)
    await dispatcher_of(second).idle()
    assert chat.sent == []
    assert [r["status"] for r in await rows(second)] == ["missed"]


async def test_transient_failures_are_retried_under_the_same_key(
    talk: Conversation, app: Limber, clock: ManualClock, chat: RecordingChat
) -> None:
    chat.failures = [TransientDeliveryError("429", retry_after=5), TransientDeliveryError()]
    await talk.say("/reminders add 9am")
    await run_until(clock, dispatcher_of(app), NINE + timedelta(minutes=1))
    assert len(chat.sent) == 1
    [row] = await rows(app)
    assert (row["key"], row["status"], row["attempts"]) == (KEY, "sent", 3)
    assert chat.sent[0].nonce == nonce_for(KEY)


async def test_retries_are_bounded(
    talk: Conversation, app: Limber, clock: ManualClock, chat: RecordingChat
) -> None:
    chat.fail_always = TransientDeliveryError("503")
    await talk.say("/reminders add 9am")
    await run_until(clock, dispatcher_of(app), NINE + timedelta(minutes=5))
    [row] = await rows(app)
    assert (row["status"], row["attempts"]) == ("failed", 5)


async def test_a_permanent_failure_is_recorded_and_the_schedule_moves_on(
    talk: Conversation, app: Limber, clock: ManualClock, chat: RecordingChat
) -> None:
    chat.failures = [PermanentDeliveryError("bad payload")]
    await talk.say("/reminders add 9am")
    await run_until(clock, dispatcher_of(app), NINE + timedelta(days=1, minutes=1))
    assert [r["status"] for r in await rows(app)] == ["failed", "sent"]


async def test_closed_dms_switch_reminders_off_until_resumed(
    talk: Conversation, app: Limber, clock: ManualClock, chat: RecordingChat
) -> None:
    chat.fail_always = RecipientUnreachable("50007")
    await talk.say("/reminders add 9am")
    await run_until(clock, dispatcher_of(app), NINE + timedelta(days=2))
    assert [r["status"] for r in await rows(app)] == ["unreachable"]  # no hammering

    reply = await talk.say("/reminders list")
    assert "I couldn't send you a private message" in text_of(reply)
    assert "off: I couldn't message you" in text_of(reply)

    chat.fail_always = None
    assert "Reminders are on again" in text_of(await talk.say("/reminders resume"))
    user = await app.store.users.by_ref(ALICE)
    assert user is not None and user.unreachable_at is None
    await run_until(clock, dispatcher_of(app), NINE + timedelta(days=3))
    assert len(chat.sent) == 1


async def test_a_burst_is_processed_in_batches_and_each_person_gets_one(
    app: Limber, clock: ManualClock, chat: RecordingChat
) -> None:
    dispatcher = dispatcher_of(app)
    dispatcher.batch_size = 3
    for n in range(10):
        await app.command_line(UserRef("terminal", f"u{n}"), TERMINAL, "/reminders add 9am")
    await run_until(clock, dispatcher, NINE + timedelta(seconds=1))
    assert sorted(s.user_id for s in chat.sent) == list(range(1, 11))
    assert {r["status"] for r in await rows(app)} == {"sent"}


async def test_the_token_bucket_paces_sends_on_the_clock(clock: ManualClock) -> None:
    bucket = TokenBucket(rate=2.0, capacity=2.0, clock=clock)
    done: list[datetime] = []

    async def take() -> None:
        await bucket.acquire()
        done.append(clock.now())

    tasks = [asyncio.create_task(take()) for _ in range(5)]
    await clock.run_until_idle()
    await asyncio.gather(*tasks)
    start = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
    assert [(t - start).total_seconds() for t in done] == [0.0, 0.0, 0.5, 1.0, 1.5]


async def test_an_unlimited_bucket_never_waits(clock: ManualClock) -> None:
    bucket = TokenBucket(rate=None, capacity=1.0, clock=clock)
    start = clock.now()

    async def burst() -> None:
        for _ in range(1000):
            await bucket.acquire()

    # A wait would sleep on the manual clock, which never moves here: it would time out.
    await asyncio.wait_for(burst(), timeout=5)
    assert clock.now() == start and clock.next_deadline is None


async def test_in_production_apscheduler_holds_a_constant_few_jobs_and_wakes_dispatch(
    database_url: str,
) -> None:
    chat = RecordingChat()
    settings = load_settings(database_url=database_url)
    app = await build_app(settings, chat, SystemClock())
    await app.start()
    try:
        dispatcher = dispatcher_of(app)
        assert dispatcher.use_scheduler
        for n in range(30):
            ref = UserRef("terminal", f"p{n}")
            await app.command_line(ref, Scope("terminal"), "/reminders add 9am,6pm weekdays")

        async def housekeeping() -> None:
            return None

        dispatcher.add_daily_job("retention", housekeeping, hour=3)
        jobs = {job.id: job for job in dispatcher.scheduler.get_jobs()}
        # 60 schedules, yet one dispatch job next to the daily ones: no job per user.
        assert DISPATCH_JOB in jobs and "retention" in jobs
        assert len(jobs) <= 3
        assert jobs[DISPATCH_JOB].misfire_grace_time is None  # never dropped when late

        # Make one occurrence due 20 ms from now: the APScheduler job must deliver it.
        soon = datetime.now(UTC) + timedelta(milliseconds=20)
        raw = Raw(app.store)
        await raw.execute("UPDATE reminders SET next_at = ? WHERE id = 1", raw.time(soon))
        dispatcher.notify(soon)
        for _ in range(200):
            if chat.sent:
                break
            await asyncio.sleep(0.005)
        assert len(chat.sent) == 1
    finally:
        await app.close()
