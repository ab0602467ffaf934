"""Kinds found on blind batches CP-CS (a week of everyone, second-language English, care
staff on what they noticed, minimisers and euphemism), each as a small family.

As in test_round3_kinds: every family holds variants written here, not copied from the
batches, so a fix that only matches the failing sentence fails.
"""

from __future__ import annotations

import pytest

from tests.core.triage.test_round3_kinds import advice, check


@pytest.mark.parametrize(
    "text",
    [
        "I try to make pee and nothing happen, long time. back very painful since Monday",
        "can't empty properly any more and I've stopped feeling the urge to go, back sore",
        "he hasn't passed any urine since last night and his back is bad",
        "she's never needed pads before but this week she has, since her back went",
    ],
)
def test_retention_and_new_leaking_in_more_words_are_red_flags(text: str) -> None:
    check(text, "redflag")


@pytest.mark.parametrize(
    "text",
    [
        "found dad lying on the kitchen floor this morning, now his back hurts",
        "we found her on the bathroom floor at 6, she complains of her lower back",
        "the airbags went off when the van hit us, back aching since",
        "I ploughed into the back of a bus this morning, lower back stiff",
    ],
)
def test_a_fall_found_afterwards_or_a_crash_told_by_its_marks_is_a_red_flag(text: str) -> None:
    assert advice(text) == "redflag", text


@pytest.mark.parametrize(
    "text",
    [
        "pin and needle in both my legs since this morning",
        "pins & needle in 2 legs at same time, back pain",
    ],
)
def test_pins_and_needles_in_any_spelling_is_tingling(text: str) -> None:
    check(text, "redflag")


@pytest.mark.parametrize(
    "text",
    [
        "my husband can't feel the shower water round his bottom, back bad this week",
        "she says she cannot feel the towel between her legs when drying, back sore",
        "things in the nether regions feel numb since my back went",
    ],
)
def test_saddle_numbness_noticed_by_touch_or_told_by_euphemism(text: str) -> None:
    check(text, "redflag")


def test_legs_described_at_length_before_they_give_way() -> None:
    check("both my legs are trembling and feel like they will not hold me up, back 6", "redflag")


@pytest.mark.parametrize(
    "text",
    [
        "the fever went a few days ago, back still aches, maybe 4",
        "temperature back to normal now after the flu, back is a 3",
        "had a bug with a temp last week, totally over it now, back 2",
        "fever finish now, back pain 3",
    ],
)
def test_a_fever_over_in_yet_more_words_is_not_an_emergency(text: str) -> None:
    assert advice(text) in {"mild", "moderate", "ask"}, text


@pytest.mark.parametrize(
    "text",
    [
        "cant pee at all, back went yesterday",
        "my back went on Tuesday and now I can't feel when I wee",
    ],
)
def test_a_back_that_went_is_not_a_fever_that_went(text: str) -> None:
    check(text, "redflag")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Yesterday it was a 2, today jumped to 8", "severe"),
        ("this morning 3 but now gone to 7", "severe"),
        ("day 2 of this flare, worst yet, 8/10. legs normal, peeing normal", "severe"),
        ("week 3 of the programme, back is a 2", "mild"),
    ],
)
def test_a_score_moved_to_and_a_day_number_are_read_right(text: str, expected: str) -> None:
    check(text, expected)


def test_before_as_a_conjunction_does_not_date_the_pain() -> None:
    check("can't walk more than 50 metres before the pain stops me. no other symptoms", "severe")


@pytest.mark.parametrize(
    "text",
    [
        "this back pain is worse than giving birth",
        "two labours and this hurts more than either of them",
        "worse than when I had kidney stones, honestly",
    ],
)
def test_pain_worse_than_famously_severe_pain_is_severe(text: str) -> None:
    assert advice(text) == "severe", text


@pytest.mark.parametrize(
    "text",
    [
        "this deadline is killing me, can't concentrate on anything",
        "we lost the final and I sobbed, proper tears",
        "big fall at the weekend: fell off the wagon and ate a whole pizza",
        "how do I wipe my history?",
    ],
)
def test_everyday_words_from_the_red_flag_and_severe_lists_stay_calm(text: str) -> None:
    assert advice(text) == "none", text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "dad can't stand unaided since his stroke, nothing to do with his back, which is a 2",
            {"mild", "none"},
        ),
        (
            "I can't walk today but it's nothing to do with my back, I broke a toe. back 1",
            {"mild", "none"},
        ),
        ("I can't walk, and it's not my back, it's my knee", {"severe"}),
    ],
)
def test_strong_words_said_to_be_unrelated_to_the_back(text: str, expected: set[str]) -> None:
    assert advice(text) in expected, text
