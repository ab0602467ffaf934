"""Kinds found on blind batches DF-DI (a random week of members, literal translations,
carers on what they observed, buried facts and cryptic one-liners), each as a small family.

As in test_round3_kinds: every family holds variants written here, not copied from the
batches, so a fix that only matches the failing sentence fails.
"""

from __future__ import annotations

import pytest

from tests.core.triage.test_round3_kinds import advice, check


@pytest.mark.parametrize(
    "text",
    [
        "patient unable to initiate micturition since this morning, known disc, back 6",
        "I couldn't get a wee going at all though I was bursting, back bad since Sunday",
        "keep needing to pee but barely anything comes out, new, back 5",
        "when I go to the loo it escapes from me before I get there, never before, back 3",
        "I made in my pants today without feeling it, back hurts",
    ],
)
def test_bladder_and_bowel_in_clinical_and_translated_words(text: str) -> None:
    check(text, "redflag")


@pytest.mark.parametrize(
    "text",
    [
        "dad went over off the step ladder last night and now his back hurts",
        "got flattened by a forward at training, back sore since",
        "both my legs are like made from cotton and I nearly fell twice, back 6",
        "my two legs have become khab and there is no power, back hurts",
        "both legs tingling and no strength now. back pain",
    ],
)
def test_falls_and_legs_in_more_words_are_red_flags(text: str) -> None:
    assert advice(text) == "redflag", text


def test_cancer_history_with_pain_even_lying_flat_is_a_red_flag() -> None:
    check(
        "breast ca treated 2018. back pain 5 weeks, no position helps, even flat in bed", "redflag"
    )


def test_someone_elses_fever_with_a_bad_back_is_a_red_flag() -> None:
    assert advice("husband has a temp of 38.9 and a bad back, skip tonight?") == "redflag"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("on a scale of 0 to 10 my back is an easy 12", "severe"),
        ("can only hobble a few steps before the pain stops me in my tracks", "severe"),
        ("ouch ouch ouch 8", "severe"),
    ],
)
def test_severe_pain_told_off_the_scale_or_in_steps(text: str, expected: str) -> None:
    check(text, expected)


@pytest.mark.parametrize(
    "text",
    [
        "it's so humid in this office I can't stand it, can I stretch later?",
        "my tax return is killing me lol",
        "my aunt loves the agony aunt page, her back's a 1",
        "we booked a falls prevention class for mum, her back's fine",
        "it's 41 degrees in this city, everyone has fever from the heat lol",
        "my team is bottom of the league, dead and buried. back a 4",
        "no tingling (numb) in legs, no pee problems, back 2",
        "had flu with a fever, it finished 4 days ago. back 3",
        "Hypothetically, say one day my legs went numb, what then? I'm a 2 now",
    ],
)
def test_calm_messages_with_alarm_words_are_not_alarms(text: str) -> None:
    assert advice(text) not in {"redflag", "severe"}, text


def test_a_nephew_who_passed_his_test_does_not_end_ones_own_retention() -> None:
    text = (
        "back bad all week. today I stood at the toilet for ages and nothing would come out "
        "though I was bursting, never happened before. my nephew passed his driving test!"
    )
    assert advice(text) == "redflag"
