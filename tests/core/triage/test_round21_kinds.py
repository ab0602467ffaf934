"""Kinds found on blind batches FB-FE (South Asian and Middle Eastern English, paid care
workers, deadpan humour, patient-portal formality and clinical shorthand), each as a small
family.

As in test_round3_kinds: every family holds variants written here, not copied from the
batches, so a fix that only matches the failing sentence fails.
"""

from __future__ import annotations

import pytest

from tests.core.triage.test_round3_kinds import advice


@pytest.mark.parametrize(
    "text",
    [
        # "like somebody gave injection" without an article; Hindi "sunn" (numb)
        "my bottom feels like doctor gave injection, no feeling when I sit, back paining",
        "since morning seat area is sunn, back also paining",
        # a fall that took the writer down with it, a landing across something
        "the client lost her footing and pulled me down with her, I landed on the edge of the "
        "bath with my lower back",
        # rest pain in other words: days off, whatever I do
        "had breast cancer in 2018. my back pain doesn't ease on my days off either, it's there "
        "sitting, lying, whatever I do",
        # sliding off a commode onto the bottom
        "Mr K slid off the commode onto his bum overnight and now winces when we move him",
        # one leg weak, then worse, the other going too
        "my left leg felt weak on Monday. today it's dragging and the right one's going numb too",
        "his right foot is getting progressively weaker, back pain all week",
        # cannot get a wee started; a long wait for a dribble
        "can't get a wee started since this morning even though I'm bursting, back is bad",
        "sat on the toilet for ten minutes to get a tiny trickle, back killing me",
        # not telling when urine passes; unable to void
        "I cannot tell when I am passing urine any more, back 5",
        "new LBP, unable to void since 6am",
        # clinical shorthand for a cancer history, with night pain
        "Hx breast ca 2016. LBP worse at night, not settling with rest",
        # a drop in weight with nothing changed
        "the scales show a drop of about 6 kg although nothing has changed in what I eat, back "
        "aches",
    ],
)
def test_red_flags_in_formal_and_work_voices(text: str) -> None:
    assert advice(text) == "redflag", text


@pytest.mark.parametrize(
    "text",
    [
        # their agony "with her sciatica" after a clause naming work
        "after work I went to Dad's and he's in agony with his sciatica, can't stand up",
    ],
)
def test_someone_elses_severe_pain_after_other_words(text: str) -> None:
    assert advice(text) in {"severe", "redflag"}, text


@pytest.mark.parametrize(
    "text",
    [
        # food, a spinal level, warning signs "I have had neither", pads and weights at work
        "that vindaloo was so hot I'm actually dying lol",
        "MRI showed a small bulge at L5/S1, nothing pressing. pain today 4",
        "are fever and weight loss the things to watch for? my sciatica is a 4. I've had neither",
        "long night of pad changes, back's a little sore, 2",
        "did the monthly weigh-ins for the residents, back fine",
        # someone else's fall, checked and sent home with no injury; the writer's own ache
        "Mrs P had a fall, no injury, the paramedics checked her and she's back in bed. my "
        "back's a 3 from helping her up",
        # a clinician's case at work
        "I saw a patient on shift with cauda equina today, made me think. my back's a 2",
        # numb from sitting on it, not feeling a stretch
        "my foot went numb earlier but I'd been sitting on it. back 2",
        "I can't feel a stretch in the piriformis one, am I doing it wrong?",
    ],
)
def test_calm_in_formal_and_work_voices(text: str) -> None:
    assert advice(text) not in {"severe", "redflag"}, text


@pytest.mark.parametrize(
    "text",
    [
        # an ex-patient is the writer, not someone else
        "ex bowel cancer patient here, the backache is there whether I rest or not",
        # checked at hospital and sent home, then their back started hurting
        "Mum was in a car crash Monday, hospital checked her and sent her home, but now her "
        "lower back has started hurting",
    ],
)
def test_red_flags_that_look_settled_but_are_not(text: str) -> None:
    assert advice(text) == "redflag", text
