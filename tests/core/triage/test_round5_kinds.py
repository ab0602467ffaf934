"""Kinds found on blind batches CL-CO (plain Discord adults, second-language English,
carers and older adults, buried facts and jargon), each as a small family.

As in test_round3_kinds: every family holds variants written here, not copied from the
batches, so a fix that only matches the failing sentence fails. `ask` means the red-flag
questions are asked rather than urgent advice given at once.
"""

from __future__ import annotations

import pytest

from tests.core.triage.test_round3_kinds import advice, check


@pytest.mark.parametrize(
    "text",
    [
        "tingling all around my bum and down the insides of my thighs since lunch",
        "both bum cheeks gone pins and needles and it won't wear off, back 5/10",
        "pins and needles in both buttocks since I got up, back aching",
        "my butt and the tops of my thighs are buzzing like pins and needles, back sore",
    ],
)
def test_saddle_tingling_told_by_where_it_sits_is_a_red_flag(text: str) -> None:
    check(text, "redflag")


@pytest.mark.parametrize(
    "text",
    [
        "my wife can't feel when she sits down, says her bottom is like wood. back bad",
        "I don't feel it when I sit, my bum feels wooden, back pain since Monday",
        "can't feel the chair under me since this morning and my back hurts",
    ],
)
def test_numbness_told_by_sitting_is_a_red_flag(text: str) -> None:
    check(text, "redflag")


@pytest.mark.parametrize(
    "text",
    [
        "I stand at the toilet a long time and the wee refuses to come, back hurts",
        "the pee no gree come out since morning, my waist dey pain me",
        "waiting forever at the loo for anything to start and then it's just a dribble, back sore",
        "new urinary hesitancy since yesterday with my disc flare, back 6/10",
        "sense of incomplete emptying since last night, lower back 7/10",
        "found my knickers damp twice today and I never felt it happen, back bad since a lift",
        "keep finding my pants wet and haven't noticed it, back aching since Monday",
    ],
)
def test_bladder_trouble_in_everyday_and_clinical_words_is_a_red_flag(text: str) -> None:
    check(text, "redflag")


@pytest.mark.parametrize(
    "text",
    [
        "helping mum up from the sofa and we both went down, my back is 5/10 now",
        "I went down hard on the ice yesterday, back aching",
        "lifting my client we both came down together, he's fine, not a mark on him, "
        "but my back is a 6",
    ],
)
def test_a_fall_told_as_going_down_is_a_red_flag(text: str) -> None:
    check(text, "redflag")


@pytest.mark.parametrize(
    "text",
    [
        "had to have all my skirts taken in this spring though I eat the same, back aches",
        "unintended weight loss of about 5 kg, back pain 4/10 for a month",
        "wt loss 7kg/2mo, LBP 5/10, not dieting",
    ],
)
def test_weight_loss_told_by_clothes_or_in_shorthand_is_a_red_flag(text: str) -> None:
    check(text, "redflag")


@pytest.mark.parametrize(
    "text",
    [
        "breast cancer survivor, my back ache is there even when I'm lying still at night",
        "had prostate cancer, new back pain even while I'm resting in bed",
    ],
)
def test_cancer_history_with_pain_at_rest_is_a_red_flag(text: str) -> None:
    check(text, "redflag")


@pytest.mark.parametrize(
    "text",
    [
        "had cancer of the bowel years ago, back is 4 after digging, when I lie down it "
        "goes better",
        "I had lymphoma as a teenager, back is 3 after the gym, it doesn't bother my sleep",
    ],
)
def test_cancer_history_with_pain_eased_by_rest_asks_nothing(text: str) -> None:
    assert advice(text) in {"mild", "moderate"}, text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("let's say my legs went numb, would you tell me to stop? back is 5 today", "moderate"),
        ("say I lost feeling down there, what would you do? I'm a 3 today", "mild"),
        ("I'd rather be run over by a bus than do another audit", "none"),
        ("I'd sooner fall off a cliff than go to that meeting, back's fine", "none"),
    ],
)
def test_what_ifs_and_id_rather_are_not_reports(text: str, expected: str) -> None:
    assert advice(text) in {expected, "ask"}, text


@pytest.mark.parametrize(
    "text",
    [
        "pain is bad but I'm coping, did my stretches",
        "back is really bad today but manageable with the heat",
        "the pain is very bad but I'm managing ok",
    ],
)
def test_bad_but_coping_is_moderate(text: str) -> None:
    check(text, "moderate")


def test_bad_without_coping_stays_severe() -> None:
    check("the pain is really bad today", "severe")


@pytest.mark.parametrize(
    "text",
    [
        "I had a fever last week, it is finished now. back is 3",
        "I had high temperature 10 days back, now fully fine, back is 2",
        "had a temperature with a cold, gone in two days, back a bit stiff",
    ],
)
def test_a_fever_said_to_be_over_in_other_words_is_not_an_emergency(text: str) -> None:
    assert advice(text) in {"mild", "ask"}, text


def test_others_being_fine_does_not_end_ones_own_fever() -> None:
    check(
        "temperature 38.5 today and my back aches, the kids had flu but they're fine now", "redflag"
    )


@pytest.mark.parametrize(
    "text",
    [
        "my son broke his wrist falling off his bike so I missed my stretches",
        "my daughter fell off the climbing frame and fractured her arm, no stretches today",
    ],
)
def test_someone_elses_injury_away_from_the_back_is_not_a_red_flag(text: str) -> None:
    check(text, "none")


def test_someone_elses_fall_onto_the_back_stays_a_red_flag() -> None:
    assert advice("my son fell off the trampoline and landed on his back") == "redflag"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("my wife says I'm crippled by my phone addiction. how do I see my streak?", "none"),
        ("crippled with back pain today", "severe"),
    ],
)
def test_crippled_by_something_other_than_pain_is_a_figure(text: str, expected: str) -> None:
    check(text, expected)


@pytest.mark.parametrize(
    "text",
    [
        "my brother used to be in agony with his back, now he's down to a 2 thanks to you",
        "mum couldn't get out of bed with it last year, these days she's down to about a 3",
    ],
)
def test_someone_elses_past_agony_now_down_to_a_low_score_is_mild(text: str) -> None:
    assert advice(text) in {"mild", "none"}, text


def test_someone_who_cannot_get_from_bed_to_chair_for_the_pain_is_severe() -> None:
    assert advice("my dad can't get from the bed to the chair for the pain today") == "severe"


@pytest.mark.parametrize(
    "text",
    [
        "back went down to a 3 after the heating pad",
        "I fell down in a dream last night haha, back a little stiff, 2",
        "dull ache across the belt line, 5/10, nothing else going on",
        "my fantasy football squad has three injuries this week lol",
        "nothing wrong with his legs or his bladder, my husband's sciatica is about a 5",
        "up half the night with dad, he had a rough night with his cough. my back is a 2",
        "kids' sleepover so no sleep really, back's a 2 today",
        "did a run of three nights on the ward, back is fine, 2/10",
        "I need to stretch before I crash out on the sofa, back is a 3",
    ],
)
def test_calm_messages_with_topic_words_in_another_sense_ask_nothing(text: str) -> None:
    assert advice(text) in {"mild", "moderate", "none"}, text


@pytest.mark.parametrize(
    "text",
    [
        "if someone I care for suddenly lost feeling in both legs, what do I do?",
        "what if a client we support couldn't control their bladder, who do I call?",
    ],
)
def test_a_what_if_about_someone_in_a_relative_clause_is_not_a_report(text: str) -> None:
    assert advice(text) in {"none", "ask"}, text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("my mortgage went up again, it's crippling", "none"),
        ("the traffic on the way in this morning, it's unbearable", "none"),
        ("it's unbearable, I had to lie on the floor at work", "severe"),
        ("my sciatica flared on the drive, it's unbearable", "severe"),
    ],
)
def test_it_after_a_thing_is_the_thing_after_the_body_is_pain(text: str, expected: str) -> None:
    check(text, expected)
