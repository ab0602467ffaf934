"""The real Limber bot on the fake Discord: slash commands, buttons, DMs, restarts.

Nothing of discord.py is mocked: the bot logs in, syncs its commands and answers
interactions over real sockets. Only the clock is manual, so sessions run in milliseconds.
"""

from __future__ import annotations

import pytest

from bot.config import Settings
from bot.core.clock import ManualClock
from tests.e2e.conftest import BotHarness
from tests.e2e.limber_harness import World, text_of
from tests.fakes.discord_server import FakeDiscord, FakeGuild


@pytest.fixture
def guild(fake_discord: FakeDiscord) -> FakeGuild:
    return fake_discord.add_guild("Lake Union Wellness")


@pytest.fixture
def world(
    fake_discord: FakeDiscord, bots: BotHarness, settings: Settings, clock: ManualClock
) -> World:
    return World(fake_discord, bots, settings, clock)


async def test_help_is_answered_privately_in_a_server(world: World, guild: FakeGuild) -> None:
    alice = world.fake.add_user("alice")
    await world.start()
    res = await world.fake.slash(alice, guild, "help")
    assert res.response_type == 4 and res.ephemeral
    assert "Limber help" in text_of(res)
