"""Kinds found on blind batches CT-CW (a company Slack, second-language English typed on
phones, carers' end-of-shift notes, jokers and jargon), each as a small family.

As in test_round3_kinds: every family holds variants written here, not copied from the
batches, so a fix that only matches the failing sentence fails.
"""

from __future__ import annotations

import pytest

from tests.core.triage.test_round3_kinds import advice, check


@pytest.mark.parametrize(
    "text",
    [
        "I can't tell if I'm going or not when I sit on the loo, back bad since Monday",
        "she can't tell when it's finished when she pees, and her back has been awful",
    ],
)
def test_not_telling_when_peeing_starts_or_ends_is_a_red_flag(text: str) -> None:
    assert advice(text) == "redflag", text


@pytest.mark.parametrize(
    "text",
    [
        "my jeans were wet and I didn't even know, never happened before, back 6",
        "skirt got damp at work and I did not notice, this is new. back aching",
        "I push push at the toilet and the wee don't come out, back hurts since yesterday",
        "mi cyaan hol mi wata an mi back a hurt bad",
    ],
)
def test_leaks_and_retention_in_more_words_are_red_flags(text: str) -> None:
    check(text, "redflag")


@pytest.mark.parametrize(
    "text",
    [
        "both my feet feel like I'm wearing two pairs of socks, back sore",
        "my legs feel like I walk in thick woolly socks, both of them, since Sunday",
        "down there is sleeping since this morning, back pain",
        "both hamstrings feel like jelly and won't hold me since the gym, back tight",
    ],
)
def test_numb_or_weak_legs_and_saddle_by_likeness_are_red_flags(text: str) -> None:
    check(text, "redflag")


@pytest.mark.parametrize(
    "text",
    [
        "when I wash dad's privates he doesn't react at all now, his back has been bad",
        "grandad went over on the ice yesterday, now his back hurts",
        "my weight went down a lot, 5 kilos, not dieting, back hurts every day",
    ],
)
def test_carers_and_second_language_red_flags_in_more_words(text: str) -> None:
    assert advice(text) == "redflag", text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the pain is unbearable... said no one ever about these stretches. a 1 today", "mild"),
        ("this curry was so painful lol, mouth on fire. back fine", "none"),
        ("the gas bill is excruciating, I nearly cried", "none"),
        ("dad is over the worst of it now, down to a 2", "mild"),
        ("I can't even move house till spring, ugh. back's a 2", "mild"),
    ],
)
def test_jokes_food_bills_and_recovery_are_not_severe(text: str, expected: str) -> None:
    assert advice(text) not in {"severe", "redflag"}, text
    assert advice(text) in {expected, "none", "moderate"}, text


@pytest.mark.parametrize(
    "text",
    [
        "cant move out of bed this morning, back seized",
        "I can't turn over in bed without screaming",
    ],
)
def test_moving_out_of_bed_is_not_moving_house(text: str) -> None:
    check(text, "severe")


@pytest.mark.parametrize(
    "text",
    [
        "fell off my bike at 30, long healed. back is a 5 today from gardening",
        "car crash aged 22, all fine since, back 4 now",
    ],
)
def test_an_accident_dated_by_an_age_is_history(text: str) -> None:
    assert advice(text) in {"moderate", "ask"}, text


@pytest.mark.parametrize(
    "text", ["I fell at 11 this morning, back hurts", "I fell at 11, back hurts"]
)
def test_an_hour_is_not_an_age(text: str) -> None:
    check(text, "redflag")
