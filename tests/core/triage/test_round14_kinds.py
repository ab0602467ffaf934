"""Kinds found on blind batches DZ-EC (a running club's Discord, second and third
languages, care staff and family, stoics and jokers), each as a small family.

As in test_round3_kinds: every family holds variants written here, not copied from the
batches, so a fix that only matches the failing sentence fails.
"""

from __future__ import annotations

import pytest

from tests.core.triage.test_round3_kinds import advice, check


@pytest.mark.parametrize(
    "text",
    [
        # settling words that are themselves denied settle nothing
        "legs wobbly and numb from the knees down, and not just tired legs from the gym",
        # retention told by waiting
        "went to the loo for a wee, I wait and wait and nothing is coming, back is bad",
        # wiping told by likeness
        "wiping feels like touching a stranger's skin, numb, since the sciatica came back",
        "when I wipe it feels like the dentist injection down there, back sore",
        # both legs told by what they do
        "both of his legs keep giving way when he stands, back pain all week",
        "both my legs have gone heavy and tingly from the knees, back is a 4",
        "Dad says neither of his legs will hold him this morning, bad back",
        "my right leg has joined my left leg in going numb, lovely. back's same as ever",
        # cancer with pain worse in bed
        "had bowel cancer in 2020; now the back is worse in bed and I can't lie flat at night",
    ],
)
def test_red_flags_in_new_words(text: str) -> None:
    assert advice(text) == "redflag", text


@pytest.mark.parametrize(
    "text",
    [
        "can't make it to the kitchen without grabbing the furniture, back is next level",
        "usually my back's a 2, but since Monday it's honestly a 9",
        "8 again.",
    ],
)
def test_severe_in_new_words(text: str) -> None:
    assert advice(text) in {"severe", "redflag"}, text


@pytest.mark.parametrize(
    "text",
    [
        "I'm dying (of laughter, at my own downward dog). back only a touch sore",
        "would the bot call an ambulance if someone said they'd lost feeling in the groin? "
        "asking for the club FAQ, I'm fine",
        "the taxi driver drove like crazy, I thought we would crash. we didn't. ready to go",
        "the curry was 10 out of 10, would burn my tongue again",
        "Is 7 severe or moderate? mine's a 5 most days",
        "is a 6 moderate or severe? because mine is a 6 when I stand up",
        "electrician here, achy from crawling round lofts all day, 3",
        "I'm crying. Not from pain, from the price of train tickets.",
        "thought my legs had gone numb but it was only the cold. warmed up and they're fine."
        " back's a 2",
    ],
)
def test_calm_messages_with_strong_words_are_not_alarms(text: str) -> None:
    assert advice(text) in {"none", "mild", "moderate"}, text


def test_rating_the_back_pain_itself_is_not_a_thing_rated() -> None:
    check("rating my back pain: 9/10, would not book again", "severe")
    check("my spine lit up when I sneezed. 8 out of 10, would not recommend", "severe")
