"""Operator configuration, read once from the environment and `.env`.

Every setting Limber understands lives here (and in `.env.example`, one line each).
A wrong value must stop start-up with one line naming the variable and the problem;
`load_settings` turns pydantic's validation error into that line (`ConfigError`). An
empty value (`BOOKING_URL=`) means the default, for every setting; `config_warnings`
names variables in `.env` that Limber does not know, with the closest known one.
"""

from __future__ import annotations

import difflib
import logging
import os
from pathlib import Path
from typing import Annotated
from urllib.parse import urlparse
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dotenv import dotenv_values
from pydantic import Field, SecretStr, ValidationError, ValidationInfo, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from bot.core.links import check_https_url
from bot.core.suggest import suggest_zones

DEFAULT_DATABASE_URL = "sqlite:///limber.sqlite3"
DEFAULT_SLACK_API_URL = "https://slack.com/api/"
POSTGRES_SCHEMES = ("postgresql", "postgres")


class ConfigError(Exception):
    """A setting has a value Limber cannot use; the message is one line for the operator."""


def check_timezone(value: str) -> str:
    """Time zones are IANA names resolved through zoneinfo (e.g. Europe/Berlin)."""
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        close = suggest_zones(value, 1)
        hint = f"did you mean {close[0]}?" if close else "use an IANA name such as Europe/Berlin"
        raise ValueError(f"unknown time zone {value!r}; {hint}") from None
    return value


class Settings(BaseSettings):
    """All operator settings. Field names map to upper-case environment variables."""

    model_config = SettingsConfigDict(
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
        case_sensitive=False,
        env_ignore_empty=True,  # `BOOKING_URL=` means "use the default", for every setting
    )

    discord_token: SecretStr | None = Field(default=None, description="Discord bot token")
    database_url: str = Field(
        default=DEFAULT_DATABASE_URL,
        description="sqlite:///path or postgresql://user:password@host:port/database",
    )
    routines_dir: Path | None = Field(default=None, description="folder of routine YAML files")
    booking_url: str | None = Field(default=None, description="clinic booking link (https)")
    clinic_name: str | None = Field(default=None, description="clinic name shown with the link")
    emergency_number: str | None = Field(default=None, description="emergency phone number")
    default_timezone: str = Field(default="UTC", description="zone for users who set none")
    discord_guild_ids: Annotated[list[int], NoDecode] = Field(default_factory=list)
    log_level: str = Field(default="INFO")
    # Where discord.py connects; only for a local test server or an API proxy.
    discord_api_url: str | None = Field(default=None, description="REST base, .../api/v10")
    discord_gateway_url: str | None = Field(default=None, description="gateway ws:// URL")
    data_retention_days: int = Field(default=365, ge=1, le=3650)
    # Operating it (issue 16): health and metrics, log format, third-party payload logs.
    metrics_port: int | None = Field(default=None, ge=1, le=65535, description="/healthz")
    metrics_host: str = Field(default="127.0.0.1", description="address /metrics listens on")
    log_format: str = Field(default="plain", description="plain or json")
    log_payloads: bool = Field(default=False, description="log platform payloads (health data)")
    # Slack (limber slack): the bot token, the app-level token for Socket Mode, the Web API.
    slack_bot_token: SecretStr | None = Field(default=None, description="xoxb-... bot token")
    slack_app_token: SecretStr | None = Field(default=None, description="xapp-... app token")
    slack_api_url: str = Field(default=DEFAULT_SLACK_API_URL, description="Web API base URL")
    # Several processes on one database (issue 11): Discord shards and the shared budget.
    shard_count: int | None = Field(default=None, description="Discord shards in all")
    shard_ids: Annotated[list[int], NoDecode] = Field(default_factory=list)
    discord_rate_limit: int = Field(default=50, ge=1, le=10_000, description="requests/s")

    @field_validator(
        "booking_url",
        "clinic_name",
        "emergency_number",
        "routines_dir",
        "discord_token",
        "discord_api_url",
        "discord_gateway_url",
        "slack_bot_token",
        "slack_app_token",
        mode="before",
    )
    @classmethod
    def _blank_is_unset(cls, value: object) -> object:
        if isinstance(value, str) and not value.strip():
            return None
        return value

    @field_validator("booking_url")
    @classmethod
    def _https_only(cls, value: str | None) -> str | None:
        return None if value is None else check_https_url(value)

    @field_validator("discord_api_url")
    @classmethod
    def _http_url(cls, value: str | None) -> str | None:
        if value is not None and urlparse(value).scheme not in {"http", "https"}:
            raise ValueError(
                f"must be an http(s) URL such as http://127.0.0.1:8080/api/v10, got {value!r}"
            )
        return value.rstrip("/") if value else value

    @field_validator("discord_gateway_url")
    @classmethod
    def _ws_url(cls, value: str | None) -> str | None:
        if value is not None and urlparse(value).scheme not in {"ws", "wss"}:
            raise ValueError(
                f"must be a ws(s) URL such as ws://127.0.0.1:8080/gateway, got {value!r}"
            )
        return value

    @field_validator("slack_bot_token")
    @classmethod
    def _bot_token(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not value.get_secret_value().strip().startswith("xoxb-"):
            raise ValueError(
                "must be the Bot User OAuth Token starting with xoxb- "
                "(Slack app settings → OAuth & Permissions)"
            )
        return value

    @field_validator("slack_app_token")
    @classmethod
    def _app_token(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not value.get_secret_value().strip().startswith("xapp-"):
            raise ValueError(
                "must be an app-level token starting with xapp- "
                "(Slack app settings → Basic Information → App-Level Tokens)"
            )
        return value

    @field_validator("slack_api_url", mode="before")
    @classmethod
    def _slack_api(cls, value: object) -> object:
        if value is None or (isinstance(value, str) and not value.strip()):
            return DEFAULT_SLACK_API_URL
        if isinstance(value, str):
            value = value.strip()
            if urlparse(value).scheme not in {"http", "https"} or not urlparse(value).netloc:
                raise ValueError(
                    f"must be an http(s) URL such as https://slack.com/api/, got {value!r}"
                )
            return value.rstrip("/") + "/"  # slack_sdk joins method names onto it
        return value

    @field_validator("default_timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        return check_timezone(value)

    @field_validator("database_url")
    @classmethod
    def _supported_database(cls, value: str) -> str:
        value = value.strip()
        scheme = value.split(":", 1)[0].lower() if ":" in value else ""
        if scheme == "sqlite" and value.startswith("sqlite:///"):
            if value == "sqlite:///":
                raise ValueError("needs a file path after sqlite:///")
            return value
        if scheme in POSTGRES_SCHEMES and value.startswith(f"{scheme}://"):
            return value
        shown = f"{scheme}://..." if scheme else "a value without a scheme"
        raise ValueError(
            f"use sqlite:///path/to/file.sqlite3 or "
            f"postgresql://user:password@host:5432/database (got {shown})"
        )

    @field_validator("discord_guild_ids", mode="before")
    @classmethod
    def _split_ids(cls, value: object) -> object:
        if isinstance(value, str):
            parts = [p.strip() for p in value.replace(";", ",").split(",") if p.strip()]
            for part in parts:
                if not part.isdigit():
                    raise ValueError(f"must be comma-separated numeric server ids, got {part!r}")
            return [int(p) for p in parts]
        return value

    @field_validator("shard_count", mode="before")
    @classmethod
    def _shard_count(cls, value: object) -> object:
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        text = str(value).strip()
        if not text.isdigit() or int(text) < 1:
            raise ValueError(f"must be a whole number of shards, 1 or more, got {value!r}")
        return int(text)

    @field_validator("shard_ids", mode="before")
    @classmethod
    def _shard_ids(cls, value: object, info: ValidationInfo) -> object:
        if isinstance(value, str):
            parts = [p.strip() for p in value.replace(";", ",").split(",") if p.strip()]
            ids: list[int] = []
            for part in parts:
                low, _, high = part.partition("-")
                if not low.isdigit() or (high and not high.isdigit()):
                    raise ValueError(f"must be shard numbers such as 0,1 or 0-2, got {part!r}")
                ids += range(int(low), int(high or low) + 1)
            value = ids
        if not value:
            return []
        count = info.data.get("shard_count")
        if count is None:
            raise ValueError("needs SHARD_COUNT (the number of shards across all processes)")
        assert isinstance(value, list)
        wrong = [i for i in value if not 0 <= int(i) < count]
        if wrong:
            raise ValueError(f"shard {wrong[0]} is outside 0..{count - 1} (SHARD_COUNT={count})")
        if len(set(value)) != len(value):
            raise ValueError("lists a shard twice")
        return sorted(int(i) for i in value)

    @field_validator("log_level")
    @classmethod
    def _known_level(cls, value: str) -> str:
        level = value.strip().upper()
        if level not in logging.getLevelNamesMapping():
            raise ValueError(f"must be one of DEBUG, INFO, WARNING, ERROR, got {value!r}")
        return level

    @field_validator("metrics_port", mode="before")
    @classmethod
    def _blank_port_is_off(cls, value: object) -> object:
        if isinstance(value, str) and not value.strip():
            return None
        return value

    @field_validator("log_format")
    @classmethod
    def _known_format(cls, value: str) -> str:
        fmt = value.strip().lower()
        if fmt not in {"plain", "json"}:
            raise ValueError(f"must be plain or json, got {value!r}")
        return fmt

    @property
    def uses_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite:///")

    @property
    def database_path(self) -> Path:
        """The SQLite file behind DATABASE_URL (`sqlite:///relative` or `sqlite:////absolute`).

        With PostgreSQL there is no file: a name in the working directory, so that files
        kept "next to the database" (`state_dir`) land there."""
        if not self.uses_sqlite:
            return Path("limber.postgresql")
        return Path(self.database_url.removeprefix("sqlite:///"))

    @property
    def state_dir(self) -> Path:
        """Where Limber keeps small local files (e.g. the slash-command hash): next to the
        SQLite file, or the working directory with PostgreSQL."""
        return self.database_path.parent


def load_settings(**overrides: object) -> Settings:
    """Read settings, turning the first validation problem into a one-line ConfigError."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        err = exc.errors()[0]
        field = ".".join(str(p) for p in err["loc"]) or "settings"
        message = str(err["msg"]).removeprefix("Value error, ")
        raise ConfigError(f"{field.upper()}: {message}") from None


SETTING_PREFIXES = (
    "BOOKING_",
    "CLINIC_",
    "DATABASE_",
    "DATA_",
    "DEFAULT_",
    "DISCORD_",
    "EMERGENCY_",
    "LIMBER_",
    "LOG_",
    "METRICS_",
    "ROUTINES_",
    "SHARD_",
    "SLACK_",
)


def config_warnings(env_file: Path | str = ".env") -> list[str]:
    """One line per variable that looks meant for Limber but is no setting (a typo such
    as BOOKING_ULR): every name in `.env`, and environment names with a setting's prefix."""
    known = {name.upper() for name in Settings.model_fields}
    found: dict[str, str] = {}
    path = Path(env_file)
    if path.is_file():
        for name in dotenv_values(path):
            found.setdefault(name.upper(), str(path))
    for name in os.environ:
        if name.upper().startswith(SETTING_PREFIXES):
            found.setdefault(name.upper(), "the environment")
    lines = []
    for name, where in sorted(found.items()):
        if name in known:
            continue
        close = difflib.get_close_matches(name, sorted(known), n=1, cutoff=0.6)
        hint = f"; did you mean {close[0]}?" if close else " (it is ignored)"
        lines.append(f"{where}: {name} is not a Limber setting{hint}")
    return lines
