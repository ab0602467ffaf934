"""Kinds found on blind batches CX-DA (everyday regional English, second-language
translation phrasing, older adults and their families, teens and twenties), each as a small
family.

As in test_round3_kinds: every family holds variants written here, not copied from the
batches, so a fix that only matches the failing sentence fails.
"""

from __future__ import annotations

import pytest

from tests.core.triage.test_round3_kinds import advice, check


@pytest.mark.parametrize(
    "text",
    [
        "the private zone has no feeling since morning, like touching through a glove",
        "inner side of my thighs and down there feel numb, back aching",
        "I cannot feel when the urine is flowing, I must look to know if it is finished",
        "I stand in the toilet long time and the water does not come out, back stiff",
    ],
)
def test_saddle_and_bladder_in_translated_words_are_red_flags(text: str) -> None:
    check(text, "redflag")


@pytest.mark.parametrize(
    "text",
    [
        "both my legs are like wooden logs, I feel nothing below the knees, back hurts",
        "my mother's two legs folded under her when she stood, back pain for weeks",
        "the numbness in my foot is climbing up towards the knee, sciatica side",
        "the weakness in my left leg is bigger than last week, I can't press the clutch",
    ],
)
def test_legs_by_likeness_and_spreading_weakness_are_red_flags(text: str) -> None:
    assert advice(text) == "redflag", text


@pytest.mark.parametrize(
    "text",
    [
        "crashed my scooter on the way to uni, back hurts",
        "binned my motorbike on the roundabout this morning, lower back sore",
    ],
)
def test_a_crash_told_by_the_vehicle_is_a_red_flag(text: str) -> None:
    check(text, "redflag")


def test_someone_elses_cancer_history_with_pain_every_night_is_a_red_flag() -> None:
    text = "mum had breast cancer years ago, now her back pain is keeping her up every single night"
    assert advice(text) == "redflag"


@pytest.mark.parametrize(
    "text",
    [
        "the pain is more than I can bear, the tablets don't touch it",
        "I can't put my foot on the floor from the pain",
        "I cannot turn in the bed, the pain is too much",
        "unbearable is an understatement, it shoots down to my toes",
    ],
)
def test_severe_pain_in_more_words(text: str) -> None:
    check(text, "severe")


def test_someone_else_fine_otherwise_is_still_in_severe_pain() -> None:
    text = (
        "my uncle has awful sciatica, he says 9, he can't get out of the car. he's fine otherwise"
    )
    assert advice(text) == "severe"


@pytest.mark.parametrize(
    "text",
    [
        "legs were tingling yesterday after the long drive but it went after a walk. back 4",
        "what if I lose feeling down there? my aunt had that and ended up in hospital. I'm a 2",
        "Spurs were painful to watch again. worst finishing ever",
        "it's 40 degrees outside and my flat has no air con, I'm melting",
        "my sciatica came back last week, 3/10 today",
    ],
)
def test_calm_messages_with_alarm_words_are_not_alarms(text: str) -> None:
    assert advice(text) not in {"redflag", "severe"}, text


def test_sensation_that_came_back_is_over_but_sciatica_that_came_back_is_not() -> None:
    assert advice("I can't feel it when I pee since my sciatica came back") == "redflag"
