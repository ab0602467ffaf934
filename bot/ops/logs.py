"""Log setup: plain text (default) or one JSON object a line (LOG_FORMAT=json).

What a log line may hold: the event, its level and logger, and ids that are not
personal (delivery key, session id, a reason). What it never holds: message text, pain
scores, tokens. Limber's own code logs accordingly; two guards cover the rest:

- third-party loggers that write whole payloads at DEBUG (discord.py's gateway prints
  every event, DM text included; the HTTP clients print request bodies) stay at WARNING
  unless LOG_PAYLOADS=true asks for them, whatever LOG_LEVEL says;
- every formatted line has the configured secrets (the bot token) replaced by `***`.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any, TextIO

PAYLOAD_LOGGERS = (
    "discord.gateway",
    "discord.http",
    "discord.state",
    "discord.webhook",
    "slack_bolt",
    "slack_sdk",
    "asyncpg",
    "websockets",
)
"""Loggers that can write message payloads (health data) at DEBUG/INFO."""

PLAIN_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
REDACTED = "***"

# Attributes every LogRecord has; anything else came in through `extra=`.
_STANDARD = set(logging.LogRecord("", 0, "", 0, "", None, None).__dict__) | {
    "message",
    "asctime",
    "taskName",
}


def extras_of(record: logging.LogRecord) -> dict[str, Any]:
    return {k: v for k, v in record.__dict__.items() if k not in _STANDARD}


class _Redacting(logging.Formatter):
    def __init__(self, secrets: Iterable[str] = (), fmt: str | None = None) -> None:
        super().__init__(fmt)
        self.secrets = [s for s in secrets if s and len(s) >= 8]

    def redact(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, REDACTED)
        return text


class PlainFormatter(_Redacting):
    """`time LEVEL logger: event key=value ...`"""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        super().__init__(secrets, PLAIN_FORMAT)

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        extras = extras_of(record)
        if extras:
            head, sep, tail = text.partition("\n")
            pairs = " ".join(f"{k}={v}" for k, v in extras.items())
            text = f"{head} {pairs}{sep}{tail}"
        return self.redact(text)


class JsonFormatter(_Redacting):
    """One JSON object a line: ts, level, logger, event, the `extra=` ids, exc."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "event": record.getMessage(),
        }
        for key, value in extras_of(record).items():
            entry[key] = value if isinstance(value, str | int | float | bool | None) else str(value)
        if record.exc_info:
            entry["exc"] = self.formatException(record.exc_info)
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return self.redact(json.dumps(entry, ensure_ascii=False, default=str))


def configure_logging(
    level: str = "INFO",
    fmt: str = "plain",
    *,
    payloads: bool = False,
    secrets: Iterable[str] = (),
    stream: TextIO | None = None,
) -> logging.Handler:
    """Replace the root handlers with one on stderr in the chosen format; returns it."""
    handler = logging.StreamHandler(stream or sys.stderr)
    secrets = list(secrets)
    handler.setFormatter(JsonFormatter(secrets) if fmt == "json" else PlainFormatter(secrets))
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
    numeric = logging.getLevelName(level)
    quiet = max(logging.WARNING, numeric if isinstance(numeric, int) else logging.WARNING)
    for name in PAYLOAD_LOGGERS:
        logging.getLogger(name).setLevel(logging.NOTSET if payloads else quiet)
    # Python warnings go through logging too, so a JSON log stays JSON line by line.
    logging.captureWarnings(fmt == "json")
    return handler
