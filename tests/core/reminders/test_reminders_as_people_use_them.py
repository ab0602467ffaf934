"""Issue 13, "Reminders as people use them": every row of the issue's table as a chat, and
interval reminders (breaks inside work hours), through the app's doors and the dispatcher.

The two DST rows (00:30 in Berlin and Cairo) are in tests/test_reminders_dst.py (CASES).
"""

from __future__ import annotations

import string
from datetime import UTC, datetime, timedelta

import pytest

from bot.core.app import Limber
from bot.core.clock import ManualClock
from bot.core.reminders.dispatcher import Dispatcher
from bot.core.reminders.schedule import _DAY_ALIASES, FULL_DAY_NAMES, day_hint
from bot.core.suggest import suggest_zones
from tests.conftest import Conversation, text_of
from tests.core.reminders.test_reminders_dst import run_until
from tests.fakes.chat import RecordingChat

MONDAY_8 = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)  # the conftest clock's start
NINE = MONDAY_8 + timedelta(hours=1)


def dispatcher_of(app: Limber) -> Dispatcher:
    found = app.dispatcher
    assert found is not None
    return found


def reminder_sends(chat: RecordingChat) -> list[datetime | None]:
    return [s.at for s in chat.sent if s.message.title == "Stretch reminder"]


# `/reminders add 1730` -------------------------------------------------------------------
@pytest.mark.parametrize(
    ("typed", "shown"),
    [("1730", "17:30"), ("0930", "09:30"), ("930", "09:30"), ("0000", "00:00"), ("17", "17:00")],
)
async def test_hhmm_is_a_24_hour_time(talk: Conversation, typed: str, shown: str) -> None:
    text = text_of(await talk.say(f"/reminders add {typed}"))
    assert f"Reminder **#1** added: daily at {shown}" in text


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("2460", "`2460` is not a time of day"),
        ("9", "`9` could be morning or evening: write `9am` or `9pm`"),
    ],
)
async def test_times_that_are_not_one_get_one_line_with_an_example(
    talk: Conversation, typed: str, message: str
) -> None:
    text = text_of(await talk.say(f"/reminders add {typed}"))
    assert message in text
    assert "\n" not in text and "Input should" not in text and "Value error" not in text


async def test_the_suggested_forms_are_then_accepted(talk: Conversation) -> None:
    assert "daily at 21:00" in text_of(await talk.say("/reminders add 9pm"))


# `/timezone set EST` in July ---------------------------------------------------------------
@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("EST", "America/New_York"),
        ("PST", "America/Los_Angeles"),
        ("CET", "Europe/Berlin"),
        ("ist", "Asia/Kolkata"),
        ("AEST", "Australia/Sydney"),
    ],
)
async def test_an_abbreviation_is_a_question_naming_the_zone_with_daylight_saving(
    talk: Conversation, clock: ManualClock, typed: str, meant: str
) -> None:
    await clock.advance((datetime(2026, 7, 1, 12, 0, tzinfo=UTC) - clock.now()).total_seconds())
    text = text_of(await talk.say(f"/timezone set {typed}"))
    assert f"`{typed}` is not a place" in text
    assert f"Did you mean `{meant}`" in text
    assert "You haven't set a time zone" in text_of(await talk.say("/timezone show"))


async def test_est_explains_it_has_no_daylight_saving(talk: Conversation) -> None:
    text = text_of(await talk.say("/timezone set EST"))
    assert "UTC−05:00 all year, no daylight saving" in text
    assert "`/timezone set America/New_York`" in text


async def test_a_country_with_several_zones_is_a_question(talk: Conversation) -> None:
    text = text_of(await talk.say("/timezone set usa"))
    assert "has several time zones" in text and "`America/Chicago`" in text


# `/timezone set UTC+2` -----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("typed", "zone", "offset"),
    [
        ("UTC+2", "Etc/GMT-2", "UTC+02:00"),
        ("GMT-5", "Etc/GMT+5", "UTC−05:00"),
        ("+02:00", "Etc/GMT-2", "UTC+02:00"),
        ("utc -3", "Etc/GMT+3", "UTC−03:00"),
        ("UTC+14", "Etc/GMT-14", "UTC+14:00"),
    ],
)
async def test_a_whole_hour_offset_is_its_fixed_zone_with_the_sign_explained(
    talk: Conversation, typed: str, zone: str, offset: str
) -> None:
    text = text_of(await talk.say(f"/timezone set {typed}"))
    assert f"Your time zone is now **{zone}**" in text
    assert f"IANA inverts the sign: `{zone}` is {offset}" in text
    assert "never changes for daylight saving" in text


async def test_utc_plus_2_fires_two_hours_before_utc(
    talk: Conversation, app: Limber, clock: ManualClock, chat: RecordingChat
) -> None:
    chat.clock = clock
    await talk.say("/timezone set UTC+2")
    assert "Next: Mon 2 Mar 2026, 11:00" in text_of(await talk.say("/reminders add 11:00"))
    await run_until(clock, dispatcher_of(app), datetime(2026, 3, 2, 9, 30, tzinfo=UTC))
    assert reminder_sends(chat) == [datetime(2026, 3, 2, 9, 0, tzinfo=UTC)]


async def test_an_offset_that_is_not_whole_hours_asks(talk: Conversation) -> None:
    text = text_of(await talk.say("/timezone set UTC+5:30"))
    assert "There is no fixed zone for UTC+05:30. Did you mean `Asia/Kolkata`?" in text


@pytest.mark.parametrize(("typed", "zone"), [("UTC+2", "Etc/GMT-2"), ("GMT-5", "Etc/GMT+5")])
def test_an_offset_never_suggests_a_zone_hours_off(typed: str, zone: str) -> None:
    assert suggest_zones(typed) == [zone]


# `/reminders add 9am lun` --------------------------------------------------------------------
@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("lun", "Mon"),
        ("lunes", "Mon"),
        ("lundi", "Mon"),
        ("Montag", "Mon"),
        ("mar,jeu", "Tue, Thu"),
        ("mercredi", "Wed"),
        ("domingo", "Sun"),
        ("Mo, Mi, Fr", "Mon, Wed, Fri"),
    ],
)
async def test_day_names_in_other_languages_are_days(
    talk: Conversation, typed: str, shown: str
) -> None:
    assert f"added: {shown} at 09:00" in text_of(await talk.say(f"/reminders add 9am {typed}"))


async def test_a_typo_hint_names_the_day_meant(talk: Conversation) -> None:
    text = text_of(await talk.say("/reminders add 9am wendesday,fri"))
    assert "`wendesday` is not a day. Did you mean `wednesday`?" in text


def _one_slip(word: str) -> set[str]:
    """Every one-letter slip of `word`: dropped, doubled, swapped or replaced."""
    slips = set()
    for i in range(len(word)):
        slips |= {word[:i] + word[i + 1 :], word[:i] + word[i] + word[i:]}
        slips.add(word[:i] + word[i + 1 : i + 2] + word[i : i + 1] + word[i + 2 :])
        slips |= {word[:i] + letter + word[i + 1 :] for letter in string.ascii_lowercase}
    return slips


@pytest.mark.parametrize("alias", sorted(a for a in _DAY_ALIASES if len(a) >= 4))
def test_a_day_hint_never_names_another_day(alias: str) -> None:
    """Every one-letter slip of a day name hints that day or nothing: `turs` is a slip of
    both `tues` and `thurs`, so it gets no hint."""
    wrong = {
        typo: day_hint(typo)
        for typo in _one_slip(alias) - set(_DAY_ALIASES)
        if day_hint(typo) not in (None, FULL_DAY_NAMES[_DAY_ALIASES[alias]])
    }
    assert not wrong
    assert day_hint("turs") is None


# `/reminders pause`, then `/reminders add 6pm daily` ---------------------------------------
async def test_a_reminder_added_during_a_pause_is_paused_too(
    talk: Conversation, app: Limber, clock: ManualClock, chat: RecordingChat
) -> None:
    await talk.say("/reminders add 9am")
    await talk.say("/reminders pause")
    text = text_of(await talk.say("/reminders add 6pm daily"))
    assert "It is paused like your other reminders, until you switch them back on" in text
    await run_until(clock, dispatcher_of(app), MONDAY_8 + timedelta(days=2))
    assert reminder_sends(chat) == []
    assert text_of(await talk.say("/reminders list")).count("paused (`/reminders resume`)") == 2
    await talk.say("/reminders resume")
    await run_until(clock, dispatcher_of(app), MONDAY_8 + timedelta(days=2, hours=11))
    assert len(reminder_sends(chat)) == 2  # 09:00 and 18:00 of Wednesday


async def test_a_reminder_added_during_a_dated_pause_says_until_when(
    talk: Conversation, app: Limber, clock: ManualClock, chat: RecordingChat
) -> None:
    chat.clock = clock
    await talk.say("/reminders add 9am")
    await talk.say("/reminders pause 3d")
    text = text_of(await talk.say("/reminders add 6pm daily"))
    assert "paused like your other reminders until Thu 5 Mar 2026, 08:00" in text
    assert "first: Thu 5 Mar 2026, 18:00" in text
    await run_until(clock, dispatcher_of(app), datetime(2026, 3, 5, 19, 0, tzinfo=UTC))
    assert reminder_sends(chat) == [
        datetime(2026, 3, 5, 9, 0, tzinfo=UTC),
        datetime(2026, 3, 5, 18, 0, tzinfo=UTC),
    ]


# `/reminders add 12pm weekdays`, then `noon weekdays` --------------------------------------
async def test_the_same_reminder_twice_is_named_not_added(
    talk: Conversation, app: Limber, clock: ManualClock, chat: RecordingChat
) -> None:
    await talk.say("/reminders add 12pm weekdays")
    text = text_of(await talk.say("/reminders add noon weekdays"))
    assert text.startswith("You already have that one (#1)")
    assert "You already have that one (#1)" in text_of(
        await talk.say("/reminders add 12:00 mon-fri low-back-starter")
    )
    await run_until(clock, dispatcher_of(app), MONDAY_8 + timedelta(hours=5))
    assert len(reminder_sends(chat)) == 1


async def test_another_routine_or_other_days_is_another_reminder(talk: Conversation) -> None:
    await talk.say("/reminders add 12pm weekdays")
    assert "#2" in text_of(await talk.say("/reminders add noon weekdays stretch-break"))
    assert "#3" in text_of(await talk.say("/reminders add noon daily"))


# `/reminders add 9am Mon, Wed` ---------------------------------------------------------------
@pytest.mark.parametrize(
    ("line", "shown"),
    [
        ("/reminders add 9am Mon, Wed", "Mon, Wed at 09:00"),
        ("/reminders add 9am Mon, Wed, Fri", "Mon, Wed, Fri at 09:00"),
        ("/reminders add 8am, 6pm weekdays", "weekdays at 08:00, 18:00"),
        ("/reminders add 9:00 AM, 19:30 mon and thu", "Mon, Thu at 09:00, 19:30"),
        ("/reminders add tue-thu at 7:30pm", "Tue, Wed, Thu at 19:30"),
    ],
)
async def test_day_and_time_lists_are_read_with_the_spaces_people_type(
    talk: Conversation, line: str, shown: str
) -> None:
    assert f"added: {shown}" in text_of(await talk.say(line))


async def test_discords_separate_options_read_the_same(app: Limber) -> None:
    from tests.conftest import ALICE, TERMINAL

    reply = await app.command(
        ALICE, TERMINAL, "reminders add", {"time": "9am", "days": "Mon, Wed", "routine": None}
    )
    assert "added: Mon, Wed at 09:00" in text_of(reply)


# `/reminders add 9am low-back-starter` --------------------------------------------------------
@pytest.mark.parametrize(
    "line",
    [
        "/reminders add 9am stretch-break",
        "/reminders add 9am weekdays stretch-break",
        "/reminders add stretch-break 9am weekdays",
    ],
)
async def test_a_routine_is_recognised_in_any_position(talk: Conversation, line: str) -> None:
    assert "— Stretch break." in text_of(await talk.say(line))


async def test_the_starter_routine_in_the_days_position_is_daily(talk: Conversation) -> None:
    text = text_of(await talk.say("/reminders add 9am low-back-starter"))
    assert "added: daily at 09:00 — Low-back starter." in text


async def test_an_unknown_routine_lists_the_routines(talk: Conversation) -> None:
    text = text_of(await talk.say("/reminders add 9am weekdays yoga"))
    assert "Unknown routine `yoga`. Routines: `low-back-starter`, `stretch-break`" in text


# `/reminders remove #3` -------------------------------------------------------------------
async def test_remove_takes_the_id_as_the_list_shows_it(talk: Conversation) -> None:
    for hour in (7, 8, 9):
        await talk.say(f"/reminders add {hour}am")
    assert "**#3** daily at 09:00" in text_of(await talk.say("/reminders list"))
    assert text_of(await talk.say("/reminders remove #3")) == "Reminder #3 removed."
    assert "#3" not in text_of(await talk.say("/reminders list"))


# Snooze, then `/reminders list` -----------------------------------------------------------
async def test_the_list_shows_a_pending_snooze(
    talk: Conversation, app: Limber, clock: ManualClock
) -> None:
    await talk.say("/reminders add 9am")
    await run_until(clock, dispatcher_of(app), NINE)
    await talk.press("Snooze")
    listing = text_of(await talk.say("/reminders list"))
    assert "**#1** daily at 09:00 — Low-back starter — snoozed: again at Mon 2 Mar 2026, 09:10" in (
        listing
    )
    await run_until(clock, dispatcher_of(app), NINE + timedelta(minutes=11))
    assert "snoozed" not in text_of(await talk.say("/reminders list"))


# a reminder falls due while a session is running ----------------------------------------
async def test_a_reminder_due_during_a_session_is_held_and_noted_after_it(
    talk: Conversation, app: Limber, clock: ManualClock, chat: RecordingChat
) -> None:
    await talk.screened()
    await talk.say("/reminders add 9am")
    await clock.advance((NINE - timedelta(minutes=2) - clock.now()).total_seconds())
    await talk.say("/stretch start")
    await run_until(clock, dispatcher_of(app), NINE + timedelta(minutes=1))
    assert reminder_sends(chat) == []  # the session was not interrupted
    assert not any("while you were stretching" in s.message.text for s in chat.sent)
    async with app.store.db.conn.execute("SELECT key, status, error FROM deliveries") as cur:
        assert [tuple(r) for r in await cur.fetchall()] == [
            ("1:2026-03-02T09:00", "skipped", "during a session")
        ]
    await talk.press("Stop")
    note = chat.sent[-1].message
    assert note.text == (
        "Your reminder at 09:00 came due while you were stretching, so I didn't interrupt "
        "you and counted it as done."
    )
    assert note.actions == ()
    # the next day's reminder goes out as usual
    await run_until(clock, dispatcher_of(app), NINE + timedelta(days=1, minutes=1))
    assert len(reminder_sends(chat)) == 1


# `/reminders pause tomorrow`, `/reminders pause 24/12/2026` ------------------------------
@pytest.mark.parametrize(
    ("zone", "until", "shown"),
    [
        ("Europe/Berlin", "tomorrow", "until Tue 3 Mar 2026, 00:00"),
        ("Europe/Berlin", "today", "until Tue 3 Mar 2026, 00:00"),
        ("Europe/Berlin", "1h", "until Mon 2 Mar 2026, 10:00"),
        ("Europe/Berlin", "2h30m", "until Mon 2 Mar 2026, 11:30"),
        ("Europe/Berlin", "24/12/2026", "until Thu 24 Dec 2026, 00:00 (read as 24 December 2026"),
        ("Europe/Berlin", "24.12.2026", "until Thu 24 Dec 2026, 00:00;"),
        ("America/New_York", "12/24/2026", "until Thu 24 Dec 2026, 00:00 (read as 24 December"),
        ("Europe/Berlin", "2026-12-24", "until Thu 24 Dec 2026, 00:00;"),
    ],
)
async def test_pause_takes_today_tomorrow_dates_and_durations(
    talk: Conversation, zone: str, until: str, shown: str
) -> None:
    await talk.say(f"/timezone set {zone}")
    await talk.say("/reminders add 9am")
    text = text_of(await talk.say(f"/reminders pause {until}"))
    assert f"Reminders paused {shown}" in text


@pytest.mark.parametrize(
    ("zone", "read"),
    [
        (
            "Europe/Berlin",
            "until Fri 3 Apr 2026, 00:00 (read as 3 April 2026 (day/month/year); for the other "
            "reading write `2026-03-04`)",
        ),
        (
            "America/New_York",
            "until Wed 4 Mar 2026, 00:00 (read as 4 March 2026 (month/day/year); for the other "
            "reading write `2026-04-03`)",
        ),
    ],
)
async def test_an_ambiguous_date_is_read_in_the_zones_order_and_the_reply_says_how(
    talk: Conversation, zone: str, read: str
) -> None:
    await talk.say(f"/timezone set {zone}")
    await talk.say("/reminders add 9am")
    assert f"Reminders paused {read}" in text_of(await talk.say("/reminders pause 03/04/2026"))


async def test_resume_ends_a_pause_early(
    talk: Conversation, app: Limber, clock: ManualClock, chat: RecordingChat
) -> None:
    await talk.say("/reminders add 9am")
    await talk.say("/reminders pause today")
    await talk.say("/reminders resume")
    await run_until(clock, dispatcher_of(app), NINE + timedelta(minutes=1))
    assert len(reminder_sends(chat)) == 1


# `/timezone set ny` ------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("typed", "zone"),
    [
        ("ny", "America/New_York"),
        ("NYC", "America/New_York"),
        ("new york", "America/New_York"),
        ("la", "America/Los_Angeles"),
        ("sf", "America/Los_Angeles"),
        ("london", "Europe/London"),
        ("uk", "Europe/London"),
        ("germany", "Europe/Berlin"),
        ("berlin", "Europe/Berlin"),
        ("india", "Asia/Kolkata"),
        ("mumbai", "Asia/Kolkata"),
    ],
)
async def test_common_city_and_country_names_are_their_zone(
    talk: Conversation, typed: str, zone: str
) -> None:
    text = text_of(await talk.say(f"/timezone set {typed}"))
    assert f"Your time zone is now **{zone}**" in text


# interval reminders ------------------------------------------------------------------------
async def test_breaks_every_45_minutes_inside_work_hours(
    talk: Conversation, app: Limber, clock: ManualClock, chat: RecordingChat
) -> None:
    chat.clock = clock
    await talk.say("/timezone set Europe/Berlin")
    text = text_of(
        await talk.say("/reminders add every 45m from 09:00 to 17:00 weekdays stretch-break")
    )
    assert (
        "Reminder **#1** added: every 45m from 09:00 to 17:00, weekdays — Stretch break. "
        "Next: Mon 2 Mar 2026, 09:45."  # 09:00 Berlin (08:00 UTC) is now
    ) in text
    listing = text_of(await talk.say("/reminders list"))
    assert (
        "**#1** every 45m from 09:00 to 17:00, weekdays — Stretch break — "
        "next: Mon 2 Mar 2026, 09:45"
    ) in listing
    await run_until(clock, dispatcher_of(app), datetime(2026, 3, 3, 8, 1, tzinfo=UTC))
    local = [f"{at.astimezone(UTC) + timedelta(hours=1):%d %H:%M}" for at in reminder_sends(chat)]
    assert local == [
        "02 09:45", "02 10:30", "02 11:15", "02 12:00", "02 12:45", "02 13:30", "02 14:15",
        "02 15:00", "02 15:45", "02 16:30", "03 09:00",
    ]  # fmt: skip
    assert all("Stretch break" in s.message.text for s in chat.sent)


@pytest.mark.parametrize(
    ("line", "shown"),
    [
        (
            "/reminders add every 1h30m from 08:00 to 18:00",
            "every 1h30m from 08:00 to 18:00, daily",
        ),
        ("/reminders add every 1h 30m between 8am and 6pm", "every 1h30m from 08:00 to 18:00"),
        ("/reminders add every hour 9-17 mon-fri", "every 1h from 09:00 to 17:00, weekdays"),
        ("/reminders add every 90 min from 9am-5pm", "every 1h30m from 09:00 to 17:00"),
    ],
)
async def test_intervals_are_read_as_people_write_them(
    talk: Conversation, line: str, shown: str
) -> None:
    assert f"added: {shown}" in text_of(await talk.say(line))


async def test_an_interval_without_a_window_says_the_default(talk: Conversation) -> None:
    text = text_of(await talk.say("/reminders add every 45m weekdays"))
    assert "every 45m from 09:00 to 17:00, weekdays" in text
    assert "09:00 to 17:00 is the default window" in text


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("/reminders add every 2m", "An interval goes from 5 minutes to 12 hours, e.g."),
        ("/reminders add every 45m from 17:00 to 09:00", "The window must start before it ends"),
        ("/reminders add every 10h from 09:00 to 17:00", "does not fit twice between"),
        ("/reminders add every soon", "`every soon` is not an interval I understand"),
        ("/reminders add every 45m 9am", "an interval reminder takes a window, not a time"),
    ],
)
async def test_bad_intervals_get_one_line_with_an_example(
    talk: Conversation, line: str, message: str
) -> None:
    text = text_of(await talk.say(line))
    assert message in text
    assert "\n" not in text


async def test_the_same_interval_twice_is_named(talk: Conversation) -> None:
    await talk.say("/reminders add every 45m from 09:00 to 17:00 weekdays")
    text = text_of(await talk.say("/reminders add every 45 minutes from 9am to 5pm mon-fri"))
    assert text.startswith("You already have that one (#1)")


async def test_an_interval_after_downtime_skips_missed_slots_never_floods(
    talk: Conversation, app: Limber, clock: ManualClock, chat: RecordingChat
) -> None:
    """Down from 08:50 to 10:12 UTC: 09:00, 09:15, ... 10:00 are past; only 10:00 (within
    the 15-minute grace) goes out, late; the rest are recorded as missed."""
    chat.clock = clock
    await talk.say("/reminders add every 15m from 09:00 to 17:00")
    dispatcher = dispatcher_of(app)
    await run_until(clock, dispatcher, MONDAY_8 + timedelta(minutes=50))
    await dispatcher.stop()
    await clock.advance(82 * 60)  # 10:12
    await dispatcher.start()
    await dispatcher.idle()
    assert reminder_sends(chat) == [datetime(2026, 3, 2, 10, 12, tzinfo=UTC)]
    assert "12 min late" in chat.sent[0].message.text
    async with app.store.db.conn.execute("SELECT key, status FROM deliveries ORDER BY id") as cur:
        found = [tuple(r) for r in await cur.fetchall()]
    assert found[-1] == ("1:2026-03-02T10:00", "late")
    assert {s for _, s in found[:-1]} == {"missed"}
    assert "next: Mon 2 Mar 2026, 10:15" in text_of(await talk.say("/reminders list"))


async def test_pause_for_a_meeting_then_breaks_go_on(
    talk: Conversation, app: Limber, clock: ManualClock, chat: RecordingChat
) -> None:
    chat.clock = clock
    await talk.say("/reminders add every 30m from 09:00 to 12:00")
    assert "until Mon 2 Mar 2026, 10:00" in text_of(await talk.say("/reminders pause 2h"))
    await run_until(clock, dispatcher_of(app), datetime(2026, 3, 2, 11, 1, tzinfo=UTC))
    assert reminder_sends(chat) == [
        datetime(2026, 3, 2, 10, 0, tzinfo=UTC),
        datetime(2026, 3, 2, 10, 30, tzinfo=UTC),
        datetime(2026, 3, 2, 11, 0, tzinfo=UTC),
    ]
