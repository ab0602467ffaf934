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

import discord
import pytest

from tests.fakes.discord_client_patch import point_discord_at
from tests.fakes.discord_server import FakeDiscord

BOT_TOKEN = "fake-bot-token"
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
    """Runs ``bot.start(token)`` in a task and waits until the bot is ready (``on_ready``)."""

    def __init__(self) -> None:
        self._tasks: dict[discord.Client, asyncio.Task[None]] = {}

    async def start(
        self, bot: discord.Client, *, token: str = BOT_TOKEN, ready_timeout: float = 5.0
    ) -> discord.Client:
        task = asyncio.create_task(bot.start(token), name=f"bot.start:{id(bot)}")
        self._tasks[bot] = task
        # Polling is_ready(): wait_until_ready()/wait_for() need the loop that login sets up.
        async with asyncio.timeout(ready_timeout):
            while not bot.is_ready():
                if task.done():
                    task.result()  # re-raise the startup failure (e.g. LoginFailure)
                    raise RuntimeError("bot.start() returned before the bot was ready")
                await asyncio.sleep(0.01)
        return bot

    async def stop(self, bot: discord.Client) -> None:
        """Close the bot (gateway close 1000, HTTP session closed) and reap its task."""
        task = self._tasks.pop(bot, None)
        await bot.close()
        if task is not None:
            try:
                async with asyncio.timeout(5):
                    await task
            except Exception:  # a startup failure was already reported by start()
                pass

    async def stop_all(self) -> None:
        for bot in list(self._tasks):
            await self.stop(bot)


@pytest.fixture
async def bots(fake_discord: FakeDiscord) -> AsyncIterator[BotHarness]:
    """Start bots with ``await bots.start(bot)``; all are closed before the fake stops."""
    harness = BotHarness()
    try:
        yield harness
    finally:
        await harness.stop_all()


class _LeakCatcher(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.leaks: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        text = record.getMessage()
        if any(marker in text for marker in LEAK_MARKERS):
            self.leaks.append(text)


@pytest.fixture(autouse=True)
def _no_leaked_tasks_or_sessions() -> Iterator[None]:
    """Fail a test that leaves pending tasks or unclosed aiohttp sessions behind."""
    catcher = _LeakCatcher()
    logger = logging.getLogger("asyncio")
    logger.addHandler(catcher)
    try:
        yield
        gc.collect()
        assert not catcher.leaks, catcher.leaks
    finally:
        logger.removeHandler(catcher)
