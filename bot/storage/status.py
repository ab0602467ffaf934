"""What `limber doctor` needs to know about a database, without changing it.

`database_status(url)` reads the schema version and lists the migrations a start would
apply; it never creates a file, never migrates, never writes. Each backend adds its
scheme here (SQLite's user_version; PostgreSQL's schema_migrations table).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

import aiosqlite
import asyncpg

from bot.storage import StorageURLError, sqlite_path
from bot.storage.postgres.connection import bundled_migrations as pg_migrations
from bot.storage.postgres.connection import describe_url
from bot.storage.sqlite.connection import bundled_migrations


class DatabaseStatusError(Exception):
    """The database exists but cannot be read (not a database, no permission, ...)."""


@dataclass(frozen=True)
class DatabaseStatus:
    location: str
    """Where it is, without credentials (a file path, host:port/name)."""
    exists: bool
    version: int
    latest: int
    pending: list[str] = field(default_factory=list)
    """Migrations the next start applies, by file name."""
    writable: bool = True

    @property
    def newer_than_code(self) -> bool:
        return self.version > self.latest


def _file_facts(path: str) -> tuple[bool, bool]:
    """(exists, writable): a missing file needs a writable folder to be created in."""
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.exists(path):
        return False, os.path.isdir(folder) and os.access(folder, os.W_OK)
    return True, os.access(path, os.W_OK) and os.access(folder, os.W_OK)


async def sqlite_status(path: str) -> DatabaseStatus:
    migrations = bundled_migrations()
    latest = migrations[-1].version if migrations else 0
    exists, writable = _file_facts(path)
    if not exists:
        return DatabaseStatus(
            path, False, 0, latest, [m.name for m in migrations], writable=writable
        )
    try:
        async with aiosqlite.connect(f"file:{path}?mode=ro", uri=True) as conn:
            async with conn.execute("PRAGMA user_version") as cur:
                row = await cur.fetchone()
            async with conn.execute("SELECT count(*) FROM sqlite_master") as cur:
                await cur.fetchone()  # fails on a file that is not a database
    except Exception as exc:
        raise DatabaseStatusError(f"{path}: {exc}") from exc
    version = int(row[0]) if row else 0
    pending = [m.name for m in migrations if m.version > version]
    return DatabaseStatus(path, True, version, latest, pending, writable=writable)


async def database_status(url: str) -> DatabaseStatus:
    """The schema state at `url`; raises StorageURLError for an unknown scheme and
    DatabaseStatusError when the database cannot be read."""
    scheme = url.split(":", 1)[0].lower()
    if scheme == "sqlite":
        return await sqlite_status(str(sqlite_path(url)))
    if scheme in {"postgresql", "postgres"}:
        return await postgres_status(url)
    raise StorageURLError(f"limber doctor cannot inspect {scheme!r} databases yet")


async def postgres_status(url: str) -> DatabaseStatus:
    """The version recorded in `schema_migrations` (0 before the first start)."""
    migrations = pg_migrations()
    latest = migrations[-1].version if migrations else 0
    where = describe_url(url)
    try:
        conn = await asyncpg.connect(url, timeout=10)
    except Exception as exc:
        raise DatabaseStatusError(f"{where}: {exc}") from exc
    try:
        table = await conn.fetchval("SELECT to_regclass('schema_migrations')")
        version = 0
        if table is not None:
            version = int(
                await conn.fetchval("SELECT COALESCE(MAX(version), 0) FROM schema_migrations")
            )
    except Exception as exc:
        raise DatabaseStatusError(f"{where}: {exc}") from exc
    finally:
        await conn.close()
    pending = [m.name for m in migrations if m.version > version]
    return DatabaseStatus(where, True, version, latest, pending)
