"""Value types of pain triage, shared by the triage modules.

Import them from `bot.core.triage.assess`; this module exists only so the reply and parsing
modules can use the types without importing each other in a circle. No logic, no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

DEFAULT_EMERGENCY_TEXT = "your local emergency number (911, 999 or 112)"


class PainLevel(StrEnum):
    REDFLAG = "redflag"
    SEVERE = "severe"
    MODERATE = "moderate"
    MILD = "mild"
    NONE = "none"


@dataclass(frozen=True)
class ClinicInfo:
    name: str | None = None
    booking_url: str | None = None
    emergency_number: str | None = None


@dataclass(frozen=True)
class Assessment:
    """What triage understood about one report.

    `red_flags` are about the person writing, now or recently. Red flags mentioned about
    someone else (`others_red_flags`) or only as a "what if" (`hypothetical_red_flags`)
    do not make the level REDFLAG, but the reply still says they need urgent care.
    """

    level: PainLevel
    score: int | None
    red_flags: tuple[str, ...]
    about_pain: bool
    reasons: tuple[str, ...]
    others_red_flags: tuple[str, ...] = ()
    hypothetical_red_flags: tuple[str, ...] = ()
    mentions_someone_else: bool = False
    follow_up: tuple[str, ...] = ()
    """Red-flag topics touched but not settled: Limber asks their questions."""
    others_severe: bool = False
    """Someone else's pain is severe (the writer's own is not)."""


@dataclass(frozen=True)
class ScreeningQuestion:
    key: str
    text: str
