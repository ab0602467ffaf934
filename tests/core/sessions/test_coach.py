"""Guided sessions through the app's doors, with a manual clock: a 10-minute routine in ms."""

from __future__ import annotations

import pytest

from bot.bootstrap import build_app
from bot.config import Settings
from bot.core.app import Limber
from bot.core.clock import ManualClock
from bot.core.messages import Kind
from tests.conftest import Conversation, text_of
from tests.fakes.chat import RecordingChat

pytestmark = pytest.mark.both_backends


def step_titles(chat: RecordingChat) -> list[str]:
    return [s.message.title or "" for s in chat.sent if s.message.kind is Kind.STEP]


async def test_a_whole_session_advances_by_itself_to_the_check_in(
    talk: Conversation, chat: RecordingChat, clock: ManualClock
) -> None:
    await talk.screened()
    started = clock.now()
    reply = await talk.say("/stretch start")
    assert "Starting **Low-back starter** (about 11 min)" in text_of(reply)
    assert chat.last.timer is not None and chat.last.timer.seconds == 10
    await clock.run_until_idle()
    titles = step_titles(chat)
    assert len(titles) == 22
    assert titles[0].startswith("Step 1/22 · Low-back starter")
    assert titles[-1] == "Well done!"
    assert chat.last.kind is Kind.QUESTION and "How is your pain now?" in chat.last.text
    assert [a.label for a in chat.last.actions] == [str(n) for n in range(11)]
    # the elapsed time is the routine's length: holds really lasted their seconds.
    # By hand from the seed: intro 10; clam: prepare 15 + per leg 2 x 80 s sets + 30 s
    # rest, switch 10; glutes: prepare 15 + per leg 3 x 30 s holds + 2 x 10 s rests,
    # switch 10.
    clam = 15 + (2 * 80 + 30) + 10 + (2 * 80 + 30)
    glutes = 15 + (3 * 30 + 2 * 10) + 10 + (3 * 30 + 2 * 10)
    assert (clock.now() - started).total_seconds() == 10 + clam + glutes == 660
    # old steps lose their buttons once the next one is shown
    assert len(chat.edits) == 21 and all(not m.actions for _, m in chat.edits)


async def test_holds_show_a_countdown_that_ends_when_the_step_ends(
    talk: Conversation, chat: RecordingChat, clock: ManualClock
) -> None:
    await talk.screened()
    await talk.say("/stretch start")
    start = clock.now()
    await clock.advance(10)
    timer = chat.last.timer
    assert timer is not None and timer.label == "Get ready"
    assert (timer.ends_at - start).total_seconds() == 25


async def test_pause_freezes_the_step_and_resume_continues_with_the_time_left(
    talk: Conversation, chat: RecordingChat, clock: ManualClock
) -> None:
    await talk.screened()
    await talk.say("/stretch start")
    await clock.advance(4)
    paused = await talk.press("Pause")
    assert "Paused at step 1/22" in text_of(paused)
    count = len(chat.sent)
    await clock.advance(600)
    assert len(chat.sent) == count  # nothing advanced while paused
    await talk.press("Resume", paused.messages[0])
    assert chat.last.timer is not None
    assert (chat.last.timer.ends_at - clock.now()).total_seconds() == 6
    await clock.advance(6)
    assert (chat.last.title or "").startswith("Step 2/22")


async def test_next_skips_the_current_step_and_an_old_next_does_nothing(
    talk: Conversation, chat: RecordingChat, clock: ManualClock
) -> None:
    await talk.screened()
    await talk.say("/stretch start")
    first = chat.last
    await talk.press("Next")
    assert (chat.last.title or "").startswith("Step 2/22")
    again = await talk.press("Next", first)
    assert "already over" in text_of(again)
    assert (chat.last.title or "").startswith("Step 2/22")


async def test_stop_ends_the_session_and_a_new_one_can_start(
    talk: Conversation, chat: RecordingChat, clock: ManualClock
) -> None:
    await talk.screened()
    await talk.say("/stretch start")
    stopped = await talk.press("Stop")
    assert "Session stopped after 1 of 22 steps" in text_of(stopped)
    count = len(chat.sent)
    await clock.advance(60)
    assert len(chat.sent) == count
    assert "Starting" in text_of(await talk.say("/stretch start"))


async def test_it_hurts_stops_the_session_and_asks_for_a_score_that_goes_to_triage(
    talk: Conversation, chat: RecordingChat, clock: ManualClock
) -> None:
    await talk.screened()
    await talk.say("/stretch start")
    hurt = await talk.press("It hurts")
    assert "stopped the session" in text_of(hurt)
    question = hurt.messages[-1]
    assert "0 = no pain" in question.text
    answer = await talk.press("8", question)
    text = text_of(answer)
    assert "https://clinic.example/book" in text and "Free Consultation" in text
    session = await talk.app.store.sessions.get(1)
    assert session is not None and session.status == "hurt"


async def test_a_typed_number_answers_the_pain_question(
    talk: Conversation, chat: RecordingChat
) -> None:
    await talk.screened()
    await talk.say("/stretch start")
    await talk.press("It hurts")
    answer = await talk.say("9")
    assert "https://clinic.example/book" in text_of(answer)


async def test_a_second_start_while_running_is_refused_with_a_stop_button(
    talk: Conversation,
) -> None:
    await talk.screened()
    await talk.say("/stretch start")
    reply = await talk.say("/stretch start")
    assert "middle of a session" in text_of(reply)
    assert [a.label for a in reply.messages[0].actions] == ["Stop"]


async def test_first_session_asks_the_red_flag_questions_and_a_yes_gives_urgent_care(
    talk: Conversation, chat: RecordingChat
) -> None:
    reply = await talk.say("/stretch start")
    assert "safety check" in text_of(reply)
    which = await talk.press("Yes, one or more", reply.messages[-1])
    urgent = await talk.press("1", which.messages[-1])
    assert urgent.messages[0].kind is Kind.URGENT
    assert "emergency" in urgent.messages[0].text.lower()
    user = await talk.app.store.users.by_ref(talk.ref)
    assert user is not None and user.screened_at is None
    assert await talk.app.store.sessions.active_for(user.id) is None


async def test_answering_no_to_every_screening_question_starts_the_session(
    talk: Conversation, chat: RecordingChat
) -> None:
    reply = await talk.say("/stretch start")
    for _ in range(20):
        if "Starting" in text_of(reply):
            break
        reply = await talk.say("no")
    assert "not medical advice" in text_of(reply)
    assert "Starting **Low-back starter**" in text_of(reply)


async def test_a_restart_offers_to_resume_an_unfinished_session(
    settings: Settings, app: Limber, talk: Conversation, chat: RecordingChat, clock: ManualClock
) -> None:
    await talk.screened()
    await talk.say("/stretch start")
    await clock.advance(30)
    await app.close()

    chat2 = RecordingChat()
    app2 = await build_app(settings, chat2, clock)
    await app2.start()
    try:
        offer = chat2.last
        assert "Your Low-back starter session was interrupted at step 3/22" in offer.text
        talk2 = Conversation(app2, chat2)
        await talk2.press("Resume", offer)
        timer = chat2.last.timer
        assert timer is not None and (timer.ends_at - clock.now()).total_seconds() == 80
        await clock.advance(80)
        assert (chat2.last.title or "").startswith("Step 4/22")
    finally:
        await app2.close()


async def test_a_session_left_for_too_long_is_marked_abandoned(
    settings: Settings, app: Limber, talk: Conversation, clock: ManualClock
) -> None:
    await talk.screened()
    await talk.say("/stretch start")
    await app.close()
    await clock.advance(7 * 3600)
    app2 = await build_app(settings, RecordingChat(), clock)
    await app2.start()
    try:
        session = await app2.store.sessions.get(1)
        assert session is not None and session.status == "abandoned"
    finally:
        await app2.close()


async def test_someone_elses_session_button_reveals_nothing(
    talk: Conversation, chat: RecordingChat
) -> None:
    await talk.screened()
    await talk.say("/stretch start")
    bob = Conversation(talk.app, chat, ref=talk.ref.__class__("terminal", "bob", "Bob"))
    reply = await bob.press("Stop")
    assert text_of(reply) == "That session is no longer available."


async def test_typing_it_hurts_during_a_session_works_like_the_button(
    talk: Conversation, chat: RecordingChat
) -> None:
    await talk.screened()
    await talk.say("/stretch start")
    reply = await talk.say("it hurts!")
    assert "I've stopped the session" in text_of(reply)
    assert "How bad is the pain right now?" in text_of(reply)
    session = await talk.app.store.sessions.get(1)
    assert session is not None and session.status == "hurt"


async def test_typed_pause_and_stop_act_on_the_running_session(
    talk: Conversation, chat: RecordingChat
) -> None:
    await talk.screened()
    await talk.say("/stretch start")
    assert "Paused at step 1/22" in text_of(await talk.say("Pause"))
    assert "Session stopped" in text_of(await talk.say("stop"))
    assert "I'm Limber" in text_of(await talk.say("stop"))  # no session: nothing to stop


async def test_a_typed_yes_answers_the_consent_question_and_keeps_that_score(
    talk: Conversation,
) -> None:
    first = await talk.say("/pain 5")
    assert "May I keep your pain scores" in text_of(first)
    assert "keep your pain scores (numbers only)" in text_of(await talk.say("yes please"))
    user = await talk.app.store.users.by_ref(talk.ref)
    assert user is not None and user.pain_consent_granted
    reports = await talk.app.store.users.pain_since(
        user.id, talk.app.clock.now().replace(year=2000)
    )
    assert [(r.score, r.context) for r in reports] == [(5, "report")]


async def test_a_typed_no_declines_and_nothing_is_stored(talk: Conversation) -> None:
    await talk.say("/pain 5")
    assert "won't keep your pain scores" in text_of(await talk.say("no"))
    await talk.say("/pain 6")
    user = await talk.app.store.users.by_ref(talk.ref)
    assert user is not None and user.consent_pain == "declined"
    assert (
        await talk.app.store.users.pain_since(user.id, talk.app.clock.now().replace(year=2000))
        == []
    )


async def test_from_a_server_the_screening_questions_go_to_the_private_chat(
    talk: Conversation, chat: RecordingChat
) -> None:
    talk.scope = talk.scope.__class__("discord", "42")
    reply = await talk.say("/stretch start")
    assert "safety check in our private chat" in text_of(reply)
    assert chat.last.title == "Safety check"
    assert [a.label for a in chat.last.actions] == ["None of these", "Yes, one or more", "Not sure"]


async def test_with_dms_closed_the_screening_is_asked_in_the_reply_instead(
    talk: Conversation, chat: RecordingChat
) -> None:
    from bot.core.ports import RecipientUnreachable

    chat.fail_always = RecipientUnreachable("closed")
    talk.scope = talk.scope.__class__("discord", "42")
    reply = await talk.say("/stretch start")
    assert reply.messages[-1].title == "Safety check"
