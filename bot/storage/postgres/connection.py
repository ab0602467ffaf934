"""The PostgreSQL database: an asyncpg pool, transactions, versioned migrations.

Migrations are plain SQL files in `bot/storage/postgres/migrations/` named
`NNNN_what.sql`, with the same numbers and meaning as the SQLite ones. The applied
versions are rows of `schema_migrations`. `Database.open` takes a session-level advisory
lock (several processes may start at once: one migrates, the others wait and then find
nothing to do), applies every newer file in order, each in its own transaction with its
`schema_migrations` row, and refuses a database newer than this Limber.

Transactions: `transaction()` takes a pooled connection and runs BEGIN ... COMMIT on it;
store methods called inside it (same task) join it through a context variable, every
other call takes its own pooled connection. Each connection sees only committed rows of
the others (READ COMMITTED), so a read never sees another task's uncommitted writes.

Times are `timestamptz`: asyncpg returns aware UTC datetimes, and naive ones are refused
on the way in (`utc`), as in SQLite.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

import asyncpg

from bot.storage.errors import MigrationError, StorageOpenError
from bot.storage.migrations import Migration, load_migrations

# Any constant shared by every Limber process: the key of the migration advisory lock.
MIGRATION_LOCK = 0x4C696D6265720001  # "Limber" + 1
POOL_MIN = 1
POOL_MAX = 10
CONNECT_TIMEOUT = 10.0
CLOSE_GRACE = 10.0

Record = Any
"""An asyncpg.Record (asyncpg ships no type information): row["column"], row.items()."""


def bundled_migrations() -> list[Migration]:
    """All PostgreSQL migrations shipped in the package, sorted by version, gaps rejected."""
    return load_migrations("bot.storage.postgres")


def utc(moment: datetime) -> datetime:
    """An aware datetime in UTC, as stored in `timestamptz`; naive ones are refused."""
    if moment.tzinfo is None:
        raise ValueError("naive datetimes are not stored; attach a time zone")
    return moment.astimezone(UTC)


def opt_utc(moment: datetime | None) -> datetime | None:
    return None if moment is None else utc(moment)


def rowcount(status: str) -> int:
    """Rows touched, from a command status such as `UPDATE 3` or `INSERT 0 1`."""
    try:
        return int(status.rsplit(" ", 1)[-1])
    except ValueError:
        return 0


def describe_url(url: str) -> str:
    """`user@host:port/database` of a postgresql:// URL, without the password."""
    parts = urlsplit(url)
    user = f"{parts.username}@" if parts.username else ""
    host = parts.hostname or "localhost"
    port = f":{parts.port}" if parts.port else ""
    database = parts.path.lstrip("/") or (parts.username or "")
    return f"{user}{host}{port}/{database}"


def _open_error(url: str, exc: BaseException) -> StorageOpenError:
    """One line saying why PostgreSQL could not be opened, never the password."""
    where = describe_url(url)
    if isinstance(exc, asyncpg.InvalidPasswordError):
        reason = "the server rejected the user name or password"
    elif isinstance(exc, asyncpg.InvalidAuthorizationSpecificationError):
        reason = f"the server refused the login ({exc})"
    elif isinstance(exc, asyncpg.InvalidCatalogNameError):
        reason = "the database does not exist (create it first, e.g. `createdb`)"
    elif isinstance(exc, TimeoutError):
        reason = f"no answer within {CONNECT_TIMEOUT:.0f} s"
    elif isinstance(exc, OSError):
        reason = f"the server is unreachable ({exc.strerror or exc})"
    else:
        reason = f"{type(exc).__name__}: {exc}"
    line = f"cannot open PostgreSQL database {where}: {reason}"
    return StorageOpenError(" ".join(line.split()))


async def _reset(conn: asyncpg.Connection) -> None:
    """On release to the pool: Limber sets no session state (no SET, LISTEN, cursors or
    advisory locks outside `migrate`, which unlocks itself), so asyncpg's default reset
    (RESET ALL, UNLISTEN, CLOSE ALL, unlock all: one more round trip per query) is
    replaced by rolling back a transaction left open, should there ever be one."""
    if conn.is_in_transaction():
        await conn.execute("ROLLBACK")


# (database, task, connection) of the transaction the current task is inside.
_CURRENT: ContextVar[tuple[Database, asyncio.Task[Any] | None, asyncpg.Connection] | None] = (
    ContextVar("limber_pg_transaction", default=None)
)


class Database:
    """Owns the pool every repository shares."""

    def __init__(self, pool: asyncpg.Pool, url: str) -> None:
        self.pool = pool
        self.url = url

    @classmethod
    async def open(
        cls,
        url: str,
        migrations: list[Migration] | None = None,
        *,
        min_size: int = POOL_MIN,
        max_size: int = POOL_MAX,
    ) -> Database:
        """Connect, migrate; StorageOpenError when the server cannot be used."""
        try:
            pool = await asyncpg.create_pool(
                url,
                min_size=min_size,
                max_size=max_size,
                timeout=CONNECT_TIMEOUT,
                reset=_reset,
                server_settings={"application_name": "limber"},
            )
        except (OSError, TimeoutError, asyncpg.PostgresError, asyncpg.InterfaceError) as exc:
            raise _open_error(url, exc) from None
        except ValueError as exc:  # a malformed URL
            raise StorageOpenError(f"malformed PostgreSQL URL: {exc}") from None
        db = cls(pool, url)
        try:
            await db.migrate(bundled_migrations() if migrations is None else migrations)
        except BaseException:
            await pool.close()
            raise
        return db

    async def schema_version(self) -> int:
        async with self.connection() as conn:
            return await _version(conn)

    async def migrate(self, migrations: list[Migration]) -> int:
        """Apply migrations newer than the database's version under an advisory lock;
        returns the final version."""
        latest = migrations[-1].version if migrations else 0
        async with self.pool.acquire() as conn:
            await conn.execute("SELECT pg_advisory_lock($1)", MIGRATION_LOCK)
            try:
                await conn.execute(
                    """CREATE TABLE IF NOT EXISTS schema_migrations (
                         version    integer PRIMARY KEY,
                         name       text NOT NULL,
                         applied_at timestamptz NOT NULL DEFAULT now())"""
                )
                current = await _version(conn)
                if current > latest:
                    raise MigrationError(
                        f"database {describe_url(self.url)} has schema version {current}, "
                        f"newer than this Limber knows ({latest}); upgrade Limber"
                    )
                for migration in migrations:
                    if migration.version <= current:
                        continue
                    async with conn.transaction():
                        await conn.execute(migration.sql)
                        await conn.execute(
                            "INSERT INTO schema_migrations (version, name) VALUES ($1, $2)",
                            migration.version,
                            migration.name,
                        )
                return await _version(conn)
            finally:
                await conn.execute("SELECT pg_advisory_unlock($1)", MIGRATION_LOCK)

    def _joined(self) -> asyncpg.Connection | None:
        current = _CURRENT.get()
        if current is None:
            return None
        db, task, conn = current
        if db is not self or task is not asyncio.current_task():
            return None  # a task started inside a transaction does not share it
        return conn

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[asyncpg.Connection]:
        """BEGIN ... COMMIT on one pooled connection, rolled back on any error.

        A transaction opened inside another one (same task) joins the outer one.
        """
        joined = self._joined()
        if joined is not None:
            yield joined
            return
        async with self.pool.acquire() as conn, conn.transaction():
            token = _CURRENT.set((self, asyncio.current_task(), conn))
            try:
                yield conn
            finally:
                _CURRENT.reset(token)

    @asynccontextmanager
    async def connection(self) -> AsyncIterator[asyncpg.Connection]:
        """The current task's transaction connection, or a pooled one (autocommit)."""
        joined = self._joined()
        if joined is not None:
            yield joined
            return
        async with self.pool.acquire() as conn:
            yield conn

    async def execute(self, sql: str, *args: object) -> str:
        """One statement; its command status (e.g. `UPDATE 2`)."""
        async with self.connection() as conn:
            return str(await conn.execute(sql, *args))

    async def fetch(self, sql: str, *args: object) -> list[Record]:
        async with self.connection() as conn:
            return list(await conn.fetch(sql, *args))

    async def fetchrow(self, sql: str, *args: object) -> Record | None:
        async with self.connection() as conn:
            return await conn.fetchrow(sql, *args)

    async def fetchval(self, sql: str, *args: object) -> Any:
        async with self.connection() as conn:
            return await conn.fetchval(sql, *args)

    async def close(self) -> None:
        """Close the pool; connections still held after a grace period are cut."""
        try:
            await asyncio.wait_for(self.pool.close(), CLOSE_GRACE)
        except TimeoutError:
            self.pool.terminate()


async def _version(conn: asyncpg.Connection) -> int:
    exists = await conn.fetchval("SELECT to_regclass('schema_migrations') IS NOT NULL")
    if not exists:
        return 0
    return int(await conn.fetchval("SELECT COALESCE(MAX(version), 0) FROM schema_migrations"))
