"""Kinds found on blind batches BE-BL and the red-flag banks, each as a small family.

As in test_round3_kinds: every family holds variants written here, not copied from the
batches, so a fix that only matches the failing sentence fails. `ask` means the red-flag
questions are asked rather than urgent advice given at once.
"""

from __future__ import annotations

import pytest

from tests.core.triage.test_round3_kinds import check


@pytest.mark.parametrize(
    "text",
    [
        "did a wee on myself in the queue without even knowing, back's been bad since monday",
        "found the sheets damp this morning and I hadn't felt a thing, sciatica flaring",
        "my motions come out lost control since yesterday",  # normalised "without control"
        "I get no warning at all now when I need a number two, lower back sore",
        "there's no sensation when the pee is passing any more, back 5/10",
        "stood at the loo forever and nothing would come, back aching",
        "had to push and push just to get a trickle, back sore since friday",
        "haven't needed a wee since yesterday lunchtime, which isn't like me. back aches",
        "i cannot control when i go to the toilet, it just comes out alone. waist pain",
    ],
)
def test_bladder_and_bowel_told_as_what_happened_are_red_flags(text: str) -> None:
    check(text, "redflag")


@pytest.mark.parametrize(
    "text",
    [
        "I went to the loo and didn't feel any pain at all today, back's a 2",
        "I leak a bit when I sneeze, have done since my first baby years ago, nothing new. back 3",
        "my toddler keeps having accidents, potty training is hard work! my back's a 3 from "
        "lifting her",
        "couldn't tell the difference after the loo stop, back is fine, 1/10",
    ],
)
def test_the_same_words_in_calm_messages_stay_calm(text: str) -> None:
    # a toilet word in a message about pain may still earn the questions (fail-safe topics)
    assert check_level(text) in {"mild", "ask"}, text


@pytest.mark.parametrize(
    "text",
    [
        "the bit where the seam of my jeans sits has gone numb, back is a 6",
        "the part you sit on feels like it belongs to someone else since yesterday",
        "feels like the dentist numbed my bottom, started when my back went",
        "I can feel the shower on my legs but not on my privates, back hurts",
        "cant feel a thing when I sit on the toilet seat, lower back bad",
    ],
)
def test_the_saddle_area_by_likeness_or_by_where_one_sits(text: str) -> None:
    check(text, "redflag")


@pytest.mark.parametrize(
    "text",
    [
        "a van reversed into my car at the lights yesterday, back sore now, 4",
        "took a cricket ball right in the small of the back on saturday, 5/10 since",
        "a boda boda knocked me this morning, my lower back is paining me",
        "mum went over in the bathroom last night and now her back hurts",
        "I fall from the bus steps today and land with my back on the kerb, pain 6",
    ],
)
def test_impacts_told_as_stories_are_red_flags(text: str) -> None:
    check(text, "redflag")


@pytest.mark.parametrize(
    "text",
    [
        "someone reversed into my car while I was in the shop, I wasn't in it. back's a 2",
        "my son fell off the slide and bounced straight back up, not a scratch. my back is 2",
        "my husband slipped on the stairs, the GP checked him, x-ray clear, no pain at all",
    ],
)
def test_impacts_that_hurt_nobody_are_not(text: str) -> None:
    assert check_level(text) in {"none", "mild", "ask"}, text


def check_level(text: str) -> str:
    from tests.core.triage.test_round3_kinds import advice

    return advice(text)


@pytest.mark.parametrize(
    "text",
    [
        "my trousers are hanging off me and I haven't changed what I eat, back aches daily",
        "the scales keep going down though I'm eating loads, lower back pain",
        "I lose 5 kilos in two months and I eat normal, back pain every day",
        "my collarbones stick out now and I'm not dieting, back ache for weeks",
    ],
)
def test_weight_loss_in_likeness_or_plain_numbers(text: str) -> None:
    check(text, "redflag")


@pytest.mark.parametrize(
    "text",
    [
        "my wallet lost weight after christmas lol, back's fine, 1",
        "down 3 kilos after a stomach bug last month, back's a 2",
        "Cup final fever all round tonight! back's behaving, 1",
    ],
)
def test_weight_and_fever_words_about_other_things_do_not_alarm(text: str) -> None:
    assert check_level(text) in {"none", "mild", "ask"}, text


@pytest.mark.parametrize(
    "text",
    [
        "my forehead feels like a radiator and my back is worse today",
        "roasting from the inside and my low back aches",
        "temp's up, 38ish, and my lower back is sore",
        "the thermometer said 101.2 this morning and my back aches",
    ],
)
def test_fever_in_likeness_and_numbers(text: str) -> None:
    check(text, "redflag")


@pytest.mark.parametrize(
    "text",
    [
        "had a lump removed from my bowel a few years back, the serious kind. now the pain "
        "wakes me every night",
        "they found bad cells in 2019 and took them out. my back doesn't care whether I sit "
        "or lie, it just aches",
        "survivor (lymphoma). my back is worst when I'm in bed these days",
    ],
)
def test_cancer_in_euphemism_with_night_or_rest_pain(text: str) -> None:
    check(text, "redflag")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("back pain is a 2. the pain of watching us lose at home is a 10", "mild"),
        ("work is 10/10 stress this week, back's a 3", "mild"),
        ("this curry is so spicy I'm crying real tears, back's fine", "none"),
        ("lost in extra time. I'm in agony. Can't walk. (emotionally) back's ok", "none"),
        ("feel like I've been hit by a train lol, about a 4 after moving house", "moderate"),
    ],
)
def test_strong_words_and_numbers_about_other_things(text: str, expected: str) -> None:
    assert check_level(text) in {expected, "ask"}, text


@pytest.mark.parametrize(
    "text",
    [
        "sciatica flared, an absolute 9 down my leg",
        "the nerve is pulling like a rope, I'd give it 8",
        "I'd now call it unbearable, the stretches made it worse",
    ],
)
def test_severe_scores_and_words_in_new_frames(text: str) -> None:
    check(text, "severe")


@pytest.mark.parametrize(
    "text",
    [
        "what if I do get that numbness down there? back's a 3",
        "why is weight loss on your list of warning signs? back's fine",
        "my aunt said numbness in the groin is serious, is that true? I'm fine, back's a 1",
        "saw on the news a man lost control of his bladder after a slipped disc. mine's a 2",
    ],
)
def test_questions_claims_and_stories_are_not_reports(text: str) -> None:
    assert check_level(text) in {"none", "mild", "ask"}, text


@pytest.mark.parametrize(
    "text",
    [
        "feels like I'm sitting on a cushion that isn't there since this morning",
        "not being able to tell when I'm weeing, I only know because I can hear it",
        "my knees gave way twice today, both of them, back aching",
        "a bull pinned me against the gate yesterday and my back's killing me",
        "a taxi went into the back of us at the roundabout, back stiff today",
        "my dad slipped off the ladder and hit his back on the step, he's sore",
        "usually a slow stream with my prostate, but tonight nothing at all for hours even "
        "though I feel full, and my back is bad. not my normal",
    ],
)
def test_round_bm_bp_red_flags_in_new_frames(text: str) -> None:
    check(text, "redflag")


@pytest.mark.parametrize(
    "text",
    [
        "the GP asked the usual - any numbness, any toilet changes, losing weight - all no. pain 5",
        "hospital letter says query cauda equina, excluded on MRI. back 3/10 now",
        "food accidents aside (gluten!), my back is a 2 today",
        "diabetic, sugar 7.8 this morning, back's just a bit stiff, 2/10",
        "the queue on the way to the physio was unbearable, 40 minutes. back's ok",
    ],
)
def test_round_bm_bp_calm_look_alikes(text: str) -> None:
    assert check_level(text) in {"none", "mild", "moderate", "ask"}, text


@pytest.mark.parametrize(
    "text",
    [
        "got home and my jeans were wet, I hadn't felt myself go at all. back throbbing",
        "I'm 5kg lighter than at christmas and I'm not dieting, back aching for weeks",
        "pins and needles from the hips down on both sides since this morning",
        "took a check into the boards at hockey, back's been grabbing since",
        "my daughter got pushed off the wall at school and fell on her back, she says it hurts",
        "S3-S5 dull since last night, plus LBP",
        "my private parts have little feeling since yesterday, like rubber. back 6",
        "I want to pee and it not come out, I wait long time. back bad",
        "beide Beine numb from the knee down, Rücken 5",
        "fell off a ladder clearing the gutters. back hurts. I'm fine probably",
        "cancer of the kidney 2 years ago. now back pain in night, rest not help",
    ],
)
def test_round_bq_bt_red_flags(text: str) -> None:
    check(text, "redflag")


@pytest.mark.parametrize(
    "text",
    [
        "been paralysed by indecision choosing paint colours all week, back's a 2",
        "we've looked at about 40 flats now, exhausting. back is fine, 1",
        "I'm a paramedic myself, what's the evidence for the clam? back's a 2",
        "my toddler had a nightmare so I'm running on no sleep, back's a 3",
        "we lost the derby, I can't walk from the shame lol. back's fine",
        "had a fall skiing two seasons ago, all healed. today just stiff, 1",
    ],
)
def test_round_bq_bt_calm_look_alikes(text: str) -> None:
    assert check_level(text) in {"none", "mild", "ask"}, text


@pytest.mark.parametrize(
    "text",
    [
        "running hot since last night and my back is bad",
        "my dad can't get out of the chair, says his legs won't take him, both of them",
        "got flattened in a garden rugby tackle by my nephew, landed right across a root on my "
        "lower back",
        "potty training week and one of the puddles was mine, didn't feel it at all. back rough",
        "3 weeks postpartum and I keep leaking without noticing, I was totally fine before this. "
        "back aching",
        "I sit on the loo and can't get things going, wait ages and then it's a trickle. back 4",
        "my wife has a temperature and her back's killing her",
    ],
)
def test_round_bu_bx_red_flags(text: str) -> None:
    check(text, "redflag")


@pytest.mark.parametrize(
    "text",
    [
        "28 weeks pregnant, is the glute stretch ok lying on my back? sciatica's a 4",
        "the sleep regression is torture, back's ok though, 2",
        "my toddler has a fever of 39, can you snooze everything today? my back is fine",
        "son fell off the bunk bed, he's absolutely fine, laughing. my back is a 2",
        "the cat fell asleep on my lap so I can't move lol, stretch later",
        "my neighbour is the worst pain in the neck, back's fine though",
        "the wifi is excruciatingly slow today",
        "Mum's back was an 8 last week, now it's a 3 and she's so relieved",
    ],
)
def test_round_bu_bx_calm_look_alikes(text: str) -> None:
    assert check_level(text) in {"none", "mild", "moderate", "ask"}, text


@pytest.mark.parametrize(
    "text",
    [
        "the sciatica is worse, I was crying in the car at lunch because of it",
        "Can't. Move. Back locked up when I bent down.",
        "the baby's teething is bad but my back is worse, a genuine 8",
    ],
)
def test_round_bu_bx_severe(text: str) -> None:
    check(text, "severe")


@pytest.mark.parametrize(
    "text",
    [
        "having body temperature since yesterday and lower back pain",
        "stood there for ages this morning and nothing came, back is 6ish",
        "nearly wet myself on the bus and didn't feel it coming, which is new. back a 4",
        "my back passage let me down today, I didn't feel it coming. back sore",
        "Gran's been wet through twice this week, which she never is, and her back hurts",
        "his legs won't take orders, both of them, and his back's been bad for a week",
        "a lad reversed his van into my car at the lights, back stiff ever since",
        "when I wipe after the CR parang wala akong maramdaman sa pwet, balakang sore",
    ],
)
def test_round_by_cb_red_flags(text: str) -> None:
    check(text, "redflag")


@pytest.mark.parametrize(
    "text",
    [
        "we had a big fall in the league table, anyway back's fine",
        "this report is giving me a fever. figuratively. back's a 2",
        "Dad can't read the numbers on the timer, can I make them bigger?",
        "the quarterly numbers are crippling, back's ok",
    ],
)
def test_round_by_cb_calm_look_alikes(text: str) -> None:
    assert check_level(text) in {"none", "mild", "ask"}, text


@pytest.mark.parametrize(
    "text",
    [
        "wurst pain of my life, lower back",
        "what's the worst pain you can have? because I'm there. I feel sick with it",
        "had to use a wheelchair today, the pain in my back was too much",
    ],
)
def test_round_by_cb_severe(text: str) -> None:
    check(text, "severe")


@pytest.mark.parametrize(
    "text",
    [
        "my right leg went a bit weak on friday and now I can't push off it on the stairs, "
        "worse every day",
        "my grandmother cannot make toilet since this morning, she sits long and nothing come",
        "I go to make pipi and nothing come out, back killing me",
        "my husband is hot like oven, thermometer 39, and pain in the low back",
        "ants walking in both legs from the knee down and I cannot feel well the floor",
        "my mother's legs are giving up, both knees go when she stands. back pain new",
        "my trousers become big on me, I eat normal but I lose kilos, back aching",
    ],
)
def test_round_cc_ce_red_flags(text: str) -> None:
    check(text, "redflag")


@pytest.mark.parametrize(
    "text",
    [
        "the heat is unbearable, 38 degrees, I can't function. back's fine",
        "my son had a temperature at the weekend but it broke on sunday and he's been fine since",
        "when I was child I fell off the wall and broke my wrist. back now 2",
    ],
)
def test_round_cc_ce_calm_look_alikes(text: str) -> None:
    assert check_level(text) in {"none", "mild", "ask"}, text


@pytest.mark.parametrize(
    "text",
    [
        "my grandad passed motion in his trousers today and didn't know, back bad for weeks",
        "since morning urine coming drop by drop, I push but nothing coming. back pain",
        "I wet a little my underwear without to feel it, never happened before. back 4",
        "my aunt has ants in her legs and they don't obey her, back pain since weeks",
        "both my feet sleeping all day, back hurts",
        "a bigger boy jumped on his back in the playground, now his back hurts",
        "since my back went I keep rushing to the loo and twice I didn't make it",
        "I didn't realise I needed to go until it was already happening. back grumbling",
    ],
)
def test_round_cf_ch_red_flags(text: str) -> None:
    check(text, "redflag")


@pytest.mark.parametrize(
    "text",
    [
        "what if both my legs go numb one day? mine's just a 3 ache",
        "is groin numbness one of the bad signs? the intro message listed it. I don't have it",
        "got tackled so hard in FIFA my back hurts lol jk it's fine, 1",
        "the name of the clam stretch is killing me lol",
    ],
)
def test_round_cf_ch_calm_look_alikes(text: str) -> None:
    assert check_level(text) in {"none", "mild", "moderate", "ask"}, text


def test_a_score_said_to_rise_suddenly_is_read() -> None:
    check("yesterday 5, today suddenly 8 after the stretch", "severe")


@pytest.mark.parametrize(
    "text",
    [
        "my legs went all shaky on the stairs, both of them, back bad for days",
        "years ago I had the bad illness in the prostate. now my back hurts more lying in bed",
        "my groin's gone numb, both sides. back 6",
        "I didn't even notice I needed to go until too late, twice today. back sore",
    ],
)
def test_round_ci_ck_red_flags(text: str) -> None:
    check(text, "redflag")


@pytest.mark.parametrize(
    "text",
    [
        "our keeper fell like a sack of potatoes, what a match. back's fine",
        "back's a bit cranky, 3, just the old bike crash from like 2011",
    ],
)
def test_round_ci_ck_calm_look_alikes(text: str) -> None:
    assert check_level(text) in {"none", "mild", "ask"}, text


def test_a_score_in_points_with_pain_is_a_score() -> None:
    check("waist pain very bad today, 8 points", "severe")
