"""Helpers for driving the real Limber Discord bot against the fake Discord.

The bot runs unchanged (real discord.py, real sockets on 127.0.0.1); only its clock is a
`ManualClock`, so a 30-second hold passes in a millisecond when a test advances time.
These helpers read like what a person does: run a slash command, press the button with
this label, wait for the next DM.
"""

# The test-facing waits take ``timeout=`` so every wait in a test is bounded by default.
# ruff: noqa: ASYNC109

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from bot.adapters.discord.client import PLATFORM, LimberBot
from bot.cli import factory
from bot.config import Settings
from bot.core.app import Limber
from bot.core.clock import ManualClock
from bot.core.models import UserRef
from tests.e2e.conftest import BotHarness
from tests.fakes.discord_models import FakeMessage, FakeUser, InteractionResult, iter_components
from tests.fakes.discord_server import FakeDiscord

MESSAGE_ROUTES = ("POST /channels/*/messages", "PATCH /channels/*/messages/*")


def button_id(message: FakeMessage, label: str) -> str | None:
    """The custom_id of the button labelled `label` on `message` (None if there is none)."""
    for comp in iter_components(message.components):
        if comp.get("type") == 2 and comp.get("label", "").lower() == label.lower():
            return str(comp["custom_id"])
    return None


def labels(message: FakeMessage) -> list[str]:
    return [c["label"] for c in iter_components(message.components) if c.get("type") == 2]


def messages_of(result: InteractionResult) -> list[FakeMessage]:
    """The response message and every follow-up, in order."""
    first = [result.message] if result.message is not None else []
    return first + [m for m in result.followups if m is not result.message]


def text_of(result: InteractionResult) -> str:
    return "\n".join(m.content for m in messages_of(result))


async def wait_for_text(result: InteractionResult, needle: str, timeout: float = 5.0) -> str:
    """Wait until the response or a follow-up contains `needle`; return all their text."""
    await result.wait_until(lambda r: needle in text_of(r), timeout)
    return text_of(result)


async def wait_for_button(
    result: InteractionResult, label: str, timeout: float = 5.0
) -> FakeMessage:
    """The first message of this interaction's reply that carries a `label` button."""

    def find(r: InteractionResult) -> FakeMessage | None:
        return next((m for m in messages_of(r) if button_id(m, label)), None)

    await result.wait_until(lambda r: find(r) is not None, timeout)
    found = find(result)
    assert found is not None
    return found


@dataclass
class World:
    """One test's world: the fake Discord, a manual clock, settings with a tmp database."""

    fake: FakeDiscord
    bots: BotHarness
    settings: Settings
    clock: ManualClock

    async def start(self, **options: Any) -> LimberBot:
        """A new bot process (same database and fake each time), ready to use."""
        bot = LimberBot(
            self.settings,
            factory(self.settings),
            clock=self.clock,
            guild_ready_timeout=0.05,
            **options,
        )
        return await self.bots.start(bot)

    @staticmethod
    def app(bot: LimberBot) -> Limber:
        assert bot.app is not None
        return bot.app

    async def prescreen(self, bot: LimberBot, user: FakeUser) -> None:
        """Answer the first-session red-flag screening with all no's, directly in the DB."""
        app = self.app(bot)
        ref = UserRef(PLATFORM, str(user.id), user.username)
        person = await app.store.users.ensure(ref, self.clock.now())
        await app.store.users.mark_screened(person.id, self.clock.now())

    async def next_dm(
        self,
        user: FakeUser,
        predicate: Callable[[FakeMessage], bool] | None = None,
        *,
        since: int = 0,
        timeout: float = 5.0,
    ) -> FakeMessage:
        """The first message the bot posted in `user`'s DM after log position `since`."""
        channel = self.fake.dm_channel(user)

        def match(msg: FakeMessage) -> bool:
            return msg.channel_id == channel.id and (predicate is None or predicate(msg))

        return await self.fake.wait_for_message(match, timeout, since=since)

    async def advance_until(
        self, done: Callable[[], bool], *, limit: int = 200, timeout: float = 10.0
    ) -> None:
        """Move the manual clock to each next deadline until `done()` holds.

        Between steps the bot talks to the fake over real sockets, so after each advance
        this waits (briefly, in real time) for the next sleeper to appear.
        """
        async with asyncio.timeout(timeout):
            for _ in range(limit):
                if done():
                    return
                deadline = self.clock.next_deadline
                if deadline is None:
                    await asyncio.sleep(0.002)
                    continue
                await self.clock.advance((deadline - self.clock.now()).total_seconds())
        raise AssertionError("advance_until: condition not reached")

    def message_calls(self) -> int:
        """REST calls that create or edit channel messages (sends and edits of pushes)."""
        return sum(len(self.fake.calls(route)) for route in MESSAGE_ROUTES)
