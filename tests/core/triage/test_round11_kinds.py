"""Kinds found on blind batches DJ-DM (people at work and at home, second-language English,
carers on what they noticed, jokers, shorthand and stoics), each as a small family.

As in test_round3_kinds: every family holds variants written here, not copied from the
batches, so a fix that only matches the failing sentence fails.
"""

from __future__ import annotations

import pytest

from tests.core.triage.test_round3_kinds import advice, check


@pytest.mark.parametrize(
    "text",
    [
        "I eat the same as ever but the scale shows minus 5 kg since spring, back aching",
        "he's gone from 80 to 71kg in two months, eating normally, keeps rubbing his back",
    ],
)
def test_weight_loss_told_by_the_scale_is_a_red_flag(text: str) -> None:
    assert advice(text) == "redflag", text


@pytest.mark.parametrize(
    "text",
    [
        "can't feel a thing round my bum. back gone. help",
        "a resident pushed me backwards into the door frame, took it across the lower back",
        "in and out of the toilet all day, nothing's coming though I'm bursting, back sore",
        "resident slid out of her chair onto floor last night, sore back today",
        "reduced perineal sensation since this morning, LBP 6",
    ],
)
def test_red_flags_in_terse_shorthand_and_carer_words(text: str) -> None:
    assert advice(text) == "redflag", text


@pytest.mark.parametrize(
    "text",
    [
        "took tablets and nothing, the pain stays in 8",
        "every time I move my back spasms so badly I nearly pass out",
    ],
)
def test_severe_pain_in_more_words(text: str) -> None:
    check(text, "severe")


@pytest.mark.parametrize(
    "text",
    [
        "pt: mild LBP 2/10, afebrile, no saddle anaesthesia, continent",
        "nothing like the time I came off the bike back in 09, back's a 3 today",
        "I have football fever, the final is tonight! stretch later",
        "had a water infection with a temperature in May, all sorted now. back 2",
        "the nursery fees going up is excruciating",
        "my toddler had an accident on the sofa mid-stretch lol",
        "worst penalty call I have ever seen, ref needs glasses",
        "I'm completely wiped out after nights, not a pain thing",
        "I couldn't concentrate in the match, it was unbearable, we lost 4-0. back fine",
    ],
)
def test_calm_messages_with_alarm_words_are_not_alarms(text: str) -> None:
    assert advice(text) not in {"redflag", "severe"}, text
