"""Daylight saving never shifts, skips or doubles a reminder (Europe/Berlin, New York).

Each case runs a daily reminder through the real dispatcher with a manual clock from two
days before the change to two days after, and checks the day of the change got exactly
one message, at the expected instant.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from datetime import time as dtime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.core.app import Limber
from bot.core.clock import ManualClock
from bot.core.reminders.dispatcher import Dispatcher
from bot.core.reminders.schedule import ALL_DAYS, Schedule, next_occurrence
from tests.conftest import Conversation, text_of
from tests.core.test_recurrence import all_transitions, expected_daily
from tests.fakes.chat import RecordingChat

pytestmark = pytest.mark.both_backends

CASES = [
    # zone, DST day, local time, expected UTC instant on that day
    ("Europe/Berlin", date(2026, 3, 29), "09:00", datetime(2026, 3, 29, 7, 0, tzinfo=UTC)),
    ("Europe/Berlin", date(2026, 3, 29), "02:30", datetime(2026, 3, 29, 1, 30, tzinfo=UTC)),
    ("Europe/Berlin", date(2026, 10, 25), "09:00", datetime(2026, 10, 25, 8, 0, tzinfo=UTC)),
    ("Europe/Berlin", date(2026, 10, 25), "02:30", datetime(2026, 10, 25, 0, 30, tzinfo=UTC)),
    ("America/New_York", date(2026, 3, 8), "09:00", datetime(2026, 3, 8, 13, 0, tzinfo=UTC)),
    ("America/New_York", date(2026, 3, 8), "02:30", datetime(2026, 3, 8, 7, 30, tzinfo=UTC)),
    ("America/New_York", date(2026, 11, 1), "09:00", datetime(2026, 11, 1, 14, 0, tzinfo=UTC)),
    ("America/New_York", date(2026, 11, 1), "02:30", datetime(2026, 11, 1, 7, 30, tzinfo=UTC)),
    # 01:30 is the time New York repeats on its fall-back day: only the first one fires
    ("America/New_York", date(2026, 11, 1), "01:30", datetime(2026, 11, 1, 5, 30, tzinfo=UTC)),
    # issue 13: the first occurrence after a spring-forward, in the midnight hour. Berlin:
    # the night of Sun 29 -> Mon 30 Mar 2026, Mon 00:30 CEST (APScheduler skipped it).
    pytest.param(
        "Europe/Berlin",
        date(2026, 3, 30),
        "00:30",
        datetime(2026, 3, 29, 22, 30, tzinfo=UTC),
        id="berlin-0030-monday-after-spring-forward",
    ),
    # Cairo jumps 00:00 -> 01:00 on 24 Apr 2026: 00:30 does not exist, fires at 01:30 EEST.
    pytest.param(
        "Africa/Cairo",
        date(2026, 4, 24),
        "00:30",
        datetime(2026, 4, 23, 22, 30, tzinfo=UTC),
        id="cairo-0030-in-the-midnight-gap",
    ),
]


async def run_until(clock: ManualClock, dispatcher: Dispatcher, target: datetime) -> None:
    """Advance wake by wake, letting each dispatch pass finish (its DB work is real I/O)."""
    await dispatcher.idle()
    while (wake := dispatcher.wake_at) is not None and wake <= target:
        await clock.advance(max(0.0, (wake - clock.now()).total_seconds()))
        await dispatcher.idle()
    await clock.advance(max(0.0, (target - clock.now()).total_seconds()))
    await dispatcher.idle()


@pytest.mark.parametrize(("zone", "day", "local", "expected"), CASES)
async def test_a_daily_reminder_fires_once_on_the_dst_day(
    talk: Conversation,
    app: Limber,
    clock: ManualClock,
    chat: RecordingChat,
    zone: str,
    day: date,
    local: str,
    expected: datetime,
) -> None:
    chat.clock = clock
    start = datetime.combine(day - timedelta(days=2), dtime(12, 0), tzinfo=UTC)
    await clock.advance((start - clock.now()).total_seconds())
    await talk.say(f"/timezone set {zone}")
    assert "added" in text_of(await talk.say(f"/reminders add {local} daily"))
    dispatcher = app.dispatcher
    assert dispatcher is not None

    await run_until(clock, dispatcher, start + timedelta(days=4))

    times = [s.at for s in chat.sent]
    assert len(times) == 4  # one per day, no doubles, no gaps
    that_day = [t for t in times if t is not None and abs(t - expected) < timedelta(hours=6)]
    assert that_day == [expected]


@pytest.mark.parametrize(("zone", "day", "local", "expected"), CASES)
def test_the_occurrence_math_alone_gives_one_slot_per_day(
    zone: str, day: date, local: str, expected: datetime
) -> None:
    schedule = Schedule(ALL_DAYS, (dtime.fromisoformat(local),), zone)
    at = datetime.combine(day, dtime(0, 0), tzinfo=ZoneInfo(zone)) - timedelta(seconds=1)
    slot: str | None = None
    seen = []
    for _ in range(3):
        occ = next_occurrence(schedule, at, slot)
        seen.append(occ)
        at, slot = occ.at, occ.slot
    assert [o.slot for o in seen] == [
        f"{(day + timedelta(days=i)).isoformat()}T{local}" for i in range(3)
    ]
    assert seen[0].at == expected


# every IANA zone, every transition of 2026-2027 ------------------------------------------
@settings(max_examples=300, deadline=None, database=None)
@given(data=st.data())
def test_every_daily_time_fires_once_per_local_day_in_every_zone(data: st.DataObject) -> None:
    """Through `schedule.next_occurrence` (what the dispatcher calls): a daily time fires
    exactly once on each local day around any utcoffset change of any IANA zone in
    2026-2027, at the instant plain zoneinfo gives (shifted by the gap when it does not
    exist, the first instant when it happens twice). The calendar itself is swept
    exhaustively in tests/core/test_recurrence.py; this checks the schedule layer on it."""
    tr = data.draw(st.sampled_from(all_transitions()), label="transition")
    at = data.draw(
        st.sampled_from(tr.times()) | st.times().map(lambda x: dtime(x.hour, x.minute)),
        label="time",
    )
    expected = expected_daily(tr.zone, at, tr.day - timedelta(days=2), 5)
    schedule = Schedule(ALL_DAYS, (at,), tr.zone)
    after, slot = expected[0].at - timedelta(seconds=1), None
    found = []
    for _ in expected:
        occ = next_occurrence(schedule, after, slot)
        found.append(occ)
        after, slot = occ.at, occ.slot
    assert tuple(found) == expected
    days = [o.slot[:10] for o in found]
    assert len(set(days)) == len(days) == 5  # one per local day, none skipped or doubled
    for occ in found:
        local = datetime.combine(date.fromisoformat(occ.slot[:10]), at, tzinfo=ZoneInfo(tr.zone))
        assert occ.at == local.astimezone(UTC)  # plain zoneinfo, fold=0
