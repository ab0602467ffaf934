"""Routines and exercises: the models clinics write as YAML, and the loader that checks them.

A folder of `*.yaml` files holds two kinds of document: `kind: exercise` (one stretch with
its prescription, instructions and, optionally, the key `poses` of its animation) and
`kind: routine` (an ordered list of exercise ids).
Loading never half-succeeds: every problem is collected as `file: field: problem` and
`RoutineLibraryError` carries them all, so a clinic fixes a broken file in one pass.
This module does no timing; `sessions.py` turns a routine into a timeline.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from enum import StrEnum
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from bot.core.poses.model import Poses

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"

# Limits that keep a typo from becoming a prescription ("reps: 100000" is not a dose).
MAX_SETS = 10
MAX_REPS = 100
MAX_HOLD_SECONDS = 300
MAX_EXERCISE_MINUTES = 60
MAX_ROUTINE_MINUTES = 60


class Side(StrEnum):
    """Which side an exercise works: `each` means left then right, `none` is symmetric."""

    LEFT = "left"
    RIGHT = "right"
    EACH = "each"
    NONE = "none"


class Style(StrEnum):
    """`repetitions`: a set of reps paced by a tempo cue; `hold`: each rep is a timed hold."""

    REPETITIONS = "repetitions"
    HOLD = "hold"


class IntRange(BaseModel):
    """A prescribed amount that may be a range (hold 15–30 s) with the default we coach."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    min: int = Field(ge=0)
    max: int = Field(ge=0)
    default: int = Field(ge=0)

    @model_validator(mode="before")
    @classmethod
    def _from_short_forms(cls, data: Any) -> Any:
        if isinstance(data, bool):
            raise ValueError("must be a number, a range like 15-30, or {min, max, default}")
        if isinstance(data, int):
            return {"min": data, "max": data, "default": data}
        if isinstance(data, str):
            match = re.fullmatch(r"\s*(\d+)\s*(?:-|–|to)\s*(\d+)\s*", data)
            if not match:
                raise ValueError(f"must be a number or a range like 15-30, got {data!r}")
            low, high = int(match.group(1)), int(match.group(2))
            return {"min": low, "max": high, "default": high}
        if isinstance(data, dict) and "default" not in data and "max" in data:
            return {**data, "default": data["max"]}
        return data

    @model_validator(mode="after")
    def _ordered(self) -> IntRange:
        if self.min > self.max:
            raise ValueError(f"min {self.min} is greater than max {self.max}")
        if not self.min <= self.default <= self.max:
            raise ValueError(f"default {self.default} is outside {self.min}–{self.max}")
        return self

    def __str__(self) -> str:
        return str(self.min) if self.min == self.max else f"{self.min}–{self.max}"


PositiveRange = Annotated[IntRange, Field()]


class Prescription(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    sets: IntRange = IntRange(min=1, max=1, default=1)
    reps: IntRange
    hold_seconds: IntRange | None = None
    rest_seconds: int = Field(default=30, ge=0, le=600)
    side: Side = Side.NONE
    tempo: str | None = Field(default=None, max_length=300)
    rep_seconds: float | None = Field(default=None, gt=0, le=120)

    @model_validator(mode="after")
    def _positive_counts(self) -> Prescription:
        if self.sets.min < 1:
            raise ValueError("sets must be at least 1")
        if self.reps.min < 1:
            raise ValueError("reps must be at least 1")
        if self.hold_seconds is not None and self.hold_seconds.min < 1:
            raise ValueError("hold_seconds must be at least 1")
        if self.sets.max > MAX_SETS:
            raise ValueError(f"sets {self.sets.max} is not a plausible dose (at most {MAX_SETS})")
        if self.reps.max > MAX_REPS:
            raise ValueError(f"reps {self.reps.max} is not a plausible dose (at most {MAX_REPS})")
        if self.hold_seconds is not None and self.hold_seconds.max > MAX_HOLD_SECONDS:
            raise ValueError(
                f"hold_seconds {self.hold_seconds.max} is not a plausible hold "
                f"(at most {MAX_HOLD_SECONDS} s)"
            )
        minutes = self.longest_seconds() / 60
        if minutes > MAX_EXERCISE_MINUTES:
            raise ValueError(
                f"this prescription takes about {minutes:.0f} min; one exercise may take at "
                f"most {MAX_EXERCISE_MINUTES} min"
            )
        return self

    def longest_seconds(self) -> float:
        """The most this prescription can take (largest sets, reps and holds, both sides,
        rests included): what the plausibility limits check."""
        sides = 2 if self.side is Side.EACH else 1
        hold = self.hold_seconds.max if self.hold_seconds else 0
        per_rep = self.rep_seconds if self.rep_seconds is not None else 2.0 + hold
        reps = self.reps.max
        work = reps * max(per_rep, hold) + max(reps - 1, 0) * self.rest_seconds
        return sides * (self.sets.max * work + (self.sets.max - 1) * self.rest_seconds)

    def seconds_per_rep(self) -> float:
        """Pace of one repetition: explicit, else up 1 s + hold + down 1 s."""
        if self.rep_seconds is not None:
            return self.rep_seconds
        hold = self.hold_seconds.default if self.hold_seconds else 0
        return 2.0 + hold


class Exercise(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: Literal["exercise"]
    id: str = Field(pattern=ID_PATTERN, max_length=40)
    name: str = Field(min_length=1, max_length=80)
    summary: str = Field(default="", max_length=500)
    targets: tuple[str, ...] = ()
    style: Style
    side_label: str = Field(default="side", max_length=20)
    prescription: Prescription
    instructions: tuple[Annotated[str, Field(min_length=1)], ...] = Field(min_length=1)
    cautions: tuple[str, ...] = ()
    side_cues: dict[Side, Annotated[str, Field(min_length=1, max_length=300)]] = Field(
        default_factory=dict
    )
    """How to set up for each side ("Lie on your right side; the left leg works")."""
    source: str | None = None
    poses: Poses | None = None
    """Key poses of a stick figure (bot/core/poses/model.py): the exercise shown moving."""

    @model_validator(mode="after")
    def _hold_needs_seconds(self) -> Exercise:
        if self.style is Style.HOLD and self.prescription.hold_seconds is None:
            raise ValueError("style hold needs prescription.hold_seconds")
        if set(self.side_cues) - {Side.LEFT, Side.RIGHT}:
            raise ValueError("side_cues takes `left` and `right` only")
        return self

    def describe_dose(self) -> str:
        """One line such as '2 sets of 20 each leg, hold 2 s at the top'."""
        p = self.prescription
        side = f" each {self.side_label}" if p.side is Side.EACH else ""
        if self.style is Style.HOLD:
            hold = f"hold {p.hold_seconds} s" if p.hold_seconds else ""
            sets = f", {p.sets} sets" if p.sets.max > 1 else ""
            return f"{hold}, {p.reps} times{side}{sets}"
        hold = f", hold {p.hold_seconds} s" if p.hold_seconds else ""
        sets = f"{p.sets} sets of {p.reps}" if p.sets.max > 1 else f"{p.reps} reps"
        return f"{sets}{side}{hold}"


class Routine(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: Literal["routine"]
    id: str = Field(pattern=ID_PATTERN, max_length=40)
    name: str = Field(min_length=1, max_length=80)
    description: str = Field(default="", max_length=1000)
    exercises: tuple[str, ...] = Field(min_length=1)
    prepare_seconds: int = Field(default=15, ge=0, le=120)
    safety_note: str | None = Field(default=None, max_length=500)


@dataclass(frozen=True)
class Problem:
    file: str
    field: str
    message: str
    folder: str = ""
    """The routines folder, so the line names the file an operator can open."""

    def __str__(self) -> str:
        where = str(Path(self.folder) / self.file) if self.folder else self.file
        return f"{where}: {self.field}: {self.message}"


class RoutineLibraryError(Exception):
    """Every problem found in a routines folder; str() is one line per problem."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass(frozen=True)
class RoutineLibrary:
    routines: dict[str, Routine]
    exercises: dict[str, Exercise]
    folder: Path

    def get(self, routine_id: str) -> Routine | None:
        return self.routines.get(routine_id.strip().lower())

    def exercises_of(self, routine: Routine) -> list[Exercise]:
        return [self.exercises[e] for e in routine.exercises]

    def default_routine(self) -> Routine:
        """The routine used when none is named: the shipped starter if present, else the first."""
        return self.routines.get("low-back-starter") or next(iter(self.routines.values()))

    def suggest(self, text: str) -> list[str]:
        """Routine ids close to a mistyped name, for 'did you mean' hints."""
        import difflib

        return difflib.get_close_matches(text.strip().lower(), list(self.routines), n=3)


def shipped_routines_dir() -> Path:
    """The routines shipped in the package (a checkout's `routines/`, or site-packages)."""
    return Path(str(resources.files("bot") / "routines"))


def _field_path(loc: Iterable[int | str]) -> str:
    path = ""
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        elif part in {"function-after[_ordered(), IntRange]"} or "function-" in str(part):
            continue
        else:
            path += f".{part}" if path else str(part)
    return path or "(document)"


def _validation_problems(name: str, exc: ValidationError) -> list[Problem]:
    problems = []
    for err in exc.errors():
        message = str(err["msg"]).removeprefix("Value error, ")
        kind = err["type"]
        if kind == "extra_forbidden":
            message = "unknown field (check the spelling)"
        elif kind == "missing":
            message = "required field is missing"
        elif kind == "string_pattern_mismatch":
            message = "must be lowercase letters, digits and dashes, like `my-stretch`"
        elif kind in {"enum", "literal_error"}:
            expected = (err.get("ctx") or {}).get("expected", "")
            message = f"must be one of {expected}, got {err.get('input')!r}"
        elif kind == "too_short":
            message = "needs at least one entry"
        elif kind in {"int_parsing", "int_type"}:
            message = f"must be a whole number, got {err.get('input')!r}"
        problems.append(Problem(name, _field_path(err["loc"]), message))
    return problems


def parse_document(name: str, text: str) -> tuple[Exercise | Routine | None, list[Problem]]:
    """Parse one YAML document into an Exercise or Routine, or say what is wrong."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark is not None else "(document)"
        problem = getattr(exc, "problem", None) or str(exc)
        return None, [Problem(name, where, f"not valid YAML: {problem}")]
    if not isinstance(data, dict):
        return None, [Problem(name, "(document)", "must be a mapping with a `kind` field")]
    kind = data.get("kind")
    model: type[Exercise] | type[Routine]
    if kind == "exercise":
        model = Exercise
    elif kind == "routine":
        model = Routine
    else:
        return None, [Problem(name, "kind", f"must be 'exercise' or 'routine', got {kind!r}")]
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        return None, _validation_problems(name, exc)


def _declared_id(stem: str, text: str) -> str:
    """The id a broken file meant to define (its `id:` line, else its file name)."""
    match = re.search(r"^id:[ \t]*(\S+)", text, re.MULTILINE)
    return match.group(1).strip("'\"") if match else stem


def load_library(folder: Path | str | None = None) -> RoutineLibrary:
    """Load and cross-check every `*.yaml` in `folder` (default: the shipped routines)."""
    root = Path(folder) if folder is not None else shipped_routines_dir()
    if not root.is_dir():
        raise RoutineLibraryError([Problem(str(root), "(folder)", "is not a folder")])
    problems: list[Problem] = []
    exercises: dict[str, tuple[str, Exercise]] = {}
    routines: dict[str, tuple[str, Routine]] = {}
    broken: set[str] = set()  # ids of exercise files with problems (reported once, there)
    for path in sorted([*root.glob("*.yaml"), *root.glob("*.yml")]):
        name = path.name
        try:
            text = path.read_text("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(Problem(name, "(file)", f"cannot be read: {exc}"))
            continue
        doc, found = parse_document(name, text)
        problems.extend(found)
        if doc is None:
            # Routines that use it would only repeat this problem as "unknown exercise".
            broken.update({path.stem, _declared_id(path.stem, text)})
            continue
        table: dict[str, Any] = exercises if isinstance(doc, Exercise) else routines
        if doc.id in table:
            problems.append(
                Problem(name, "id", f"{doc.id!r} is already defined in {table[doc.id][0]}")
            )
            continue
        table[doc.id] = (name, doc)
    for name, routine in routines.values():
        for index, exercise_id in enumerate(routine.exercises):
            if exercise_id not in exercises and exercise_id not in broken:
                known = ", ".join(sorted(exercises)) or "none"
                problems.append(
                    Problem(
                        name,
                        f"exercises[{index}]",
                        f"unknown exercise {exercise_id!r} (known: {known})",
                    )
                )
    for name, routine in routines.values():
        if any(e not in exercises for e in routine.exercises):
            continue
        minutes = sum(exercises[e][1].prescription.longest_seconds() for e in routine.exercises)
        minutes /= 60
        if minutes > MAX_ROUTINE_MINUTES:
            problems.append(
                Problem(
                    name,
                    "exercises",
                    f"this routine takes about {minutes:.0f} min; a session may take at most "
                    f"{MAX_ROUTINE_MINUTES} min",
                )
            )
    if not routines and not problems:
        problems.append(
            Problem(str(root), "(folder)", "holds no routine (a file with kind: routine)")
        )
    if problems:
        raise RoutineLibraryError(
            [
                p if p.folder or p.file == str(root) else replace(p, folder=str(root))
                for p in problems
            ]
        )
    return RoutineLibrary(
        routines={k: v for k, (_, v) in routines.items()},
        exercises={k: v for k, (_, v) in exercises.items()},
        folder=root,
    )
