"""Commands defined once: parsing typed lines, validation messages, hints."""

from __future__ import annotations

import pytest

from tests.conftest import Conversation, text_of


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("/strech start", "Unknown command `/strech`. Did you mean `/stretch start`?"),
        ("/stretch", "`/stretch` needs a subcommand"),
        (
            "/stretch show",
            "`routine` is missing (Routine id, e.g. low-back-starter). "
            "For example: `/stretch show low-back-starter`.\nUsage: `/stretch show routine`",
        ),
        ("/stretch show nope", "Unknown routine `nope`."),
        ("/stretch show low-back-startr", "Did you mean `low-back-starter`?"),
        ("/pain eleven", "`level` must be a whole number"),
        ("/pain -1", "`level`"),
        ('/stretch show "unclosed', 'Unknown routine `"unclosed`.'),
    ],
)
async def test_bad_commands_get_a_message_that_names_the_problem(
    talk: Conversation, line: str, expected: str
) -> None:
    reply = await talk.say(line)
    assert expected in text_of(reply)


async def test_help_lists_every_command_and_the_safety_note(talk: Conversation) -> None:
    text = text_of(await talk.say("/help"))
    for usage in [
        "/stretch start [routine]",
        "/stretch routines",
        "/stretch show routine",
        "/pain level [note]",
        "/clinic show",
    ]:
        assert usage in text
    assert "not medical advice" in text


async def test_routines_list_names_exercises_and_length(talk: Conversation) -> None:
    text = text_of(await talk.say("/stretch routines"))
    assert (
        "**Low-back starter** (`low-back-starter`) — Clam, Lying glutes stretch; about 11 min"
        in text
    )


async def test_show_gives_the_full_instructions(talk: Conversation) -> None:
    text = text_of(await talk.say("/stretch show low-back-starter"))
    assert "2 sets of 20 each leg, hold 2 s" in text
    assert "Place one ankle in front of the other knee." in text


async def test_named_options_work_like_discord(talk: Conversation) -> None:
    text = text_of(await talk.say("/stretch show routine:low-back-starter"))
    assert "Lying glutes stretch" in text


async def test_clinic_setup_is_for_admins_and_validates_the_link(talk: Conversation) -> None:
    bad = await talk.say("/clinic setup http://x.example")
    assert "`booking_url` must be an https:// link" in text_of(bad)
    ok = await talk.say('/clinic setup https://book.example/free "Back Clinic" 112')
    assert "Booking link: https://book.example/free" in text_of(ok)
    assert "Emergency number: 112" in text_of(ok)
    talk.scope = talk.scope.__class__("discord", "99", is_admin=False)
    denied = await talk.say("/clinic setup https://book.example/free")
    assert "is for admins of this group" in text_of(denied)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("/reminders add 9:00 AM", "daily at 09:00"),
        ("/reminders add 7:30 p.m. weekdays", "weekdays at 19:30"),
        ("/timezone set new york", "Your time zone is now **America/New_York**"),
        ("/stretch show low back starter", "Did you mean `low-back-starter`?"),
    ],
)
async def test_typed_lines_are_read_the_way_people_type_them(
    talk: Conversation, line: str, expected: str
) -> None:
    assert expected in text_of(await talk.say(line))
