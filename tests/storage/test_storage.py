"""SQLite-only details: WAL, `PRAGMA user_version`, UTC text times and the one-connection
lock. What every backend must do (migrations, all-or-nothing) is in tests/storage/contract/."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.storage.sqlite.connection import (
    Database,
    MigrationError,
    bundled_migrations,
    from_db,
    to_db,
)


async def test_a_fresh_file_ends_at_the_latest_schema_in_wal_mode(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "new.sqlite3")
    try:
        assert await db.schema_version() == bundled_migrations()[-1].version
        async with db.conn.execute("PRAGMA journal_mode") as cur:
            assert (await cur.fetchone())[0] == "wal"  # type: ignore[index]
    finally:
        await db.close()


async def test_a_file_from_an_older_version_is_migrated_keeping_its_rows(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    first = bundled_migrations()[:1]
    db = await Database.open(path, migrations=first)
    await db.conn.execute(
        "INSERT INTO users (platform, external_id, created_at, last_seen_at) "
        "VALUES ('discord', '42', ?, ?)",
        (to_db(datetime.now(UTC)), to_db(datetime.now(UTC))),
    )
    await db.close()
    with sqlite3.connect(path) as raw:
        assert raw.execute("PRAGMA user_version").fetchone()[0] == 1

    db = await Database.open(path)
    try:
        assert await db.schema_version() == bundled_migrations()[-1].version
        async with db.conn.execute("SELECT external_id FROM users") as cur:
            assert [r[0] for r in await cur.fetchall()] == ["42"]
    finally:
        await db.close()


async def test_a_database_newer_than_this_limber_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.sqlite3"
    with sqlite3.connect(path) as raw:
        raw.execute("PRAGMA user_version=999")
    with pytest.raises(MigrationError, match="newer than this Limber"):
        await Database.open(path)


async def test_a_failed_transaction_writes_nothing(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "t.sqlite3")
    try:
        with pytest.raises(RuntimeError):
            async with db.transaction() as conn:
                await conn.execute("INSERT INTO clinics (key, updated_at) VALUES ('x', '2026')")
                raise RuntimeError("boom")
        async with db.conn.execute("SELECT COUNT(*) FROM clinics") as cur:
            assert (await cur.fetchone())[0] == 0  # type: ignore[index]
    finally:
        await db.close()


def test_times_are_stored_as_sortable_utc_text_and_naive_ones_are_refused() -> None:
    moment = datetime(2026, 3, 29, 1, 30, tzinfo=UTC)
    assert to_db(moment) == "2026-03-29T01:30:00.000000Z"
    assert from_db(to_db(moment)) == moment
    with pytest.raises(ValueError, match="naive"):
        to_db(datetime(2026, 1, 1))  # noqa: DTZ001


async def test_overlapping_transactions_from_two_tasks_take_turns(tmp_path: Path) -> None:
    import asyncio

    db = await Database.open(tmp_path / "t.sqlite3")
    entered = asyncio.Event()
    release = asyncio.Event()

    async def slow() -> None:
        async with db.transaction() as conn:
            await conn.execute("INSERT INTO clinics (key, updated_at) VALUES ('a', 'x')")
            entered.set()
            await release.wait()
            raise RuntimeError("rolled back")

    async def other() -> None:
        async with db.transaction() as conn:
            await conn.execute("INSERT INTO clinics (key, updated_at) VALUES ('b', 'x')")

    try:
        first = asyncio.create_task(slow())
        await entered.wait()
        second = asyncio.create_task(other())
        single = asyncio.create_task(
            db.execute("INSERT INTO clinics (key, updated_at) VALUES ('c', 'x')")
        )
        await asyncio.sleep(0.01)
        release.set()
        with pytest.raises(RuntimeError):
            await first
        await second
        await single
        async with db.conn.execute("SELECT key FROM clinics ORDER BY key") as cur:
            # the failed transaction took nothing else down with it
            assert [r[0] for r in await cur.fetchall()] == ["b", "c"]
    finally:
        await db.close()
