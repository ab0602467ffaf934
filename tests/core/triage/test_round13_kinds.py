"""Kinds found on blind batches DR-DY (clinic Discord, indirect second-language wording,
carers, company Slack, older adults, machine-translated English, parents, teenagers and
manual workers), each as a small family, and the fail-safe net of cue words.

As in test_round3_kinds: every family holds variants written here, not copied from the
batches, so a fix that only matches the failing sentence fails.
"""

from __future__ import annotations

import pytest

from bot.core.triage.assess import assess_text
from tests.core.triage.test_round3_kinds import advice, check

# --- the fail-safe net: a cue word near a red flag, with back pain, is asked about -------


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        # words no red-flag rule reads, each beside back pain
        ("one of the puddles on the kitchen floor was mine, back aching all week", "bladder_bowel"),
        ("my knickers were soggy again after the school run, back's a 5", "bladder_bowel"),
        ("the scales keep dropping, back still grumbling at a 4", "weight"),
        ("down 5 kilos since August somehow, back sore most days", "weight"),
        ("got a hip check into the boards on Sunday, back's been tight since", "fall_injury"),
        ("my legs and both feet feel odd today, back is a 5", "sensation"),
        ("running hot since last night and the back aches, 4", "fever_unwell"),
        ("the hospital is checking a lump in my breast, back sore most days, 4", "cancer_night"),
    ],
)
def test_a_cue_word_beside_back_pain_asks_its_topic(text: str, topic: str) -> None:
    got = assess_text(text)
    assert got.level.value == "redflag" or topic in got.follow_up, (text, got.follow_up)


@pytest.mark.parametrize(
    "text",
    [
        # the same words in their everyday senses ask nothing
        "walked home in the wet weather, back's a 2",
        "on a scale of 1 to my inbox, the back's a 3",
        "hit a 100kg deadlift PR today, back fine, 1",
        "my dog's back legs went wobbly, the vet says arthritis. my back's a 2",
        "the database keeps crashing and my back is a 4 from hunching over it",
        "back feels lovely and loose after the session, barely a 1",
        "sat in the call centre all night, back's tired, 2",
        "thanks bro that stretch slapped",
        "feel like I got run over by a bus after the team offsite lol, back's a 3",
    ],
)
def test_cue_words_in_their_everyday_sense_ask_nothing(text: str) -> None:
    assert advice(text) in {"none", "mild", "moderate"}, text


# --- red flags in new words ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "my wife's place for sitting is asleep since Sunday, she can't feel it, back bad",
        "tingling and dead around my seat since last night, back flared",
        "his privates feel numb since the back went, he won't see anyone",
        "my bottom and the inside of my legs feel asleep and it won't wear off, back hurts",
        "my bottom and the inner thighs have gone numb since yesterday, back sore",
        "tried to pee and just... nothing, back's been bad all week",
        "I need to urinate but it won't come out, back pain 5",
        "I strain and strain and only a trickle, back aching",
        "I can't tell when I've peed until I see the wet patch, since my back went",
        "when passing water I have no feeling of it now, back pain 4",
        "stood at the toilet for ages and couldn't get it going, back bad since Tuesday",
        "both his legs are like jelly this morning, he can't stand up, back pain",
        "the numbness started in my heel and now it's creeping up my calf, sciatica 5",
        "can't push off on my toes on the left any more and it's worse today, back 4",
        "slid on the wet floor carrying my nan, she's fine, I took the brunt. back's pounding",
        "got shunted at the lights this morning, back stiffening up",
        "38 point 6 on the thermometer since yesterday and my back is killing me",
        "my grandad (86, not a young man) has a high fever and says his back is sore",
    ],
)
def test_red_flags_in_new_words(text: str) -> None:
    assert advice(text) == "redflag", text


@pytest.mark.parametrize(
    "text",
    [
        "the pain is like labour, and I've done it three times",
        "didn't sleep at all for the throbbing in my back, can't manage the stairs",
        "back won't let me walk this morning",
        "my mum can't get out of her recliner, her back has gone",
        "my back is like a 12 out of 10 honestly, sciatica all down my leg",
    ],
)
def test_severe_in_new_words(text: str) -> None:
    assert advice(text) in {"severe", "redflag"}, text


@pytest.mark.parametrize(
    "text",
    [
        "the cost of the school trip is criminal, I'm actually crying",
        "our team lost again, dying inside. what's my streak?",
        "this transfer window is crippling me mentally",
        "my sister is unbearable this week. that's not a back thing, just moaning",
        "last week it was unbearable, now is only 4, walking fine",
        "not as bad as the last time when I couldn't walk, it's a 4 now",
        "I fell off my bike for 2015 but I don heal since. back 3 from lifting",
        "Legs feel heavy and dead but that's because I did leg day, back is 1",
        "had lymphoma in 2012, but this is ordinary backache, 4, better after lying down",
        "breast cancer in 2016, clear since. back's a 2, no night-time stuff",
    ],
)
def test_calm_messages_with_strong_words_are_not_alarms(text: str) -> None:
    assert advice(text) in {"none", "mild", "moderate"}, text


def test_tears_with_no_thing_named_still_count_as_pain() -> None:
    check("I'm crying", "severe")
    check("in tears over the rent and my back is killing me", "severe")


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        # the net also asks the nerve and bladder topics when no pain word is said
        ("since this morning both my feet feel like cardboard", "sensation"),
        ("skid marks in my undies again and I never felt a thing", "bladder_bowel"),
        ("my clothes all got big this autumn, back aching", "weight"),
    ],
)
def test_the_net_asks_nerve_and_bladder_topics_without_a_pain_word(text: str, topic: str) -> None:
    got = assess_text(text)
    assert got.level.value == "redflag" or topic in got.follow_up, (text, got.follow_up)


def test_a_stretch_done_on_both_legs_asks_nothing() -> None:
    assert advice("👍 done both legs") == "none"
