"""Kinds found on blind batches EL-EO (regional Englishes, second-language English,
carers during care, understaters and over-sharers), each as a small family.

As in test_round3_kinds: every family holds variants written here, not copied from the
batches, so a fix that only matches the failing sentence fails.
"""

from __future__ import annotations

import pytest

from tests.core.triage.test_round3_kinds import advice, check


def test_the_place_named_before_the_unfelt_touch_is_a_red_flag() -> None:
    assert advice("while I was washing dad's bottom he said he couldn't feel the cloth") in {
        "redflag"
    }
    check("I was drying my bum after the shower and could not feel the towel, back bad", "redflag")


@pytest.mark.parametrize(
    "text",
    [
        "can't weight bear on my left leg at all, sciatica is savage",
        "tonight it's a legit 8 after the night shift",
        "I could not get to the shops this morning, every step the pain shot down my leg",
    ],
)
def test_severe_in_new_words(text: str) -> None:
    assert advice(text) in {"severe", "redflag"}, text


@pytest.mark.parametrize(
    "text",
    [
        "had a fever last week, that's gone na. back around 4 since",
        "the hoist sling slipped off the hook, nobody was in it. my back's the usual 2",
        "my client has had no feeling in his bottom since birth, that's his normal; back ache 4",
        "our dog has lost so much weight the vet wants tests. my back's fine, a 1",
        "load shedding again, stage 4, I'm dying here",
        "the hospital discharge is excruciating, 5 hours for one prescription",
    ],
)
def test_calm_messages_with_alarm_words_are_not_alarms(text: str) -> None:
    assert advice(text) in {"none", "mild", "moderate"}, text
