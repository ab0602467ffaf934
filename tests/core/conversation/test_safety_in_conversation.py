"""Safety in the conversation, as a new user meets it (issue: triage that fails safe).

Each case is typed as a person would, through the same doors the terminal chat uses.
"""

from __future__ import annotations

import pytest

from tests.conftest import Conversation, text_of

BOOKING = "https://clinic.example/book"
URGENT = "urgent medical care now"


async def test_a_report_answering_the_consent_question_gets_the_severe_answer(
    talk: Conversation,
) -> None:
    asked = await talk.say("my back is a 5 today")
    assert "May I keep your pain scores" in text_of(asked)
    reply = await talk.say("ok, now its unbearable")
    assert BOOKING in text_of(reply)


async def test_a_report_answering_a_screening_question_gets_the_severe_answer(
    talk: Conversation,
) -> None:
    await talk.say("/stretch start")
    reply = await talk.say("no, but my pain is 9/10 right now")
    assert BOOKING in text_of(reply)


@pytest.mark.parametrize("answer", ["11", "11/10", "100", "10!!!"])
async def test_a_score_above_the_scale_is_unbearable_pain(talk: Conversation, answer: str) -> None:
    await talk.screened()
    await talk.say("/stretch start")
    await talk.press("It hurts")
    reply = await talk.say(answer)
    assert BOOKING in text_of(reply), text_of(reply)


async def test_pain_11_as_a_command_is_triaged_not_refused(talk: Conversation) -> None:
    reply = await talk.say("/pain 11")
    assert BOOKING in text_of(reply)
    assert "less than or equal" not in text_of(reply)


async def test_an_unclear_answer_to_how_bad_is_it_asks_again(talk: Conversation) -> None:
    await talk.screened()
    await talk.say("/stretch start")
    await talk.press("It hurts")
    reply = await talk.say("hmm")
    assert "didn't catch a number" in text_of(reply)
    assert any(a.label == "7" for a in reply.messages[-1].actions)
    assert BOOKING in text_of(await talk.say("8"))


@pytest.mark.parametrize(
    "text", ["threw my back out", "my back went out this morning", "my back locked up"]
)
async def test_an_acute_episode_is_never_great_to_hear(talk: Conversation, text: str) -> None:
    reply = text_of(await talk.say(text))
    assert "Great to hear" not in reply
    assert "stop if the pain increases" in reply


async def test_not_sure_to_the_safety_check_means_get_checked(talk: Conversation) -> None:
    asked = await talk.say("my legs feel kind of weird today, back is a 3")
    assert "safety check" in text_of(asked)
    reply = await talk.say("not sure")
    assert "If in doubt, get checked" in text_of(reply)


async def test_yes_to_the_safety_check_gets_urgent_care(talk: Conversation) -> None:
    asked = await talk.say("my legs feel kind of weird today, back is a 3")
    reply = await talk.press("Yes", asked.messages[-1])
    assert URGENT in text_of(reply)


async def test_no_to_the_safety_check_lets_things_go_on(talk: Conversation) -> None:
    await talk.say("my legs feel kind of weird today, back is a 3")
    reply = await talk.say("no")
    assert URGENT not in text_of(reply) and "stop if the pain increases" in text_of(reply)


async def test_a_cancer_history_alone_is_asked_about_not_an_emergency(talk: Conversation) -> None:
    reply = text_of(await talk.say("I had cancer years ago, back is fine, 2/10"))
    assert URGENT not in reply
    assert "worse at night" in reply  # the night/rest question is asked
    night = text_of(await talk.say("I had cancer years ago and now my back hurts every night"))
    assert URGENT in night


@pytest.mark.parametrize(
    ("text", "urgent", "booking"),
    [
        ("I lost all sensation in my legs this morning", True, True),
        ("sudden loss of feeling in both legs", True, True),
        ("this weather is unbearable lol, back's fine tho", False, False),
        (
            "Had a fever last month with a chest infection but it went away, no fever now. "
            "Back pain 3/10.",
            False,
            False,
        ),
        ("my husband can't feel his legs", True, True),
    ],
)
async def test_the_issue_examples(
    talk: Conversation, text: str, urgent: bool, booking: bool
) -> None:
    reply = text_of(await talk.say(text))
    assert (URGENT in reply or "need urgent" in reply or "urgent care now" in reply) is urgent, (
        reply
    )
    assert "Great to hear" not in reply or not urgent


async def test_text_limber_cannot_classify_says_so_and_offers_the_questions(
    talk: Conversation,
) -> None:
    reply = await talk.say("the thing from before is happening again on my left side")
    assert "not sure I understood" in text_of(reply)
    assert any(a.label == "Check warning signs" for m in reply.messages for a in m.actions)
    assert "Great to hear" not in text_of(reply)
    assert "Stretch coach" not in text_of(reply)


async def test_a_greeting_still_gets_the_greeting(talk: Conversation) -> None:
    assert "I'm Limber" in text_of(await talk.say("hello"))
