"""Kinds found on blind batches DN-DQ (plain Slack and Discord, indirect second-language
wording, carers, understaters and jokers), each as a small family.

As in test_round3_kinds: every family holds variants written here, not copied from the
batches, so a fix that only matches the failing sentence fails.
"""

from __future__ import annotations

import pytest

from tests.core.triage.test_round3_kinds import advice, check


@pytest.mark.parametrize(
    "text",
    [
        "the part of me that sits on the chair has no feeling since this morning, back hurts",
        "I go for small one and nothing come out, belly full, back pain 6",
        "the pee keeps coming out by itself since yesterday, back sore",
        "the poo came out without I know it, back bad since Monday",
        "I fall with my back onto the step yesterday, pain 4 today",
        "the patient slipped and came down on top of me, my lower back is bad",
    ],
)
def test_red_flags_in_indirect_and_carer_words(text: str) -> None:
    assert advice(text) == "redflag", text


@pytest.mark.parametrize(
    "text",
    [
        "I've had kidney stones and two labours and this beats all of them",
        "fine for weeks at 2, then moved a sofa and now it's 8, can barely stand",
    ],
)
def test_severe_by_comparison_or_by_a_score_said_now(text: str) -> None:
    check(text, "severe")


@pytest.mark.parametrize(
    "text",
    [
        "legs wrecked in the good way after the hike, back fine",
        "our lot lost 6-0, worst result in years",
        "emotionally numb since the funeral, back is a 4",
        "I nearly needed an ambulance after that penalty shootout",
        "the dog knocked over the bin again",
        "got flattened by a cold last week with a temp, over it now. back 2",
        "lost a few pounds, turns out I'd stopped snacking at work. back 2",
        "does the bot check for bladder problems? setting it up for our residents",
        "do I need to tell you if I fall over?",
        "Pain today: 0. Patience: 10.",
    ],
)
def test_calm_messages_with_alarm_words_are_not_alarms(text: str) -> None:
    assert advice(text) not in {"redflag", "severe"}, text
