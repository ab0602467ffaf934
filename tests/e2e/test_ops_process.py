"""Operating `limber run` as a real process against the fake Discord, as an operator would:

- with METRICS_PORT set, a reminder due a few seconds after start goes out through the
  running process, and `/metrics` then counts it (due, sent, its lateness) while
  `/healthz` answers 200 (gateway connected, database answering);
- with LOG_FORMAT=json and LOG_LEVEL=DEBUG, every line on stderr is one JSON object and
  none holds the DM's text, its pain score or the bot token.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import sys
from datetime import UTC, datetime, timedelta
from datetime import time as dtime
from pathlib import Path

import aiohttp

from bot.adapters.discord.client import PLATFORM
from bot.config import Settings
from bot.core.clock import ManualClock
from bot.core.models import UserRef
from bot.core.recurrence import slot_label
from bot.core.reminders.schedule import ALL_DAYS
from bot.ops.metrics import PrometheusTelemetry
from bot.storage import open_storage
from tests.e2e.conftest import BotHarness
from tests.e2e.limber_harness import World
from tests.fakes.discord_server import FakeDiscord, FakeUser

TOKEN = "limber-test-token.Zq7-sEcReT-9xk"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def environment(fake: FakeDiscord, tmp_path: Path, **extra: str) -> dict[str, str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("LOG_", "METRICS_"))}
    return {
        **clean,
        "DISCORD_TOKEN": TOKEN,
        "DISCORD_API_URL": fake.http_base,
        "DISCORD_GATEWAY_URL": fake.gateway_url,
        "DATABASE_URL": f"sqlite:///{tmp_path}/limber.sqlite3",
        "BOOKING_URL": "https://clinic.example/book",
        **extra,
    }


async def start(env: dict[str, str], cwd: Path) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "run",
        cwd=cwd,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )


async def stop(process: asyncio.subprocess.Process) -> str:
    if process.returncode is None:
        process.send_signal(signal.SIGTERM)
    _, err = await asyncio.wait_for(process.communicate(), timeout=20)
    return err.decode()


async def seed_reminder(database_url: str, person: FakeUser, due_in: float) -> str:
    """A daily reminder of `person` whose next occurrence is `due_in` seconds away."""
    store = await open_storage(database_url)
    try:
        now = datetime.now(UTC)
        user = await store.users.ensure(UserRef(PLATFORM, str(person.id), person.username), now)
        at = now + timedelta(seconds=due_in)
        slot = slot_label(at.date(), dtime(at.hour, at.minute))
        reminder_id = await store.reminders.add(
            user.id, ALL_DAYS, (dtime(at.hour, at.minute),), None, at, slot, now, 20
        )
        assert reminder_id is not None
        return f"{reminder_id}:{slot}"
    finally:
        await store.close()


def sample(exposition: str, name: str) -> float | None:
    for line in exposition.splitlines():
        if line.startswith(name + " ") or line.startswith(name + "{}"):
            return float(line.rsplit(" ", 1)[1])
    return None


async def test_metrics_and_healthz_of_a_running_limber_count_the_reminder_it_just_sent(
    fake_discord: FakeDiscord, tmp_path: Path
) -> None:
    fake = fake_discord
    fake.add_guild("Clinic")
    alice = fake.add_user("alice")
    port = free_port()
    env = environment(fake, tmp_path, METRICS_PORT=str(port), LOG_LEVEL="WARNING")
    key = await seed_reminder(env["DATABASE_URL"], alice, due_in=4.0)
    process = await start(env, tmp_path)
    base = f"http://127.0.0.1:{port}"
    try:
        await fake.wait_until_ready(timeout=20)
        dm = fake.dm_channel(alice).id
        reminder = await fake.wait_for_message(
            lambda m: m.channel_id == dm and "Time for your stretches" in m.content, timeout=20
        )
        assert any(
            c.get("label") == "Start" for row in reminder.components for c in row["components"]
        )

        async with aiohttp.ClientSession() as http:
            async with asyncio.timeout(15):
                while True:  # the gateway may still be finishing its handshake
                    async with http.get(f"{base}/healthz") as response:
                        health = (response.status, await response.text())
                    if health[0] == 200:
                        break
                    await asyncio.sleep(0.1)
            assert health == (200, "platform: ok\ndatabase: ok\n")
            async with http.get(f"{base}/metrics") as response:
                assert response.status == 200
                assert response.headers["Content-Type"].startswith("text/plain")
                metrics = await response.text()

        assert sample(metrics, "limber_reminders_due_total") == 1.0
        assert sample(metrics, "limber_reminders_sent_total") == 1.0
        assert sample(metrics, "limber_reminder_lateness_seconds_count") == 1.0
        lateness = sample(metrics, "limber_reminder_lateness_seconds_sum")
        assert lateness is not None and 0.0 <= lateness < 60.0
        assert sample(metrics, "limber_reminders_missed_total") == 0.0
        assert sample(metrics, "limber_reminders_late_total") == 0.0
        assert 'limber_reminders_failed_total{reason="unreachable"} 0.0' in metrics
        paced = 'limber_chat_requests_paced_total{platform="discord"}'
        assert any(line.startswith(paced) for line in metrics.splitlines())
        assert (sample(metrics, "limber_event_loop_lag_seconds_count") or 0) >= 1
        assert sample(metrics, "limber_platform_connected") == 1.0
        assert key.split(":")[0] and "alice" not in metrics and TOKEN not in metrics
    finally:
        err = await stop(process)
    assert process.returncode == 0, err
    assert "Traceback" not in err


async def test_json_logs_at_debug_hold_no_message_text_score_or_token(
    fake_discord: FakeDiscord, tmp_path: Path
) -> None:
    fake = fake_discord
    guild = fake.add_guild("Clinic")
    alice = fake.add_user("alice")
    env = environment(
        fake, tmp_path, LOG_FORMAT="json", LOG_LEVEL="DEBUG", DISCORD_GUILD_IDS=str(guild.id)
    )
    secret_words = "quokkazest"
    score = "8/10"
    process = await start(env, tmp_path)
    try:
        await fake.wait_until_ready(timeout=20)
        mark = fake.mark()
        await fake.dm_text(alice, f"{secret_words}: my lower back hurts, about {score} today")
        dm = fake.dm_channel(alice).id
        answer = await fake.wait_for_message(
            lambda m: m.channel_id == dm and m.author.id != alice.id, timeout=15, since=mark
        )
        assert answer.content  # triage answered the DM
    finally:
        err = await stop(process)
    assert process.returncode == 0, err
    lines = [line for line in err.splitlines() if line.strip()]
    assert lines, "the process logged nothing at DEBUG"
    entries = []
    for line in lines:
        entry = json.loads(line)  # every line is one JSON object
        assert isinstance(entry, dict) and {"ts", "level", "logger", "event"} <= set(entry)
        entries.append(entry)
    assert any(e["level"] == "debug" for e in entries)
    assert any(e["logger"].startswith("discord") for e in entries)
    for line in lines:
        assert secret_words not in line
        assert score not in line
        assert TOKEN not in line


async def test_429s_and_paced_requests_of_the_discord_adapter_are_counted(
    fake_discord: FakeDiscord, bots: BotHarness, settings: Settings, clock: ManualClock
) -> None:
    """In-process: the real adapter against the fake, one 429 injected on a DM send."""
    metered = settings.model_copy(update={"metrics_port": free_port()})
    world = World(fake_discord, bots, metered, clock)
    alice = fake_discord.add_user("alice")
    bot = await world.start()
    await world.prescreen(bot, alice)
    telemetry = world.app(bot).telemetry
    assert isinstance(telemetry, PrometheusTelemetry)
    fake_discord.rate_limit_next("POST /channels/{channel_id}/messages", retry_after=0.05)
    await fake_discord.slash(alice, None, "stretch start")
    await world.next_dm(alice, lambda m: m.content.startswith("**Step 1/"))
    assert (
        telemetry.sample("limber_rate_limited_total", {"platform": "discord", "scope": "user"})
        == 1.0
    )
    paced = telemetry.sample("limber_chat_requests_paced_total", {"platform": "discord"})
    assert paced is not None and paced >= 1
    assert telemetry.sample("limber_sessions_started_total", {"origin": "command"}) == 1.0
    assert bot.chat.connection_problem() is None
