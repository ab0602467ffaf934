"""Kinds found on blind batches EX-FA (older adults on tablets, manual workers, second-
language English from East Asia, Eastern Europe, Turkey and Iran, and a chronic-pain peer
community), each as a small family.

As in test_round3_kinds: every family holds variants written here, not copied from the
batches, so a fix that only matches the failing sentence fails.
"""

from __future__ import annotations

import pytest

from tests.core.triage.test_round3_kinds import advice


@pytest.mark.parametrize(
    "text",
    [
        # slang for the genitals and for peeing
        "can't feel my junk when I go for a slash, back's been wrecked since Friday",
        # not feeling oneself pass urine
        "odd one: I can't feel myself peeing any more, only know from the sound. back 4",
        # numbness climbing day by day, from the big toe
        "numb started in only the big toe, now the whole leg, and each day it goes higher",
        # a fever with new back pain, beside a "spoons at zero" gauge
        "spoons at zero. had the sweats all night and the thermometer says 39.2, and my back "
        "is a new deep kind of pain",
        # weight lost "since summer, nobody knows why", with stretching plans later
        "my nan has lost 7 kilos since spring and no one knows why, her back aches. We want "
        "to try some stretches with her",
    ],
)
def test_red_flags_in_slang_and_long_posts(text: str) -> None:
    assert advice(text) == "redflag", text


@pytest.mark.parametrize(
    "text",
    [
        # a scale answer with an oath, a describing word, a relentless number
        "on a scale of 1-10 it's a bloody 10",
        "it's a brutal 9 and it won't budge",
        # "this flare is the worst I've ever had": the flare is the subject
        "this flare-up is the worst I've had since my surgery",
    ],
)
def test_severe_with_oaths_and_describing_words(text: str) -> None:
    assert advice(text) in {"severe", "redflag"}, text


@pytest.mark.parametrize(
    "text",
    [
        # a clinician's case at work, the writer's own back mild
        "we had a patient in yesterday with cauda equina, scary stuff. my back's a 2 from "
        "the hoist",
        # money, crawling ants, spicy food, an anniversary, a question about the app
        "the car repair bill is crippling me financially, back's fine",
        "a crawling feeling like ants in my left calf when I sit, same for years, back 4",
        "the kimchi stew was so spicy I was crying, can I stretch after dinner?",
        "two years ago today I was on the floor unable to move. today? a 1. it gets better",
        "why does the bot ask about numbness? I have none, just wondering",
        # a doctor's advice quoted with "between my legs"
        "my GP said if I ever go numb between my legs or can't wee, go to A&E. right now just "
        "my usual 3",
        # reassurance in other words
        "if my bladder went funny would that be my back? asking for a quiz. mine's a 2 and "
        "everything down there works as it should",
        # a slip with a wet rung, caught
        "slipped on a wet step on the ladder but grabbed the rail, didn't fall. back 2",
        # weight lost by cutting something out
        "dropped 4 kilos since I quit eating takeaways, back's a 3",
    ],
)
def test_calm_in_these_voices(text: str) -> None:
    assert advice(text) not in {"severe", "redflag"}, text
