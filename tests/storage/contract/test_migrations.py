"""One migration history for every backend: the same versions, applied from a fresh
database and from every earlier version, never to a database newer than the code, and
(PostgreSQL) safely when several processes start at once."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from importlib import resources

import pytest

from bot.core.ports import Storage
from bot.storage import MigrationError, open_storage, sqlite_path
from bot.storage.migrations import Migration
from bot.storage.postgres import connection as pg
from bot.storage.postgres.backend import PostgresStorage
from bot.storage.sqlite import connection as lite
from bot.storage.sqlite.backend import SqliteStorage
from tests.support.backends import Raw


def _bundled(url: str) -> list[Migration]:
    return pg.bundled_migrations() if url.startswith("postgres") else lite.bundled_migrations()


async def _open_at(url: str, migrations: list[Migration]) -> Storage:
    """The backend at `url`, migrated only as far as `migrations` go (an older Limber)."""
    if url.startswith("postgres"):
        return PostgresStorage(await pg.Database.open(url, migrations))
    return SqliteStorage(await lite.Database.open(sqlite_path(url), migrations))


def test_both_backends_have_the_same_migration_history() -> None:
    sqlite_names = [m.name for m in lite.bundled_migrations()]
    postgres_names = [m.name for m in pg.bundled_migrations()]
    assert sqlite_names == postgres_names, (
        "every migration needs a twin with the same number and name in "
        "bot/storage/sqlite/migrations and bot/storage/postgres/migrations"
    )
    assert sqlite_names[:3] == [
        "0001_core.sql",
        "0002_reminders.sql",
        "0003_one_active_session.sql",
    ]
    for package in ("bot.storage.sqlite", "bot.storage.postgres"):
        readme = (resources.files(package) / "migrations" / "README.md").read_text("utf-8")
        assert "twin" in readme


async def test_a_fresh_database_ends_at_the_latest_version(storage_url: str) -> None:
    store = await open_storage(storage_url)
    try:
        assert await store.schema_version() == _bundled(storage_url)[-1].version
        assert {"users", "sessions", "reminders", "deliveries"} <= set(await Raw(store).tables())
    finally:
        await store.close()
    again = await open_storage(storage_url)  # a second start finds nothing to do
    try:
        assert await again.schema_version() == _bundled(storage_url)[-1].version
    finally:
        await again.close()


@pytest.mark.parametrize("version", [1, 2])
async def test_an_older_database_is_migrated_keeping_its_rows(
    storage_url: str, version: int
) -> None:
    old = await _open_at(storage_url, _bundled(storage_url)[:version])
    raw = Raw(old)
    assert await old.schema_version() == version
    stamp = raw.time(datetime(2026, 3, 2, 8, 0, tzinfo=UTC))
    await raw.execute(
        "INSERT INTO users (platform, external_id, created_at, last_seen_at) VALUES (?, ?, ?, ?)",
        "discord",
        "42",
        stamp,
        stamp,
    )
    # two active sessions of one person from before 0003: the older is closed by it
    for _ in range(2):
        await raw.execute(
            "INSERT INTO sessions (user_id, routine_id, status, started_at, updated_at) "
            "VALUES (1, 'r', 'running', ?, ?)",
            stamp,
            stamp,
        )
    await old.close()

    store = await open_storage(storage_url)
    try:
        assert await store.schema_version() == _bundled(storage_url)[-1].version
        user = await store.users.get(1)
        assert user is not None and user.external_id == "42"
        active = await store.sessions.active_for(1)
        assert active is not None and active.id == 2
        assert [s.status for s in await store.sessions.for_user(1)] == ["abandoned", "running"]
    finally:
        await store.close()


async def test_a_database_newer_than_this_limber_is_refused(storage_url: str) -> None:
    store = await open_storage(storage_url)
    raw = Raw(store)
    if raw.postgres:
        await raw.execute("INSERT INTO schema_migrations (version, name) VALUES (999, 'future')")
    else:
        await raw.execute("PRAGMA user_version=999")
    await store.close()
    with pytest.raises(MigrationError, match="newer than this Limber"):
        await open_storage(storage_url)


async def test_several_processes_starting_at_once_migrate_once(postgres_url: str) -> None:
    stores = await asyncio.gather(*(open_storage(postgres_url) for _ in range(4)))
    try:
        latest = pg.bundled_migrations()[-1].version
        assert [await s.schema_version() for s in stores] == [latest] * 4
        versions = await Raw(stores[0]).rows("SELECT version FROM schema_migrations ORDER BY 1")
        assert [v for (v,) in versions] == list(range(1, latest + 1))
    finally:
        for store in stores:
            await store.close()


async def test_a_failing_migration_leaves_the_previous_version(storage_url: str) -> None:
    broken = [
        *_bundled(storage_url),
        Migration(99, "0099_broken.sql", "CREATE TABLE users (x int)"),
    ]
    latest = _bundled(storage_url)[-1].version
    with pytest.raises(Exception, match=r"(?i)exists"):
        await _open_at(storage_url, broken)
    store = await open_storage(storage_url)
    try:
        assert await store.schema_version() == latest
    finally:
        await store.close()
