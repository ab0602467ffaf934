"""`limber slack` as a real process, talking to the fake Slack over 127.0.0.1.

The black-box view an operator has: environment in, an app that connects over Socket
Mode and answers slash commands and DMs, a clean exit on SIGTERM. SLACK_API_URL points
the process at the fake, nothing else is patched.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.fakes.slack_server import FakeSlack


@pytest.fixture
async def fake() -> AsyncIterator[FakeSlack]:
    slack = FakeSlack()
    await slack.start()
    try:
        yield slack
    finally:
        await slack.stop()


def environment(fake: FakeSlack, tmp_path: Path, **extra: str) -> dict[str, str]:
    return {
        **os.environ,
        "SLACK_BOT_TOKEN": fake.bot_token,
        "SLACK_APP_TOKEN": fake.app_token,
        "SLACK_API_URL": fake.api_url,
        "DATABASE_URL": f"sqlite:///{tmp_path}/limber.sqlite3",
        "BOOKING_URL": "https://clinic.example/book",
        "LOG_LEVEL": "WARNING",
        **extra,
    }


async def limber_slack(env: dict[str, str], cwd: Path) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "slack",
        cwd=cwd,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )


async def test_limber_slack_answers_and_stops_cleanly_on_sigterm(
    fake: FakeSlack, tmp_path: Path
) -> None:
    team = fake.add_team("Clinic")
    alice = fake.add_user(team, "alice")
    process = await limber_slack(environment(fake, tmp_path), tmp_path)
    try:
        await fake.wait_connected(timeout=20)
        help_reply = await fake.slash(alice, "/help", channel="C0GENERAL")
        assert help_reply.text is not None and "/stretch start" in help_reply.text
        assert help_reply.ack is not None and help_reply.ack.latency < 3.0

        pain = await fake.slash(alice, "/pain", "9", channel="C0GENERAL")
        assert pain.text is not None and "https://clinic.example/book" in pain.text

        mark = fake.mark()
        await fake.dm_text(alice, "I can't feel anything between my legs")
        urgent = await fake.wait_for_message(
            fake.dm_channel(alice), lambda m: "urgent medical care" in m.text, 10, since=mark
        )
        assert "Please stop exercising and get urgent medical care" in urgent.text.splitlines()[0]
    finally:
        if process.returncode is None:
            process.send_signal(signal.SIGTERM)
        _, err = await asyncio.wait_for(process.communicate(), timeout=20)
    assert process.returncode == 0, err.decode()
    assert b"Traceback" not in err
    assert fake.socket.connects == 1
    assert (tmp_path / "limber.sqlite3").exists()


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"SLACK_BOT_TOKEN": ""}, "SLACK_BOT_TOKEN is not set"),
        ({"SLACK_BOT_TOKEN": "xoxb-rejected"}, "Slack rejected SLACK_BOT_TOKEN (invalid_auth)"),
        ({"SLACK_APP_TOKEN": "xoxb-1-not-an-app-token"}, "SLACK_APP_TOKEN: must be an app-level"),
    ],
)
async def test_a_missing_or_rejected_token_is_one_line_and_exit_2(
    fake: FakeSlack, tmp_path: Path, change: dict[str, str], expected: str
) -> None:
    fake.add_team("Clinic")
    process = await limber_slack(environment(fake, tmp_path, **change), tmp_path)
    _, err = await asyncio.wait_for(process.communicate(), timeout=20)
    lines = err.decode().strip().splitlines()
    assert process.returncode == 2
    assert len(lines) == 1 and expected in lines[0], lines
    assert "README" in lines[0] or "configuration error" in lines[0]
    assert fake.socket.connects == 0
