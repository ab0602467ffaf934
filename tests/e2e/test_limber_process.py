"""`limber run` as a real process, talking to the fake Discord over 127.0.0.1.

The black-box view an operator (or another client) has: environment in, a bot that
answers slash commands and DMs, a clean exit on SIGTERM. DISCORD_API_URL and
DISCORD_GATEWAY_URL point the process at the fake, nothing else is patched.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path

import asyncpg
import pytest

from tests.e2e.limber_harness import text_of, wait_for_text
from tests.fakes.discord_interactions import CommandError
from tests.fakes.discord_server import FakeDiscord


async def slash_when_synced(fake: FakeDiscord, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
    """The process syncs its commands right after connecting; retry until they exist."""
    async with asyncio.timeout(15):
        while True:
            try:
                return await fake.slash(*args, **kwargs)  # type: ignore[arg-type]
            except CommandError:
                await asyncio.sleep(0.1)


@pytest.mark.both_backends
async def test_limber_run_answers_slash_commands_and_stops_cleanly_on_sigterm(
    fake_discord: FakeDiscord, tmp_path: Path, database_url: str
) -> None:
    fake = fake_discord
    guild = fake.add_guild("Clinic")
    alice = fake.add_user("alice")
    env = {
        **os.environ,
        "DISCORD_TOKEN": "fake-bot-token",
        "DISCORD_API_URL": fake.http_base,
        "DISCORD_GATEWAY_URL": fake.gateway_url,
        "DISCORD_GUILD_IDS": str(guild.id),
        "DATABASE_URL": database_url,
        "BOOKING_URL": "https://clinic.example/book",
        "LOG_LEVEL": "WARNING",
    }
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "run",
        cwd=tmp_path,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        await fake.wait_until_ready(timeout=20)
        help_reply = await slash_when_synced(fake, alice, guild, "help")
        assert help_reply.ephemeral
        assert "/stretch start" in text_of(help_reply)

        pain = await fake.slash(alice, guild, "pain", options={"level": 9})
        assert "https://clinic.example/book" in await wait_for_text(pain, "Free Consultation")

        mark = fake.mark()
        await fake.dm_text(alice, "I can't feel anything between my legs")
        dm = fake.dm_channel(alice).id
        urgent = await fake.wait_for_message(
            lambda m: m.channel_id == dm and m.author.id != alice.id, timeout=10, since=mark
        )
        assert (
            "Please stop exercising and get urgent medical care" in urgent.content.splitlines()[0]
        )
    finally:
        if process.returncode is None:
            process.send_signal(signal.SIGTERM)
        _, err = await asyncio.wait_for(process.communicate(), timeout=20)
    assert process.returncode == 0, err.decode()
    assert b"Traceback" not in err
    if database_url.startswith("sqlite"):
        assert (tmp_path / "limber.sqlite3").exists()
    else:
        conn = await asyncpg.connect(database_url)
        try:
            assert await conn.fetchval("SELECT external_id FROM users") == str(alice.id)
        finally:
            await conn.close()
