"""The SQLite database: one aiosqlite connection, WAL, versioned migrations.

Migrations are plain SQL files in `bot/storage/sqlite/migrations/` named `NNNN_what.sql`
(the same numbers and meaning as bot/storage/postgres/migrations/); the applied version
lives in `PRAGMA user_version`. `Database.open` applies every newer file
in order, each in its own transaction, so a fresh file and a file written by an older
Limber both end at the latest schema. Repositories (users.py, sessions.py, ...) hold
all SQL; nothing outside `bot/storage` writes SQL.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from contextvars import ContextVar
from datetime import UTC, datetime
from pathlib import Path

import aiosqlite

from bot.storage.errors import MigrationError
from bot.storage.migrations import Migration, load_migrations

__all__ = [
    "Database",
    "Migration",
    "MigrationError",
    "bundled_migrations",
    "from_db",
    "opt_from_db",
    "split_sql",
    "to_db",
]

# The Database whose transaction the current task is inside (nested calls join it).
_IN_TRANSACTION: ContextVar[Database | None] = ContextVar("limber_in_transaction", default=None)


def bundled_migrations() -> list[Migration]:
    """All SQLite migrations shipped in the package, sorted by version, gaps rejected."""
    return load_migrations("bot.storage.sqlite")


def to_db(moment: datetime) -> str:
    """Aware datetime -> fixed-width UTC text that sorts like time (indexes rely on this)."""
    if moment.tzinfo is None:
        raise ValueError("naive datetimes are not stored; attach a time zone")
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def from_db(text: str) -> datetime:
    """Inverse of `to_db` (fromisoformat: ~10x faster than strptime, and a reminder burst
    parses thousands of these)."""
    return datetime.fromisoformat(text)


def opt_from_db(text: str | None) -> datetime | None:
    return None if text is None else from_db(text)


class Database:
    """Owns the one connection every repository shares.

    One connection means one transaction at a time: `transaction()` holds a lock so two
    tasks never interleave BEGIN/COMMIT, and `execute()` (single autocommit writes) and
    `read()` wait for another task's open transaction instead of silently joining it: a
    read never sees rows another task has not committed (and may still roll back).
    """

    def __init__(self, conn: aiosqlite.Connection, path: Path) -> None:
        self.conn = conn
        self.path = path
        self._lock = asyncio.Lock()

    @classmethod
    async def open(cls, path: Path | str, migrations: list[Migration] | None = None) -> Database:
        """Open (creating if needed) the file, enable WAL and foreign keys, migrate."""
        path = Path(path)
        if str(path) != ":memory:":
            path.parent.mkdir(parents=True, exist_ok=True)
        pending = aiosqlite.connect(path, isolation_level=None)
        try:
            conn = await pending
        except BaseException:
            await _worker_stopped(pending)
            raise
        conn.row_factory = aiosqlite.Row
        db = cls(conn, path)
        try:
            await conn.execute("PRAGMA journal_mode=WAL")
            await conn.execute("PRAGMA foreign_keys=ON")
            await conn.execute("PRAGMA busy_timeout=5000")
            await conn.execute("PRAGMA synchronous=NORMAL")
            await db.migrate(bundled_migrations() if migrations is None else migrations)
        except BaseException:
            await conn.close()
            raise
        return db

    async def schema_version(self) -> int:
        async with self.conn.execute("PRAGMA user_version") as cur:
            row = await cur.fetchone()
        return int(row[0]) if row else 0

    async def migrate(self, migrations: list[Migration]) -> int:
        """Apply migrations newer than the file's version; returns the final version."""
        current = await self.schema_version()
        latest = migrations[-1].version if migrations else 0
        if current > latest:
            raise MigrationError(
                f"database {self.path} has schema version {current}, newer than this Limber "
                f"knows ({latest}); upgrade Limber"
            )
        for migration in migrations:
            if migration.version <= current:
                continue
            async with self.transaction():
                for statement in split_sql(migration.sql):
                    await self.conn.execute(statement)
                await self.conn.execute(f"PRAGMA user_version={migration.version:d}")
        return await self.schema_version()

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        """BEGIN IMMEDIATE ... COMMIT, rolled back on any error: nothing half-written.

        A transaction opened inside another one (same task) joins the outer one.
        """
        if _IN_TRANSACTION.get() is self:
            yield self.conn
            return
        async with self._lock:
            token = _IN_TRANSACTION.set(self)
            try:
                await self.conn.execute("BEGIN IMMEDIATE")
                try:
                    yield self.conn
                except BaseException:
                    await self.conn.execute("ROLLBACK")
                    raise
                else:
                    await self.conn.execute("COMMIT")
            finally:
                _IN_TRANSACTION.reset(token)

    async def execute(self, sql: str, params: Iterable[object] = ()) -> aiosqlite.Cursor:
        """One write in autocommit mode, never inside another task's transaction."""
        if _IN_TRANSACTION.get() is self:
            return await self.conn.execute(sql, tuple(params))
        async with self._lock:
            return await self.conn.execute(sql, tuple(params))

    async def execute_returning(
        self, sql: str, params: Iterable[object] = ()
    ) -> list[aiosqlite.Row]:
        """A write with RETURNING: its rows are read before another task may write."""
        if _IN_TRANSACTION.get() is self:
            return list(await self.conn.execute_fetchall(sql, tuple(params)))
        async with self._lock:
            return list(await self.conn.execute_fetchall(sql, tuple(params)))

    @asynccontextmanager
    async def read(
        self, sql: str, params: Iterable[object] = ()
    ) -> AsyncIterator[aiosqlite.Cursor]:
        """A query's cursor, read while no other task's transaction is open."""
        if _IN_TRANSACTION.get() is self:
            async with self.conn.execute(sql, tuple(params)) as cur:
                yield cur
            return
        async with self._lock, self.conn.execute(sql, tuple(params)) as cur:
            yield cur

    async def close(self) -> None:
        await self.conn.close()


async def _worker_stopped(conn: aiosqlite.Connection) -> None:
    """After a failed connect aiosqlite stops its worker thread, which then resolves a
    future on this loop: wait for that, or a loop closed right after (`asyncio.run` of a
    start-up check) makes the thread print a traceback."""
    thread = getattr(conn, "_thread", None)
    for _ in range(200):
        if thread is None or not thread.is_alive():
            return
        await asyncio.sleep(0.005)


def split_sql(script: str) -> list[str]:
    """Split a migration into statements (migrations hold no semicolons inside strings)."""
    lines = [line for line in script.splitlines() if not line.strip().startswith("--")]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]
