"""What people type for reminders: times, days, zones, pauses; and the occurrence math."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from datetime import time as dtime

import pytest

from bot.core.reminders.schedule import (
    ALL_DAYS,
    WEEKDAYS,
    WEEKENDS,
    ReminderInputError,
    Schedule,
    describe_days,
    next_occurrence,
    nonce_for,
    occurrence_key,
    parse_days,
    parse_pause_until,
    parse_times,
)
from bot.core.reminders.zones import resolve_zone


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("09:00", [dtime(9, 0)]),
        ("9am", [dtime(9, 0)]),
        ("7:30pm", [dtime(19, 30)]),
        ("9:00 AM", [dtime(9, 0)]),
        ("21:15", [dtime(21, 15)]),
        ("12am", [dtime(0, 0)]),
        ("12pm", [dtime(12, 0)]),
        ("6:05 p.m.", [dtime(18, 5)]),
        ("8am, 6pm", [dtime(8, 0), dtime(18, 0)]),
        ("18:00,08:00,8am", [dtime(8, 0), dtime(18, 0)]),
    ],
)
def test_times_people_write_are_understood(text: str, expected: list[dtime]) -> None:
    assert list(parse_times(text)) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("25:99", "`25:99` is not a time of day: hours go from 0 to 23"),
        ("13pm", "`13pm` is not a time: with am/pm the hour goes from 1 to 12"),
        ("9", "`9` could be morning or evening: write `9am` or `9pm`"),
        ("nine", "`nine` is not a time I understand"),
        (",", "Give at least one time"),
    ],
)
def test_bad_times_get_a_message_naming_the_problem(text: str, message: str) -> None:
    with pytest.raises(ReminderInputError) as caught:
        parse_times(text)
    assert message in str(caught.value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (None, ALL_DAYS),
        ("daily", ALL_DAYS),
        ("Weekdays", WEEKDAYS),
        ("weekends", WEEKENDS),
        ("mon,wed,fri", frozenset({0, 2, 4})),
        ("Monday, Friday", frozenset({0, 4})),
        ("tue-thu", frozenset({1, 2, 3})),
        ("fri-mon", frozenset({4, 5, 6, 0})),
        ("sat sun", WEEKENDS),
    ],
)
def test_day_lists_are_understood(text: str | None, expected: frozenset[int]) -> None:
    assert parse_days(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "The day list is empty"),
        (",", "The day list is empty"),
        ("mon,funday", "`funday` is not a day"),
        ("tue-blursday", "`blursday` is not a day"),
    ],
)
def test_bad_day_lists_are_refused(text: str, message: str) -> None:
    with pytest.raises(ReminderInputError) as caught:
        parse_days(text)
    assert message in str(caught.value)


def test_days_are_described_in_words() -> None:
    assert describe_days(WEEKDAYS) == "weekdays"
    assert describe_days(frozenset({0, 2, 4})) == "Mon, Wed, Fri"


@pytest.mark.parametrize("text", ["Europe/Berlin", "europe/berlin", "EUROPE/BERLIN"])
def test_zone_names_are_matched_regardless_of_case(text: str) -> None:
    assert resolve_zone(text).zone == "Europe/Berlin"


def test_a_near_miss_zone_suggests_the_iana_name() -> None:
    with pytest.raises(ReminderInputError) as caught:
        resolve_zone("berlinn")
    assert "Unknown time zone `berlinn`. Did you mean `Europe/Berlin`" in str(caught.value)


def test_an_unknown_zone_says_what_a_zone_looks_like() -> None:
    with pytest.raises(ReminderInputError) as caught:
        resolve_zone("Mars/Olympus_Mons")
    assert "Unknown time zone" in str(caught.value)


NOW = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3d", NOW + timedelta(days=3)),
        ("12h", NOW + timedelta(hours=12)),
        ("2w", NOW + timedelta(weeks=2)),
        ("30m", NOW + timedelta(minutes=30)),
        ("2026-12-01", datetime(2026, 11, 30, 23, 0, tzinfo=UTC)),  # Berlin midnight, CET
    ],
)
def test_pause_takes_a_date_or_a_duration(text: str, expected: datetime) -> None:
    assert parse_pause_until(text, NOW, "Europe/Berlin") == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("someday", "is not a date or a duration I understand"),
        ("2026-01-01", "is not in the future"),
        ("0d", "positive"),
        ("400d", "at most a year"),
    ],
)
def test_bad_pauses_are_refused(text: str, message: str) -> None:
    with pytest.raises(ReminderInputError) as caught:
        parse_pause_until(text, NOW, "UTC")
    assert message in str(caught.value)


def test_keys_name_the_reminder_and_local_slot_and_nonces_fit_discord() -> None:
    key = occurrence_key(17, "2026-03-29T09:00")
    assert key == "17:2026-03-29T09:00"
    assert len(nonce_for(key)) <= 25
    assert nonce_for(key) == nonce_for(key)
    assert nonce_for(key) != nonce_for(key + ":snooze1")


def test_weekday_reminders_skip_the_weekend() -> None:
    friday_evening = datetime(2026, 3, 6, 18, 0, tzinfo=UTC)
    occ = next_occurrence(Schedule(WEEKDAYS, (dtime(9, 0),), "UTC"), friday_evening)
    assert occ.at == datetime(2026, 3, 9, 9, 0, tzinfo=UTC)
    assert occ.slot == "2026-03-09T09:00"


def test_the_earliest_of_several_times_comes_next() -> None:
    schedule = Schedule(ALL_DAYS, (dtime(8, 0), dtime(18, 0)), "America/New_York")
    occ = next_occurrence(schedule, datetime(2026, 3, 2, 14, 0, tzinfo=UTC))  # 09:00 EST
    assert occ.slot == "2026-03-02T18:00"
    assert occ.at == datetime(2026, 3, 2, 23, 0, tzinfo=UTC)


def test_an_occurrence_at_exactly_now_is_not_repeated() -> None:
    schedule = Schedule(ALL_DAYS, (dtime(9, 0),), "UTC")
    at = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    assert next_occurrence(schedule, at).at == at + timedelta(days=1)
