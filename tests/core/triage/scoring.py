"""Scoring triage the way a user meets it: the advice actually given, not the label.

An entry of a corpus has `text`, the expected `level` (none, mild, moderate, severe,
redflag: labelled from PRODUCT.md only) and optionally `subject` (self, other, unknown).
An answer is what `limber triage --json` prints: `level` (the advice given), `reply`,
`follow_up` (the reply asks the red-flag questions) and `subject`.

Figures (each over the entries it names):
- strict red-flag recall: red flags answered with urgent-care advice at once;
- red flags caught or followed up: urgent advice, or the red-flag questions asked;
- severe booking recall: severe entries answered with the booking link (or urgent care);
- false alarms: none/mild/moderate entries answered with the booking link or urgent care;
- follow-ups on mild: none/mild/moderate entries answered with the red-flag questions.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

CALM = frozenset({"none", "mild", "moderate"})


@dataclass(frozen=True)
class Answer:
    level: str
    reply: str
    follow_up: bool = False
    subject: str = "self"


@dataclass(frozen=True)
class Figures:
    n: int
    redflags: int
    strict: int
    caught: int
    severe: int
    booked: int
    calm: int
    false_alarms: int
    follow_ups: int
    misses: tuple[str, ...]

    @staticmethod
    def pct(a: int, b: int) -> str:
        return f"{a}/{b} ({a / b:.0%})" if b else "-"

    def row(self, name: str) -> str:
        return (
            f"| {name} | {self.n} | {self.pct(self.strict, self.redflags)} | "
            f"{self.pct(self.caught, self.redflags)} | {self.pct(self.booked, self.severe)} | "
            f"{self.pct(self.false_alarms, self.calm)} | {self.pct(self.follow_ups, self.calm)} |"
        )


HEADER = (
    "| corpus | n | strict red-flag recall | red flags caught or followed up | "
    "severe booking recall | false alarms on calm | follow-ups on calm |\n"
    "|---|---|---|---|---|---|---|"
)


def load(path: Path) -> list[dict[str, Any]]:
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(entries, list)
    return entries


def score(entries: Iterable[dict[str, Any]], answer: Callable[[str], Answer]) -> Figures:
    n = redflags = strict = caught = severe = booked = calm = false_alarms = follow_ups = 0
    misses: list[str] = []
    for entry in entries:
        n += 1
        expected = str(entry["level"])
        got = answer(str(entry["text"]))
        urgent = got.level == "redflag"
        booking = got.level in {"severe", "redflag"}
        if expected == "redflag":
            redflags += 1
            strict += urgent
            caught += urgent or got.follow_up
            if not (urgent or got.follow_up):
                misses.append(f"redflag missed ({got.level}): {entry['text']}")
        elif expected == "severe":
            severe += 1
            booked += booking
            if not booking:
                misses.append(f"severe missed ({got.level}): {entry['text']}")
        else:
            calm += 1
            false_alarms += booking
            follow_ups += got.follow_up
            if booking:
                misses.append(f"false alarm ({got.level}) on {expected}: {entry['text']}")
            elif got.follow_up:
                misses.append(f"follow-up on {expected}: {entry['text']}")
    return Figures(
        n, redflags, strict, caught, severe, booked, calm, false_alarms, follow_ups, tuple(misses)
    )
