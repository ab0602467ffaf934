"""Shared fixtures: a real SQLite file per test, a manual clock, a recording chat,
and a `Conversation` that reads like one (errbot-style push/pop)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.bootstrap import build_app
from bot.config import Settings, load_settings
from bot.core.app import Limber
from bot.core.clock import ManualClock
from bot.core.messages import Message, Reply
from bot.core.models import Scope, UserRef
from tests.fakes.chat import RecordingChat

pytest_plugins = ["tests.support.pg_fixtures"]

TERMINAL = Scope("terminal", "local", is_admin=True, direct=True)
ALICE = UserRef("terminal", "alice", "Alice")


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(datetime(2026, 3, 2, 8, 0, tzinfo=UTC))


@pytest.fixture
def chat() -> RecordingChat:
    return RecordingChat()


@pytest.fixture
def settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    monkeypatch.chdir(tmp_path)  # no stray .env from the developer's checkout
    return load_settings(
        database_url=f"sqlite:///{tmp_path}/limber.sqlite3",
        booking_url="https://clinic.example/book",
        clinic_name="Lake Union Wellness",
    )


@pytest.fixture
async def app(settings: Settings, chat: RecordingChat, clock: ManualClock) -> AsyncIterator[Limber]:
    limber = await build_app(settings, chat, clock)
    await limber.start()
    yield limber
    await limber.close()


@dataclass
class Conversation:
    """One person talking to Limber through the app's doors."""

    app: Limber
    chat: RecordingChat
    ref: UserRef = ALICE
    scope: Scope = field(default_factory=lambda: TERMINAL)

    async def say(self, line: str) -> Reply:
        if line.startswith("/"):
            return await self.app.command_line(self.ref, self.scope, line)
        return await self.app.text(self.ref, self.scope, line)

    async def press(self, label: str, message: Message | None = None) -> Reply:
        """Press the button with this label on `message` (default: the last message shown)."""
        target = message or self.chat.last
        for action in target.actions:
            if action.label.lower() == label.lower():
                return await self.app.action(self.ref, self.scope, action.id)
        raise AssertionError(f"no button {label!r} on {target.text!r}: {target.actions}")

    async def screened(self) -> None:
        """Answer the first-session red-flag screening with all no's."""
        user = await self.app.store.users.ensure(self.ref, self.app.clock.now())
        await self.app.store.users.mark_screened(user.id, self.app.clock.now())


@pytest.fixture
def talk(app: Limber, chat: RecordingChat) -> Conversation:
    return Conversation(app, chat)


def text_of(reply: Reply) -> str:
    return "\n".join(m.text for m in reply.messages)
