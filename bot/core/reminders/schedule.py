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
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.core.models import Reminder
from bot.core.recurrence import Occurrence, next_daily, next_interval

MAX_REMINDERS = 20
MAX_TIMES = 8
SNOOZE = timedelta(minutes=10)
MAX_SNOOZES = 6
CATCH_UP_GRACE = timedelta(minutes=15)
LATE_NOTE_AFTER = timedelta(minutes=1)
MAX_PAUSE = timedelta(days=366)
# A pause ends *at* its moment: an occurrence exactly then fires (next_occurrence looks
# strictly after the moment it is given, so it is given the moment minus this).
PAUSE_EDGE = timedelta(microseconds=1)

DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
FULL_DAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
ALL_DAYS = frozenset(range(7))
WEEKDAYS = frozenset(range(5))
WEEKENDS = frozenset({5, 6})
# Day names people type, in English and a few other languages (0 = Monday). Every entry
# names one day in every language listed that uses it (`mar` is Tuesday in Spanish, French
# and Italian alike); words that mean different days in different languages are left out.
_FOREIGN_DAYS: tuple[tuple[str, ...], ...] = (
    # Spanish, French, Italian, German, Portuguese, Dutch; short forms after the names
    ("lunes", "lundi", "lunedi", "lunedì", "montag", "segunda", "segunda-feira", "maandag",
     "lun", "mo", "seg", "ma"),
    ("martes", "mardi", "martedi", "martedì", "dienstag", "terca", "terça", "terça-feira",
     "dinsdag", "mar", "di", "ter"),
    ("miercoles", "miércoles", "mercredi", "mercoledi", "mercoledì", "mittwoch", "quarta",
     "quarta-feira", "woensdag", "mie", "mié", "mer", "mi", "qua", "wo"),
    ("jueves", "jeudi", "giovedi", "giovedì", "donnerstag", "quinta", "quinta-feira",
     "donderdag", "jue", "jeu", "gio", "do", "qui"),
    ("viernes", "vendredi", "venerdi", "venerdì", "freitag", "sexta", "sexta-feira",
     "vrijdag", "vie", "ven", "fr", "sex", "vr"),
    ("sabado", "sábado", "samedi", "sabato", "samstag", "zaterdag", "sab", "sáb", "sam",
     "sa", "za"),
    ("domingo", "dimanche", "domenica", "sonntag", "zondag", "dom", "dim", "so", "zo"),
)  # fmt: skip
_DAY_ALIASES = {
    **{name: i for i, name in enumerate(DAY_NAMES)},
    **{name: i for i, name in enumerate(FULL_DAY_NAMES)},
    **{name: i for i, names in enumerate(_FOREIGN_DAYS) for name in names},
    "tues": 1,
    "weds": 2,
    "thur": 3,
    "thurs": 3,
    "tu": 1,
    "we": 2,
    "th": 3,
    "su": 6,
}
# Names a typo may be matched against for a hint: whole words only, so that a hint names
# the day the person meant (`wendesday` -> `wednesday`) and never a neighbour of a short
# form (`lun` is not a typo of `sun`).
_HINT_NAMES = {name: day for name, day in _DAY_ALIASES.items() if len(name) >= 4}
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
TIME_HINT = "Try `09:00`, `9am`, `7:30pm`, `1730` or `21:15` (several: `8am,6pm`)."
DAYS_HINT = "Use `daily`, `weekdays`, `weekends` or days like `mon,wed,fri` or `tue-thu`."


class ReminderInputError(ValueError):
    """What a person typed is not a time, day list, zone or pause; the text says why."""


# times -------------------------------------------------------------------------------
_TIME_24 = re.compile(r"^(\d{1,2})[:.h](\d{2})$")
_TIME_HHMM = re.compile(r"^(\d{1,2})(\d{2})h?$")  # 1730, 0930, 930: a 24-hour time
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
    if (match := _TIME_HHMM.match(value)) and len(value.rstrip("h")) in (3, 4):
        hour, minute = int(match.group(1)), int(match.group(2))
        if hour > 23 or minute > 59:
            raise ReminderInputError(
                f"`{raw}` is not a time of day: as a 24-hour time `HHMM` the hours go from "
                f"00 to 23 and the minutes from 00 to 59. {TIME_HINT}"
            )
        return dtime(hour, minute)
    if value.isdigit() and len(value) <= 2:
        hour = int(value)
        if hour == 0 or 13 <= hour <= 23:
            return dtime(hour, 0)  # only one reading: 0 and 13..23 are 24-hour hours
        if 1 <= hour <= 12:
            raise ReminderInputError(
                f"`{raw}` could be morning or evening: write `{hour}am` "
                f"or `{hour}pm` (or `{hour:02d}:00`, `{hour + 12 if hour < 12 else 0:02d}:00`)."
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
def day_hint(token: str) -> str | None:
    """The day name a typo most likely meant, or None: only for words of 4+ letters, and
    only when every close day name agrees on one day ("tursday" is close to Thursday and
    Tuesday: no hint; a hint must never name another day than the one meant)."""
    if len(token) < 4:
        return None
    close = difflib.get_close_matches(token, list(_HINT_NAMES), n=5, cutoff=0.75)
    if not close or len({_HINT_NAMES[c] for c in close}) != 1:
        return None
    return FULL_DAY_NAMES[_HINT_NAMES[close[0]]]


def day_of(token: str) -> int | None:
    """The day a single word names (`mon`, `Monday`, `lunes`, `mi`), else None."""
    return _DAY_ALIASES.get(token.strip().lower().rstrip("."))


def _day(token: str) -> int:
    day = day_of(token)
    if day is None:
        close = day_hint(token)
        hint = f" Did you mean `{close}`?" if close else ""
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


def format_every(every: timedelta) -> str:
    """`45m`, `1h`, `1h30m`: an interval as people type it."""
    hours, minutes = divmod(int(every.total_seconds() // 60), 60)
    return (f"{hours}h" if hours else "") + (f"{minutes}m" if minutes or not hours else "")


def describe_schedule(schedule: Schedule) -> str:
    """`weekdays at 09:00`, `every 45m from 09:00 to 17:00, weekdays`."""
    if schedule.every is not None and schedule.start is not None and schedule.end is not None:
        return (
            f"every {format_every(schedule.every)} from {format_times((schedule.start,))} "
            f"to {format_times((schedule.end,))}, {describe_days(schedule.days)}"
        )
    return f"{describe_days(schedule.days)} at {format_times(schedule.times)}"


def describe_days(days: frozenset[int]) -> str:
    if days == ALL_DAYS:
        return "daily"
    if days == WEEKDAYS:
        return "weekdays"
    if days == WEEKENDS:
        return "weekends"
    return ", ".join(DAY_NAMES[d].capitalize() for d in sorted(days))


# zones -------------------------------------------------------------------------------
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
_DURATION_PART = re.compile(
    r"(\d{1,4})\s*(minutes?|mins?|m|hours?|hrs?|h|days?|d|weeks?|wks?|w)(?![a-z])"
)
_UNIT = {"m": timedelta(minutes=1), "h": timedelta(hours=1), "d": timedelta(days=1)}
_UNIT["w"] = timedelta(weeks=1)
_SLASH_DATE = re.compile(r"^(\d{1,2})([/.])(\d{1,2})(?:\2(\d{2}|\d{4}))?$")
# Zones whose people write dates month first (03/04 = March 4): the United States and
# its territories, and the Philippines. Everyone else is read day first; dots (24.12.)
# are always day first, and `2026-12-24` is always year-month-day.
_MONTH_FIRST_PREFIXES = ("America/Indiana/", "America/Kentucky/", "America/North_Dakota/", "US/")
_MONTH_FIRST = frozenset(
    {
        "America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles",
        "America/Phoenix", "America/Anchorage", "America/Adak", "America/Boise",
        "America/Detroit", "America/Juneau", "America/Menominee", "America/Metlakatla",
        "America/Nome", "America/Sitka", "America/Yakutat", "America/Puerto_Rico",
        "Pacific/Honolulu", "Pacific/Guam", "Pacific/Saipan", "Pacific/Pago_Pago",
        "Asia/Manila", "EST5EDT", "CST6CDT", "MST7MDT", "PST8PDT",
    }
)  # fmt: skip
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")  # fmt: skip


def month_first(zone: str) -> bool:
    """Whether people in `zone` write `03/04` for March 4 (else 3 April)."""
    return zone in _MONTH_FIRST or zone.startswith(_MONTH_FIRST_PREFIXES)


def parse_duration(text: str) -> timedelta | None:
    """`30m`, `1h`, `2h30m`, `1h 30 min`, `3d`, `2w`; None when `text` is not one."""
    value = text.strip().lower().replace(" and ", " ")
    if not value or not value[0].isdigit():
        return None
    total, pos = timedelta(0), 0
    for match in _DURATION_PART.finditer(value):
        if value[pos : match.start()].strip(" ,"):
            return None
        total += int(match.group(1)) * _UNIT[match.group(2)[0]]
        pos = match.end()
    if pos == 0 or value[pos:].strip():
        return None
    return total


def read_date(text: str, today: date, zone: str) -> tuple[date, str | None] | None:
    """A calendar date as people write it, and how an all-numbers date was read.

    `2026-12-24`; `24/12/2026`, `24.12.2026`, `24/12` (the next 24 Dec) in the order of the
    member's zone (see `month_first`): `03/04/2026` is 3 April in Berlin and March 4 in
    New York, and the note says which; a reading that is no date in that order but is one
    in the other (`12/24/2026` in Berlin) is taken the only way it works. None: not a date.
    """
    value = text.strip().lower()
    try:
        return date.fromisoformat(value), None
    except ValueError:
        pass
    match = _SLASH_DATE.match(value)
    if match is None:
        return None
    a, sep, b, year_text = int(match.group(1)), match.group(2), int(match.group(3)), match.group(4)
    if year_text is None:
        year = today.year
    else:
        year = int(year_text) + (2000 if len(year_text) == 2 else 0)
    us = month_first(zone) and sep == "/"
    orders = [(b, a), (a, b)] if us else [(a, b), (b, a)]  # (day, month), preferred first
    for n, (day, month) in enumerate(orders):
        try:
            found = date(year, month, day)
        except ValueError:
            continue
        if year_text is None and found < today:
            found = found.replace(year=year + 1)
        ambiguous = n == 0 and a != b and a <= 12 and b <= 12
        order = "month/day/year" if (n == 0) == us else "day/month/year"
        note = f"read as {found.day} {MONTHS[found.month - 1]} {found.year} ({order})"
        if ambiguous:
            note += f"; for the other reading write `{_iso_other(found)}`"
        return found, note if sep == "/" else None
    return None


def _iso_other(found: date) -> str:
    """The ISO form of the other reading of an ambiguous day/month date."""
    try:
        return date(found.year, found.day, found.month).isoformat()
    except ValueError:  # pragma: no cover - only called when both readings exist
        return found.isoformat()


def parse_pause_until(text: str, now: datetime, zone: str) -> datetime:
    """When a pause ends. A duration (`30m`, `1h`, `2h30m`, `3d`, `2w`) from now; `today`
    (the rest of today: until midnight); a date: `tomorrow`, `2026-12-24`, `24/12/2026`
    or `24/12` (see `read_date`), until that day begins in the person's zone."""
    return read_pause(text, now, zone)[0]


def read_pause(text: str, now: datetime, zone: str) -> tuple[datetime, str | None]:
    """`parse_pause_until` with the note on how a numeric date was read (for the reply)."""
    value = " ".join(text.strip().lower().split()).removeprefix("until ").removeprefix("for ")
    delta = parse_duration(value)
    if delta is not None:
        if delta <= timedelta(0):
            raise ReminderInputError("Pause for a positive duration, e.g. `2h` or `3d`.")
        if delta > MAX_PAUSE:
            raise ReminderInputError("Pause for at most a year, or leave `until` empty.")
        return now + delta, None
    tz = zone_info(zone)
    today = now.astimezone(tz).date()
    note: str | None = None
    if value in ("today", "tonight", "rest of today") or value == "tomorrow":
        day = today + timedelta(days=1)
    else:
        found = read_date(value, today, zone)
        if found is None:
            raise ReminderInputError(
                f"`{text}` is not a date or a duration I understand. Try `today`, `tomorrow`, "
                "`2026-12-24`, `24/12/2026`, `1h`, `2h30m` or `3d`."
            )
        day, note = found
    start = datetime.combine(day, dtime(0, 0), tzinfo=tz).astimezone(UTC)
    if start <= now:
        raise ReminderInputError(f"{day.isoformat()} is not in the future.")
    if start - now > MAX_PAUSE:
        raise ReminderInputError("Pause for at most a year, or leave `until` empty.")
    return start, note


# occurrences -------------------------------------------------------------------------
@dataclass(frozen=True)
class Schedule:
    """When a reminder fires: days of the week and times of day, in an IANA zone; or, for
    an interval reminder, every `every` from `start` to `end` (inclusive) on those days."""

    days: frozenset[int]
    times: tuple[dtime, ...]
    zone: str
    every: timedelta | None = None
    start: dtime | None = None
    end: dtime | None = None


def schedule_of(reminder: Reminder, zone: str) -> Schedule:
    """The stored reminder's schedule in the owner's zone."""
    if reminder.every_minutes is not None:
        return Schedule(
            reminder.days,
            (),
            zone,
            timedelta(minutes=reminder.every_minutes),
            reminder.window_start,
            reminder.window_end,
        )
    return Schedule(reminder.days, reminder.times, zone)


def occurrence_key(reminder_id: int, slot: str) -> str:
    """The delivery key: `17:2026-03-29T09:00`. One key, one message, ever."""
    return f"{reminder_id}:{slot}"


def nonce_for(key: str) -> str:
    """A short stable nonce (24 hex characters) so a platform can drop a repeated send."""
    return hashlib.blake2s(key.encode(), digest_size=12).hexdigest()


def next_occurrence(schedule: Schedule, after: datetime, min_slot: str | None = None) -> Occurrence:
    """The first occurrence strictly after `after` whose slot is later than `min_slot`
    (rules in bot.core.recurrence; `next_interval` for interval schedules: a time in a
    spring-forward gap fires shifted by the gap, a time in a fall-back overlap fires once,
    at the earlier instant)."""
    zone = zone_info(schedule.zone)
    if schedule.every is not None:
        if schedule.start is None or schedule.end is None:
            raise ValueError("an interval schedule needs a start and an end")
        return next_interval(
            schedule.days, schedule.every, schedule.start, schedule.end, zone, after, min_slot
        )
    return next_daily(schedule.days, schedule.times, zone, after, min_slot)


def local_label(moment: datetime, zone: str) -> str:
    """`Mon 5 Jan 2026, 09:00` in the zone: how the bot shows a time to a person."""
    local = moment.astimezone(zone_info(zone))
    return f"{local:%a} {local.day} {local:%b %Y, %H:%M}"
