"""Expand a routine into the ordered steps a person is coached through.

Pure: routine + exercises (+ the person's dose for hold exercises) in, a tuple of `Step`s
out. Every step but the last is timed,
so a session advances by itself; the user can still pause or skip. The order is:
routine intro, then for each exercise a prepare step with its instructions, and per side
its sets (a paced repetitions step, or one hold step per rep) with rests between them
and a switch-sides step between sides; finally a finish step.

A paced set is one step (one message): its text gives the beat (one rep every N s,
raise / hold at the top / lower) and the count, and the step carries the cadence so an
adapter that redraws locally can count the reps live, with no message per rep. Prepare
and switch steps say how to set up for the side (`side_cues` in the exercise file).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from bot.core.models import Dose
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
    reps: int | None = None
    """A paced set: how many reps, each `rep_seconds` long with `hold_seconds` at the top."""
    rep_seconds: float | None = None
    hold_seconds: float = 0.0

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


def dosed(exercise: Exercise, dose: Dose | None) -> tuple[int, int]:
    """(seconds per hold, reps) for this exercise: the person's choice where it fits the
    prescribed range, else the default."""
    p = exercise.prescription
    hold = p.hold_seconds.default if p.hold_seconds else 0
    reps = p.reps.default
    if dose is None or exercise.style is not Style.HOLD:
        return hold, reps
    wanted = dose.hold_seconds
    if wanted is not None and p.hold_seconds and p.hold_seconds.min <= wanted <= p.hold_seconds.max:
        hold = wanted
    if dose.repeats is not None and p.reps.min <= dose.repeats <= p.reps.max:
        reps = dose.repeats
    return hold, reps


def beat(exercise: Exercise, reps: int) -> str:
    """The written cadence of a paced set: the beat, the hold at the top, the count."""
    p = exercise.prescription
    per_rep = p.seconds_per_rep()
    top = p.hold_seconds.default if p.hold_seconds else 0
    move = max(per_rep - top, 0) / 2
    shape = (
        f"raise {move:g} s, hold {top:g} s at the top, lower {move:g} s"
        if top
        else f"up {move:g} s, down {move:g} s"
    )
    tempo = f" {p.tempo}" if p.tempo else ""
    return f"{reps} reps, one every {per_rep:g} s ({shape}).{tempo} Count each rep: 1, 2, … {reps}."


def _exercise_steps(exercise: Exercise, prepare_seconds: int, dose: Dose | None) -> list[Step]:
    p = exercise.prescription
    sets = p.sets.default
    hold, reps = dosed(exercise, dose)
    steps: list[Step] = []
    sides = _sides(exercise)
    numbered = "\n".join(f"{i}. {line}" for i, line in enumerate(exercise.instructions, 1))
    cautions = "".join(f"\n⚠ {c}" for c in exercise.cautions)
    plan = ""
    if exercise.style is Style.HOLD:
        each = f" each {exercise.side_label}" if p.side is Side.EACH else ""
        plan = f"\nThis session: {reps} × {hold} s{each}."
    for side_no, side in enumerate(sides):
        where = _side_words(exercise, side)
        cue = exercise.side_cues.get(side) if side is not None else None
        if side_no == 0:
            setup = f"\n➜ {cue}" if cue else ""
            steps.append(
                Step(
                    StepKind.PREPARE,
                    f"{exercise.name}{where}: get into position",
                    f"{exercise.describe_dose()}.{plan}{setup}\n{numbered}{cautions}",
                    prepare_seconds,
                    exercise.id,
                    side,
                )
            )
        else:
            setup = f" {cue}" if cue else " Get into position."
            steps.append(
                Step(
                    StepKind.SWITCH,
                    f"Switch sides{where}",
                    f"Now the {side.value if side else 'other'} {exercise.side_label}.{setup}",
                    SWITCH_SECONDS,
                    exercise.id,
                    side,
                )
            )
        for set_no in range(1, sets + 1):
            set_words = f", set {set_no} of {sets}" if sets > 1 else ""
            if exercise.style is Style.REPETITIONS:
                top = p.hold_seconds.default if p.hold_seconds else 0
                steps.append(
                    Step(
                        StepKind.REPS,
                        f"{exercise.name}{where}{set_words}",
                        beat(exercise, reps),
                        reps * p.seconds_per_rep(),
                        exercise.id,
                        side,
                        reps=reps,
                        rep_seconds=p.seconds_per_rep(),
                        hold_seconds=top,
                    )
                )
            else:
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


def build_timeline(
    routine: Routine, exercises: list[Exercise], dose: Dose | None = None
) -> tuple[Step, ...]:
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
        steps.extend(_exercise_steps(exercise, routine.prepare_seconds, dose))
    steps.append(Step(StepKind.FINISH, "Well done!", f"You finished {routine.name}.", None))
    return tuple(steps)


def total_seconds(steps: tuple[Step, ...]) -> float:
    return sum(s.seconds or 0 for s in steps)


def describe_length(seconds: float) -> str:
    minutes = round(seconds / 60)
    return "under a minute" if minutes < 1 else f"about {minutes} min"


DONE_SHARE = 0.5
"""A session counts as completed when at least this share of its timed steps' time was
done (not skipped with Next)."""


def enough_done(steps: tuple[Step, ...], skipped_seconds: float) -> bool:
    total = total_seconds(steps)
    return total <= 0 or total - skipped_seconds >= DONE_SHARE * total
