"""Helpers for driving the real Limber Slack app against the fake Slack.

The app runs unchanged (real slack_bolt AsyncApp + AsyncSocketModeHandler + slack_sdk's
AsyncWebClient, real sockets on 127.0.0.1); only its clock is a `ManualClock`, so a
30-second hold passes in a millisecond when a test advances time, and the per-channel
pacing is lifted (it runs on the wall clock, which tests do not wait for).
"""

# The test-facing waits take ``timeout=`` so every wait in a test is bounded by default.
# ruff: noqa: ASYNC109

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pydantic import SecretStr

from bot.adapters.slack.slack_app import PLATFORM, LimberSlack
from bot.cli import factory
from bot.config import Settings
from bot.core.app import Limber
from bot.core.clock import ManualClock
from bot.core.models import User, UserRef
from tests.fakes.slack_server import FakeMessage, FakeSlack, FakeTeam, FakeUser


def slack_settings(settings: Settings, fake: FakeSlack) -> Settings:
    """The test settings, pointed at the fake Slack with its two tokens."""
    return settings.model_copy(
        update={
            "slack_bot_token": SecretStr(fake.bot_token),
            "slack_app_token": SecretStr(fake.app_token),
            "slack_api_url": fake.api_url,
        }
    )


def labels(message: FakeMessage) -> list[str]:
    return [str(el["text"]["text"]) for _, el in message.elements() if el.get("type") == "button"]


def button(message: FakeMessage, label: str) -> str:
    """The action_id of the button labelled `label` on `message`."""
    for _, element in message.elements():
        text = element.get("text", {}).get("text", "")
        if element.get("type") == "button" and text.lower() == label.lower():
            return str(element["action_id"])
    raise AssertionError(f"no button {label!r} on {message.all_text()!r}: {labels(message)}")


def step_text(message: FakeMessage) -> str:
    return message.all_text()


@dataclass
class SlackWorld:
    """One test's world: the fake Slack with a workspace, a manual clock, tmp database."""

    fake: FakeSlack
    team: FakeTeam
    settings: Settings
    clock: ManualClock
    running: list[LimberSlack] = field(default_factory=list)

    async def start(self, **options: Any) -> LimberSlack:
        """A new Limber process (same database and fake each time), connected."""
        options.setdefault("post_rate", None)
        slack = LimberSlack(self.settings, factory(self.settings), clock=self.clock, **options)
        before = self.fake.socket.connects
        self.running.append(slack)
        async with asyncio.timeout(10):
            await slack.start()
        await self.fake.wait_connected(before + 1, timeout=5)
        return slack

    async def stop(self, slack: LimberSlack) -> None:
        await slack.close()
        if slack in self.running:
            self.running.remove(slack)

    async def stop_all(self) -> None:
        for slack in list(self.running):
            await self.stop(slack)

    @staticmethod
    def app(slack: LimberSlack) -> Limber:
        assert slack.app is not None
        return slack.app

    async def person(self, slack: LimberSlack, user: FakeUser) -> User:
        app = self.app(slack)
        return await app.store.users.ensure(UserRef(PLATFORM, user.id, user.name), self.clock.now())

    async def prescreen(self, slack: LimberSlack, user: FakeUser) -> None:
        """Answer the first-session red-flag screening with all no's, directly in the DB."""
        person = await self.person(slack, user)
        await self.app(slack).store.users.mark_screened(person.id, self.clock.now())

    async def next_dm(
        self,
        user: FakeUser,
        predicate: Callable[[FakeMessage], bool] | None = None,
        *,
        since: int = 0,
        timeout: float = 5.0,
    ) -> FakeMessage:
        """The first bot message in `user`'s IM (after log position `since`) matching."""
        channel = self.fake.dm_channel(user)

        def match(msg: FakeMessage) -> bool:
            return msg.channel == channel.id and (predicate is None or predicate(msg))

        return await self.fake.wait_for_message(user, match, timeout, since=since)

    async def advance_until(
        self, done: Callable[[], bool], *, limit: int = 400, timeout: float = 15.0
    ) -> None:
        """Move the manual clock to each next deadline until `done()` holds.

        Between steps the app talks to the fake over real sockets, so after each advance
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
