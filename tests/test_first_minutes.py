"""Issue 14, "the first ten minutes": each rough edge a new user hit, typed as they typed it.

Core rows are driven through the app's doors with `talk.say` / `talk.press` (the same
lines the terminal sends); the terminal itself is driven in tests/test_terminal.py.
"""

from __future__ import annotations

import pytest

from bot.core.app import Limber
from bot.core.clock import ManualClock
from bot.core.messages import Cadence, Kind, Message, Reply
from tests.conftest import ALICE, Conversation, text_of
from tests.fakes.chat import RecordingChat

RAW_PYDANTIC = ("Input should", "greater than or equal", "less than or equal", "validation error")


# Apostrophes and quotes ------------------------------------------------------------------
@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("/pain 8 can't sleep", "Please stop the stretches"),
        ("/pain 2 it's fine, I'm ok", "stop if the pain"),
        ("/pain 3 'odd quote", "stop if the pain"),
        ("/timezone set new york", "America/New_York"),
    ],
)
async def test_the_last_text_option_takes_the_rest_of_the_line_literally(
    talk: Conversation, line: str, expected: str
) -> None:
    text = text_of(await talk.say(line))
    assert "quotation" not in text.lower() and "could not read" not in text.lower()
    assert expected.lower() in text.lower()


async def test_a_quoted_value_with_spaces_is_still_one_option(talk: Conversation) -> None:
    reply = await talk.say('/clinic setup https://book.example/free "Back Clinic" 112')
    assert "Back Clinic" in text_of(reply) and "Emergency number: 112" in text_of(reply)


# Validation speaks to people -------------------------------------------------------------
@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("/pain eleven", "`level` must be a whole number from 0 to 10, not `eleven`"),
        ("/pain -1", "`level` must be a whole number from 0 to 10, not `-1`"),
        ("/pain", "`level` is missing: a whole number from 0 to 10"),
        ("/reminders remove abc", "`abc` is not a reminder id"),
        ("/reminders remove 0", "`id` must be a whole number, 1 or more, not `0`"),
        ("/reminders remove 99999999999999999999999", "`id` is far too large a number"),
        ("/privacy consent maybe", "`choice` must be one of `give`, `withdraw`"),
        ("/stretch show", "`routine` is missing"),
        ("/timezone set", "`zone` is missing"),
        ("/reminders add", "`time` is missing"),
        ("/clinic setup http://x.example", "`booking_url` must be an https:// link"),
    ],
)
async def test_every_bad_option_is_named_for_people_with_an_example(
    talk: Conversation, line: str, expected: str
) -> None:
    text = text_of(await talk.say(line))
    assert expected in text
    assert "For example: `/" in text and "Usage: `/" in text
    for raw in RAW_PYDANTIC:
        assert raw not in text


async def test_a_huge_number_through_the_discord_door_is_no_traceback(app: Limber) -> None:
    from tests.conftest import TERMINAL

    reply = await app.command(ALICE, TERMINAL, "reminders remove", {"id": 10**23})
    assert "far too large" in text_of(reply)


@pytest.mark.parametrize(
    ("line", "answered", "ignored"),
    [
        ("/help me", "not medical advice", "(I ignored `me`: `/help` takes no options.)"),
        (
            "/reminders list extra",
            "You have no reminders",
            "(I ignored `extra`: `/reminders list` takes no options.)",
        ),
        (
            "/privacy consent give now",
            "I'll keep your pain scores",
            "(I ignored `now`: the usage is `/privacy consent choice`.)",
        ),
    ],
)
async def test_a_stray_word_is_named_and_the_command_still_runs(
    talk: Conversation, line: str, answered: str, ignored: str
) -> None:
    text = text_of(await talk.say(line))
    assert answered in text and ignored in text


# Hello during a session ------------------------------------------------------------------
async def test_hello_during_a_session_says_where_you_are_not_how_to_start(
    talk: Conversation,
) -> None:
    await talk.screened()
    await talk.say("/stretch start")
    text = text_of(await talk.say("hello"))
    assert "Start a session with" not in text
    assert "You're in your Low-back starter session (step 1)" in text
    await talk.press("Pause")
    assert "on hold at step 1" in text_of(await talk.say("hi there"))
    await talk.say("stop")
    assert "Start a session with `/stretch start`" in text_of(await talk.say("hello"))


# Privacy ---------------------------------------------------------------------------------
@pytest.mark.parametrize("word", ["yes", "Yes!", "delete", "yep"])
async def test_privacy_delete_takes_yes(talk: Conversation, word: str) -> None:
    await talk.say("/reminders add 9am")
    assert "type `yes`" in text_of(await talk.say("/privacy delete"))
    assert "everything Limber stored about you is deleted" in text_of(await talk.say(word))


@pytest.mark.parametrize("word", ["no", "nope", "cancel"])
async def test_privacy_delete_takes_no(talk: Conversation, word: str) -> None:
    await talk.say("/reminders add 9am")
    await talk.say("/privacy delete")
    assert "Nothing was deleted" in text_of(await talk.say(word))
    assert "**#1** daily at 09:00" in text_of(await talk.say("/reminders list"))


async def test_privacy_delete_asks_again_on_anything_else(talk: Conversation) -> None:
    await talk.say("/reminders add 9am")
    await talk.say("/privacy delete")
    again = text_of(await talk.say("hello"))
    assert "Please answer `yes` to delete everything or `no` to keep it." in again
    assert "Delete all your data?" not in again  # the title is on the message, not the text
    assert "deleted" in text_of(await talk.say("yes"))


async def test_pain_while_delete_is_asked_is_triaged_not_re_asked(talk: Conversation) -> None:
    await talk.say("/reminders add 9am")
    await talk.say("/privacy delete")
    text = text_of(await talk.say("my sciatica is unbearable today"))
    assert "Free Consultation" in text
    assert "Please answer" not in text


async def test_reading_commands_right_after_erasure_do_not_recreate_the_person(
    talk: Conversation, app: Limber
) -> None:
    await talk.say("/reminders add 9am")
    await talk.say("/privacy delete")
    await talk.say("yes")
    assert await app.store.users.by_ref(ALICE) is None
    for line in [
        "/privacy show",
        "/privacy export",
        "/help",
        "/progress",
        "/stretch routines",
        "/timezone show",
        "/clinic show",
    ]:
        await talk.say(line)
        assert await app.store.users.by_ref(ALICE) is None, line
    shown = text_of(await talk.say("/privacy show"))
    assert "Limber stores nothing about you" in shown and "— 0 records" not in shown
    assert "Limber stores nothing about you" in text_of(await talk.say("/privacy delete"))
    await talk.say("/reminders add 9am")  # acting creates the person again
    assert await app.store.users.by_ref(ALICE) is not None


# The session itself ----------------------------------------------------------------------
def steps_sent(chat: RecordingChat) -> list[Message]:
    return [s.message for s in chat.sent if s.message.kind is Kind.STEP]


async def test_a_clam_set_is_one_message_with_its_beat_count_and_hold_cue(
    talk: Conversation, chat: RecordingChat, clock: ManualClock
) -> None:
    await talk.screened()
    await talk.say("/stretch start")
    await clock.advance(10 + 15)  # intro, get ready
    step = chat.last
    assert (step.title or "").startswith("Step 3/22 · Clam — left leg, set 1 of 2")
    assert "20 reps, one every 4 s (raise 1 s, hold 2 s at the top, lower 1 s)." in step.text
    assert "Count each rep: 1, 2, … 20." in step.text
    timer = step.timer
    assert timer is not None and timer.seconds == 80
    assert (timer.ends_at - clock.now()).total_seconds() == 80  # its live end time
    assert timer.cadence == Cadence(reps=20, rep_seconds=4, hold_seconds=2)
    assert timer.cadence.phase(0.5) == "raise slowly"
    assert timer.cadence.phase(1.5) == "hold at the top (2 s)"
    assert timer.cadence.phase(3.5) == "lower slowly"
    sent = len(chat.sent)
    await clock.advance(79)
    assert len(chat.sent) == sent  # no message (no API call) per rep
    await clock.advance(1)
    assert len(chat.sent) == sent + 1


async def test_each_side_says_how_to_lie_and_which_ankle_goes_where(
    talk: Conversation, chat: RecordingChat, clock: ManualClock
) -> None:
    await talk.screened()
    await talk.say("/stretch start")
    await clock.run_until_idle()
    texts = {(m.title or "").split(" · ", 1)[-1]: m.text for m in steps_sent(chat)}
    assert (
        "Lie on your right side, so your left leg is on top"
        in (texts["Clam — left leg: get into position"])
    )
    clam_right = next(m.text for m in steps_sent(chat) if m.text.startswith("Now the right leg"))
    assert "Lie on your left side, so your right leg is on top" in clam_right
    glutes_left = texts["Lying glutes stretch — left leg: get into position"]
    assert "Place your left ankle in front of your right knee, grab your right thigh" in glutes_left
    glutes_right = [t for k, t in texts.items() if "right ankle in front of your left knee" in t]
    assert len(glutes_right) == 1


def glutes_holds(chat: RecordingChat) -> list[Message]:
    return [
        m
        for m in steps_sent(chat)
        if "Lying glutes stretch" in (m.title or "") and "hold" in (m.title or "")
    ]


async def test_a_person_chooses_hold_and_repeats_within_the_seed_range_and_it_is_kept(
    talk: Conversation, chat: RecordingChat, clock: ManualClock, app: Limber
) -> None:
    await talk.screened()
    reply = await talk.say("/stretch start hold:20 repeats:4")
    assert "Lying glutes stretch: 4 × 20 s" in text_of(reply)
    assert "remember" in text_of(reply)
    await clock.run_until_idle()
    holds = glutes_holds(chat)
    assert len(holds) == 8  # 4 each leg
    assert all(m.timer is not None and m.timer.seconds == 20 for m in holds)
    assert "This session: 4 × 20 s each leg." in text_of(Reply(steps_sent(chat)))
    chat.clear()
    await talk.say("3")  # the check-in (8 would be severe: the next start asks first)
    await talk.say("/stretch start")  # next time: remembered
    await clock.run_until_idle()
    assert len(glutes_holds(chat)) == 8
    chat.clear()
    await talk.say("2")
    await talk.say("/stretch start low-back-starter 15 3")  # positional works too
    await clock.run_until_idle()
    holds = glutes_holds(chat)
    assert len(holds) == 6 and all(m.timer and m.timer.seconds == 15 for m in holds)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "/stretch start hold:40",
            "`hold` 40 s is outside the Lying glutes stretch's range of 15–30 s",
        ),
        ("/stretch start hold:10", "`hold` 10 s is outside"),
        (
            "/stretch start repeats:5",
            "`repeats` 5 is outside the Lying glutes stretch's range of 3–4",
        ),
        ("/stretch start repeats:2", "For example: `/stretch start repeats:4`"),
    ],
)
async def test_a_dose_outside_the_seed_range_is_refused(
    talk: Conversation, app: Limber, line: str, expected: str
) -> None:
    await talk.screened()
    text = text_of(await talk.say(line))
    assert expected in text
    assert await app.store.sessions.active_for(1) is None


async def test_pressing_next_through_every_step_is_not_a_completed_session(
    talk: Conversation, chat: RecordingChat, clock: ManualClock, app: Limber
) -> None:
    await talk.screened()
    await talk.say("/stretch start")
    for _ in range(21):
        await talk.press("Next", steps_sent(chat)[-1])
        await clock.advance(0.05)
    final = steps_sent(chat)[-1]
    assert final.title == "Session over"
    assert "doesn't count as completed" in final.text
    assert "at least 50% of its timed steps" in final.text
    assert "Well done" not in text_of(Reply(steps_sent(chat)))
    user = await app.store.users.by_ref(ALICE)
    assert user is not None
    assert await app.store.progress.completed_sessions(user.id) == []
    assert "How is your pain now?" in chat.last.text  # the check-in still comes


async def test_a_session_with_a_few_skips_still_counts(
    talk: Conversation, chat: RecordingChat, clock: ManualClock, app: Limber
) -> None:
    await talk.screened()
    reply = await talk.say("/stretch start")
    assert "counts toward your streak when at least 50% of its timed steps are done" in (
        text_of(reply)
    )
    await talk.say("next")  # skip the intro
    await clock.run_until_idle()
    final = [m for m in steps_sent(chat) if m.title in {"Well done!", "Session over"}]
    assert final[-1].title == "Well done!"
    assert "it counts toward your streak" in final[-1].text
    user = await app.store.users.by_ref(ALICE)
    assert user is not None and len(await app.store.progress.completed_sessions(user.id)) == 1


async def test_no_platform_words_in_the_terminal(talk: Conversation, chat: RecordingChat) -> None:
    from bot.adapters.terminal.console import TERMINAL_PHRASES

    chat.phrases = TERMINAL_PHRASES
    replies = [await talk.say(line) for line in ["/help", "/stretch start", "/privacy show"]]
    words = text_of(Reply([m for r in replies for m in r.messages])) + " ".join(chat.texts())
    assert "DM" not in words and "direct message" not in words
