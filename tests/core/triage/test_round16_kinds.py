"""Kinds found on blind batches EH-EK (a community health Discord, second-language
English told through everyday situations, hedging carers, irony and memes), each as a
small family.

As in test_round3_kinds: every family holds variants written here, not copied from the
batches, so a fix that only matches the failing sentence fails.
"""

from __future__ import annotations

import pytest

from tests.core.triage.test_round3_kinds import advice, check


@pytest.mark.parametrize(
    "text",
    [
        "when I make water I do not feel it coming, I only know by looking. back pain new",
        "my dad wet himself twice and didn't feel it; he's always been dry, this isn't like him. "
        "back worse too",
        "all fine apart from the numb patch between my legs since Friday, back's a 2",
        "jeans sizes down twice since summer without dieting, back aches constantly",
        "dropped two dress sizes w/o trying and my back has ached for weeks",
    ],
)
def test_red_flags_in_new_words(text: str) -> None:
    assert advice(text) == "redflag", text


def test_cannot_walk_said_in_the_past_tense_today_is_now() -> None:
    check("I could not walk to the shop this morning, my back is locked", "severe")
    check("not bad at all today, a 2, carrying the shopping was the worst of it", "mild")


@pytest.mark.parametrize(
    "text",
    [
        "chef here, back's a bit tight. 42 degrees in the kitchen tonight though",
        "my gaming pc is running a fever, fans screaming. anyway what's my streak",
        "fell down a wikipedia rabbit hole till 2am lol. stretches later",
        "revision is a nightmare, I can't move from my desk, so many notes",
    ],
)
def test_calm_messages_with_alarm_words_are_not_alarms(text: str) -> None:
    assert advice(text) in {"none", "mild", "moderate"}, text
