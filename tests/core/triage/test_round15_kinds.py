"""Kinds found on blind batches ED-EG (plain Slack and Discord, second-language
comparisons, people who live with or look after someone, rambles, jargon and euphemism),
each as a small family.

As in test_round3_kinds: every family holds variants written here, not copied from the
batches, so a fix that only matches the failing sentence fails.
"""

from __future__ import annotations

import pytest

from tests.core.triage.test_round3_kinds import advice, check


@pytest.mark.parametrize(
    "text",
    [
        "both feet feel like wearing thick socks since this morning, stairs are hard",
        "since yesterday my two feet are like the feet of someone else, back aching",
        "trousers all too big now, I did not try to lose weight, 5 kilo gone, back hurts",
        "I wasn't trying to lose any weight but 4 kg gone since summer, back aches daily",
        "RN here, LBP since Monday, 8 hrs without voiding and I can't initiate",
        "stains in my underwear twice this week and I didn't notice it happening, back bad",
        "his family jewels have gone numb since he hurt his back, he thinks it's funny",
        "my wife (who wouldn't see a GP if her arm fell off) says her lady garden is numb",
        "asking about my mum - progressive weakness in her right foot, worse this week, LBP",
        "had breast cancer in 2019, all clear, but now lying in bed is not better and at "
        "night it is the worst",
        "what's not normal is I've been trying to pee for an hour and nothing comes, back "
        "aching as usual",
    ],
)
def test_red_flags_in_new_words(text: str) -> None:
    assert advice(text) == "redflag", text


@pytest.mark.parametrize(
    "text",
    [
        "my back has officially given up on me. 9/10 would not recommend",
        "10/10 would not recommend this sciatica",
    ],
)
def test_a_review_of_the_back_itself_is_a_score(text: str) -> None:
    assert advice(text) in {"severe", "redflag"}, text


@pytest.mark.parametrize(
    "text",
    [
        "the new noodle bar: 10/10 would recommend. back's a 2",
        "10 out of 10 would do the cat stretch again. pain down to a 2",
        "before cannot bend to put socks, now can. small pain 2",
        "pain medium today, I can walk but cannot sit in the car for long",
        "that killer hamstring stretch made my bum so sore haha, back only a 2",
    ],
)
def test_calm_messages_with_strong_words_are_not_alarms(text: str) -> None:
    assert advice(text) in {"none", "mild", "moderate"}, text


def test_before_as_a_conjunction_still_reads_the_score_now() -> None:
    check("I walk a few steps before I cannot go on, pain 8", "severe")
