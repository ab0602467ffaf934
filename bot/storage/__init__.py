"""Storage backends behind the core's ports, chosen by URL.

`open_storage("sqlite:///limber.sqlite3")` or `open_storage("postgresql://user:pw@host/db")`
returns a `bot.core.ports.Storage`. Every backend passes the same contract suite
(tests/storage/contract/). SQL lives only in this package.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from bot.core.ports import Storage
from bot.storage.errors import MigrationError, StorageError, StorageOpenError

__all__ = [
    "POSTGRES_SCHEMES",
    "MigrationError",
    "StorageError",
    "StorageOpenError",
    "StorageURLError",
    "open_storage",
    "sqlite_path",
]

POSTGRES_SCHEMES = ("postgresql", "postgres")


class StorageURLError(StorageError, ValueError):
    """DATABASE_URL names a backend this Limber does not have, or is malformed."""


def sqlite_path(url: str) -> Path:
    """`sqlite:///relative/file` or `sqlite:////absolute/file` -> the file's path."""
    if not url.startswith("sqlite:///") or url == "sqlite:///":
        raise StorageURLError("use sqlite:///path/to/file.sqlite3")
    return Path(url.removeprefix("sqlite:///"))


async def open_storage(url: str) -> Storage:
    """Open (and migrate) the database at `url`.

    Raises StorageURLError for unknown schemes, StorageOpenError (one line, no password)
    when the database cannot be opened, MigrationError when it is newer than this Limber.
    """
    scheme = url.split(":", 1)[0].lower()
    if scheme == "sqlite":
        from bot.storage.sqlite.backend import SqliteStorage

        path = sqlite_path(url)
        try:
            return await SqliteStorage.open(path)
        except (sqlite3.Error, OSError) as exc:
            raise StorageOpenError(f"cannot open SQLite file {path}: {exc}") from None
    if scheme in POSTGRES_SCHEMES:
        from bot.storage.postgres.backend import PostgresStorage

        return await PostgresStorage.open(url)
    raise StorageURLError(
        f"unsupported database URL scheme {scheme!r}; "
        "use sqlite:///FILE or postgresql://USER:PASSWORD@HOST:PORT/DATABASE"
    )
