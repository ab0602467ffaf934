"""Shared fixtures: a real database per test (a SQLite file; with the `both_backends`
marker also a PostgreSQL database), a manual clock, a recording chat, and a
`Conversation` that reads like one (errbot-style push/pop)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from bot.bootstrap import build_app
from bot.config import Settings, load_settings
from bot.core.app import Limber
from bot.core.clock import ManualClock
from bot.core.messages import Message, Reply
from bot.core.models import Scope, UserRef
from bot.storage.postgres.connection import Database as PgDatabase
from tests.fakes.chat import RecordingChat
from tests.support.backends import BACKENDS

pytest_plugins = ["tests.support.pg_fixtures"]

TERMINAL = Scope("terminal", "local", is_admin=True, direct=True)
ALICE = UserRef("terminal", "alice", "Alice")


class SettlingClock(ManualClock):
    """A ManualClock that, settling, also waits for PostgreSQL queries in flight.

    `ManualClock.settle` waits until no task has gone to sleep on the clock for a quiet
    spell (10 ms), which covers aiosqlite's thread hand-offs; a round trip to a server on
    a busy machine can take longer, so a task still waiting for its query would miss the
    wake-up it is about to register. Pools of the PostgreSQL backend opened during the
    test are watched: settling ends only when none of them has a connection in use."""

    def __init__(self, start: datetime) -> None:
        super().__init__(start)
        self.pools: list[Any] = []

    def _busy(self) -> bool:
        return any(p.get_size() - p.get_idle_size() > 0 for p in self.pools)

    async def settle(self, quiet: float = 0.01, limit: float = 2.0) -> None:
        loop = asyncio.get_running_loop()
        give_up = loop.time() + 10 * limit
        while True:
            await super().settle(quiet, limit)
            if not self._busy() or loop.time() > give_up:
                return
            await asyncio.sleep(0.001)


@pytest.fixture(autouse=True)
def _root_logging_restored() -> Iterator[None]:
    """`limber` commands called in-process (main()) replace the root logger's handlers;
    the next test must not inherit them (they write to a closed, captured stderr)."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    for handler in list(root.handlers):
        if handler not in handlers:
            root.removeHandler(handler)
    for handler in handlers:
        if handler not in root.handlers:
            root.addHandler(handler)
    root.setLevel(level)


@pytest.fixture
def clock(backend: str, monkeypatch: pytest.MonkeyPatch) -> ManualClock:
    clock = SettlingClock(datetime(2026, 3, 2, 8, 0, tzinfo=UTC))
    if backend == "postgres":
        opened = PgDatabase.__init__

        def watched(self: PgDatabase, pool: Any, url: str) -> None:
            opened(self, pool, url)
            clock.pools.append(pool)

        monkeypatch.setattr(PgDatabase, "__init__", watched)
    return clock


@pytest.fixture
def chat() -> RecordingChat:
    return RecordingChat()


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "both_backends: run the test once on SQLite and once on PostgreSQL (the `settings`, "
        "`app` and `talk` fixtures open the backend named by the `backend` parameter)",
    )


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Tests marked `both_backends` (e.g. `pytestmark = pytest.mark.both_backends` in a
    module) run on each backend: test_x[sqlite], test_x[postgres]. Only tests that open
    a database (through `settings`, `app`, `talk` or `database_url`) are doubled."""
    if "database_url" in metafunc.fixturenames and metafunc.definition.get_closest_marker(
        "both_backends"
    ):
        metafunc.parametrize("backend", BACKENDS, indirect=True)


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    """The storage backend of this test: sqlite unless the test is marked both_backends."""
    return str(getattr(request, "param", "sqlite"))


@pytest.fixture
def database_url(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    """A fresh database of the test's backend: a file in tmp_path, or a PostgreSQL database
    of its own on the session's throwaway server."""
    if backend == "postgres":
        return str(request.getfixturevalue("postgres_url"))
    return f"sqlite:///{tmp_path}/limber.sqlite3"


@pytest.fixture
def settings(database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    monkeypatch.chdir(tmp_path)  # no stray .env from the developer's checkout
    return load_settings(
        database_url=database_url,
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
