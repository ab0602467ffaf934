"""Issue 14, "the first ten minutes": each rough edge a new user hit, typed as they typed it.

Core rows are driven through the app's doors with `talk.say` / `talk.press` (the same
lines the terminal sends); the terminal itself is driven in tests/test_terminal.py.
"""

from __future__ import annotations

import pytest

from bot.core.app import Limber
from tests.conftest import ALICE, Conversation, text_of

RAW_PYDANTIC = ("Input should", "greater than or equal", "less than or equal", "validation error")


# Apostrophes and quotes ------------------------------------------------------------------
@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("/pain 8 can't sleep", "Please stop the stretches"),
        ("/pain 2 it's fine, I'm ok", "stop if the pain"),
        ("/pain 3 'odd quote", "stop if the pain"),
        ("/timezone set new york", "Did you mean `America/New_York`?"),
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
        ("/reminders remove abc", "`id` must be a whole number, 1 or more, not `abc`"),
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
