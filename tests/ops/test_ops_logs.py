"""Log setup: JSON a line, extras kept, the token masked, payload loggers held at WARNING
unless LOG_PAYLOADS asks for them."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator

import pytest

from bot.ops.logs import PAYLOAD_LOGGERS, configure_logging

TOKEN = "MTAxNjk.fake-bot-token.secret-part"


@pytest.fixture(autouse=True)
def restore_logging() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    levels = {name: logging.getLogger(name).level for name in PAYLOAD_LOGGERS}
    yield
    for handler in list(root.handlers):
        root.removeHandler(handler)
    for handler in handlers:
        root.addHandler(handler)
    root.setLevel(level)
    for name, old in levels.items():
        logging.getLogger(name).setLevel(old)
    logging.captureWarnings(False)


def test_json_lines_carry_event_level_logger_and_ids() -> None:
    out = io.StringIO()
    configure_logging("DEBUG", "json", secrets=[TOKEN], stream=out)
    log = logging.getLogger("bot.core.reminders.dispatcher")
    log.warning("reminder not delivered (%s)", "unreachable", extra={"delivery_key": "1:2026"})
    try:
        raise ValueError("boom")
    except ValueError:
        log.exception("pass failed")
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert lines[0]["event"] == "reminder not delivered (unreachable)"
    assert lines[0]["level"] == "warning"
    assert lines[0]["logger"] == "bot.core.reminders.dispatcher"
    assert lines[0]["delivery_key"] == "1:2026"
    assert lines[0]["ts"].endswith("+00:00")
    assert "ValueError: boom" in lines[1]["exc"]


@pytest.mark.parametrize("fmt", ["json", "plain"])
def test_the_token_is_masked_in_every_format(fmt: str) -> None:
    out = io.StringIO()
    configure_logging("INFO", fmt, secrets=[TOKEN], stream=out)
    logging.getLogger("bot").info("connecting with %s", TOKEN)
    assert TOKEN not in out.getvalue()
    assert "***" in out.getvalue()


def test_plain_is_the_default_and_shows_the_ids() -> None:
    out = io.StringIO()
    configure_logging("INFO", stream=out)
    logging.getLogger("bot.core.sessions.coach").info(
        "session stopped", extra={"session_id": 7, "reason": "hurt"}
    )
    line = out.getvalue().strip()
    assert line.endswith("bot.core.sessions.coach: session stopped session_id=7 reason=hurt")


def test_payload_loggers_stay_at_warning_even_at_debug() -> None:
    out = io.StringIO()
    configure_logging("DEBUG", "json", stream=out)
    logging.getLogger("discord.gateway").debug("WebSocket Event: {'content': 'my back hurts'}")
    logging.getLogger("discord.http").debug("POST with {'content': 'x'} has returned 200")
    logging.getLogger("discord.gateway").warning("Shard ID None heartbeat blocked")
    logging.getLogger("bot").debug("limber's own debug line")
    text = out.getvalue()
    assert "my back hurts" not in text and "has returned" not in text
    assert "heartbeat blocked" in text and "limber's own debug line" in text


def test_log_payloads_lets_them_through() -> None:
    out = io.StringIO()
    configure_logging("DEBUG", "plain", payloads=True, stream=out)
    logging.getLogger("discord.gateway").debug("WebSocket Event: payload")
    assert "WebSocket Event: payload" in out.getvalue()
