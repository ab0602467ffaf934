"""Unit tests of pain triage: numbers, context, replies, scores and yes/no answers."""

from __future__ import annotations

import pytest

from bot.core.triage.assess import (
    DEFAULT_EMERGENCY_TEXT,
    SCREENING_QUESTIONS,
    Assessment,
    ClinicInfo,
    PainLevel,
    assess_score,
    assess_text,
    compose_reply,
    parse_yes_no,
    screening_reply,
    triage_text,
)
from bot.core.triage.spelling import correct_word

CLINIC = ClinicInfo("Lake Union Wellness", "https://example.com/book", "911")
NO_URL = ClinicInfo("Lake Union Wellness", None, None)
BARE = ClinicInfo()
DIAGNOSES = ("cauda equina", "sciatica", "fracture", "herniat", "syndrome", "tumour", "diagnos")


@pytest.mark.parametrize(
    ("text", "score"),
    [
        ("8/10", 8),
        ("8 / 10", 8),
        ("8 out of 10", 8),
        ("pain 8", 8),
        ("pain is 8", 8),
        ("pain level: 8", 8),
        ("a solid 8", 8),
        ("eight out of ten", 8),
        ("10/10", 10),
        ("like a 7 or 8", 8),
        ("7-8", 8),
        ("between 6 and 8", 8),
        ("0/10", 0),
        ("8", 8),
        ("it's a 6 today", 6),
        ("pain’s at 4", 4),
        ("7.5/10", 8),
        ("went from 8 to 3", 3),
        ("11/10", 10),
        ("on a scale of 1 to 10 it's a 9", 9),
    ],
)
def test_a_score_is_read_in_every_common_form(text: str, score: int) -> None:
    assert assess_text(text).score == score


@pytest.mark.parametrize(
    "text",
    [
        "I did 20 reps",
        "at 9am",
        "3 sets",
        "sore for 2 days",
        "I'm 54",
        "hurt it 2 weeks ago",
        "lost 10 pounds",
        "I have 2 kids",
    ],
)
def test_numbers_that_are_not_scores_are_ignored(text: str) -> None:
    assert assess_text(text).score is None


@pytest.mark.parametrize(("text", "level"), [("11/10", "severe"), ("a 12 honestly", "severe")])
def test_a_score_above_ten_is_severe(text: str, level: str) -> None:
    assert assess_text(text).level == level


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("not severe", "moderate"),
        ("no numbness", "moderate"),
        ("no fever", "none"),
        ("never had cancer", "none"),
        ("no longer unbearable", "moderate"),
        ("it isn't excruciating", "moderate"),
        ("it isnt excruciating", "moderate"),
        ("no numbness but I wet myself", "redflag"),
        ("no pain but both legs are numb", "redflag"),
    ],
)
def test_negation_applies_only_to_what_it_covers(text: str, level: str) -> None:
    result = assess_text(text)
    expected = PainLevel(level)
    if expected is PainLevel.MODERATE:  # some pain mentioned, strength unknown
        assert result.level in {PainLevel.MODERATE, PainLevel.MILD, PainLevel.NONE}
        assert result.level is not PainLevel.SEVERE
        assert not result.red_flags
    else:
        assert result.level is expected


@pytest.mark.parametrize(
    "text", ["I can't walk", "i cant walk", "I can’t walk", "CANNOT WALK", "can not stand"]
)
def test_cant_walk_is_a_severe_finding_not_a_negation(text: str) -> None:
    assert assess_text(text).level is PainLevel.SEVERE


def test_cant_feel_my_legs_is_a_red_flag_not_a_negation() -> None:
    assert assess_text("I can't feel my legs").red_flags == ("both_legs",)


@pytest.mark.parametrize(
    ("text", "level", "score"),
    [
        ("used to be unbearable", PainLevel.MILD, None),
        ("last year it was a 9", PainLevel.MILD, None),
        ("was 8 yesterday, now 3", PainLevel.MILD, 3),
        ("it was unbearable yesterday, today about 5", PainLevel.MODERATE, 5),
        ("it was unbearable last night", PainLevel.SEVERE, None),
    ],
)
def test_what_is_true_now_beats_what_was_true_before(
    text: str, level: PainLevel, score: int | None
) -> None:
    result = assess_text(text)
    assert (result.level, result.score) == (level, score)


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("I fell off a ladder last week", "trauma"),
        ("I wet myself yesterday", "bladder_control"),
        ("I had cancer years ago and my back hurts at night", "cancer_history"),
    ],
)
def test_a_recent_or_historical_red_flag_still_counts_in_the_past_tense(
    text: str, flag: str
) -> None:
    assert flag in assess_text(text).red_flags


def test_a_fall_long_ago_is_not_a_red_flag() -> None:
    assert not assess_text("I fell off a horse 20 years ago, back is fine").red_flags


@pytest.mark.parametrize(
    "text",
    [
        "my friend has numbness in the groin",
        "My mum wet herself and can't feel her legs",
        "my husband fell off a ladder",
    ],
)
def test_someone_elses_red_flag_is_not_the_users_but_still_gets_urgent_advice(text: str) -> None:
    result, reply = triage_text(text, CLINIC)
    assert result.level is not PainLevel.REDFLAG
    assert result.about_pain
    assert result.others_red_flags
    assert "urgent" in reply and "911" in reply
    assert CLINIC.booking_url not in reply


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("my mum's pain is a 9", PainLevel.NONE),
        ("my mum's pain is a 9, mine is a 2", PainLevel.MILD),
        ("me and my wife both have numbness in the groin", PainLevel.REDFLAG),
        ("my wife and I both have numb legs", PainLevel.REDFLAG),
        ("my friend has saddle numbness and I have it too", PainLevel.REDFLAG),
        ("my physio said it's a 7", PainLevel.SEVERE),
    ],
)
def test_who_the_pain_belongs_to_is_respected(text: str, level: PainLevel) -> None:
    assert assess_text(text).level is level


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("what if I feel numb down there?", PainLevel.NONE),
        ("if it gets unbearable should I stop?", PainLevel.NONE),
        ("what should I do if I lose bladder control", PainLevel.NONE),
        ("if I sit for long it's unbearable", PainLevel.SEVERE),
        ("is numbness in the groin serious?", PainLevel.REDFLAG),
        ("should I worry if I have numbness down there", PainLevel.REDFLAG),
    ],
)
def test_hypotheticals_are_not_reports_but_questions_about_oneself_fail_safe(
    text: str, level: PainLevel
) -> None:
    assert assess_text(text).level is level


def test_a_hypothetical_red_flag_reply_says_what_to_do_if_it_happens() -> None:
    result, reply = triage_text("what if I get numb between my legs?", CLINIC)
    assert result.hypothetical_red_flags == ("saddle_numbness",)
    assert "urgent" in reply and "911" in reply


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("I can't feel anything between my legs", "saddle_numbness"),
        ("numb down there", "saddle_numbness"),
        ("no feeling when I wipe", "wiping_numbness"),
        ("I peed myself", "bladder_control"),
        ("can't control my bowels", "bowel_control"),
        ("both legs are weak", "both_legs"),
        ("my leg is getting weaker", "worsening_weakness"),
        ("foot drop", "foot_drop"),
        ("slipped on ice and hurt my back", "trauma"),
        ("feverish and my back aches", "fever"),
        ("lost weight without trying", "weight_loss"),
    ],
)
def test_red_flags_are_found_in_plain_words(text: str, flag: str) -> None:
    result = assess_text(text)
    assert result.level is PainLevel.REDFLAG
    assert flag in result.red_flags


def test_numbness_in_one_leg_alone_is_not_a_red_flag() -> None:
    assert assess_text("my left leg is numb").level is not PainLevel.REDFLAG


@pytest.mark.parametrize("text", ["hi", "thanks", "how do reminders work", "I did 20 reps"])
def test_text_about_nothing_painful_gets_an_empty_reply(text: str) -> None:
    result, reply = triage_text(text, CLINIC)
    assert not result.about_pain
    assert reply == ""


@pytest.mark.parametrize(
    ("clinic", "number"),
    [(CLINIC, "911"), (ClinicInfo(emergency_number="112"), "112"), (BARE, DEFAULT_EMERGENCY_TEXT)],
)
def test_the_red_flag_reply_calls_the_clinics_number_else_the_default(
    clinic: ClinicInfo, number: str
) -> None:
    first_line = compose_reply(assess_text("numb down there"), clinic).splitlines()[0]
    assert "stop exercising" in first_line.lower()
    assert "urgent" in first_line.lower()
    assert number in first_line


def test_the_red_flag_reply_puts_the_booking_link_after_urgent_care() -> None:
    reply = compose_reply(assess_text("I wet myself"), CLINIC)
    assert reply.index("urgent") < reply.index("https://example.com/book")
    assert "bladder" in reply


def test_the_severe_reply_has_the_booking_link_painkillers_and_what_if_worse() -> None:
    reply = compose_reply(assess_text("unbearable"), CLINIC)
    assert "stop the stretches" in reply.lower()
    assert "Free Consultation with Lake Union Wellness: https://example.com/book" in reply
    assert "temporary relief" in reply
    assert "worse" in reply and "911" in reply


def test_the_severe_reply_without_a_booking_link_says_to_see_a_clinician() -> None:
    reply = compose_reply(assess_text("pain is 9"), NO_URL)
    assert "doctor, physiotherapist or chiropractor" in reply
    assert DEFAULT_EMERGENCY_TEXT in reply


@pytest.mark.parametrize("text", ["a bit sore", "no pain", "pain 5", "0"])
def test_calm_replies_never_carry_the_booking_link(text: str) -> None:
    assert "https://example.com/book" not in compose_reply(assess_text(text), CLINIC)


@pytest.mark.parametrize("text", ["pain 5", "a bit sore"])
def test_mild_and_moderate_replies_say_stop_if_the_pain_increases(text: str) -> None:
    assert "stop if the pain increases" in compose_reply(assess_text(text), CLINIC)


@pytest.mark.parametrize(
    "text", ["numb down there", "pain 9", "pain 5", "a bit sore", "no pain", "my friend fell"]
)
def test_every_reply_about_pain_ends_with_not_medical_advice_and_no_diagnosis(text: str) -> None:
    reply = compose_reply(assess_text(text), CLINIC)
    assert "not medical advice" in reply.splitlines()[-1].lower()
    assert not any(word in reply.lower() for word in DIAGNOSES)


@pytest.mark.parametrize(
    ("score", "level"),
    [(0, "none"), (1, "mild"), (3, "mild"), (4, "moderate"), (6, "moderate"), (7, "severe")],
)
def test_assess_score_follows_the_nrs_bands(score: int, level: str) -> None:
    assert assess_score(score).level == level
    assert assess_score(score).score == score


@pytest.mark.parametrize("score", [-1, 11, 100])
def test_assess_score_rejects_scores_outside_0_to_10(score: int) -> None:
    with pytest.raises(ValueError):
        assess_score(score)


@pytest.mark.parametrize(
    ("score", "note", "level"),
    [
        (2, "but I can't feel anything down there", PainLevel.REDFLAG),
        (3, "it's unbearable when I sit", PainLevel.SEVERE),
        (8, "feels ok", PainLevel.SEVERE),
        (5, "my friend wet himself", PainLevel.MODERATE),
        (4, None, PainLevel.MODERATE),
    ],
)
def test_a_note_can_raise_the_level_of_a_score_but_never_lower_it(
    score: int, note: str | None, level: PainLevel
) -> None:
    assert assess_score(score, note).level is level


@pytest.mark.parametrize(
    ("text", "answer"),
    [
        ("yes", True),
        ("Y", True),
        ("yeah", True),
        ("yep!", True),
        ("Yes, a little", True),
        ("sometimes", True),
        ("👍", True),
        ("no", False),
        ("nope", False),
        ("n", False),
        ("not really", False),
        ("No, never", False),
        ("nah I'm good", False),
        ("I don't", False),
        ("maybe", None),
        ("not sure", None),
        ("what do you mean?", None),
        ("", None),
    ],
)
def test_parse_yes_no_reads_everyday_answers(text: str, answer: bool | None) -> None:
    assert parse_yes_no(text) is answer


def test_screening_asks_about_every_red_flag_group_and_a_yes_gets_urgent_care() -> None:
    keys = {q.key for q in SCREENING_QUESTIONS}
    assert {"saddle_numbness", "bladder_bowel", "both_legs", "trauma", "fever"} <= keys
    reply = screening_reply(["saddle_numbness"], CLINIC)
    assert reply.splitlines()[0].startswith("**Please stop exercising and get urgent")
    assert "groin" in reply
    assert screening_reply([], CLINIC) == ""


def test_an_assessment_can_be_built_with_the_original_five_fields() -> None:
    result = Assessment(PainLevel.MILD, 2, (), True, ("score 2/10",))
    assert compose_reply(result, CLINIC)


# --- spelling, figures of speech and other generalisations -------------------------------


@pytest.mark.parametrize(
    ("word", "meant"),
    [
        ("excrutiating", "excruciating"),
        ("unbareable", "unbearable"),
        ("numbess", "numbness"),
        ("incontinance", "incontinence"),
        ("painfull", "painful"),
        ("fevre", "fever"),
    ],
)
def test_common_misspellings_of_key_words_are_read_as_meant(word: str, meant: str) -> None:
    assert correct_word(word) == meant


@pytest.mark.parametrize("word", ["fewer", "bowls", "sedation", "private", "waking", "never"])
def test_real_words_near_a_key_word_are_never_corrected(word: str) -> None:
    assert correct_word(word) == word


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("pain's thru the roof", "severe"),
        ("pain v bad 2day", "severe"),
        ("Pain is very much, I cannot able to sit", "severe"),
        ("ngl cant rly feel my legs rn", "redflag"),
        ("my back is hurtin", "moderate"),
    ],
)
def test_texting_shorthand_is_understood(text: str, expected: str) -> None:
    assert assess_text(text).level == expected


def test_a_figure_of_speech_is_not_an_accident_but_is_severe() -> None:
    result = assess_text("feels like I got hit by a bus")
    assert result.level is PainLevel.SEVERE and not result.red_flags
    assert assess_text("feels like someone is stabbing me").level is PainLevel.SEVERE
    assert assess_text("I got hit by a bus on Monday").level is PainLevel.REDFLAG


def test_still_keeps_an_earlier_level_that_has_not_eased() -> None:
    assert assess_text("went to A&E last night, still bad").level is PainLevel.SEVERE
    assert assess_text("was unbearable last night, still sore but better").level is PainLevel.MILD


def test_a_negated_clause_ends_at_a_comma_unless_a_list_goes_on() -> None:
    assert assess_text("painkillers not working at all, worst flare ever").level == "severe"
    assert assess_text("no numbness, tingling or weakness").level is PainLevel.NONE


def test_a_number_after_a_change_of_level_is_a_score() -> None:
    assert assess_text("was at 3 yesterday, today it shot up to 8").score == 8
    assert assess_text("we went to 5 classes").score is None


def test_worry_about_the_nerve_emergency_is_a_red_flag_and_the_reply_names_no_condition() -> None:
    assessment, reply = triage_text("worried I have cauda equina", CLINIC)
    assert assessment.level is PainLevel.REDFLAG
    assert "cauda" not in reply.lower() and "bladder" in reply
    general, reply = triage_text("what are the symptoms of cauda equina?", CLINIC)
    assert general.level is PainLevel.NONE and "urgent" in reply


def test_the_red_flag_wording_does_not_repeat_back_pain() -> None:
    reply = compose_reply(assess_text("my mum has a fever and back pain"), CLINIC)
    assert "back pain with back pain" not in reply
    assert "urgent" in reply


@pytest.mark.parametrize(
    ("text", "score"),
    [("4 out of 5 on the pain scale", 8), ("pain at 80%", 8), ("pain 60%", 6)],
)
def test_other_pain_scales_are_turned_into_0_to_10(text: str, score: int) -> None:
    assert assess_text(text).score == score


@pytest.mark.parametrize(
    "text",
    ["appointment on 8/10 with my physio", "pain is 50% better", "did 4 out of 5 stretches"],
)
def test_dates_improvements_and_counts_are_not_scores(text: str) -> None:
    assert assess_text(text).score is None


def test_pain_named_only_as_a_topic_is_not_a_report() -> None:
    assert assess_text("top 10 stretches for sciatica?").level is PainLevel.NONE
    assert assess_text("stretches for my sciatica, it hurts").level is PainLevel.MODERATE


def test_a_red_flag_that_has_stopped_still_happened() -> None:
    assert assess_text("no longer numb down there since last week").level is PainLevel.REDFLAG
    assert assess_text("no numbness down there").level is PainLevel.NONE


def test_slang_emphasis_is_not_a_negation() -> None:
    assert assess_text("no cap this is the worst pain of my life").level is PainLevel.SEVERE
    assert assess_text("I'm not in agony but it's a solid 5").level is PainLevel.MODERATE


@pytest.mark.parametrize(
    "text",
    [
        "its crazy how much better my back is",
        "today was unbelievable, so busy",
        "stuck on the couch watching netflix, back is fine",
        "couldnt even get to the gym this week lol",
        "100% pain free",
        "pain 100% gone",
        "I ate junk food and feel weird",
        "I fell in love with these stretches",
        "slipped my mind to stretch",
    ],
)
def test_everyday_phrases_near_the_new_word_families_stay_calm(text: str) -> None:
    result = assess_text(text)
    assert result.level in {PainLevel.NONE, PainLevel.MILD}, result.reasons
    assert "https://" not in compose_reply(result, CLINIC)


def test_numbness_in_one_leg_with_the_other_leg_fine_is_not_a_red_flag() -> None:
    assert assess_text("left leg numb, the other leg is fine").level is PainLevel.MODERATE
    assert assess_text("left leg numb and now the other leg is going too").level == "redflag"
