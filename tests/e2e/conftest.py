"""Reusable fixtures for end-to-end tests against the fake Discord.

``fake_discord`` gives a started :class:`FakeDiscord` with discord.py pointed at it;
``bots`` starts/stops real bot instances against it and always cleans them up, so a failing
test does not leak tasks, sockets or aiohttp sessions into the next one.
"""

from __future__ import annotations

import asyncio
import gc
import logging
from collections.abc import AsyncIterator, Iterator
from typing import TypeVar

import discord
import pytest

from tests.fakes.discord_client_patch import point_discord_at
from tests.fakes.discord_server import FakeDiscord

BOT_TOKEN = "fake-bot-token"
ClientT = TypeVar("ClientT", bound=discord.Client)
LEAK_MARKERS = ("Task was destroyed", "Unclosed client session", "Unclosed connector")


@pytest.fixture
async def fake_discord() -> AsyncIterator[FakeDiscord]:
    """A listening fake Discord; add guilds/users before starting a bot."""
    fake = FakeDiscord()
    await fake.start()
    try:
        with point_discord_at(fake):
            yield fake
    finally:
        await fake.stop()


class BotHarness:
    """Runs ``bot.start(token)`` in a task and waits until the bot is ready (``on_ready``).

    A bot task that dies later (e.g. a gateway payload discord.py cannot parse raises out of
    ``Client.start``) is re-raised by :meth:`stop`, so fake-contract bugs cannot pass silently.
    """

    def __init__(self) -> None:
        self._tasks: dict[discord.Client, asyncio.Task[None]] = {}

    async def start(
        self, bot: ClientT, *, token: str = BOT_TOKEN, ready_timeout: float = 5.0
    ) -> ClientT:
        task = asyncio.create_task(bot.start(token), name=f"bot.start:{id(bot)}")
        self._tasks[bot] = task
        # Polling is_ready(): wait_until_ready()/wait_for() need the loop that login sets up.
        async with asyncio.timeout(ready_timeout):
            while not bot.is_ready():
                if task.done():
                    self._tasks.pop(bot)
                    await bot.close()  # login opened an aiohttp session
                    task.result()  # re-raise the startup failure (e.g. LoginFailure)
                    raise RuntimeError("bot.start() returned before the bot was ready")
                await asyncio.sleep(0.01)
        return bot

    async def stop(self, bot: discord.Client) -> None:
        """Close the bot (gateway close 1000, HTTP session closed) and reap its task."""
        task = self._tasks.pop(bot, None)
        await bot.close()
        if task is not None:
            async with asyncio.timeout(5):
                await task  # re-raises whatever killed the bot while it ran

    async def stop_all(self) -> None:
        errors: list[BaseException] = []
        for bot in list(self._tasks):
            try:
                await self.stop(bot)
            except Exception as exc:
                errors.append(exc)
        if errors:
            raise errors[0]


@pytest.fixture
async def bots(fake_discord: FakeDiscord) -> AsyncIterator[BotHarness]:
    """Start bots with ``await bots.start(bot)``; all are closed before the fake stops."""
    harness = BotHarness()
    try:
        yield harness
    finally:
        await harness.stop_all()


class LogErrors(logging.Handler):
    """Collects leak reports (asyncio) and errors discord.py swallowed and only logged.

    discord.py logs exceptions from command callbacks, views and event handlers instead of
    raising them, so without this a broken handler only shows up as a timeout. A test that
    provokes such errors on purpose sets ``log_errors.allow_discord_errors = True``.
    """

    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.leaks: list[str] = []
        self.discord_errors: list[str] = []
        self.allow_discord_errors = False

    def emit(self, record: logging.LogRecord) -> None:
        text = record.getMessage()
        if record.name.startswith("discord"):
            self.discord_errors.append(f"{record.name}: {text}")
        elif any(marker in text for marker in LEAK_MARKERS):
            self.leaks.append(text)


@pytest.fixture(autouse=True)
def log_errors() -> Iterator[LogErrors]:
    """Fail a test that leaks tasks/sessions or whose bot logged an error."""
    catcher = LogErrors()
    loggers = [logging.getLogger("asyncio"), logging.getLogger("discord")]
    for logger in loggers:
        logger.addHandler(catcher)
    try:
        yield catcher
        gc.collect()
        assert not catcher.leaks, catcher.leaks
        if not catcher.allow_discord_errors:
            assert not catcher.discord_errors, catcher.discord_errors
    finally:
        for logger in loggers:
            logger.removeHandler(catcher)
