"""Expanding a routine into steps: sides, sets, reps with tempo, holds, rests, finish."""

from __future__ import annotations

from bot.core.routines import load_library
from bot.core.sessions.timeline import StepKind, build_timeline, total_seconds


def starter_steps():  # type: ignore[no-untyped-def]
    library = load_library()
    routine = library.routines["low-back-starter"]
    return build_timeline(routine, library.exercises_of(routine))


def test_the_starter_opens_with_an_intro_and_ends_with_an_untimed_finish() -> None:
    steps = starter_steps()
    assert steps[0].kind is StepKind.INTRO
    assert steps[-1].kind is StepKind.FINISH and steps[-1].seconds is None
    assert all(s.timed for s in steps[:-1])


def test_clam_is_two_sets_of_twenty_on_each_leg_with_a_tempo_cue() -> None:
    reps = [s for s in starter_steps() if s.exercise_id == "clam" and s.kind is StepKind.REPS]
    assert [(s.side.value if s.side else None) for s in reps] == ["left", "left", "right", "right"]
    assert all("20 reps" in s.text and "hold 2 seconds" in s.text for s in reps)
    assert all(s.seconds == 80 for s in reps)  # 20 reps at 4 s each


def test_glutes_stretch_holds_thirty_seconds_three_times_per_leg() -> None:
    holds = [s for s in starter_steps() if s.kind is StepKind.HOLD]
    assert len(holds) == 6
    assert {s.seconds for s in holds} == {30}
    assert [s.side.value for s in holds if s.side] == ["left"] * 3 + ["right"] * 3


def test_sides_are_switched_once_per_exercise_and_instructions_come_first() -> None:
    steps = starter_steps()
    assert [s.exercise_id for s in steps if s.kind is StepKind.SWITCH] == [
        "clam",
        "lying-glutes-stretch",
    ]
    prepare = [s for s in steps if s.kind is StepKind.PREPARE]
    assert len(prepare) == 2
    assert "Slowly raise the top knee" in prepare[0].text


def test_rests_separate_sets_and_holds() -> None:
    kinds = [s.kind for s in starter_steps()]
    assert kinds.count(StepKind.REST) == 2 + 4  # between clam sets, between glute holds
    assert total_seconds(starter_steps()) == 660
