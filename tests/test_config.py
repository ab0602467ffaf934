"""Settings: defaults, and a wrong value stops start-up with one line naming it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.config import ConfigError, load_settings


def test_defaults_need_no_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    settings = load_settings()
    assert settings.default_timezone == "UTC"
    assert settings.database_path == Path("limber.sqlite3")
    assert settings.data_retention_days == 365
    assert settings.booking_url is None


@pytest.mark.parametrize(
    ("variable", "value", "expected"),
    [
        ("BOOKING_URL", "http://clinic.example/book", "BOOKING_URL: must be an https:// link"),
        ("BOOKING_URL", "not a url", "BOOKING_URL: must be an https:// link"),
        ("DEFAULT_TIMEZONE", "Mars/Olympus", "DEFAULT_TIMEZONE: unknown time zone 'Mars/Olympus'"),
        ("DISCORD_GUILD_IDS", "123,abc", "DISCORD_GUILD_IDS: must be comma-separated numeric"),
        ("DATABASE_URL", "mysql://x", "DATABASE_URL: use sqlite:///path/to/file.sqlite3 or post"),
        ("DATABASE_URL", "limber.db", "DATABASE_URL: use sqlite:///"),
        ("DATA_RETENTION_DAYS", "0", "DATA_RETENTION_DAYS:"),
        ("LOG_LEVEL", "LOUD", "LOG_LEVEL: must be one of"),
        ("DISCORD_API_URL", "127.0.0.1:8080", "DISCORD_API_URL: must be an http(s) URL"),
        ("DISCORD_GATEWAY_URL", "http://x/gw", "DISCORD_GATEWAY_URL: must be a ws(s) URL"),
    ],
)
def test_a_wrong_value_names_the_variable_and_the_problem(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, variable: str, value: str, expected: str
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv(variable, value)
    with pytest.raises(ConfigError) as caught:
        load_settings()
    assert str(caught.value).startswith(expected)
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize(
    "url",
    [
        "sqlite:////var/lib/limber.sqlite3",
        "postgresql://limber:pw@db:5432/limber",
        "postgres://db/x",
    ],
)
def test_database_url_takes_sqlite_and_postgresql(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, url: str
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", url)
    settings = load_settings()
    assert settings.database_url == url
    assert settings.uses_sqlite == url.startswith("sqlite")
    assert settings.state_dir == (Path("/var/lib") if settings.uses_sqlite else Path("."))


def test_settings_are_read_from_a_dotenv_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".env").write_text(
        "CLINIC_NAME=Lake Union Wellness\nDISCORD_GUILD_IDS=1, 2\nROUTINES_DIR=\n"
    )
    settings = load_settings()
    assert settings.clinic_name == "Lake Union Wellness"
    assert settings.discord_guild_ids == [1, 2]
    assert settings.routines_dir is None


def test_the_cli_prints_one_line_and_no_traceback_for_a_bad_setting(tmp_path: Path) -> None:
    env = {**os.environ, "DEFAULT_TIMEZONE": "Berlin"}
    result = subprocess.run(
        [sys.executable, "-m", "bot", "demo"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        input="",
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "limber: configuration error: DEFAULT_TIMEZONE: unknown time zone 'Berlin'; "
        "use an IANA name such as Europe/Berlin"
    ]
