"""Kinds found on blind batches ET-EW (pidgin, creole and second-language English typed
on phones; carers among other people's health news; a teen gaming Discord; check-in
answers in few words and odd formats), each as a small family.

As in test_round3_kinds: every family holds variants written here, not copied from the
batches, so a fix that only matches the failing sentence fails.
"""

from __future__ import annotations

import pytest

from tests.core.triage.test_round3_kinds import advice


@pytest.mark.parametrize(
    "text",
    [
        # Pidgin and Tagalog words for the bottom, for pee, for going numb; "X ko" is "my X"
        "since yesterday my nyash don dey numb and my back dey pain",
        "my mama cannot hold her wiwi since morning, e just dey come. her back dey pain",
        "yung paa ko both namamanhid since kagabi, back pain din",
        # a plain-form fall on the stairs
        "i fall for staircase for office on monday, since then waist pain no gree stop",
        # numbness creeping up, said with "now is until"
        "first only my toes was numb, now is until the knee, back pain 5",
        # soiling or leaking into clothes
        "I messed in my pants on the bus and honestly didn't feel it happen, back is awful",
        "been dribbling into my boxers since Saturday, never had that before, back 6",
        # a bladder "not working", waiting at the toilet
        "back 6. and my waterworks are just not working, stood at the loo ten minutes waiting",
        # weakness worse day on day
        "my foot drags when I walk and it's weaker every day, back sore",
        # typed a word per line
        "both feet\nnumb\nsince lunch",
        # cancer with night pain and rest pain in other words
        "my dad had lung cancer before, now his back pain is there the whole night and it "
        "does not go when he rests",
    ],
)
def test_red_flags_in_more_words(text: str) -> None:
    assert advice(text) == "redflag", text


@pytest.mark.parametrize(
    "text",
    [
        # a fall someone refuses to have checked, with back pain after it
        "Dad slipped on the patio on Sunday. He says he's fine but keeps rubbing his lower "
        "back and grimacing. He won't see a doctor.",
    ],
)
def test_someone_elses_fall_not_checked_stays_a_red_flag(text: str) -> None:
    assert advice(text) == "redflag", text


@pytest.mark.parametrize(
    "text",
    [
        # a score taken back upwards
        "4, no actually more like 8, I was downplaying it",
        "maybe 5... wait, make that 7",
        # "worst day of my sciatica ever" is pain, not a figure about a day
        "honestly this is the worst week of my back ever, electric shocks all day",
    ],
)
def test_severe_said_by_correcting_or_comparing(text: str) -> None:
    assert advice(text) in {"severe", "redflag"}, text


@pytest.mark.parametrize(
    "text",
    [
        # which end of the scale
        "is 0 the best or the worst on your scale?",
        # a mark for a test, a person as a pain in the neck
        "got an 8 on my chemistry test today!! back's alright",
        "my flatmate is a 10/10 pain in the neck, back is fine though",
        # someone else's fall checked by staff, a limb bruised; the writer's usual sciatica
        "Gran had a fall at the home yesterday, grazed her elbow, the nurses checked her over "
        "and she's fine. My usual sciatica is a 5 today.",
        # someone else's crash, unhurt
        "my brother crashed his car on Friday but walked away without a scratch. me: back 3",
        # happy tears
        "tears of joy today, my sister's scan was all clear! back's a 2",
        # someone else's cancer news, their radiotherapy, the writer's own back
        "my colleague told me her cancer has come back, I'm gutted. my back is about a 3",
        # weight lost on a prescribed drug or after a stroke
        "Mum's lost a stone since her stroke, the dietitian is sorting it. my back's a 4",
        # "wetin" is Pidgin for "what", not "wet"
        "wetin be the way to pause reminder for weekend?",
    ],
)
def test_calm_with_news_numbers_and_questions(text: str) -> None:
    assert advice(text) not in {"severe", "redflag"}, text
