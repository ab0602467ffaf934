"""Reminder schedules: parsing what people type, and the next-occurrence math.

Pure functions only: no database, no clock, no chat. The dispatcher (dispatcher.py)
and the command handlers call these with the time they were given.

Calendar math is plain zoneinfo (bot.core.recurrence), checked against every IANA zone
and every transition of 2026-2027: every occurrence has a *slot*, its nominal local
date and time (`2026-10-25T02:30`), the key of exactly-once delivery; a time that does
not exist fires shifted by the gap, an ambiguous one fires once.
"""

from __future__ import annotations

import difflib
import hashlib
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from datetime import time as dtime
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from bot.core.models import Reminder
from bot.core.recurrence import Occurrence, next_daily
from bot.core.suggest import suggest_zones

MAX_REMINDERS = 20
MAX_TIMES = 8
SNOOZE = timedelta(minutes=10)
MAX_SNOOZES = 6
CATCH_UP_GRACE = timedelta(minutes=15)
LATE_NOTE_AFTER = timedelta(minutes=1)
MAX_PAUSE = timedelta(days=366)

DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
FULL_DAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
ALL_DAYS = frozenset(range(7))
WEEKDAYS = frozenset(range(5))
WEEKENDS = frozenset({5, 6})
_DAY_ALIASES = {
    **{name: i for i, name in enumerate(DAY_NAMES)},
    **{name: i for i, name in enumerate(FULL_DAY_NAMES)},
    "tues": 1,
    "weds": 2,
    "thur": 3,
    "thurs": 3,
}
_DAY_GROUPS = {
    "daily": ALL_DAYS,
    "everyday": ALL_DAYS,
    "every day": ALL_DAYS,
    "all": ALL_DAYS,
    "weekdays": WEEKDAYS,
    "weekday": WEEKDAYS,
    "weekends": WEEKENDS,
    "weekend": WEEKENDS,
}
TIME_HINT = "Try `09:00`, `9am`, `7:30pm` or `21:15` (several: `8am,6pm`)."
DAYS_HINT = "Use `daily`, `weekdays`, `weekends` or days like `mon,wed,fri` or `tue-thu`."


class ReminderInputError(ValueError):
    """What a person typed is not a time, day list, zone or pause; the text says why."""


# times -------------------------------------------------------------------------------
_TIME_24 = re.compile(r"^(\d{1,2})[:.h](\d{2})$")
_TIME_12 = re.compile(r"^(\d{1,2})(?:[:.](\d{2}))?\s*([ap])\.?\s*m?\.?$")


def parse_time(text: str) -> dtime:
    """One time of day: `09:00`, `21:15`, `9am`, `7:30pm`, `9:00 AM`, `noon`, `midnight`."""
    raw = text.strip()
    value = raw.lower()
    if value == "noon":
        return dtime(12, 0)
    if value == "midnight":
        return dtime(0, 0)
    if match := _TIME_12.match(value):
        hour, minute = int(match.group(1)), int(match.group(2) or 0)
        if not 1 <= hour <= 12:
            raise ReminderInputError(
                f"`{raw}` is not a time: with am/pm the hour goes from 1 to 12 "
                f"(write `{hour:02d}:{minute:02d}` for the 24-hour clock)."
            )
        if minute > 59:
            raise ReminderInputError(f"`{raw}` is not a time: minutes go from 00 to 59.")
        hour = hour % 12 + (12 if match.group(3) == "p" else 0)
        return dtime(hour, minute)
    if match := _TIME_24.match(value):
        hour, minute = int(match.group(1)), int(match.group(2))
        if hour > 23 or minute > 59:
            raise ReminderInputError(
                f"`{raw}` is not a time of day: hours go from 0 to 23 and minutes from "
                f"00 to 59. {TIME_HINT}"
            )
        return dtime(hour, minute)
    if value.isdigit():
        raise ReminderInputError(
            f"`{raw}` is ambiguous: write `{int(value) % 24:02d}:00` or `{value}am`/`{value}pm`."
        )
    raise ReminderInputError(f"`{raw}` is not a time I understand. {TIME_HINT}")


def parse_times(text: str) -> tuple[dtime, ...]:
    """Comma-separated times, sorted and without duplicates (at most MAX_TIMES)."""
    parts = [p for p in (s.strip() for s in text.split(",")) if p]
    if not parts:
        raise ReminderInputError(f"Give at least one time. {TIME_HINT}")
    times = sorted({parse_time(p) for p in parts})
    if len(times) > MAX_TIMES:
        raise ReminderInputError(f"At most {MAX_TIMES} times per reminder.")
    return tuple(times)


def format_times(times: tuple[dtime, ...]) -> str:
    return ", ".join(f"{t.hour:02d}:{t.minute:02d}" for t in times)


# days --------------------------------------------------------------------------------
def _day(token: str) -> int:
    day = _DAY_ALIASES.get(token)
    if day is None:
        close = difflib.get_close_matches(token, list(_DAY_ALIASES), n=1, cutoff=0.6)
        hint = f" Did you mean `{close[0]}`?" if close else ""
        raise ReminderInputError(f"`{token}` is not a day.{hint} {DAYS_HINT}")
    return day


def parse_days(text: str | None) -> frozenset[int]:
    """`daily` (default), `weekdays`, `weekends`, `mon,wed,fri`, `Monday Friday`, `tue-thu`.

    Days are numbered 0 = Monday as in APScheduler's `day_of_week` and `date.weekday()`.
    """
    if text is None:
        return ALL_DAYS
    value = " ".join(text.strip().lower().split())
    if value in _DAY_GROUPS:
        return _DAY_GROUPS[value]
    tokens = [t for t in re.split(r"[,\s;/]+", value) if t]
    if not tokens:
        raise ReminderInputError(f"The day list is empty. {DAYS_HINT}")
    days: set[int] = set()
    for token in tokens:
        if token in _DAY_GROUPS:
            days |= _DAY_GROUPS[token]
            continue
        first, dash, last = token.partition("-")
        if dash:
            start, end = _day(first), _day(last)
            span = (end - start) % 7
            days.update((start + i) % 7 for i in range(span + 1))
        else:
            days.add(_day(token))
    return frozenset(days)


def describe_days(days: frozenset[int]) -> str:
    if days == ALL_DAYS:
        return "daily"
    if days == WEEKDAYS:
        return "weekdays"
    if days == WEEKENDS:
        return "weekends"
    return ", ".join(DAY_NAMES[d].capitalize() for d in sorted(days))


# zones -------------------------------------------------------------------------------
@lru_cache(maxsize=1)
def _zones_by_lower() -> dict[str, str]:
    return {z.lower(): z for z in available_timezones()}


def resolve_zone(text: str) -> str:
    """The IANA name for `text` (exact, or the same name in another case); else an error
    suggesting the closest zones (`berlin` -> `Europe/Berlin`)."""
    value = text.strip()
    exact = _zones_by_lower().get(value.lower().replace(" ", "_"))
    if exact is not None:
        return exact
    close = suggest_zones(value, limit=3)
    hint = (
        " Did you mean " + " or ".join(f"`{z}`" for z in close) + "?"
        if close
        else " Use an IANA name such as `Europe/Berlin` or `America/New_York`."
    )
    raise ReminderInputError(f"Unknown time zone `{value}`.{hint}")


def zone_info(name: str | None, default: str = "UTC") -> ZoneInfo:
    """`name`, else `default`, else UTC: a zone that no longer exists on this system (or
    was never set) must not fail a command or a dispatch pass."""
    for candidate in (name, default):
        if candidate:
            try:
                return ZoneInfo(candidate)
            except (ZoneInfoNotFoundError, ValueError):
                continue
    return ZoneInfo("UTC")


# pause -------------------------------------------------------------------------------
_DURATION = re.compile(r"^(\d{1,4})\s*(m|min|mins|minutes?|h|hrs?|hours?|d|days?|w|wks?|weeks?)$")


def parse_pause_until(text: str, now: datetime, zone: str) -> datetime:
    """`2026-12-01` (the start of that day in the person's zone) or `3d`, `12h`, `2w`, `30m`."""
    value = text.strip().lower()
    match = _DURATION.match(value)
    if match:
        amount, unit = int(match.group(1)), match.group(2)[0]
        delta = {
            "m": timedelta(minutes=amount),
            "h": timedelta(hours=amount),
            "d": timedelta(days=amount),
            "w": timedelta(weeks=amount),
        }[unit]
        if delta <= timedelta(0):
            raise ReminderInputError("Pause for a positive duration, e.g. `3d`.")
        if delta > MAX_PAUSE:
            raise ReminderInputError("Pause for at most a year, or leave `until` empty.")
        return now + delta
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise ReminderInputError(
            f"`{text}` is neither a date like `2026-12-01` nor a duration like `3d`, `12h` or `2w`."
        ) from None
    start = datetime.combine(day, dtime(0, 0), tzinfo=zone_info(zone)).astimezone(UTC)
    if start <= now:
        raise ReminderInputError(f"{day.isoformat()} is not in the future.")
    if start - now > MAX_PAUSE:
        raise ReminderInputError("Pause for at most a year, or leave `until` empty.")
    return start


# occurrences -------------------------------------------------------------------------
@dataclass(frozen=True)
class Schedule:
    """When a reminder fires: days of the week and times of day, in an IANA zone."""

    days: frozenset[int]
    times: tuple[dtime, ...]
    zone: str


def schedule_of(reminder: Reminder, zone: str) -> Schedule:
    """The stored reminder's schedule in the owner's zone."""
    return Schedule(reminder.days, reminder.times, zone)


def occurrence_key(reminder_id: int, slot: str) -> str:
    """The delivery key: `17:2026-03-29T09:00`. One key, one message, ever."""
    return f"{reminder_id}:{slot}"


def nonce_for(key: str) -> str:
    """A short stable nonce (24 hex characters) so a platform can drop a repeated send."""
    return hashlib.blake2s(key.encode(), digest_size=12).hexdigest()


def next_occurrence(schedule: Schedule, after: datetime, min_slot: str | None = None) -> Occurrence:
    """The first occurrence strictly after `after` whose slot is later than `min_slot`
    (rules in bot.core.recurrence: a time in a spring-forward gap fires shifted by the
    gap, a time in a fall-back overlap fires once, at the earlier instant)."""
    return next_daily(schedule.days, schedule.times, zone_info(schedule.zone), after, min_slot)


def local_label(moment: datetime, zone: str) -> str:
    """`Mon 5 Jan 2026, 09:00` in the zone: how the bot shows a time to a person."""
    local = moment.astimezone(zone_info(zone))
    return f"{local:%a} {local.day} {local:%b %Y, %H:%M}"
