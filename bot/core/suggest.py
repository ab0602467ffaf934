"""Suggestions for options: time zones and routines (autocomplete and 'did you mean')."""

from __future__ import annotations

import difflib
import re
from datetime import timedelta
from functools import cache
from zoneinfo import available_timezones

from bot.core.routines import RoutineLibrary


@cache
def all_zones() -> tuple[str, ...]:
    """IANA zone names people pick from (no legacy aliases like 'US/Eastern' first)."""
    zones = sorted(available_timezones())
    canonical = [z for z in zones if "/" in z and not z.startswith(("Etc/", "SystemV/", "US/"))]
    return (*canonical, "UTC")


_OFFSET = re.compile(
    r"^(?:utc|gmt|z)?\s*(?P<sign>[+\-−])\s*(?P<h>\d{1,2})(?:(?::|h)?(?P<m>\d{2}))?$"
)


def fixed_offset(text: str) -> timedelta | None:
    """`UTC+2`, `GMT-5`, `+02:00`, `UTC+5:30`, `utc -0330` as an offset east of UTC (None:
    not an offset). `UTC`/`GMT` alone are not offsets here: they are zone names."""
    match = _OFFSET.match(text.strip().lower())
    if match is None:
        return None
    minutes = int(match.group("h")) * 60 + int(match.group("m") or 0)
    if minutes > 14 * 60 or int(match.group("m") or 0) > 59:
        return None
    return timedelta(minutes=-minutes if match.group("sign") in "-−" else minutes)


def etc_zone(offset: timedelta) -> str | None:
    """The IANA fixed-offset zone for a whole-hour offset. POSIX style inverts the sign:
    UTC+2 is `Etc/GMT-2`, UTC-5 is `Etc/GMT+5` (None: not whole hours, or out of range)."""
    hours, rest = divmod(int(offset.total_seconds()), 3600)
    if rest or not -12 <= hours <= 14:
        return None
    return "UTC" if hours == 0 else f"Etc/GMT{-hours:+d}"


def suggest_zones(current: str, limit: int = 25) -> list[str]:
    """Zones whose name contains what was typed (city or region), best matches first;
    an offset (`UTC+2`) suggests only its own fixed-offset zone, never a name that merely
    contains `utc`."""
    offset = fixed_offset(current)
    if offset is not None:
        fixed = etc_zone(offset)
        return [fixed] if fixed else []
    text = current.strip().lower().replace(" ", "_")
    if not text:
        return [
            "UTC",
            "Europe/London",
            "Europe/Berlin",
            "America/New_York",
            "America/Chicago",
            "America/Los_Angeles",
            "Asia/Tokyo",
            "Australia/Sydney",
        ][:limit]
    zones = all_zones()
    city = [z for z in zones if z.lower().rsplit("/", 1)[-1].startswith(text)]
    contains = [z for z in zones if text in z.lower() and z not in city]
    found = city + contains
    if not found:
        by_city = {z.lower().rsplit("/", 1)[-1]: z for z in zones}
        close = difflib.get_close_matches(text, list(by_city), n=limit, cutoff=0.6)
        found = [by_city[c] for c in close]
    return found[:limit]


def suggest(library: RoutineLibrary, source: str, current: str) -> list[tuple[str, str]]:
    if source == "timezone":
        return [(z, z) for z in suggest_zones(current)]
    if source == "routine":
        text = current.strip().lower()
        return [
            (f"{r.name} ({r.id})", r.id)
            for r in library.routines.values()
            if text in r.id or text in r.name.lower()
        ]
    return []
