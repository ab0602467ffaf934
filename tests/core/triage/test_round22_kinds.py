"""Kinds found on blind batches FF-FI (a family group chat, typos and voice-to-text,
athletes, anxious questioners and understaters), each as a small family.

As in test_round3_kinds: every family holds variants written here, not copied from the
batches, so a fix that only matches the failing sentence fails.
"""

from __future__ import annotations

import pytest

from tests.core.triage.test_round3_kinds import advice


@pytest.mark.parametrize(
    "text",
    [
        # "none of them had back pain" is about people, not a denial of the fever
        "I've got a temperature of 38.6 and my back aches deep on one side. the kids had colds "
        "but none of them had a fever",
        # a weight told as "N kg down" or clothes hanging off, without trying
        "5kg down since the summer without even trying, and my back's been sore for weeks",
        "my jeans are hanging off me and I'm not dieting, back's aching all the time",
        # voice-to-text and typing slips
        "numb in my sat all area today and back is kill in me",
        "backache dosnt ease even lyin down, had bowel cancer",
        "remision from breast cancer 3 yrs, now backache every night wakes me up",
        # not knowing one was peeing, straining to start
        "I didn't know I was weeing until I felt the wet, back really sore",
        "have to strain to get the wee going now, takes forever, back's bad",
        # wiping felt dull, "wasn't my own skin", after several words
        "when I wiped after the toilet earlier it felt sort of numb and far away, back 5",
        # a bit of control lost; an understated temperature with back ache
        "lost a little control of my bladder this week, back achy",
        "low grade temp and my back aches, probably nothing",
    ],
)
def test_red_flags_in_understatement_and_typos(text: str) -> None:
    assert advice(text) == "redflag", text


@pytest.mark.parametrize(
    "text",
    [
        # tired, not in pain; sport falls onto mats with no pain
        "no pain today, just knackered after the wedding",
        "took about fifteen falls at the climbing wall, all onto the crash pads, zero pain "
        "anywhere",
        # strong words disowned or about a stretch of time
        "the final level had me screaming in agony lol (not back related)",
        "what a week, it's been pure agony at work. back is fine",
        # a question about a condition someone had years ago
        "do you know much about cauda equina? my uncle had it ages ago, he's fine now",
        # a cancer history with no night pain, said with typos
        "in remision 5 yrs, back twinge 2 after digging, sleep like a log",
        # "none of that is happening" still denies
        "what if my legs went numb or I wet myself? none of that is happening, back 2",
    ],
)
def test_calm_in_these_voices_too(text: str) -> None:
    assert advice(text) not in {"severe", "redflag"}, text


@pytest.mark.parametrize(
    "text",
    [
        "not the bad kind of sore I think, just post-pilates, 3",
        "my physio keeps saying motion is lotion, back's down to a 2",
        "had a wobble this morning worrying about my leg, but it's fine, back 3",
    ],
)
def test_no_questions_for_idioms(text: str) -> None:
    assert advice(text) == "mild", text
