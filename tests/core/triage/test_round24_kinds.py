"""Kinds found on blind batches FN-FQ (a workplace Slack, family writing for someone who
cannot type, African and Latin American English, short replies and long diaries), each as
a small family.

As in test_round3_kinds: every family holds variants written here, not copied from the
batches, so a fix that only matches the failing sentence fails.
"""

from __future__ import annotations

import pytest

from tests.core.triage.test_round3_kinds import advice


@pytest.mark.parametrize(
    "text",
    [
        # someone else's fever after surgery with a sore back wound
        "husband is 4 days after his spinal op, back incision painful and temp 38.6",
        # a numbness likened to an injection "half worn off", still there
        "my bum and inner thighs feel like the dentist's injection half worn off, still like "
        "that now, back 5",
        # the back passage not closing
        "since this flare my bottom doesn't seem to close properly, keep changing my pants",
    ],
)
def test_red_flags_in_diaries_and_for_others(text: str) -> None:
    assert advice(text) == "redflag", text


@pytest.mark.parametrize(
    "text",
    [
        # a likeness is not a thing named: the strong word is still pain
        "burning from my hip to my ankle like a hot wire, excruciating, had to stop the van",
        # a score change told with an arrow
        "3 yesterday -> 8 today, can barely sit",
    ],
)
def test_severe_in_likenesses_and_arrows(text: str) -> None:
    assert advice(text) in {"severe", "redflag"}, text


@pytest.mark.parametrize(
    "text",
    [
        "the most painful thing this week was the quarterly review, back's a 2",
        "pure torture sitting through four hours of induction. back 3 from the chairs",
        "it's killing me not being able to visit Dad in hospital. my back's ok",
        "had prostate cancer in 2012, all clear. my back only hurts when I sit long, when I "
        "rest it goes",
        "I'm hot today, I mean I'm fuming, not a temperature! landlord again. back 4",
        "had flu with a proper fever last week, no temperature at all since Tuesday. back 4",
    ],
)
def test_calm_when_the_strong_word_is_elsewhere_or_over(text: str) -> None:
    assert advice(text) not in {"severe", "redflag"}, text
