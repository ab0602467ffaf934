"""`limber doctor`: each check's good and bad case, and the exit status of the command."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from bot.config import Settings, load_settings
from bot.ops.doctor import (
    Finding,
    check_database,
    check_routines,
    check_settings,
    report,
    run_doctor,
)
from bot.storage import open_storage
from bot.storage.sqlite.connection import bundled_migrations

LATEST = bundled_migrations()[-1].version


def statuses(found: list[Finding] | list[tuple[str, str]]) -> list[str]:
    return [f.status if isinstance(f, Finding) else f[0] for f in found]


def texts(found: list[Finding] | list[tuple[str, str]]) -> str:
    return "\n".join(f.text if isinstance(f, Finding) else f[1] for f in found)


def settings_at(tmp_path: Path, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "database_url": f"sqlite:///{tmp_path}/limber.sqlite3",
        "booking_url": "https://clinic.example/book",
    }
    values.update(overrides)
    return load_settings(**values)


# configuration ----------------------------------------------------------------------
async def test_good_configuration_is_ok(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert statuses(check_settings(settings_at(tmp_path))) == ["ok"]


async def test_a_bad_setting_is_one_failing_line_naming_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DEFAULT_TIMEZONE", "Mars/Olympus")
    found = await run_doctor()
    assert statuses(found) == ["fail"]
    assert "DEFAULT_TIMEZONE: unknown time zone" in found[0].text


async def test_log_payloads_and_a_missing_booking_link_are_warnings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    found = check_settings(settings_at(tmp_path, log_payloads=True, booking_url=None))
    assert statuses(found) == ["ok", "warn", "warn"]
    assert "LOG_PAYLOADS=true" in texts(found) and "BOOKING_URL" in texts(found)


# routines ---------------------------------------------------------------------------
def test_shipped_routines_are_ok(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    found = check_routines(settings_at(tmp_path))
    assert statuses(found) == ["ok"] and "routines" in found[0].text


def test_broken_routines_name_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "routines"
    folder.mkdir()
    (folder / "bad.yaml").write_text("kind: routine\nid: bad\nname: Bad\nexercises: [nope]\n")
    found = check_routines(settings_at(tmp_path, routines_dir=str(folder)))
    assert "fail" in statuses(found) and "ok" not in statuses(found)
    assert "bad.yaml" in texts(found)


# database ---------------------------------------------------------------------------
async def test_a_database_not_created_yet_is_fine(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    found = await check_database(settings_at(tmp_path))
    assert statuses(found) == ["ok"] and "creates it" in found[0].text
    assert not (tmp_path / "limber.sqlite3").exists(), "doctor must not create the file"


async def test_a_migrated_database_is_ok(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    settings = settings_at(tmp_path)
    store = await open_storage(settings.database_url)
    await store.close()
    found = await check_database(settings)
    assert statuses(found) == ["ok"]
    assert f"schema version {LATEST} (latest)" in found[0].text


async def test_pending_migrations_are_listed_and_not_applied(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    settings = settings_at(tmp_path)
    store = await open_storage(settings.database_url)
    await store.close()
    with sqlite3.connect(tmp_path / "limber.sqlite3") as conn:
        conn.execute(f"PRAGMA user_version={LATEST - 1}")
    found = await check_database(settings)
    assert statuses(found) == ["warn"]
    assert bundled_migrations()[-1].name in found[0].text
    with sqlite3.connect(tmp_path / "limber.sqlite3") as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == LATEST - 1


async def test_a_database_newer_than_limber_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    with sqlite3.connect(tmp_path / "limber.sqlite3") as conn:
        conn.execute(f"PRAGMA user_version={LATEST + 1}")
    found = await check_database(settings_at(tmp_path))
    assert statuses(found) == ["fail"] and "upgrade Limber" in found[0].text


async def test_a_file_that_is_not_a_database_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "limber.sqlite3").write_bytes(b"this is not sqlite" * 100)
    found = await check_database(settings_at(tmp_path))
    assert statuses(found) == ["fail"] and "cannot read" in found[0].text


async def test_a_missing_folder_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    found = await check_database(
        settings_at(tmp_path, database_url=f"sqlite:///{tmp_path}/no/such/dir/x.sqlite3")
    )
    assert statuses(found) == ["fail"] and "not writable" in found[0].text


# the command ------------------------------------------------------------------------
def test_report_exit_status() -> None:
    import io

    out = io.StringIO()
    assert report([Finding("ok", "a"), Finding("warn", "b")], out) == 0
    assert report([Finding("ok", "a"), Finding("fail", "c: do this")], out) == 1
    lines = out.getvalue().splitlines()
    assert "FAIL  c: do this" in lines
    assert lines[-1].startswith("1 problem to fix")


def doctor(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k != "DISCORD_TOKEN"}
    return subprocess.run(
        [sys.executable, "-m", "bot", "doctor"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**clean, "BOOKING_URL": "https://clinic.example/book", **env},
        timeout=60,
    )


def test_limber_doctor_exits_0_when_all_is_well(tmp_path: Path) -> None:
    result = doctor(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip().splitlines()[-1] == "All checks passed."
    assert "Traceback" not in result.stderr


def test_limber_doctor_exits_1_and_says_what_to_fix(tmp_path: Path) -> None:
    (tmp_path / "limber.sqlite3").write_text("garbage" * 200)
    result = doctor(tmp_path, LOG_FORMAT="yaml")
    assert result.returncode == 1
    assert result.stdout.startswith("FAIL  configuration: LOG_FORMAT: must be plain or json")
    result = doctor(tmp_path)
    assert result.returncode == 1
    assert any(line.startswith("FAIL  database:") for line in result.stdout.splitlines())
