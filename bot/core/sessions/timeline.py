"""Expand a routine into the ordered steps a person is coached through.

Pure: routine + exercises in, a tuple of `Step`s out. Every step but the last is timed,
so a session advances by itself; the user can still pause or skip. The order is:
routine intro, then for each exercise a prepare step with its instructions, and per side
its sets (a paced repetitions step, or one hold step per rep) with rests between them
and a switch-sides step between sides; finally a finish step.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from bot.core.routines import Exercise, Routine, Side, Style

INTRO_SECONDS = 10
SWITCH_SECONDS = 10


class StepKind(StrEnum):
    INTRO = "intro"
    PREPARE = "prepare"
    REPS = "reps"
    HOLD = "hold"
    REST = "rest"
    SWITCH = "switch"
    FINISH = "finish"


@dataclass(frozen=True)
class Step:
    kind: StepKind
    title: str
    text: str
    seconds: float | None
    exercise_id: str | None = None
    side: Side | None = None

    @property
    def timed(self) -> bool:
        return self.seconds is not None and self.seconds > 0


def _sides(exercise: Exercise) -> list[Side | None]:
    side = exercise.prescription.side
    if side is Side.EACH:
        return [Side.LEFT, Side.RIGHT]
    if side is Side.NONE:
        return [None]
    return [side]


def _side_words(exercise: Exercise, side: Side | None) -> str:
    return f" — {side.value} {exercise.side_label}" if side is not None else ""


def _exercise_steps(exercise: Exercise, prepare_seconds: int) -> list[Step]:
    p = exercise.prescription
    sets = p.sets.default
    reps = p.reps.default
    steps: list[Step] = []
    sides = _sides(exercise)
    numbered = "\n".join(f"{i}. {line}" for i, line in enumerate(exercise.instructions, 1))
    cautions = "".join(f"\n⚠ {c}" for c in exercise.cautions)
    for side_no, side in enumerate(sides):
        where = _side_words(exercise, side)
        if side_no == 0:
            steps.append(
                Step(
                    StepKind.PREPARE,
                    f"{exercise.name}{where}: get into position",
                    f"{exercise.describe_dose()}.\n{numbered}{cautions}",
                    prepare_seconds,
                    exercise.id,
                    side,
                )
            )
        else:
            steps.append(
                Step(
                    StepKind.SWITCH,
                    f"Switch sides{where}",
                    f"Now the {side.value if side else 'other'} {exercise.side_label}. "
                    "Get into position.",
                    SWITCH_SECONDS,
                    exercise.id,
                    side,
                )
            )
        for set_no in range(1, sets + 1):
            set_words = f", set {set_no} of {sets}" if sets > 1 else ""
            if exercise.style is Style.REPETITIONS:
                tempo = f" {p.tempo}" if p.tempo else ""
                steps.append(
                    Step(
                        StepKind.REPS,
                        f"{exercise.name}{where}{set_words}",
                        f"{reps} reps.{tempo}",
                        reps * p.seconds_per_rep(),
                        exercise.id,
                        side,
                    )
                )
            else:
                hold = p.hold_seconds.default if p.hold_seconds else 0
                for rep in range(1, reps + 1):
                    tempo = f" {p.tempo}" if p.tempo else ""
                    steps.append(
                        Step(
                            StepKind.HOLD,
                            f"{exercise.name}{where}{set_words}: hold {rep} of {reps}",
                            f"Hold for {hold} seconds.{tempo}",
                            hold,
                            exercise.id,
                            side,
                        )
                    )
                    if rep < reps and p.rest_seconds:
                        steps.append(
                            Step(
                                StepKind.REST,
                                "Release",
                                f"Release slowly and rest {p.rest_seconds} seconds.",
                                p.rest_seconds,
                                exercise.id,
                                side,
                            )
                        )
            if set_no < sets and p.rest_seconds:
                steps.append(
                    Step(
                        StepKind.REST,
                        "Rest",
                        f"Rest {p.rest_seconds} seconds before set {set_no + 1}.",
                        p.rest_seconds,
                        exercise.id,
                        side,
                    )
                )
    return steps


def build_timeline(routine: Routine, exercises: list[Exercise]) -> tuple[Step, ...]:
    """The whole session, first step to finish."""
    names = ", ".join(e.name for e in exercises)
    note = f"\n{routine.safety_note}" if routine.safety_note else ""
    steps = [
        Step(
            StepKind.INTRO,
            routine.name,
            f"{len(exercises)} exercises: {names}.{note}",
            INTRO_SECONDS,
        )
    ]
    for exercise in exercises:
        steps.extend(_exercise_steps(exercise, routine.prepare_seconds))
    steps.append(Step(StepKind.FINISH, "Well done!", f"You finished {routine.name}.", None))
    return tuple(steps)


def total_seconds(steps: tuple[Step, ...]) -> float:
    return sum(s.seconds or 0 for s in steps)


def describe_length(seconds: float) -> str:
    minutes = round(seconds / 60)
    return "under a minute" if minutes < 1 else f"about {minutes} min"
