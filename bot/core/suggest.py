"""Suggestions for options: time zones and routines (autocomplete and 'did you mean')."""

from __future__ import annotations

import difflib
from functools import cache
from zoneinfo import available_timezones

from bot.core.routines import RoutineLibrary


@cache
def all_zones() -> tuple[str, ...]:
    """IANA zone names people pick from (no legacy aliases like 'US/Eastern' first)."""
    zones = sorted(available_timezones())
    canonical = [z for z in zones if "/" in z and not z.startswith(("Etc/", "SystemV/", "US/"))]
    return (*canonical, "UTC")


def suggest_zones(current: str, limit: int = 25) -> list[str]:
    """Zones whose name contains what was typed (city or region), best matches first."""
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
