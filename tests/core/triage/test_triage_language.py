"""Triage rules found by held-out batch 4: chronic vs new numbness, explained fevers,
check-in answers given as words, mixed-language messages and a few scope rules.

Each case uses wording that is not in the corpora and checks the safety side too: the
rule must not hide a red flag or severe pain.
"""

from __future__ import annotations

import pytest

from bot.core.triage.assess import assess_text


def level(text: str) -> str:
    return assess_text(text).level.value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # numbness in both legs stays a red flag even when told as long-standing: the
        # product lists it without "new", and when unsure Limber advises care
        ("numbness in both legs for years from my diabetes, same as always, pain 3", "redflag"),
        ("chronic neuropathy, feet numb, no change at all, back aches 5/10", "redflag"),
        # any sign of change keeps the red flag
        ("feet numb for years but since Friday both legs have gone numb", "redflag"),
        ("long-standing numb feet, now it is creeping up to my knees", "redflag"),
        ("both legs numb for 3 days", "redflag"),
        ("both legs numb, the same as yesterday", "redflag"),
    ],
)
def test_long_standing_numbness_vs_new(text: str, expected: str) -> None:
    assert level(text) == expected, assess_text(text).reasons


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("had flu and a temperature on Monday, all cleared up, back 3/10", "mild"),
        ("covid with a fever but my back is perfectly fine", "none"),
        # a cold does not explain a fever that comes with back pain now
        ("I have a cold and a fever and my back is killing me", "redflag"),
        ("fever and back pain, no cold or cough", "redflag"),
    ],
)
def test_a_fever_explained_by_a_cold(text: str, expected: str) -> None:
    assert level(text) == expected, assess_text(text).reasons


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("awful", "severe"),
        ("pretty dreadful tbh", "severe"),
        ("rough today", "moderate"),
        ("terrible weather, back is a 2", "mild"),
        ("one.", "mild"),
    ],
)
def test_check_in_answers_as_words(text: str, expected: str) -> None:
    assert level(text) == expected, assess_text(text).reasons


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("bardzo boli, 8 na 10", "severe"),
        ("muita dor nas costas hoje", "moderate"),
        ("thoda dard hai", "mild"),
        ("pas de douleur aujourd'hui", "none"),
        ("j'ai mal au dos, 5 sur 10", "moderate"),
        ("the dos and donts of stretching", "none"),
    ],
)
def test_mixed_language_pain_words(text: str, expected: str) -> None:
    assert level(text) == expected, assess_text(text).reasons


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a score after a comma is not an item of a negated list
        ("ibuprofen not doing anything, 8/10", "severe"),
        ("nothing serious, 3/10", "mild"),
        # MS the condition is the writer's, Ms the title is someone else
        ("MS flare and my back is 7/10", "severe"),
        ("Ms Patel has terrible back pain", "none"),
        ("her back is a 9 but mine's a 3", "mild"),
        ("not even a little stiff", "none"),
        ("my back stopped aching last week", "none"),
        ("if it reaches 8 I'll stop, right now it's a 4", "moderate"),
        ("4 now, better than last night's 9", "moderate"),
    ],
)
def test_scope_and_number_rules(text: str, expected: str) -> None:
    assert level(text) == expected, assess_text(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "the poo slipped out before I could get up, back sore",
        "pee just came out without me knowing",
        "fell back onto the floor during squats",
    ],
)
def test_roundabout_red_flags(text: str) -> None:
    assert level(text) == "redflag", assess_text(text).reasons


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # held-out batch 5: a number that is a clause of its own answers the 0-10 question
        ("no tingling, nothing like that, 7", "severe"),
        ("woke up stiff again. prob 5", "moderate"),
        ("left calf is a bit numb, otherwise 3", "mild"),
        # a posture or activity after the number, and a describing word before it
        ("2 sitting, 8 standing", "severe"),
        ("no trouble with the loo, it's a nagging 5", "moderate"),
        ("is 8 too much to keep stretching?", "severe"),
        ("it's still 6", "moderate"),
        # a worse state as the thing to prevent is not a report
        ("about a 1, I just want to keep it from getting worse", "mild"),
        # clock-time answers are still not scores
        ("can you ping me at 7?", "none"),
        ("see you then, at 9", "none"),
    ],
)
def test_chat_flow_answers(text: str, expected: str) -> None:
    assert level(text) == expected, assess_text(text).reasons


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # clinician shorthand: "nil" denies, "post fall" and "Ca <site>" are findings
        ("Nil bladder or bowel dysfunction, nil saddle anaesthesia, NRS 4/10", "moderate"),
        ("c/o back pain post fall on ice, 3/10", "redflag"),
        ("PMHx: Ca prostate 2019. Back pain waking at night, 4/10", "redflag"),
        # a weight loss written without a space before the unit
        ("dropped nearly 6kg without trying, back aches at night", "redflag"),
        # a weekday told in the past is not today
        ("Saturday was a 9. Today about a 4.", "moderate"),
    ],
)
def test_clinical_shorthand_and_dates(text: str, expected: str) -> None:
    assert level(text) == expected, assess_text(text).reasons
