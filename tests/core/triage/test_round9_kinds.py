"""Kinds found on blind batches DB-DE (a community Discord, indirect second-language
wording, people who saw it happen, minimisers and euphemism), each as a small family.

As in test_round3_kinds: every family holds variants written here, not copied from the
batches, so a fix that only matches the failing sentence fails.
"""

from __future__ import annotations

import pytest

from tests.core.triage.test_round3_kinds import advice, check


@pytest.mark.parametrize(
    "text",
    [
        "after the ride my whole undercarriage went to sleep and hasn't woken up, back sore",
        "ants walking all round my private area since yesterday, back 4",
        "when I wash myself after the toilet I feel nothing, back pain since the weekend",
    ],
)
def test_saddle_numbness_told_as_sleep_ants_or_washing(text: str) -> None:
    check(text, "redflag")


@pytest.mark.parametrize(
    "text",
    [
        "my dad cannot keep the water inside since Monday, his back is bad",
        "a few drops of urine come out when I cough now, never before, back 5",
        "the feeling that I need to wee has gone, I go by the clock now, back hurting",
        "the poo came out by itself in the night, I am a grown man, back very painful",
        "found my pants soiled twice this week and didn't feel it, back went on Friday",
        "I'm not getting the warning for a number two any more, back bad since Tuesday",
    ],
)
def test_bladder_and_bowel_told_indirectly_are_red_flags(text: str) -> None:
    assert advice(text) == "redflag", text


@pytest.mark.parametrize(
    "text",
    [
        "both legs are like wet paper today, I need the wall to walk, back aching",
        "my legs have gone to jelly since this morning, back hurts",
        "neither of my legs feels like my own, back bad",
        "my knees keep giving way, both of them, since the back went. I'm fine I'm fine",
    ],
)
def test_both_legs_by_likeness_or_waved_away_are_red_flags(text: str) -> None:
    assert advice(text) == "redflag", text


def test_a_dogs_legs_are_not_the_writers() -> None:
    assert advice("the cat's back legs went wobbly, vet says it's her hips. my back's a 2") != (
        "redflag"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("it's the worst it's been and I've had it since 2015", "severe"),
        ("two kids without pain relief and this sciatica is worse", "severe"),
        ("he hasn't managed to get out of his chair all day for the pain", "severe"),
        ("it's fairly awful, like a 6, but I can still work", "moderate"),
    ],
)
def test_severity_in_understatement_and_comparison(text: str, expected: str) -> None:
    check(text, expected)


@pytest.mark.parametrize(
    "text",
    [
        "the crying-in-the-shower weeks are behind me now, 2 today",
        "mum's back was agony last month but she's improved, 2/10 now",
        "our sprint planning was pure agony",
        "had bowel cancer in 2016, cured. back a bit stiff, 2, I sleep well at night",
        "lost 4 kilos fasting for Ramadan, planned it. back 2",
        "what happens if someone tells you they have bladder problems? do you send them to A&E?",
    ],
)
def test_past_figures_and_questions_are_not_alarms(text: str) -> None:
    assert advice(text) not in {"severe", "redflag"}, text


def test_fever_with_pain_gone_deep_is_a_red_flag() -> None:
    assert advice(
        "temperature keeps spiking and the back pain has gone deep, man flu probably"
    ) == ("redflag")


def test_an_old_fall_dated_years_ago_is_history_despite_pain_today() -> None:
    text = "broke my tailbone falling off a horse at 15, healed years ago. today my back is 2"
    assert advice(text) in {"mild", "ask"}
