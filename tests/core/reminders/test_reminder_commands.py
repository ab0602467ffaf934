"""`/reminders` and `/timezone` through the app's doors, and the reminder buttons."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.core.app import Limber
from bot.core.clock import ManualClock
from bot.core.commands import field_extra
from bot.core.models import UserRef
from bot.core.reminders.dispatcher import Dispatcher
from tests.conftest import TERMINAL, Conversation, text_of
from tests.core.reminders.test_reminders_dst import run_until
from tests.fakes.chat import RecordingChat
from tests.support.backends import Raw

pytestmark = pytest.mark.both_backends

NINE = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
BOB = UserRef("terminal", "bob", "Bob")


def dispatcher_of(app: Limber) -> Dispatcher:
    found = app.dispatcher
    assert found is not None
    return found


async def test_adding_without_a_zone_says_times_are_utc(talk: Conversation) -> None:
    text = text_of(await talk.say("/reminders add 9am weekdays"))
    assert "Reminder **#1** added: weekdays at 09:00 — Low-back starter." in text
    assert "Next: Mon 2 Mar 2026, 09:00." in text
    assert "Times are in UTC; set yours with `/timezone set`." in text


async def test_the_discord_door_takes_typed_options(app: Limber) -> None:
    reply = await app.command(
        BOB, TERMINAL, "reminders add", {"time": "9:00 AM, 19:30", "days": "mon,wed,fri"}
    )
    assert "Mon, Wed, Fri at 09:00, 19:30" in text_of(reply)


async def test_list_shows_id_days_times_routine_and_next_local_time(talk: Conversation) -> None:
    await talk.say("/timezone set Europe/Berlin")
    await talk.say("/reminders add 7:30pm tue-thu low-back-starter")
    text = text_of(await talk.say("/reminders list"))
    assert "Times in Europe/Berlin:" in text
    assert "**#1** Tue, Wed, Thu at 19:30 — Low-back starter — next: Tue 3 Mar 2026, 19:30" in text


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("/reminders add 25:99", "`25:99` is not a time of day"),
        ("/reminders add 13pm", "with am/pm the hour goes from 1 to 12"),
        ("/reminders add weekdays", "Give a time of day, e.g. `/reminders add 9am weekdays`"),
        ("/reminders add 9am mon,funday", "`funday` is not a day"),
        ("/reminders add 9am daily yoga", "Unknown routine `yoga`."),
        ("/timezone set berlinn", "Unknown time zone `berlinn`. Did you mean `Europe/Berlin`"),
        ("/reminders pause someday", "is not a date or a duration I understand. Try `today`"),
        ("/reminders remove abc", "`abc` is not a reminder id: use the number"),
    ],
)
async def test_bad_input_gets_a_message_naming_the_problem(
    talk: Conversation, line: str, expected: str
) -> None:
    reply = await talk.say(line)
    assert expected in text_of(reply)
    assert "added" not in text_of(await talk.say("/reminders list"))


async def test_timezone_set_accepts_any_case_and_show_gives_local_time(
    talk: Conversation,
) -> None:
    text = text_of(await talk.say("/timezone set america/new_york"))
    assert "Your time zone is now **America/New_York**" in text
    shown = text_of(await talk.say("/timezone show"))
    assert "Your time zone: **America/New_York**. Local time: Mon 2 Mar 2026, 03:00." in shown


async def test_timezone_show_without_a_zone_names_the_default(talk: Conversation) -> None:
    assert "You haven't set a time zone, so I use **UTC**" in text_of(
        await talk.say("/timezone show")
    )


async def test_changing_zone_moves_the_next_occurrence(talk: Conversation) -> None:
    await talk.say("/reminders add 9am")
    await talk.say("/timezone set Asia/Tokyo")
    assert "next: Tue 3 Mar 2026, 09:00" in text_of(await talk.say("/reminders list"))


async def test_twenty_reminders_at_most(talk: Conversation) -> None:
    for hour in range(20):
        assert "added" in text_of(await talk.say(f"/reminders add {hour}:00"))
    text = text_of(await talk.say("/reminders add 21:00"))
    assert "You already have 20 reminders, the most I keep per person." in text


async def test_someone_elses_reminder_cannot_be_removed_and_nothing_is_revealed(
    talk: Conversation, app: Limber
) -> None:
    await app.command_line(BOB, TERMINAL, "/reminders add 9am")
    mine = text_of(await talk.say("/reminders remove 1"))
    missing = text_of(await talk.say("/reminders remove 99"))
    assert mine == missing == "No reminder with that id. See `/reminders list` for yours."
    assert "**#1**" in text_of(await app.command_line(BOB, TERMINAL, "/reminders list"))
    assert text_of(await app.command_line(BOB, TERMINAL, "/reminders remove 1")) == (
        "Reminder #1 removed."
    )


def test_options_carry_descriptions_and_autocomplete() -> None:
    from bot.core.features.reminder_commands import AddOptions
    from bot.core.features.timezone import ZoneOption

    assert field_extra(ZoneOption.model_fields["zone"], "autocomplete") == "timezone"
    assert field_extra(AddOptions.model_fields["routine"], "autocomplete") == "routine"
    assert all(f.description for f in AddOptions.model_fields.values())


# buttons -------------------------------------------------------------------------------
async def deliver_first(talk: Conversation, app: Limber, clock: ManualClock) -> None:
    await talk.say("/reminders add 9am")
    await run_until(clock, dispatcher_of(app), NINE)


async def test_start_begins_a_session_of_the_reminders_routine(
    talk: Conversation, app: Limber, clock: ManualClock, chat: RecordingChat
) -> None:
    await talk.screened()
    await deliver_first(talk, app, clock)
    await talk.press("Start")
    assert await Raw(app.store).rows("SELECT origin FROM sessions") == [("reminder",)]
    assert any(s.message.kind == "step" for s in chat.sent)


async def test_snooze_sends_it_again_ten_minutes_later_once(
    talk: Conversation, app: Limber, clock: ManualClock, chat: RecordingChat
) -> None:
    chat.clock = clock
    await deliver_first(talk, app, clock)
    reminder = chat.last
    assert "10:10" not in text_of(await talk.press("Snooze"))
    again = text_of(await talk.press("Snooze", reminder))
    assert "Already snoozed" in again
    await run_until(clock, dispatcher_of(app), NINE + timedelta(minutes=30))
    assert [s.at for s in chat.sent] == [NINE, NINE + timedelta(minutes=10)]
    assert chat.last.text.startswith("Snoozed reminder")
    assert await Raw(app.store).rows("SELECT key, status FROM deliveries ORDER BY id") == [
        ("1:2026-03-02T09:00", "snoozed"),
        ("1:2026-03-02T09:00:snooze1", "sent"),
    ]


async def test_skip_marks_this_occurrence_and_answers_a_second_press(
    talk: Conversation, app: Limber, clock: ManualClock
) -> None:
    await deliver_first(talk, app, clock)
    text = text_of(await talk.press("Skip"))
    assert "Skipped this one. Next reminder: Tue 3 Mar 2026, 09:00." in text
    assert "You already skipped this one." in text_of(await talk.press("Skip"))


async def test_a_press_on_someone_elses_reminder_is_not_available(
    talk: Conversation, app: Limber, clock: ManualClock, chat: RecordingChat
) -> None:
    await deliver_first(talk, app, clock)
    for action in chat.last.actions:
        reply = await app.action(BOB, TERMINAL, action.id)
        assert text_of(reply) == "That reminder is not available."


async def test_an_old_reminder_can_no_longer_be_snoozed(
    talk: Conversation, app: Limber, clock: ManualClock
) -> None:
    await deliver_first(talk, app, clock)
    await talk.say("/reminders remove 1")
    await clock.advance(3 * 3600)
    assert "too old to snooze" in text_of(await talk.press("Snooze"))


# pause / resume ------------------------------------------------------------------------
async def test_pause_until_resumed_stops_sends_and_resume_restarts_them(
    talk: Conversation, app: Limber, clock: ManualClock, chat: RecordingChat
) -> None:
    await talk.say("/reminders add 9am")
    assert "Reminders paused." in text_of(await talk.say("/reminders pause"))
    assert "paused (`/reminders resume`)" in text_of(await talk.say("/reminders list"))
    await run_until(clock, dispatcher_of(app), NINE + timedelta(days=2))
    assert chat.sent == []
    assert "Next: Thu 5 Mar 2026, 09:00." in text_of(await talk.say("/reminders resume"))
    await run_until(clock, dispatcher_of(app), NINE + timedelta(days=3))
    assert len(chat.sent) == 1


@pytest.mark.parametrize(
    ("until", "first_again"),
    [
        ("3d", datetime(2026, 3, 5, 9, 0, tzinfo=UTC)),  # Mon 08:00 + 3 days = Thu 08:00
        ("2026-03-04", datetime(2026, 3, 4, 9, 0, tzinfo=UTC)),
    ],
)
async def test_pause_until_a_date_or_duration_resumes_by_itself(
    talk: Conversation,
    app: Limber,
    clock: ManualClock,
    chat: RecordingChat,
    until: str,
    first_again: datetime,
) -> None:
    chat.clock = clock
    await talk.say("/reminders add 9am")
    assert "Reminders paused until" in text_of(await talk.say(f"/reminders pause {until}"))
    assert "paused until" in text_of(await talk.say("/reminders list"))
    await run_until(clock, dispatcher_of(app), first_again + timedelta(hours=1))
    assert [s.at for s in chat.sent] == [first_again]


async def test_a_burst_of_commands_from_many_people_keeps_everyone_separate(
    app: Limber,
) -> None:
    for n in range(5):
        await app.command_line(UserRef("terminal", f"p{n}"), TERMINAL, f"/reminders add {n + 8}am")
    text = text_of(await app.command_line(UserRef("terminal", "p3"), TERMINAL, "/reminders list"))
    assert "**#4** daily at 11:00" in text and "#1" not in text


async def test_reminder_ids_are_never_reused_and_a_replacement_fires(
    talk: Conversation, app: Limber, clock: ManualClock, chat: RecordingChat
) -> None:
    """An old `/reminders remove 1` or key must never point at someone's new reminder."""
    await talk.say("/reminders add 9am")
    await run_until(clock, dispatcher_of(app), NINE + timedelta(minutes=1))
    assert sum(s.message.title == "Stretch reminder" for s in chat.sent) == 1
    await talk.say("/reminders remove 1")
    added = text_of(await talk.say("/reminders add 9am"))
    assert "#2" in added
    await run_until(clock, dispatcher_of(app), NINE + timedelta(days=1, minutes=1))
    assert sum(s.message.title == "Stretch reminder" for s in chat.sent) == 2
