"""Kinds found on blind batches K-Q and on outside ConText cases, each as a small family.

Every family holds the wording that failed plus variants written here (not from the
batches), so a fix for one instance that misses its kind fails. Levels are the advice
given (`answer_text`), as `limber triage --json` prints it; `ask` means the red-flag
questions are asked (follow-up) rather than urgent advice given at once.
"""

from __future__ import annotations

import pytest

from bot.core.triage.answer import answer_text
from bot.core.triage.model import ClinicInfo

CLINIC = ClinicInfo("Lake Union Wellness", "https://example.com/book", "911")


def advice(text: str) -> str:
    _, got = answer_text(text, CLINIC)
    if got.follow_up and got.level.value not in {"redflag", "severe"}:
        return "ask"
    return got.level.value


def check(text: str, expected: str) -> None:
    assert advice(text) == expected, text


@pytest.mark.parametrize(
    "text",
    [
        "I've had no bladder control since yesterday",
        "no bowel control since this morning, back is agony",
        "zero feeling in my bum cheeks since I woke up",
        "without any feeling in my groin",
        "there's no sensation down there at all",
    ],
)
def test_a_negation_word_before_a_capacity_reports_its_loss(text: str) -> None:
    check(text, "redflag")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("bladder control is fine, back is a 3", "mild"),
        ("bowel control is normal. back 2/10", "mild"),
        ("walked there without feeling any pain", "none"),
        ("no strength training today, back 3/10", "mild"),
    ],
)
def test_a_capacity_said_to_be_fine_or_a_verb_is_not_a_loss(text: str, expected: str) -> None:
    check(text, expected)


@pytest.mark.parametrize(
    "text",
    [
        "i didnt notice i'd wet myself until i stood up, back went on tuesday",
        "I never realised I'd soiled myself till I got home, my back is bad",
        "peed earlier and genuinely didn't feel it going. back 6",
        "I didn't feel it when I wet myself",
    ],
)
def test_not_noticing_it_happen_is_the_finding_not_a_denial(text: str) -> None:
    check(text, "redflag")


@pytest.mark.parametrize(
    "text",
    [
        "my bottom feels like cotton wool since this morning, back sore",
        "both my thighs feel like they're wrapped in cling film",
        "it's like sitting on a cushion that isn't there, back aching",
        "wiping feels like it's through a glove. back also aching",
        "she can't feel the toilet seat when she sits on it",
        "both pins have gone to jelly since lunch",
    ],
)
def test_numbness_told_as_a_likeness(text: str) -> None:
    check(text, "redflag")


@pytest.mark.parametrize(
    "text",
    [
        "went to pee and nothing would come out even tho I was bursting. back sore",
        "mum hasn't managed to pass water since last night, her back is worse",
        "he can't seem to pass water at all and his sciatica is bad",
        "been leaking a bit when I cough since this flare started",
        "the last two days I've had accidents, the number two kind. back killing me",
    ],
)
def test_bladder_and_bowel_trouble_in_everyday_words(text: str) -> None:
    check(text, "redflag")


@pytest.mark.parametrize(
    "text",
    [
        "came off my scooter on a wet corner, now my low back is throbbing 6/10",
        "took a massive hit in rugby on saturday and my lower back has hurt since",
        "skidded on black ice this morning, flat on my back. pain's maybe a 4",
        "a lorry rammed our car yesterday, since morning my lower back is paining",
        "caught myself mostly but landed on my hip and lower back off the step ladder",
    ],
)
def test_impacts_and_collisions_in_everyday_words(text: str) -> None:
    check(text, "redflag")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("fell off a horse when i was like 12 lol, back's been fine since, a bit tight", "mild"),
        ("I fell off a ladder but that was like 2010, totally healed. pain's ~5", "moderate"),
        ("I was rear-ended years ago, whiplash, all fine now. back 2/10", "mild"),
        ("our striker fell over his own feet lmao funniest thing all season", "none"),
    ],
)
def test_accidents_long_ago_or_told_as_a_joke_are_history(text: str, expected: str) -> None:
    check(text, expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("this rent increase is killing me fr", "none"),
        ("the bank's helpline is absolute agony, forty minutes on hold", "none"),
        ("The traffic on the M25 was agony. Just agony. Anyway, /stretch start please", "none"),
        ("Excruciating. The wait for my train, I mean.", "none"),
        ("My fantasy football team is crippled with injuries", "none"),
        (
            "The grandchildren have been murder, absolute agony listening to them. Back's a 2",
            "mild",
        ),
        ("this traffic is unbearable, been crawling on the 401 for an hour. back's ok, 2", "mild"),
    ],
)
def test_a_strong_word_whose_clause_names_another_thing_is_a_figure(
    text: str, expected: str
) -> None:
    check(text, expected)


@pytest.mark.parametrize(
    "text",
    [
        "it's absolute agony today",
        "I'm in agony all day",
        "woke up in agony, can't even roll over",
        "total agony trying to put my socks on",
        "honestly the worst back pain of my life, worse than labour",
        "the pain is crippling",
        "Agony. My back is killing me",
        "I can barely make it to the bathroom, hunched over like an old man",
        "Schmerzen 8 von 10 heute. lower back again.",
    ],
)
def test_strong_words_about_the_pain_stay_severe(text: str) -> None:
    check(text, "severe")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("My mother has unbearable back pain today, no fall, no fever", "severe"),
        ("My husband has been in agony with his sciatica since Tuesday", "severe"),
    ],
)
def test_a_person_is_not_a_thing_their_pain_is_pain(text: str, expected: str) -> None:
    check(text, expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "back's a 6, but I'd rather this than another meeting with Gary. Gary is a 10.",
            "moderate",
        ),
        ("That finale was hard to sit through. Eight seasons for THAT.", "none"),
        ("Down to a 2 from an 8 last week. It used to be unbearable.", "mild"),
        ("went from a 3 to an 8 today", "severe"),
        ("the left side is a 7", "severe"),
    ],
)
def test_numbers_about_other_things_and_old_values(text: str, expected: str) -> None:
    check(text, expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "I read about the warning signs (groin numbness, weight loss). "
            "I have none of them. 3/10",
            "mild",
        ),
        (
            "Last night I dreamt I couldn't move my legs lol. Legs are totally fine. Back a 2",
            "mild",
        ),
        ("should I worry if my legs go numb? back is ok", "none"),
        ("what happens if one day I cannot hold my pee? Now I am fine, back stiff, 2", "mild"),
        ("The physio asked 'any numbness in the saddle area?' and I said no. Back's a 3.", "mild"),
    ],
)
def test_lists_dreams_and_what_ifs_are_not_reports(text: str, expected: str) -> None:
    check(text, expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("my legs were numb but not any more, back is a 3", "ask"),
        ("I had numbness in my legs, not anymore. back 2", "ask"),
        ("I had a fever last month and my back is sore", "ask"),
        (
            "I wrote last week about numbness down below. I went to A&E, the scan was clear and "
            "the feeling came back. Back is a 2 today.",
            "ask",
        ),
        (
            "Had a fever last month with a chest infection but it went away, no fever now. 3/10",
            "mild",
        ),
    ],
)
def test_red_flags_that_stopped_are_asked_about_not_answered_as_emergencies(
    text: str, expected: str
) -> None:
    check(text, expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Lymphoma survivor, 8 years clear. Back is a 3, fine at night, sleeping like a log",
            "mild",
        ),
        ("had thyroid cancer ages ago, all clear. back is a 2, fine when i sit", "mild"),
        ("The cancer scare turned out to be nothing, the scan was clear. Back 6", "moderate"),
        ("my aunt had ovarian cancer and now her back pain keeps her up all night", "redflag"),
        ("I've lost 8 kilos without even trying! back killing me. Diet of the year lol", "redflag"),
        ("back 4/10, weight dropping for no reason, appetite gone", "redflag"),
        (
            "Back's been crook for months and the belt's gone in three notches, not dieting",
            "redflag",
        ),
    ],
)
def test_cancer_and_weight_in_context(text: str, expected: str) -> None:
    check(text, expected)
