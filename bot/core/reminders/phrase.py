"""`/reminders add` as people type it: one phrase of times, days, an interval and a routine.

The words may come in any order and with the spaces people put in (`9am Mon, Wed`,
`8am, 6pm weekdays`, `9:00 AM`, `9am low-back-starter`); Discord's separate `time`, `days`
and `routine` options are joined into the same phrase, so both doors read alike.

- fixed times: `9am`, `09:00`, `1730`, `noon`, `8am,6pm`;
- an interval: `every 45m`, `every 1h30m`, `every hour`, with a window
  `from 09:00 to 17:00`, `between 9am and 5pm` or `9am-5pm` (default 09:00 to 17:00);
- days: `daily` (default), `weekdays`, `weekends`, `mon,wed,fri`, `Mon, Wed`, `tue-thu`,
  and day names in a few other languages (`lun`, `lundi`, `Montag`);
- a routine: any routine id of the library, in any position.

Errors are one line naming the word that was not understood, with an example.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from datetime import time as dtime
from datetime import timedelta

from bot.core.recurrence import MAX_EVERY, MIN_EVERY
from bot.core.reminders.schedule import (
    ALL_DAYS,
    DAYS_HINT,
    MAX_TIMES,
    ReminderInputError,
    day_hint,
    parse_days,
    parse_duration,
    parse_time,
)

DEFAULT_WINDOW = (dtime(9, 0), dtime(17, 0))
EXAMPLE = "e.g. `/reminders add 9am weekdays` or `/reminders add every 45m from 09:00 to 17:00`"
_FILLER = frozenset({"at", "on", "and", "&", "+", "the", "every", "each"})
_AM_PM = re.compile(r"(\d)\s+([ap])\.?\s?m\b\.?", re.IGNORECASE)
_COMMAS = re.compile(r"\s*,\s*")
_DASHES = str.maketrans({"–": "-", "—": "-"})
_RANGE = re.compile(r"^(?P<a>[0-9:.apm]+)-(?P<b>[0-9:.apm]+)$")
_EVERY_WORDS = {"hour": timedelta(hours=1), "hourly": timedelta(hours=1)}


@dataclass(frozen=True)
class ReminderPhrase:
    """What `/reminders add` was asked for. `times` is empty for an interval."""

    days: frozenset[int]
    times: tuple[dtime, ...]
    routine: str | None
    every: timedelta | None = None
    start: dtime | None = None
    end: dtime | None = None
    default_window: bool = False


def _normalise(text: str) -> list[str]:
    value = " ".join(text.translate(_DASHES).split())
    value = _AM_PM.sub(r"\1\2m", value)  # "9:00 AM" -> "9:00am"
    value = re.sub(r"\bevery\s+day\b", "daily", value, flags=re.IGNORECASE)
    value = _COMMAS.sub(",", value).strip(",")
    return [t for t in value.split(" ") if t]


def _is_time(token: str) -> bool:
    try:
        parse_time(token)
    except ReminderInputError:
        return False
    return True


def parse_phrase(text: str, routines: Collection[str]) -> ReminderPhrase:
    """Read a whole `/reminders add` phrase; `routines` are the known routine ids."""
    tokens = _normalise(text)
    if not tokens:
        raise ReminderInputError(f"Give a time, {EXAMPLE}.")
    known = {r.lower() for r in routines}
    routine: str | None = None
    rest: list[str] = []
    for token in tokens:
        if token.lower() in known:
            if routine is not None and routine != token.lower():
                raise ReminderInputError(
                    f"One routine per reminder, please (`{routine}` or `{token}`)."
                )
            routine = token.lower()
        else:
            rest.append(token)
    if len(rest) > 1 and rest[0].lower() == "every":
        if rest[1][:1].isdigit() or rest[1].lower() in _EVERY_WORDS:
            return _interval(rest[1:], routine, known)
        try:
            parse_days(rest[1])  # "every monday 9am" is a fixed time
        except ReminderInputError:
            _every(rest[1:])  # raises: names what an interval looks like
    return _fixed(rest, routine, known)


def _fixed(tokens: list[str], routine: str | None, known: set[str]) -> ReminderPhrase:
    times: set[dtime] = set()
    days: set[int] = set()
    for n, token in enumerate(tokens):
        parts = [p for p in token.split(",") if p]
        if all(_is_time(p) for p in parts):
            times.update(parse_time(p) for p in parts)
            continue
        if token.lower() in _FILLER:
            continue
        days |= _days(token, last=n == len(tokens) - 1, known=known)
    if not times:
        raise ReminderInputError(f"Give a time of day, {EXAMPLE}.")
    if len(times) > MAX_TIMES:
        raise ReminderInputError(f"At most {MAX_TIMES} times per reminder.")
    return ReminderPhrase(frozenset(days) or ALL_DAYS, tuple(sorted(times)), routine)


def _days(token: str, *, last: bool, known: set[str]) -> frozenset[int]:
    """A day word or list; the error names what the word most likely was meant to be."""
    try:
        return parse_days(token)
    except ReminderInputError as exc:
        if any(c.isdigit() for c in token):
            # a time that is not one (`25:99`, `13pm`): say what is wrong with the time
            for part in token.split(","):
                parse_time(part)
        word = token.lower()
        if last and "," not in token and "-" not in word and day_hint(word) is None:
            raise ReminderInputError(_unknown_routine(token, known)) from None
        raise ReminderInputError(str(exc)) from None


def _unknown_routine(token: str, known: set[str]) -> str:
    listed = ", ".join(f"`{r}`" for r in sorted(known))
    return (
        f"Unknown routine `{token}`. Routines: {listed} "
        "(e.g. `/reminders add 9am weekdays low-back-starter`)."
    )


def _interval(tokens: list[str], routine: str | None, known: set[str]) -> ReminderPhrase:
    every, used = _every(tokens)
    rest = tokens[used:]
    start, end, rest = _window(rest)
    days: set[int] = set()
    for n, token in enumerate(rest):
        if token.lower() in _FILLER:
            continue
        if _is_time(token):
            raise ReminderInputError(
                f"`{token}`: an interval reminder takes a window, not a time: "
                "`every 45m from 09:00 to 17:00`."
            )
        days |= _days(token, last=n == len(rest) - 1, known=known)
    default = start is None or end is None
    if start is None or end is None:
        start, end = DEFAULT_WINDOW
    if not start < end:
        raise ReminderInputError(
            f"The window must start before it ends, within one day, e.g. `from 09:00 to 17:00` "
            f"(not from {start:%H:%M} to {end:%H:%M})."
        )
    if every > timedelta(hours=end.hour - start.hour, minutes=end.minute - start.minute):
        raise ReminderInputError(
            f"Every {_say(every)} does not fit twice between {start:%H:%M} and {end:%H:%M}: "
            "use a shorter interval or a longer window."
        )
    return ReminderPhrase(frozenset(days) or ALL_DAYS, (), routine, every, start, end, default)


def _say(every: timedelta) -> str:
    hours, minutes = divmod(int(every.total_seconds() // 60), 60)
    return (f"{hours}h" if hours else "") + (f"{minutes}m" if minutes or not hours else "")


def _every(tokens: list[str]) -> tuple[timedelta, int]:
    """The interval after `every`: the longest run of up to three words that is one."""
    if tokens[0].lower() in _EVERY_WORDS:
        return _EVERY_WORDS[tokens[0].lower()], 1
    for used in (3, 2, 1):
        if used > len(tokens):
            continue
        every = parse_duration(" ".join(tokens[:used]))
        if every is None:
            continue
        if not MIN_EVERY <= every <= MAX_EVERY:
            raise ReminderInputError(
                "An interval goes from 5 minutes to 12 hours, e.g. `every 45m` or `every 1h30m`."
            )
        return every, used
    raise ReminderInputError(
        f"`every {tokens[0]}` is not an interval I understand: write `every 45m`, "
        "`every 1h30m` or `every 2h`, e.g. `/reminders add every 45m from 09:00 to 17:00`."
    )


def _window(tokens: list[str]) -> tuple[dtime | None, dtime | None, list[str]]:
    """`from A to B`, `between A and B`, `A-B` or `from A-B` anywhere in `tokens`."""
    words = [t.lower() for t in tokens]
    for n, word in enumerate(words):
        if word in ("from", "between") and n + 1 < len(words):
            found = _RANGE.match(words[n + 1])
            if found:
                return _hour(found["a"]), _hour(found["b"]), tokens[:n] + tokens[n + 2 :]
            if n + 3 < len(words) and words[n + 2] in ("to", "and", "until", "till", "-"):
                start, end = _hour(tokens[n + 1]), _hour(tokens[n + 3])
                return start, end, tokens[:n] + tokens[n + 4 :]
            raise ReminderInputError(
                f"Write the window as `from 09:00 to 17:00` (after `{tokens[n]}`)."
            )
        found = _RANGE.match(word)
        if found and _is_hour(found["a"]) and _is_hour(found["b"]):
            return _hour(found["a"]), _hour(found["b"]), tokens[:n] + tokens[n + 1 :]
    return None, None, tokens


def _is_hour(text: str) -> bool:
    try:
        _hour(text)
    except ReminderInputError:
        return False
    return True


def _hour(text: str) -> dtime:
    """A window end: a time, or a bare hour (`9`-`17` reads as 09:00-17:00)."""
    if text.isdigit() and len(text) <= 2 and int(text) <= 23:
        return dtime(int(text), 0)
    return parse_time(text)


__all__ = ["DAYS_HINT", "DEFAULT_WINDOW", "ReminderPhrase", "parse_phrase"]
