"""Triage rules found by held-out batch 3: scope, clinical words and number forms.

Each case checks a rule, in wording that is not in the corpora, and the safety side of it
(the rule must not hide a red flag or severe pain).
"""

from __future__ import annotations

import pytest

from bot.core.triage.assess import ClinicInfo, PainLevel, assess_text, compose_reply

CLINIC = ClinicInfo(booking_url="https://example.com/book", emergency_number="112")


def level(text: str) -> str:
    return assess_text(text).level.value


@pytest.mark.parametrize(
    "text",
    [
        "bilateral paraesthesia since Sunday",
        "paresthesias in my feet, both sides",
        "saddle hypoaesthesia",
        "I don't know when I need the toilet anymore",
        "when I pee I can't feel it",
        "cannot feel a thing when I pass water",
        "retention of urine overnight",
        "she's fine but I've had accidents with my bladder this week",
        "I've lost my appetite and about a stone in weight",
        "my weight has gone down by 5 kg and I'm not trying",
        "I have pins and needles in the part you sit on",
    ],
)
def test_clinical_and_roundabout_words_for_red_flags_are_caught(text: str) -> None:
    assert level(text) == "redflag", assess_text(text).reasons


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I can tell when I need the loo, no problems there, back 4", "moderate"),
        ("No accidents with my bladder, back 3", "mild"),
        ("I've got water retention from my meds, back ache 4", "moderate"),
        ("I lost interest in weight training, back is 3", "mild"),
        ("my mood has fallen a lot since the pain started, pain 5", "moderate"),
        ("pain score fell to 2 after the stretches", "mild"),
    ],
)
def test_look_alikes_of_red_flags_are_not_red_flags(text: str, expected: str) -> None:
    assert level(text) == expected, assess_text(text).reasons


def test_a_history_of_cancer_with_night_pain_is_a_red_flag_alone_it_is_asked_about() -> None:
    assert level("Had breast cancer; back pain 5, sleeping ok") == "moderate"
    assert level("I'm in remission from lymphoma; my back is 3 and doesn't wake me") == "mild"
    # A past cancer alone asks about night and rest pain (NICE NG59), not an emergency
    tumour = assess_text("I had a tumour removed last year and now my back hurts")
    assert tumour.level != "redflag" and "cancer_night" in tumour.follow_up
    assert level("I have cancer and my back hurts") == "redflag"  # cancer now
    night = "I had lung cancer and the pain is worst at night, though I sleep well with tablets"
    assert level(night) == "redflag"


def test_an_accident_dated_long_ago_is_history_a_recent_one_is_not() -> None:
    assert level("my back has been a nuisance since a crash twenty years ago, 2/10 today") == "mild"
    assert level("The accident was years ago but I fell again on Monday") == "redflag"
    assert level("I had a car accident 3 weeks ago and my back hurts") == "redflag"


@pytest.mark.parametrize(
    "text",
    [
        "Mum can't feel her legs and I'm worried",
        "Grandad fell off a chair and hurt his back",
        "Mr Patel, who I care for, has wet himself twice since his back went",
        "I'm staying at my sister's and she fell yesterday",
        "Is it normal to have a fever with back pain?",
        "If I got tingling in the groin, is that A&E?",
    ],
)
def test_someone_elses_or_a_what_if_red_flag_is_not_the_writers_but_gets_urgent_advice(
    text: str,
) -> None:
    assessment = assess_text(text)
    assert assessment.level is PainLevel.NONE, assessment.reasons
    reply = compose_reply(assessment, CLINIC)
    assert "urgent" in reply.lower() and "112" in reply
    assert "example.com/book" not in reply


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("After the drive to my mum's my back is a 7", "severe"),
        ("I went shopping with my husband and my back was unbearable", "severe"),
        ("I fell off my bike yesterday at my mum's", "redflag"),
        ("I'm a single mum and my sciatica is excruciating", "severe"),
        ("Mum says my back pain is 8 today", "severe"),
    ],
)
def test_a_place_or_a_companion_is_not_the_subject(text: str, expected: str) -> None:
    assert level(text) == expected, assess_text(text).reasons


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("how do I record that my back feels worse?", "none"),
        ("which button do I press to say it hurts?", "none"),
        ("what does excruciating mean on your scale?", "none"),
        ("remind me what a 7 means?", "none"),
        ("Is it normal for the hamstring stretch to feel sore?", "none"),
        # fail safe: severe words, numbers about now and red flags still count
        ("Should I tell my physio my pain is unbearable?", "severe"),
        ("How do I log it? My back is agony today", "severe"),
        ("How do I tell you I can't feel my bum?", "redflag"),
        ("What counts as moderate? Mine feels like a 5", "moderate"),
        ("Do I press stop if it's a 7 right now?", "severe"),
        ("Is it normal for the stretch to be agony?", "severe"),
    ],
)
def test_questions_about_the_bot_or_a_word_are_not_reports(text: str, expected: str) -> None:
    assert level(text) == expected, assess_text(text).reasons


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("it's killing me haha, about a 4 really", "moderate"),
        ("my sciatica is killing me, 8/10", "severe"),
        ("Killing me lol. Not really, it's a 2", "mild"),
        ("unbearable lol", "severe"),
        ("it's unbearable, no kidding", "severe"),
        ("not excruciating any more, only a slight ache", "mild"),
        ("Not a niggle this morning.", "none"),
    ],
)
def test_hyperbole_yields_to_a_number_or_a_retraction(text: str, expected: str) -> None:
    assert level(text) == expected, assess_text(text).reasons


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("pain 2 at rest but 7 on the stairs", "severe"),
        ("5 when sitting, 8 when I bend", "severe"),
        ("it's 8 when I get up and 4 later in the day", "severe"),
        ("from a 7 on Friday down to around a 4 now", "moderate"),
        ("what's a VAS score? mine is 80/100", "severe"),
        ("I'd say the discomfort is at 8 today", "severe"),
        ("I think I might have to say it's a seven", "severe"),
        ("Pain's a one.", "mild"),
        ("It's been 9 or so days since the pain started, around 4 now", "moderate"),
        ("My husband is 91 and I'm his carer, my back is a 5", "moderate"),
        ("Feeling great, 10/10 would do again", "none"),
        ("Rate the app 9/10, pain is 2", "mild"),
        ("Gave the routine 8 out of 10, back pain about 3", "mild"),
    ],
)
def test_more_number_forms(text: str, expected: str) -> None:
    assert level(text) == expected, assess_text(text).reasons


def test_a_phrase_that_opens_with_a_scope_break_is_not_negated_by_the_clause_before() -> None:
    # "so", "just", "but" after a comma start a new statement: "not good" does not cover it
    assert level("not good, so sore") == "severe"
    assert level("no fever, but numbness down below since Monday") == "redflag"
