"""The safety check is one message; a warning is remembered (issue: triage that fails
safe, item 5; stretch together, part 3)."""

from __future__ import annotations

from datetime import timedelta

from bot.core.app import Limber
from bot.core.clock import ManualClock
from bot.core.models import Reminder
from tests.conftest import Conversation, text_of
from tests.fakes.chat import RecordingChat

URGENT = "urgent medical care now"


async def test_the_safety_check_is_one_message_with_none_yes_and_not_sure(
    talk: Conversation,
) -> None:
    reply = await talk.say("/stretch start")
    [check] = reply.messages
    assert [a.label for a in check.actions] == ["None of these", "Yes, one or more", "Not sure"]
    for words in ("genitals", "bladder", "both legs", "fall", "fever", "cancer", "weight"):
        assert words in check.text, words
    started = await talk.press("None of these", check)
    assert "Starting **Low-back starter**" in text_of(started)


async def test_a_yes_cannot_be_undone_by_starting_again_and_answering_no(
    talk: Conversation,
) -> None:
    reply = await talk.say("/stretch start")
    which = await talk.press("Yes, one or more", reply.messages[-1])
    assert URGENT in text_of(await talk.press("2", which.messages[-1]))
    again = await talk.say("/stretch start")
    assert "Have you been checked" in text_of(again)
    assert "None of these" not in [a.label for m in again.messages for a in m.actions]
    not_yet = await talk.press("Not yet", again.messages[-1])
    assert "emergency" in text_of(not_yet)


async def test_severe_pain_is_remembered_and_the_next_start_asks_first(
    talk: Conversation,
) -> None:
    await talk.screened()
    severe = await talk.say("my back is 9/10 today")
    assert any(a.label == "Pause reminders for a day" for m in severe.messages for a in m.actions)
    ask = await talk.say("/stretch start")
    assert "severe pain" in text_of(ask) and "Have you been checked" in text_of(ask)
    started = await talk.press("Yes, I've been checked", ask.messages[-1])
    assert "Starting" in text_of(started)


async def test_not_sure_in_the_safety_check_means_get_checked(talk: Conversation) -> None:
    reply = await talk.say("/stretch start")
    answer = await talk.say("not sure")
    assert "If in doubt, get checked" in text_of(answer)
    assert "Starting" not in text_of(answer)
    del reply


async def test_the_safety_check_is_asked_again_after_four_weeks(
    talk: Conversation, clock: ManualClock
) -> None:
    await talk.screened()
    first = await talk.say("/stretch start")
    assert "Starting" in text_of(first)
    await talk.press("Stop", talk.chat.last)
    await clock.advance(timedelta(weeks=4, hours=1).total_seconds())
    later = await talk.say("/stretch start")
    assert "safety check again" in text_of(later)


async def test_a_reminder_within_a_day_of_a_warning_mentions_it(
    app: Limber, talk: Conversation, clock: ManualClock, chat: RecordingChat
) -> None:
    from tests.core.reminders.test_reminders_dst import run_until

    await talk.screened()
    await talk.say("/reminders add 9am")
    await talk.say("my sciatica is unbearable, 9/10")
    nine = clock.now().replace(hour=9, minute=0) + timedelta(minutes=1)
    await run_until(clock, app.dispatcher, nine)
    reminder = next(s.message for s in chat.sent if s.message.kind == "reminder")
    assert "Earlier you told me about severe pain" in reminder.text
    assert "Pause reminders for a day" in [a.label for a in reminder.actions]


async def _screened_without_consent_question(talk: Conversation) -> None:
    """Screened, and the scores question already answered, so the pause offer after a
    warning is the one open question."""
    await talk.screened()
    await talk.say("/pain 2")
    await talk.say("no")


async def _reminders_of(talk: Conversation) -> list[Reminder]:
    user = await talk.app.store.users.ensure(talk.ref, talk.app.clock.now())
    return await talk.app.store.reminders.for_user(user.id)


async def test_a_typed_no_to_the_pause_offer_keeps_reminders_on(talk: Conversation) -> None:
    await _screened_without_consent_question(talk)
    await talk.say("/reminders add 9am")
    severe = await talk.say("my back is 9/10 today")
    offer = severe.messages[-1]
    assert [a.label for a in offer.actions] == ["Pause reminders for a day", "Keep them on"]
    kept = await talk.say("no")
    assert "your reminders stay on" in text_of(kept)
    assert "I'm Limber" not in text_of(kept)
    [reminder] = await _reminders_of(talk)
    assert reminder.state == "active"


async def test_a_typed_yes_to_the_pause_offer_pauses_for_a_day(talk: Conversation) -> None:
    await _screened_without_consent_question(talk)
    await talk.say("/reminders add 9am")
    await talk.say("numb between my legs since this morning")
    paused = await talk.say("yes please")
    assert "paused" in text_of(paused).lower()
    [reminder] = await _reminders_of(talk)
    assert reminder.paused_until is not None or reminder.state == "paused"


async def test_other_words_after_the_pause_offer_are_read_as_usual(talk: Conversation) -> None:
    await _screened_without_consent_question(talk)
    await talk.say("my back is 9/10 today")
    urgent = await talk.say("and now I can't feel my bum when I sit")
    assert URGENT in text_of(urgent)
