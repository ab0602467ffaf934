"""Kinds found on blind batches FJ-FM (a mixed clinic Discord, people reporting on someone
else and themselves, European second-language English, jokers), each as a small family.

As in test_round3_kinds: every family holds variants written here, not copied from the
batches, so a fix that only matches the failing sentence fails.
"""

from __future__ import annotations

import pytest

from tests.core.triage.test_round3_kinds import advice


@pytest.mark.parametrize(
    "text",
    [
        # both legs "feel like they've gone to sleep"
        "my husband says both his legs feel like they've gone to sleep since lunch",
        # impacts at sport
        "took a heavy knock in rugby on Sunday, a prop landed right on me, back sore since, 4",
        "got an elbow straight in the back at basketball, hurts to breathe, 4",
        # European words for numb and the bottom; numb skin around the bottom
        "my Po is taub since this morning, both sides, back hurts 4",
        "mi culo is dormido since yesterday, the espalda hurts 5",
        "she does not feel the skin around her bottom since this morning, she has sciatica",
        # a sleeping feeling where you sit; the area a bike seat would sit on
        "a sleeping feeling in the part where you sit since yesterday, back 5",
        "the bit where a bike saddle would go feels numb, back pain too",
        # wiping felt as nothing or like a stranger
        "when I wipe I feel almost nothing, like cotton, back sore",
        # numbness moving on day by day, or past the knee
        "the numb feeling goes from the hip to the knee now and every day more down",
        "the numbness started at my ankle and it's now above my knee, back aches",
        # both legs, then knees that fold
        "both legs have gone wobbly since last night, my knees keep folding, back sore",
        # a fever beside someone else's "all fine now"
        "38.7 and shivering, deep ache low in my back. the kids had flu last week, all fine now",
    ],
)
def test_red_flags_in_european_and_playful_voices(text: str) -> None:
    assert advice(text) == "redflag", text


@pytest.mark.parametrize(
    "text",
    [
        # the sciatica's (possessive) unbearable; "I am at 8"; "impossible to drive"
        "hiya, the sciatica's been unbearable all week, barely out of bed",
        "currently I am at 8, it pulls to the heel",
        "impossible to drive today, the leg pain is too much",
        # someone else's severe pain, "otherwise he is ok"
        "my father cannot walk since yesterday because of the sciatica, he screams. no fall, "
        "otherwise he is ok",
    ],
)
def test_severe_in_these_shapes(text: str) -> None:
    assert advice(text) in {"severe", "redflag"}, text


@pytest.mark.parametrize(
    "text",
    [
        # one leg asleep, positional, or on the toilet
        "my leg is sleeping sometimes when I sit long, only the right one, back 4",
        "my foot goes numb when I sit on the toilet too long with my phone lol, back 1",
        # a cancer history with calm nights
        "had bowel cancer in 2015, in remission. back 3 after the garden, nights are calm",
        # an ellipsis that goes on: fell... asleep, an accident... with the coffee
        "pain 2, and I fell... asleep in the child's pose haha",
        "had an accident... with the printer toner all over my shirt. back fine, 2",
        "in agony... over tomorrow's exam. can I skip today?",
        # a team paralysed, a team that lost, a stabbing scream at the wifi
        "our midfield is paralysed today, no legs at all 😂",
        "Arsenal lost again at home, I'm in absolute agony",
        "the router died and I screamed like I'd been stabbed",
        # someone else's fall checked, grazed knees, their back fine
        "my son fell off his bike, we got him checked, just grazed knees and his back's fine. "
        "me: 3",
        # weight lost after a gastric band
        "my mum's lost 20 kilos since her gastric band, she looks great. back 2",
    ],
)
def test_calm_in_european_and_playful_voices(text: str) -> None:
    assert advice(text) not in {"severe", "redflag"}, text
