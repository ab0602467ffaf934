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
        "did you mean Europe/Berlin?"
    ]


def run_demo(cwd: Path, env: dict[str, str], script: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", "demo"],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, **env},
        input=script,
        timeout=60,
    )


SETTINGS_WITH_DEFAULTS = [
    "DATABASE_URL",
    "DEFAULT_TIMEZONE",
    "LOG_LEVEL",
    "DATA_RETENTION_DAYS",
    "BOOKING_URL",
    "CLINIC_NAME",
    "EMERGENCY_NUMBER",
    "ROUTINES_DIR",
    "DISCORD_GUILD_IDS",
    "DISCORD_TOKEN",
    "DISCORD_API_URL",
    "DISCORD_GATEWAY_URL",
    "METRICS_PORT",
    "METRICS_HOST",
    "LOG_FORMAT",
    "LOG_PAYLOADS",
    "SLACK_BOT_TOKEN",
    "SLACK_APP_TOKEN",
    "SLACK_API_URL",
    "SHARD_COUNT",
    "SHARD_IDS",
    "DISCORD_RATE_LIMIT",
]


def test_an_empty_value_means_the_default_for_every_setting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bot.config import Settings

    monkeypatch.chdir(tmp_path)
    assert {n.upper() for n in Settings.model_fields} <= set(SETTINGS_WITH_DEFAULTS)
    (tmp_path / ".env").write_text("".join(f"{name}=\n" for name in SETTINGS_WITH_DEFAULTS))
    from_file = load_settings()
    (tmp_path / ".env").unlink()
    for name in SETTINGS_WITH_DEFAULTS:
        monkeypatch.setenv(name, "")
    from_env = load_settings()
    for name in SETTINGS_WITH_DEFAULTS:
        monkeypatch.delenv(name)
    defaults = load_settings()
    assert from_file == defaults and from_env == defaults
    assert defaults.database_url == "sqlite:///limber.sqlite3"


def test_a_misspelt_variable_is_warned_with_the_closest_known_one(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("BOOKING_ULR=https://clinic.example/book\n")
    result = run_demo(tmp_path, {}, "/help\n")
    assert result.returncode == 0
    assert (
        "limber: warning: .env: BOOKING_ULR is not a Limber setting; did you mean BOOKING_URL?"
        in result.stderr
    )


def test_a_misspelt_variable_in_the_environment_is_warned_too(tmp_path: Path) -> None:
    result = run_demo(tmp_path, {"CLINIC_NAM": "Lake Union"})
    assert "the environment: CLINIC_NAM is not a Limber setting; did you mean CLINIC_NAME?" in (
        result.stderr
    )


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "sqlite:///no/such/folder/limber.sqlite3",
            "limber: DATABASE_URL: the folder 'no/such/folder' does not exist",
        ),
        ("sqlite:///not-a-db.sqlite3", "DATABASE_URL: cannot open SQLite file not-a-db.sqlite3"),
        ("sqlite:///a-folder", "DATABASE_URL: 'a-folder' is a folder, not a database file"),
    ],
)
def test_a_database_url_that_cannot_be_opened_is_one_line(
    tmp_path: Path, url: str, expected: str
) -> None:
    (tmp_path / "not-a-db.sqlite3").write_text("this is not a database, just some text\n" * 50)
    (tmp_path / "a-folder").mkdir()
    result = run_demo(tmp_path, {"DATABASE_URL": url}, "/help\n")
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and expected in lines[0], result.stderr
    assert "Traceback" not in result.stderr
