"""How schedules are written in a database row, shared by every backend.

Days are cron `day_of_week` text (`mon,wed,fri`, 0 = Monday as in `date.weekday()`),
times `HH:MM` joined by commas ('' for an interval reminder, whose window ends are single
`HH:MM` values); all sort and compare as plain text.
"""

from __future__ import annotations

import json
from datetime import time as dtime
from functools import lru_cache

from bot.core.models import Dose

DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def times_to_db(times: tuple[dtime, ...]) -> str:
    return ",".join(f"{t.hour:02d}:{t.minute:02d}" for t in times)


@lru_cache(maxsize=4096)
def times_from_db(text: str) -> tuple[dtime, ...]:
    """`09:00,18:00` -> times; '' (an interval reminder) -> ()."""
    return tuple(dtime.fromisoformat(p) for p in text.split(",") if p)


def time_to_db(at: dtime | None) -> str | None:
    """One wall time (an interval window's start or end) as `HH:MM`; None stays None."""
    return None if at is None else f"{at.hour:02d}:{at.minute:02d}"


def time_from_db(text: str | None) -> dtime | None:
    return None if text is None else dtime.fromisoformat(text)


def days_to_db(days: frozenset[int]) -> str:
    """Cron `day_of_week` text, e.g. `mon,wed,fri` (what CronTrigger takes)."""
    return ",".join(DAY_NAMES[d] for d in sorted(days))


@lru_cache(maxsize=256)
def days_from_db(text: str) -> frozenset[int]:
    return frozenset(DAY_NAMES.index(name) for name in text.split(","))


def dose_to_db(dose: Dose | None) -> str | None:
    if dose is None or dose.empty:
        return None
    return json.dumps({"hold_seconds": dose.hold_seconds, "repeats": dose.repeats})


def dose_from_db(text: str | None) -> Dose:
    """The stored dose; a row Limber cannot read falls back to the defaults."""
    if not text:
        return Dose()
    try:
        data = json.loads(text)
        hold, repeats = data.get("hold_seconds"), data.get("repeats")
    except (ValueError, AttributeError):
        return Dose()
    return Dose(
        hold if isinstance(hold, int) else None, repeats if isinstance(repeats, int) else None
    )


# The columns every backend selects for a delivery (`d_` prefix) and a reminder (`r_`)
# when joined with users.
DELIVERY_COLUMNS = (
    "id",
    "key",
    "reminder_id",
    "user_id",
    "routine_id",
    "occurs_at",
    "due_at",
    "status",
    "late",
    "attempts",
    "snoozes",
    "action",
    "created_at",
)
D_SELECT = ", ".join(f"d.{c} AS d_{c}" for c in DELIVERY_COLUMNS)
REMINDER_COLUMNS = (
    "id",
    "user_id",
    "days",
    "times",
    "routine_id",
    "state",
    "paused_until",
    "next_at",
    "next_slot",
    "created_at",
    "every_minutes",
    "window_start",
    "window_end",
)
R_SELECT = ", ".join(f"r.{c} AS r_{c}" for c in REMINDER_COLUMNS)
