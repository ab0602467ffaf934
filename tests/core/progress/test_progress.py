"""Progress numbers: streaks in the person's own days (midnight, DST), Monday weeks,
adherence against planned reminders, the pain trend and sparkline, and `/progress`."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.core.app import Limber
from bot.core.clock import ManualClock
from bot.core.models import PainReport, UserRef
from bot.core.progress import streaks as pg
from tests.conftest import Conversation, text_of
from tests.support.backends import Raw

pytestmark = pytest.mark.both_backends

NY = ZoneInfo("America/New_York")
TOKYO = ZoneInfo("Asia/Tokyo")


def local(y: int, mo: int, d: int, h: int, mi: int = 0, zone: ZoneInfo = NY) -> datetime:
    return datetime(y, mo, d, h, mi, tzinfo=zone).astimezone(UTC)


def sessions(*moments: datetime) -> list[tuple[int, datetime]]:
    return [(i + 1, at) for i, at in enumerate(moments)]


# streaks -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("done", "expected"),
    [
        ([], 0),
        ([0], 1),
        ([0, 1, 2], 3),
        ([1, 2, 3], 3),  # today has no session yet: the run through yesterday stands
        ([2, 3, 4], 0),  # yesterday missed: broken
        ([0, 1, 3, 4, 5], 2),  # only the run that reaches today counts
    ],
)
def test_the_streak_counts_days_in_a_row_ending_today_or_yesterday(
    done: list[int], expected: int
) -> None:
    today = date(2026, 3, 10)
    assert pg.streak([today - timedelta(days=n) for n in done], today) == expected


def test_sessions_at_2330_across_the_march_dst_change_make_one_unbroken_streak() -> None:
    # 2026-03-08 02:00 New York springs forward: 23:30 is 04:30 UTC before, 03:30 after.
    # Mixing late and morning sessions puts two of them on the same UTC date, so a
    # streak computed on UTC dates (or a fixed offset) would break here.
    completed = sessions(
        local(2026, 3, 5, 23, 30),
        local(2026, 3, 6, 8, 0),
        local(2026, 3, 7, 23, 30),
        local(2026, 3, 8, 23, 30),  # first evening in EDT
        local(2026, 3, 9, 0, 30),  # 00:30 EDT = 23:30 EST the day before
        local(2026, 3, 10, 23, 30),
    )
    now = local(2026, 3, 11, 9, 0)
    result = pg.compute(now=now, zone=NY, completed=completed)
    assert [d.day for d in result.days if d.sessions] == [
        date(2026, 3, 5),
        date(2026, 3, 6),
        date(2026, 3, 7),
        date(2026, 3, 8),
        date(2026, 3, 9),
        date(2026, 3, 10),
    ]
    assert result.streak == 6
    utc_days = {at.date() for _, at in completed}
    assert pg.streak(utc_days, now.date()) != 6  # the mistake this test guards against


def test_a_session_just_before_and_just_after_local_midnight_are_two_days() -> None:
    completed = sessions(local(2026, 3, 3, 23, 50), local(2026, 3, 4, 0, 10))
    result = pg.compute(now=local(2026, 3, 4, 12, 0), zone=NY, completed=completed)
    assert result.streak == 2


def test_two_sessions_on_one_local_day_count_once_for_the_streak() -> None:
    completed = sessions(local(2026, 3, 4, 7, 0), local(2026, 3, 4, 21, 0))
    result = pg.compute(now=local(2026, 3, 4, 22, 0), zone=NY, completed=completed)
    assert result.streak == 1
    assert result.total_sessions == 2


# weeks and adherence -------------------------------------------------------------------
def test_the_week_starts_on_monday_in_the_persons_zone() -> None:
    # Monday 2026-03-09 00:30 in Tokyo is Sunday 15:30 UTC.
    now = local(2026, 3, 9, 0, 30, TOKYO)
    completed = sessions(local(2026, 3, 8, 23, 0, TOKYO), local(2026, 3, 9, 0, 10, TOKYO))
    result = pg.compute(now=now, zone=TOKYO, completed=completed)
    assert result.week_start == date(2026, 3, 9)
    assert result.sessions_this_week == 1


@pytest.mark.parametrize(
    ("sessions_done", "planned", "expected"),
    [(0, 0, None), (0, 4, 0), (1, 4, 25), (3, 4, 75), (4, 4, 100), (6, 4, 100)],
)
def test_adherence_is_sessions_over_planned_capped_at_100(
    sessions_done: int, planned: int, expected: int | None
) -> None:
    assert pg.adherence(sessions_done, planned) == expected


def test_only_occurrences_already_due_count_against_adherence() -> None:
    now = local(2026, 3, 4, 12, 0)  # Wednesday noon
    planned = [local(2026, 3, d, 9, 0) for d in range(2, 9)]  # daily 09:00, Mon..Sun
    completed = sessions(local(2026, 3, 2, 9, 5), local(2026, 3, 4, 9, 5))
    outcomes = [
        ("skipped", local(2026, 3, 3, 9, 0)),
        ("snoozed", local(2026, 3, 4, 9, 0)),
        ("skipped", local(2026, 2, 24, 9, 0)),  # last week: not counted
    ]
    result = pg.compute(now=now, zone=NY, completed=completed, planned=planned, outcomes=outcomes)
    assert (result.planned_due, result.planned_this_week) == (3, 7)
    assert result.adherence == 67
    assert (result.skipped, result.snoozed) == (1, 1)


# pain ----------------------------------------------------------------------------------
def test_the_sparkline_uses_a_fixed_0_to_10_scale() -> None:
    assert pg.sparkline([0, 5, 10]) == "▁▅█"
    assert pg.sparkline([3, 3]) == pg.sparkline([3])[0] * 2
    assert pg.sparkline([]) == ""


def test_the_pain_trend_covers_30_days_and_compares_before_and_after_sessions() -> None:
    now = local(2026, 3, 31, 20, 0)
    start = local(2026, 3, 20, 8, 0)
    completed = [(7, start)]
    pain = [
        PainReport(9, "report", local(2026, 2, 20, 8, 0)),  # older than 30 days
        PainReport(6, "report", start - timedelta(hours=1)),
        PainReport(4, "after", start + timedelta(minutes=15), session_id=7),
        PainReport(3, "message", local(2026, 3, 30, 8, 0)),
    ]
    result = pg.compute(now=now, zone=NY, completed=completed, pain=pain)
    assert [p.score for p in result.pain] == [6, 4, 3]
    assert (result.pain_before, result.pain_after) == (6, 4)
    assert result.pain_change is not None and result.pain_change < 0
    text = pg.summary_text(result)
    assert pg.sparkline([5, 3]) in text  # one mark per day: the mean of that day
    assert "6.0 before → 4.0 after" in text


def test_nothing_yet_means_no_data() -> None:
    result = pg.compute(now=local(2026, 3, 4, 12, 0), zone=NY, completed=[])
    assert not result.has_data


# /progress through the app -------------------------------------------------------------
async def test_progress_without_any_data_points_to_the_first_session(talk: Conversation) -> None:
    reply = await talk.say("/progress")
    assert "/stretch start" in text_of(reply)
    assert all(m.attachment is None for m in reply.messages)


async def _completed(app: Limber, user_id: int, at: datetime) -> int:
    session_id = await app.store.sessions.create(user_id, "low-back-starter", "command", at)
    await app.store.sessions.save(
        session_id, "completed", 21, None, None, at + timedelta(minutes=10)
    )
    return session_id


async def test_progress_shows_streak_sparkline_and_a_png_chart(
    app: Limber, talk: Conversation, clock: ManualClock
) -> None:
    await talk.say("/timezone set America/New_York")
    user = await app.store.users.ensure(talk.ref, clock.now())
    await app.store.users.set_pain_consent(user.id, True, clock.now())
    for days_ago in (2, 1):
        at = clock.now() - timedelta(days=days_ago)
        sid = await _completed(app, user.id, at)
        await app.store.users.add_pain(user.id, 5 - days_ago, "after", at, sid)

    reply = await talk.say("/progress")
    message = reply.messages[-1]
    assert "Streak: 2 days" in message.text
    assert "▁" in message.text or "▂" in message.text or "▃" in message.text
    assert message.attachment is not None
    assert message.attachment.mime == "image/png"
    assert message.attachment.data.startswith(b"\x89PNG\r\n\x1a\n")


async def _deliver(app: Limber, clock: ManualClock, until: datetime) -> None:

    dispatcher = app.dispatcher
    assert dispatcher is not None
    await clock.advance((until - clock.now()).total_seconds())
    await dispatcher.idle()


async def test_adherence_leaves_out_paused_days_and_counts_skips_and_snoozes(
    app: Limber, talk: Conversation, clock: ManualClock
) -> None:
    # Monday 2026-03-02 08:00 UTC; the person's zone is the default, UTC.
    monday = datetime(2026, 3, 2, tzinfo=UTC)
    await talk.say("/reminders add 9am daily")
    user = await app.store.users.ensure(talk.ref, clock.now())

    await _deliver(app, clock, monday + timedelta(hours=9, minutes=1))
    await talk.press("Skip")
    await _completed(app, user.id, monday + timedelta(hours=12))

    await _deliver(app, clock, monday + timedelta(days=1, hours=9, minutes=1))
    await talk.press("Snooze")
    await _deliver(app, clock, monday + timedelta(days=1, hours=9, minutes=12))
    await talk.say("/reminders pause")
    await _deliver(app, clock, monday + timedelta(days=3, hours=10))  # Thursday

    count = await Raw(app.store).value("SELECT COUNT(*) FROM deliveries")
    assert count == 3  # Mon, Tue and Tue's snooze; none while paused

    reply = await talk.say("/progress")
    text = text_of(reply)
    assert "1 session" in text
    assert "2 of 2 planned reminders so far" in text  # the snooze is not a new plan
    assert "adherence 50%" in text
    assert "Skipped 1 · snoozed 1" in text

    await talk.say("/reminders resume")  # Friday, Saturday and Sunday are planned again
    assert "2 of 5 planned reminders so far" in text_of(await talk.say("/progress"))


async def test_a_stored_session_of_another_person_does_not_count(
    app: Limber, talk: Conversation, clock: ManualClock
) -> None:
    other = await app.store.users.ensure(UserRef("terminal", "bob", "Bob"), clock.now())
    await _completed(app, other.id, clock.now() - timedelta(hours=3))
    assert "/stretch start" in text_of(await talk.say("/progress"))


async def test_reminders_alone_still_get_the_first_session_answer(talk: Conversation) -> None:
    await talk.say("/reminders add 9am daily")
    reply = await talk.say("/progress")
    assert "/stretch start" in text_of(reply)
    assert all(m.attachment is None for m in reply.messages)
