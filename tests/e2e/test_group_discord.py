"""A group stretch-along on the fake Discord: the real bot, real sockets, a manual clock.

Join in a server channel, one channel message edited once per step, It hurts answered
ephemerally (only the person who pressed sees it) through triage, and the session
counted in each joiner's own progress.
"""

from __future__ import annotations

import pytest

from bot.adapters.discord.client import PLATFORM
from bot.config import Settings
from bot.core.clock import ManualClock
from bot.core.models import UserRef
from tests.e2e.conftest import BotHarness
from tests.e2e.limber_harness import World, button_id, labels, text_of, wait_for_button
from tests.fakes.discord_models import FakeMessage
from tests.fakes.discord_server import FakeDiscord, FakeGuild


@pytest.fixture
def guild(fake_discord: FakeDiscord) -> FakeGuild:
    return fake_discord.add_guild("Lake Union Wellness", channels=("stretch-break",))


@pytest.fixture
def world(
    fake_discord: FakeDiscord, bots: BotHarness, settings: Settings, clock: ManualClock
) -> World:
    return World(fake_discord, bots, settings, clock)


def in_channel(guild: FakeGuild, needle: str) -> object:
    channel = guild.text_channel.id
    return lambda m: m.channel_id == channel and needle in m.content


async def test_a_group_stretch_along_runs_in_the_channel(world: World, guild: FakeGuild) -> None:
    fake = world.fake
    alice, bob = fake.add_user("alice"), fake.add_user("bob")
    bot = await world.start()
    await world.prescreen(bot, alice)
    await world.prescreen(bot, bob)

    posted = await fake.slash(
        alice, guild, "stretch group", {"routine": "stretch-break", "at": "10m"}
    )
    assert posted.ephemeral and "Posted" in text_of(posted)
    announcement: FakeMessage = await fake.wait_for_message(in_channel(guild, "joined"))  # type: ignore[arg-type]
    assert labels(announcement) == ["Join", "Leave"]
    assert "⏱ Starts <t:" in announcement.content and not announcement.ephemeral

    for person in (alice, bob):
        joined = await fake.click(person, announcement, button_id(announcement, "Join") or "")
        assert joined.ephemeral and "You're in" in text_of(joined)
    await fake.wait_for_message(in_channel(guild, "2 people joined"))
    assert "alice" not in announcement.content.lower()

    mark = fake.mark()
    await world.advance_until(
        lambda: any("Step 1/" in m.content for m in channel_msgs(fake, guild))
    )
    session = await fake.wait_for_message(in_channel(guild, "Step 1/"), since=mark)
    assert labels(session) == ["It hurts", "Leave", "Join"]
    assert "2 people stretching" in session.content

    # Bob: It hurts, privately, then the triage answer to an 8
    hurt = await fake.click(bob, session, button_id(session, "It hurts") or "")
    assert hurt.ephemeral and "taken you out of the group" in text_of(hurt)
    question = await wait_for_button(hurt, "8")
    answer = await fake.click(bob, question, button_id(question, "8") or "")
    assert answer.ephemeral and "Free Consultation" in text_of(answer)
    assert not fake.dm_messages(alice)  # nothing reached anyone else

    await world.advance_until(lambda: "finished together" in session.content)
    app = world.app(bot)
    routine = app.library.routines["stretch-break"]
    steps = len(app.coach.timeline(routine))
    assert session.edits == steps - 1  # one edit per step, none per second
    assert "1 person finished together" in session.content
    assert "bob" not in session.content.lower()
    assert any(a.filename == "lying-glutes-stretch.gif" for a in session.attachments)
    for person, counted in ((alice, 1), (bob, 0)):
        user = await app.store.users.by_ref(UserRef(PLATFORM, str(person.id)))
        assert user is not None
        assert len(await app.store.progress.completed_sessions(user.id)) == counted


def channel_msgs(fake: FakeDiscord, guild: FakeGuild) -> list[FakeMessage]:
    return [m for m in fake.channel_messages(guild.text_channel) if not m.ephemeral]
