"""What people type for `/timezone set`: IANA names, cities, countries, abbreviations and
UTC offsets, turned into one IANA zone, or into a question when the answer would be a guess.

Rules (issue 13):
- an IANA name in any case is taken as it is (`america/new_york`);
- a common city, short name or country with one zone (`ny`, `la`, `london`, `uk`,
  `germany`, `india`) is taken as its zone, and the reply names the zone;
- an exact city part of an IANA name (`berlin`, `tokyo`, `new york`) is taken likewise;
- an abbreviation (`EST`, `PST`, `CET`, `IST`) is a question: most are fixed offsets
  without daylight saving, so `EST` all summer would be an hour off in New York;
  the question names the zone that observes the daylight-saving twin;
- a country with several zones (`usa`, `canada`, `australia`) is a question listing them;
- a whole-hour UTC offset (`UTC+2`, `GMT-5`, `+02:00`) is taken as the fixed-offset IANA
  zone, whose sign IANA inverts (`Etc/GMT-2` is UTC+2), and the reply says so and that it
  never changes for daylight saving; any other offset (`+05:30`) is a question naming
  the zone most people with that offset use;
- anything else: suggestions, never one that is hours off (an offset never suggests `UTC`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from functools import lru_cache
from zoneinfo import available_timezones

from bot.core.reminders.schedule import ReminderInputError
from bot.core.suggest import all_zones, etc_zone, fixed_offset, suggest_zones

# Short names, cities and countries with one zone people mean by them.
PLACES: dict[str, str] = {
    # North America
    "ny": "America/New_York", "nyc": "America/New_York", "new york city": "America/New_York",
    "boston": "America/New_York", "washington": "America/New_York", "dc": "America/New_York",
    "miami": "America/New_York", "atlanta": "America/New_York",
    "philadelphia": "America/New_York", "montreal": "America/Toronto",
    "ottawa": "America/Toronto", "chi": "America/Chicago", "dallas": "America/Chicago",
    "houston": "America/Chicago", "austin": "America/Chicago",
    "minneapolis": "America/Chicago", "la": "America/Los_Angeles",
    "sf": "America/Los_Angeles", "san francisco": "America/Los_Angeles",
    "seattle": "America/Los_Angeles", "portland": "America/Los_Angeles",
    "san diego": "America/Los_Angeles", "las vegas": "America/Los_Angeles",
    "vegas": "America/Los_Angeles", "salt lake city": "America/Denver",
    "calgary": "America/Edmonton", "mexico": "America/Mexico_City",
    # Europe
    "uk": "Europe/London", "gb": "Europe/London", "united kingdom": "Europe/London",
    "great britain": "Europe/London", "britain": "Europe/London",
    "england": "Europe/London", "scotland": "Europe/London", "wales": "Europe/London",
    "manchester": "Europe/London", "edinburgh": "Europe/London",
    "ireland": "Europe/Dublin", "germany": "Europe/Berlin", "deutschland": "Europe/Berlin",
    "munich": "Europe/Berlin", "münchen": "Europe/Berlin", "hamburg": "Europe/Berlin",
    "frankfurt": "Europe/Berlin", "cologne": "Europe/Berlin", "köln": "Europe/Berlin",
    "france": "Europe/Paris", "spain": "Europe/Madrid", "barcelona": "Europe/Madrid",
    "italy": "Europe/Rome", "milan": "Europe/Rome", "netherlands": "Europe/Amsterdam",
    "holland": "Europe/Amsterdam", "belgium": "Europe/Brussels",
    "switzerland": "Europe/Zurich", "geneva": "Europe/Zurich", "austria": "Europe/Vienna",
    "poland": "Europe/Warsaw", "czechia": "Europe/Prague", "czech republic": "Europe/Prague",
    "hungary": "Europe/Budapest", "sweden": "Europe/Stockholm", "norway": "Europe/Oslo",
    "denmark": "Europe/Copenhagen", "finland": "Europe/Helsinki",
    "portugal": "Europe/Lisbon", "greece": "Europe/Athens", "romania": "Europe/Bucharest",
    "ukraine": "Europe/Kyiv", "kiev": "Europe/Kyiv", "turkey": "Europe/Istanbul",
    "türkiye": "Europe/Istanbul",
    # Asia, Africa, Oceania, South America
    "india": "Asia/Kolkata", "delhi": "Asia/Kolkata", "new delhi": "Asia/Kolkata",
    "mumbai": "Asia/Kolkata", "bangalore": "Asia/Kolkata", "bengaluru": "Asia/Kolkata",
    "chennai": "Asia/Kolkata", "pakistan": "Asia/Karachi", "bangladesh": "Asia/Dhaka",
    "china": "Asia/Shanghai", "beijing": "Asia/Shanghai", "hk": "Asia/Hong_Kong",
    "japan": "Asia/Tokyo", "osaka": "Asia/Tokyo", "korea": "Asia/Seoul",
    "south korea": "Asia/Seoul", "singapore": "Asia/Singapore",
    "philippines": "Asia/Manila", "thailand": "Asia/Bangkok", "vietnam": "Asia/Ho_Chi_Minh",
    "israel": "Asia/Jerusalem", "tel aviv": "Asia/Jerusalem", "uae": "Asia/Dubai",
    "egypt": "Africa/Cairo", "south africa": "Africa/Johannesburg",
    "cape town": "Africa/Johannesburg", "nigeria": "Africa/Lagos", "kenya": "Africa/Nairobi",
    "nz": "Pacific/Auckland", "new zealand": "Pacific/Auckland",
    "wellington": "Pacific/Auckland", "argentina": "America/Argentina/Buenos_Aires",
    "colombia": "America/Bogota", "peru": "America/Lima", "chile": "America/Santiago",
    "rio": "America/Sao_Paulo",
}  # fmt: skip

# Countries with several zones: a question listing the common ones.
SEVERAL: dict[str, tuple[str, ...]] = {
    "us": ("America/New_York", "America/Chicago", "America/Denver", "America/Phoenix",
           "America/Los_Angeles", "America/Anchorage", "Pacific/Honolulu"),
    "canada": ("America/St_Johns", "America/Halifax", "America/Toronto", "America/Winnipeg",
               "America/Edmonton", "America/Vancouver"),
    "australia": ("Australia/Sydney", "Australia/Brisbane", "Australia/Adelaide",
                  "Australia/Darwin", "Australia/Perth"),
    "brazil": ("America/Sao_Paulo", "America/Manaus", "America/Fortaleza"),
    "russia": ("Europe/Moscow", "Asia/Yekaterinburg", "Asia/Novosibirsk",
               "Asia/Vladivostok"),
    "indonesia": ("Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"),
}  # fmt: skip
SEVERAL["usa"] = SEVERAL["united states"] = SEVERAL["america"] = SEVERAL["us"]


@dataclass(frozen=True)
class Abbreviation:
    """A zone abbreviation: its offset(s) and the zone(s) people using it usually mean."""

    meaning: str
    zones: tuple[str, ...]


# Common abbreviations. None of them is a place: most are fixed offsets that do not
# follow daylight saving (`EST` is UTC-5 all year), the summer ones are wrong half the year.
ABBREVIATIONS: dict[str, Abbreviation] = {
    "est": Abbreviation("UTC−05:00 all year, no daylight saving", ("America/New_York",)),
    "edt": Abbreviation("UTC−04:00, New York's summer time", ("America/New_York",)),
    "et": Abbreviation("US Eastern time", ("America/New_York",)),
    "cst": Abbreviation(
        "UTC−06:00 all year (US Central standard time; also China standard time)",
        ("America/Chicago", "Asia/Shanghai"),
    ),
    "cdt": Abbreviation("UTC−05:00, Chicago's summer time", ("America/Chicago",)),
    "ct": Abbreviation("US Central time", ("America/Chicago",)),
    "mst": Abbreviation(
        "UTC−07:00 all year, no daylight saving", ("America/Denver", "America/Phoenix")
    ),
    "mdt": Abbreviation("UTC−06:00, Denver's summer time", ("America/Denver",)),
    "mt": Abbreviation("US Mountain time", ("America/Denver", "America/Phoenix")),
    "pst": Abbreviation("UTC−08:00 all year, no daylight saving", ("America/Los_Angeles",)),
    "pdt": Abbreviation("UTC−07:00, Los Angeles' summer time", ("America/Los_Angeles",)),
    "pt": Abbreviation("US Pacific time", ("America/Los_Angeles",)),
    "akst": Abbreviation("UTC−09:00, Alaska standard time", ("America/Anchorage",)),
    "hst": Abbreviation("UTC−10:00, Hawaii standard time", ("Pacific/Honolulu",)),
    "gmt": Abbreviation("UTC+00:00 all year", ("Europe/London", "UTC")),
    "bst": Abbreviation("UTC+01:00, British summer time", ("Europe/London",)),
    "wet": Abbreviation("UTC+00:00, Western European time", ("Europe/Lisbon",)),
    "west": Abbreviation("UTC+01:00, Western European summer time", ("Europe/Lisbon",)),
    "cet": Abbreviation(
        "UTC+01:00, Central European time (CEST in summer)",
        ("Europe/Berlin", "Europe/Paris", "Europe/Madrid", "Europe/Rome"),
    ),
    "cest": Abbreviation(
        "UTC+02:00, Central European summer time", ("Europe/Berlin", "Europe/Paris")
    ),
    "eet": Abbreviation("UTC+02:00, Eastern European time", ("Europe/Athens", "Europe/Helsinki")),
    "eest": Abbreviation("UTC+03:00, Eastern European summer time", ("Europe/Athens",)),
    "msk": Abbreviation("UTC+03:00, Moscow time", ("Europe/Moscow",)),
    "ist": Abbreviation(
        "India (UTC+05:30), Irish summer or Israel standard time",
        ("Asia/Kolkata", "Europe/Dublin", "Asia/Jerusalem"),
    ),
    "pkt": Abbreviation("UTC+05:00, Pakistan time", ("Asia/Karachi",)),
    "sgt": Abbreviation("UTC+08:00, Singapore time", ("Asia/Singapore",)),
    "hkt": Abbreviation("UTC+08:00, Hong Kong time", ("Asia/Hong_Kong",)),
    "jst": Abbreviation("UTC+09:00, Japan time", ("Asia/Tokyo",)),
    "kst": Abbreviation("UTC+09:00, Korea time", ("Asia/Seoul",)),
    "aest": Abbreviation(
        "UTC+10:00, Australian Eastern standard time (AEDT in summer)",
        ("Australia/Sydney", "Australia/Brisbane"),
    ),
    "aedt": Abbreviation("UTC+11:00, Australian Eastern summer time", ("Australia/Sydney",)),
    "acst": Abbreviation("UTC+09:30, Australian Central time", ("Australia/Adelaide",)),
    "awst": Abbreviation("UTC+08:00, Australian Western time", ("Australia/Perth",)),
    "nzst": Abbreviation("UTC+12:00, New Zealand standard time", ("Pacific/Auckland",)),
    "nzdt": Abbreviation("UTC+13:00, New Zealand summer time", ("Pacific/Auckland",)),
    "sast": Abbreviation("UTC+02:00, South Africa time", ("Africa/Johannesburg",)),
    "wat": Abbreviation("UTC+01:00, West Africa time", ("Africa/Lagos",)),
    "eat": Abbreviation("UTC+03:00, East Africa time", ("Africa/Nairobi",)),
    "brt": Abbreviation("UTC−03:00, Brasília time", ("America/Sao_Paulo",)),
    "art": Abbreviation("UTC−03:00, Argentina time", ("America/Argentina/Buenos_Aires",)),
}

# Offsets that are not whole hours have no fixed IANA zone: the place most people mean.
OFFSET_PLACES: dict[int, str] = {
    -570: "Pacific/Marquesas",
    -210: "America/St_Johns",
    210: "Asia/Tehran",
    270: "Asia/Kabul",
    330: "Asia/Kolkata",
    345: "Asia/Kathmandu",
    390: "Asia/Yangon",
    525: "Australia/Eucla",
    570: "Australia/Darwin",
    630: "Australia/Adelaide",
    765: "Pacific/Chatham",
}


@dataclass(frozen=True)
class ZoneChoice:
    """The zone taken, and a note for the reply when it is not what was typed."""

    zone: str
    note: str | None = None


def format_offset(offset: timedelta) -> str:
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "−"
    return f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


@lru_cache(maxsize=1)
def _zones_by_lower() -> dict[str, str]:
    return {z.lower(): z for z in available_timezones()}


@lru_cache(maxsize=1)
def _unique_cities() -> dict[str, str]:
    """`berlin` -> `Europe/Berlin`, for city parts that name exactly one current zone."""
    seen: dict[str, list[str]] = {}
    for zone in all_zones():
        seen.setdefault(zone.lower().rsplit("/", 1)[-1], []).append(zone)
    return {city: zones[0] for city, zones in seen.items() if len(zones) == 1}


def _either(zones: tuple[str, ...]) -> str:
    names = [f"`{z}`" for z in zones]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


def _explain_fixed(zone: str) -> str | None:
    """A note for `Etc/GMT±N`: what it means and that IANA inverts the sign."""
    if not zone.startswith("Etc/GMT") or len(zone) <= len("Etc/GMT") or zone.endswith("GMT0"):
        return None
    east = -int(zone.removeprefix("Etc/GMT"))
    offset = format_offset(timedelta(hours=east))
    return (
        f"`{zone}` is {offset} all year: IANA writes fixed offsets with the sign inverted, "
        "and they never change for daylight saving. If your clocks change, set your city "
        "instead (e.g. `Europe/Berlin`)."
    )


def resolve_zone(text: str) -> ZoneChoice:
    """The IANA zone for what was typed, or a ReminderInputError that asks or suggests."""
    value = " ".join(text.strip().split())
    key = value.lower()
    offset = fixed_offset(value)
    if offset is not None:
        return _from_offset(value, offset)
    abbreviation = ABBREVIATIONS.get(key.replace(".", ""))
    if abbreviation is not None:
        first = abbreviation.zones[0]
        raise ReminderInputError(
            f"`{value}` is not a place but {abbreviation.meaning}, so reminders could be an "
            f"hour off for half the year. Did you mean {_either(abbreviation.zones)}? "
            f"Set it with `/timezone set {first}`."
        )
    if key in SEVERAL:
        raise ReminderInputError(
            f"`{value}` has several time zones: {_either(SEVERAL[key])}? "
            f"Set yours with `/timezone set {SEVERAL[key][0]}` (or your city)."
        )
    exact = _zones_by_lower().get(key.replace(" ", "_"))
    if exact is not None:
        return ZoneChoice(exact, _explain_fixed(exact))
    place = PLACES.get(key) or _unique_cities().get(key.replace(" ", "_"))
    if place is not None:
        return ZoneChoice(place, f"`{value}` read as **{place}**.")
    close = suggest_zones(value, limit=3)
    hint = (
        " Did you mean " + " or ".join(f"`{z}`" for z in close) + "?"
        if close
        else " Use an IANA name such as `Europe/Berlin` or `America/New_York`, or a city."
    )
    raise ReminderInputError(f"Unknown time zone `{value}`.{hint}")


def _from_offset(value: str, offset: timedelta) -> ZoneChoice:
    zone = etc_zone(offset)
    shown = format_offset(offset)
    if zone == "UTC":
        return ZoneChoice("UTC", f"`{value}` read as **UTC** ({shown}).")
    if zone is not None:
        return ZoneChoice(
            zone,
            f"`{value}` is {shown}: the fixed-offset zone **{zone}** (IANA inverts the sign: "
            f"`{zone}` is {shown}). It never changes for daylight saving; if your clocks "
            "change, set your city instead (e.g. `Europe/Berlin`).",
        )
    place = OFFSET_PLACES.get(int(offset.total_seconds() // 60))
    if place is not None:
        raise ReminderInputError(
            f"There is no fixed zone for {shown}. Did you mean `{place}`? "
            f"Set it with `/timezone set {place}` (or your city)."
        )
    raise ReminderInputError(
        f"There is no time zone at {shown}. Set your city, e.g. `/timezone set Europe/Berlin`."
    )
