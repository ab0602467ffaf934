"""The real Limber bot on the fake Discord: slash commands, buttons, DMs, restarts.

Nothing of discord.py is mocked: the bot logs in, syncs its commands and answers
interactions over real sockets. Only the clock is manual, so sessions run in milliseconds.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import signal
from datetime import timedelta

import pytest
from pydantic import SecretStr

from bot.adapters.discord.client import PLATFORM
from bot.cli import factory
from bot.config import Settings
from bot.core.clock import ManualClock
from bot.core.messages import Message
from bot.core.models import UserRef
from bot.core.ports import RecipientUnreachable
from bot.storage.sqlite.connection import Database
from bot.storage.sqlite.session_store import SessionRepo
from tests.e2e.conftest import BotHarness, LogErrors
from tests.e2e.limber_harness import (
    World,
    button_id,
    labels,
    messages_of,
    text_of,
    wait_for_button,
    wait_for_text,
)
from tests.fakes.discord_models import FakeMessage, FakeUser, InteractionResult
from tests.fakes.discord_server import FakeDiscord, FakeGuild

NO_MENTIONS = {"parse": []}
COUNTDOWN = re.compile(r"<t:(\d+):R>")


@pytest.fixture
def guild(fake_discord: FakeDiscord) -> FakeGuild:
    return fake_discord.add_guild("Lake Union Wellness")


@pytest.fixture
def world(
    fake_discord: FakeDiscord, bots: BotHarness, settings: Settings, clock: ManualClock
) -> World:
    return World(fake_discord, bots, settings, clock)


def countdown(message: FakeMessage) -> int:
    match = COUNTDOWN.search(message.content)
    assert match is not None, message.content
    return int(match.group(1))


def has_attachment(result: InteractionResult) -> bool:
    return any(m.attachments for m in messages_of(result))


def registered(fake: FakeDiscord, group: str, sub: str | None = None) -> bool:
    """Whether the bot synced `/group [sub]` (features land over time)."""
    for cmd in fake.commands.get(None):
        if cmd["name"] == group:
            return sub is None or any(o["name"] == sub for o in cmd.get("options") or [])
    return False


# slash commands -----------------------------------------------------------------------
async def test_help_is_answered_privately_in_a_server(world: World, guild: FakeGuild) -> None:
    alice = world.fake.add_user("alice")
    await world.start()
    res = await world.fake.slash(alice, guild, "help")
    assert res.response_type == 4 and res.ephemeral
    assert "Limber help" in text_of(res)
    assert res.message is not None and res.message.allowed_mentions == NO_MENTIONS


async def test_stretch_routines_lists_the_library(world: World, guild: FakeGuild) -> None:
    alice = world.fake.add_user("alice")
    await world.start()
    res = await world.fake.slash(alice, guild, "stretch routines")
    assert res.ephemeral
    assert "low-back-starter" in text_of(res) and "Clam" in text_of(res)


async def test_commands_work_in_dms_too(world: World, guild: FakeGuild) -> None:
    alice = world.fake.add_user("alice")
    await world.start()
    res = await world.fake.slash(alice, None, "stretch show", {"routine": "low-back-starter"})
    assert "2 seconds" in await wait_for_text(res, "2 seconds")
    assert not res.ephemeral


async def test_routine_autocomplete_offers_matching_routines(
    world: World, guild: FakeGuild
) -> None:
    alice = world.fake.add_user("alice")
    await world.start()
    choices = await world.fake.autocomplete(alice, guild, "stretch start", "routine", "back")
    assert [c["value"] for c in choices] == ["low-back-starter"]


async def test_time_zone_autocomplete(world: World, guild: FakeGuild) -> None:
    alice = world.fake.add_user("alice")
    await world.start()
    if not registered(world.fake, "timezone", "set"):
        pytest.skip("/timezone set is not in the registry yet")
    choices = await world.fake.autocomplete(alice, guild, "timezone set", "zone", "berl")
    assert choices[0]["value"] == "Europe/Berlin"
    assert len(choices) <= 25


async def test_bad_option_values_are_refused_at_the_edge(world: World, guild: FakeGuild) -> None:
    from tests.fakes.discord_commands import CommandError

    alice = world.fake.add_user("alice")
    await world.start()
    with pytest.raises(CommandError):  # Range[int, 0, ...], enforced by the Discord client
        await world.fake.slash(alice, guild, "pain", {"level": -1})
    # 11 is "more than the scale": unbearable pain, triaged (not refused)
    eleven = await world.fake.slash(alice, guild, "pain", {"level": 11})
    assert "stop the stretches" in text_of(eleven)
    res = await world.fake.slash(alice, guild, "stretch show", {"routine": "yoga"})
    assert "Unknown routine" in text_of(res)


async def test_a_slow_answer_is_deferred_then_followed_up(world: World, guild: FakeGuild) -> None:
    alice = world.fake.add_user("alice")
    await world.start(defer_after=0.0)
    res = await world.fake.slash(alice, guild, "help")
    assert res.response_type == 5 and res.ephemeral
    followup = await res.wait_for_followup()
    assert "Limber help" in followup.content and followup.ephemeral


# a whole session ------------------------------------------------------------------------
async def test_a_session_from_a_server_runs_in_the_dm_and_advances_by_itself(
    world: World, guild: FakeGuild
) -> None:
    fake = world.fake
    alice = fake.add_user("alice")
    await world.start()

    res = await fake.slash(alice, guild, "stretch start")
    assert res.ephemeral
    assert "safety check in your DMs" in await wait_for_text(res, "safety")
    # the health questions come privately, in the DM, as one message
    question = await world.next_dm(alice, lambda m: "Safety check" in m.content or bool(m.embeds))
    assert button_id(question, "None of these")
    res = await fake.click(alice, question, button_id(question, "None of these") or "")
    assert "Starting" in await wait_for_text(res, "Starting")

    first = await world.next_dm(alice, lambda m: m.content.startswith("**Step 1/"))
    assert first.content.startswith("**Step 1/")
    assert labels(first) == ["Pause", "Next", "Stop", "It hurts"]
    calls_before = world.message_calls()

    steps: list[FakeMessage] = []

    def finished() -> bool:
        steps[:] = [m for m in fake.dm_messages(alice) if m.content.startswith("**Step")]
        return any("How is your pain now?" in m.content for m in fake.dm_messages(alice))

    await world.advance_until(finished)
    index = next(i for i, m in enumerate(steps) if "hold 1 of 3" in m.content)
    hold, before = steps[index], steps[index - 1]
    assert "⏱ Hold: done <t:" in hold.content
    assert countdown(hold) - countdown(before) == 30  # the hold ends 30 s after it starts
    assert hold.edits == 1 and hold.components == []  # buttons stripped once it was over
    # each later step: one edit (strip buttons of the previous) + one send
    per_step = (world.message_calls() - calls_before) / len(steps)
    assert per_step <= 3
    assert all(
        p.json["allowed_mentions"] == NO_MENTIONS for p in fake.calls("POST /channels/*/messages")
    )
    assert all(
        p.json["allowed_mentions"] == NO_MENTIONS
        for p in fake.calls("PATCH /channels/*/messages/*")
    )
    assert "Well done" in fake.dm_messages(alice)[-2].content


async def start_session(world: World, user: FakeUser) -> FakeMessage:
    """A screened person runs `/stretch start` in their DM; returns the first step."""
    await world.fake.slash(user, None, "stretch start")
    return await world.next_dm(user, lambda m: m.content.startswith("**Step 1/"))


async def test_in_a_dm_the_reply_comes_before_the_steps_it_starts(world: World) -> None:
    fake = world.fake
    alice = fake.add_user("alice")
    bot = await world.start()
    await world.prescreen(bot, alice)
    res = await fake.slash(alice, None, "stretch start")
    assert res.response_type == 5  # acknowledged at once: the reply holds its place
    await wait_for_text(res, "Starting")
    step = await world.next_dm(alice, lambda m: m.content.startswith("**Step 1/"))
    assert res.message is not None and res.message.id < step.id


async def test_it_hurts_then_8_answers_with_the_booking_link(world: World) -> None:
    fake = world.fake
    alice = fake.add_user("alice")
    bot = await world.start()
    await world.prescreen(bot, alice)
    step = await start_session(world, alice)

    hurt = await fake.click(alice, step, button_id(step, "It hurts") or "")
    question = await wait_for_button(hurt, "8")
    assert "How bad is the pain" in question.content
    answer = await fake.click(alice, question, button_id(question, "8") or "")
    text = await wait_for_text(answer, "Free Consultation")
    assert "https://clinic.example/book" in text


async def test_buttons_on_old_messages_work_after_a_restart(world: World) -> None:
    fake = world.fake
    alice = fake.add_user("alice")
    first_bot = await world.start()
    await world.prescreen(first_bot, alice)
    step = await start_session(world, alice)
    await world.bots.stop(first_bot)  # graceful: the session becomes resumable

    mark = fake.mark()
    second_bot = await world.start()  # a new process on the same database
    assert second_bot.sync_result == "unchanged"  # same commands: no sync on restart
    offer = await world.next_dm(alice, lambda m: "interrupted" in m.content, since=mark)
    resumed = await fake.click(alice, offer, button_id(offer, "Resume") or "")
    assert resumed.response_type == 6  # nothing to say: the step itself arrives in the DM
    await world.next_dm(alice, lambda m: m.content.startswith("**Step 1/"), since=mark)

    stopped = await fake.click(alice, step, button_id(step, "Stop") or "")  # first bot's message
    assert "Session stopped" in text_of(stopped)


async def test_closed_dms_are_explained_in_the_reply_that_found_out(
    world: World, guild: FakeGuild
) -> None:
    fake = world.fake
    alice = fake.add_user("alice")
    bot = await world.start()
    await world.prescreen(bot, alice)
    fake.close_dms(alice)

    started = await fake.slash(alice, guild, "stretch start")
    await wait_for_text(started, "Starting")
    assert fake.invalid_request_count == 1  # the first step's DM: 403, code 50007
    # the reply that found out already says why nothing arrived in the DMs
    assert "couldn't send you a private message" in text_of(started)
    await world.clock.advance(60)  # later steps fail fast, without calling Discord again
    assert fake.invalid_request_count == 1

    told = await fake.slash(alice, guild, "help")
    assert "couldn't send you a private message" not in text_of(told)  # told once
    app = world.app(bot)
    user = await app.store.users.by_ref(UserRef(PLATFORM, str(alice.id)))
    assert user is not None and user.unreachable_at is not None
    with pytest.raises(RecipientUnreachable):  # a person back in action gets one new try
        await bot.chat.send(user, Message("hello?"))
    assert fake.invalid_request_count == 2


async def test_a_rate_limited_dm_is_retried_and_arrives(world: World) -> None:
    fake = world.fake
    alice = fake.add_user("alice")
    bot = await world.start()
    await world.prescreen(bot, alice)
    fake.rate_limit_next("POST /channels/{channel_id}/messages", retry_after=0.05)
    await start_session(world, alice)
    statuses = [r.status for r in fake.calls("POST /channels/*/messages")]
    assert statuses[:2] == [429, 200]


async def test_free_text_about_severe_pain_gets_the_severe_answer(world: World) -> None:
    fake = world.fake
    alice = fake.add_user("alice")
    await world.start()
    await fake.dm_text(alice, "my sciatica is unbearable 9/10 @everyone")
    reply = await world.next_dm(alice, lambda m: "Free Consultation" in m.content)
    assert "https://clinic.example/book" in reply.content
    posts = fake.calls("POST /channels/*/messages")
    assert posts and all(p.json["allowed_mentions"] == NO_MENTIONS for p in posts)
    assert not fake.calls("POST /users/@me/channels")  # the DM channel was already known


async def test_clinic_setup_is_for_server_admins(world: World, guild: FakeGuild) -> None:
    fake = world.fake
    bob = fake.add_user("bob")
    boss = fake.add_user("boss", admin=True)
    await world.start()
    options = {"booking_url": "https://lakeunion.example/book", "name": "Lake Union"}

    refused = await fake.slash(bob, guild, "clinic setup", options)
    assert "server admins" in text_of(refused) and refused.ephemeral
    accepted = await fake.slash(boss, guild, "clinic setup", options)
    assert "https://lakeunion.example/book" in text_of(accepted)
    shown = await fake.slash(bob, guild, "clinic show")
    assert "https://lakeunion.example/book" in text_of(shown)


async def test_a_reminder_arrives_as_a_dm_with_start_snooze_skip(
    world: World, guild: FakeGuild
) -> None:
    fake = world.fake
    alice = fake.add_user("alice")
    bot = await world.start()
    if not registered(fake, "reminders", "add"):
        pytest.skip("/reminders add is not in the registry yet (reminders feature)")
    await world.prescreen(bot, alice)
    added = await fake.slash(alice, guild, "reminders add", {"time": "08:05"})
    assert "added" in text_of(added)

    await world.advance_until(lambda: bool(fake.dm_messages(alice)))
    reminder = await world.next_dm(alice)
    assert labels(reminder) == ["Start", "Snooze", "Skip"]
    started = await fake.click(alice, reminder, button_id(reminder, "Start") or "")
    assert started.response_type in (4, 6)
    await world.next_dm(alice, lambda m: m.content.startswith("**Step 1/"))


# start-up --------------------------------------------------------------------------------
async def test_commands_sync_globally_once_and_admin_groups_carry_permissions(
    world: World,
) -> None:
    fake = world.fake
    bot = await world.start()
    assert bot.sync_result == "global"
    synced = {c["name"]: c for c in fake.commands.get(None)}
    assert {"stretch", "clinic", "pain", "help"} <= set(synced)
    pain = synced["pain"]["options"]
    assert pain[0] == {**pain[0], "type": 4, "min_value": 0, "max_value": 1000, "required": True}
    assert synced["help"]["default_member_permissions"] is None
    await world.bots.stop(bot)
    again = await world.start()
    assert again.sync_result == "unchanged"
    assert len(fake.calls("PUT /applications/*/commands")) == 1


async def test_guild_ids_sync_the_commands_to_those_servers(
    fake_discord: FakeDiscord, bots: BotHarness, settings: Settings, clock: ManualClock
) -> None:
    guild = fake_discord.add_guild("Test server")
    quick = settings.model_copy(update={"discord_guild_ids": [guild.id]})
    bot = await World(fake_discord, bots, quick, clock).start()
    assert bot.sync_result == "guilds"
    assert "stretch" in {c["name"] for c in fake_discord.commands.get(guild.id)}
    alice = fake_discord.add_user("alice")
    res = await fake_discord.slash(alice, guild, "help")
    assert "Limber help" in text_of(res)


async def test_rejected_token_ends_with_one_line_and_exit_2(
    fake_discord: FakeDiscord, settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    from bot.adapters.discord.runner import serve

    fake_discord.reject_token()
    token = settings.model_copy(update={"discord_token": SecretStr("wrong")})
    assert await serve(token, factory(token), install_signals=False) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "README" in err[0] and "make demo" in err[0]


async def test_sigterm_stops_gracefully_and_closes_the_database(
    fake_discord: FakeDiscord, settings: Settings, clock: ManualClock, log_errors: LogErrors
) -> None:
    from bot.adapters.discord.client import LimberBot
    from bot.adapters.discord.runner import serve

    alice = fake_discord.add_user("alice")
    token = settings.model_copy(update={"discord_token": SecretStr("fake")})
    bot = LimberBot(token, factory(token), clock=clock, guild_ready_timeout=0.05)
    serving = asyncio.create_task(serve(token, bot=bot))
    await fake_discord.wait_until_ready()
    await asyncio.wait_for(bot.wait_until_ready(), 5)
    app = bot.app
    assert app is not None
    ref = UserRef(PLATFORM, str(alice.id), "alice")
    user = await app.store.users.ensure(ref, clock.now())
    await app.store.users.mark_screened(user.id, clock.now())
    await fake_discord.slash(alice, None, "stretch start")

    os.kill(os.getpid(), signal.SIGTERM)
    assert await asyncio.wait_for(serving, 5) == 0
    assert bot.is_closed()
    db = await Database.open(settings.database_path)  # closed cleanly: opens, data is there
    try:
        [session] = await SessionRepo(db).all_active()
        assert session.status == "interrupted"  # resumable after the restart
    finally:
        await db.close()


async def test_files_are_attached_to_the_reply(world: World, guild: FakeGuild) -> None:
    fake = world.fake
    alice = fake.add_user("alice")
    await world.start()
    if not registered(fake, "privacy", "export"):
        pytest.skip("/privacy export is not in the registry yet")
    res = await fake.slash(alice, guild, "privacy export")
    message = next(m for m in messages_of(await res.wait_until(has_attachment)) if m.attachments)
    [attachment] = message.attachments
    assert attachment.filename.endswith(".json") and message.ephemeral
    assert isinstance(json.loads(attachment.data), dict)


async def test_progress_answers_in_time_even_when_drawing_a_chart(
    world: World, guild: FakeGuild
) -> None:
    fake = world.fake
    alice = fake.add_user("alice")
    await world.start()
    if not registered(fake, "progress"):
        pytest.skip("/progress is not in the registry yet")
    res = await fake.slash(alice, guild, "progress")
    await res.wait_until(lambda r: any(not m.loading for m in messages_of(r)))
    assert res.ephemeral and text_of(res)


async def test_interval_breaks_arrive_on_discord_inside_the_window(
    world: World, guild: FakeGuild
) -> None:
    """Breaks inside work hours on Discord: the slash command's separate options read as
    one phrase, the list says it in the member's words, and the DMs come every 45 minutes
    from the window's start, each one once."""
    fake = world.fake
    alice = fake.add_user("alice")
    bot = await world.start()
    await world.prescreen(bot, alice)
    start = world.clock.now()
    begin = (start + timedelta(minutes=5)).strftime("%H:%M")
    end = (start + timedelta(hours=2)).strftime("%H:%M")
    added = await fake.slash(
        alice, guild, "reminders add", {"time": f"every 45m from {begin} to {end}"}
    )
    assert "every 45m" in text_of(added), text_of(added)
    listed = await fake.slash(alice, guild, "reminders list")
    assert f"every 45m from {begin} to {end}" in text_of(listed)
    await world.advance_until(lambda: len(fake.dm_messages(alice)) >= 3, limit=400)
    reminders = [m for m in fake.dm_messages(alice) if labels(m) == ["Start", "Snooze", "Skip"]]
    assert len(reminders) >= 3
    assert len({m.id for m in reminders}) == len(reminders)
