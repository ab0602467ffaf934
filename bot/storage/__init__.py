"""Storage backends behind the core's ports, chosen by URL.

`open_storage("sqlite:///limber.sqlite3")` returns a `bot.core.ports.Storage`. Every
backend passes the same contract suite (tests/storage/). SQL lives only in this package.
"""

from __future__ import annotations

from pathlib import Path

from bot.core.ports import Storage
from bot.storage.sqlite.backend import SqliteStorage


class StorageURLError(ValueError):
    """DATABASE_URL names a backend this Limber does not have, or is malformed."""


def sqlite_path(url: str) -> Path:
    """`sqlite:///relative/file` or `sqlite:////absolute/file` -> the file's path."""
    if not url.startswith("sqlite:///") or url == "sqlite:///":
        raise StorageURLError("use sqlite:///path/to/file.sqlite3")
    return Path(url.removeprefix("sqlite:///"))


async def open_storage(url: str) -> Storage:
    """Open (and migrate) the database at `url`; raises StorageURLError for unknown
    schemes and the backend's own errors when the database cannot be opened."""
    scheme = url.split(":", 1)[0].lower()
    if scheme == "sqlite":
        return await SqliteStorage.open(sqlite_path(url))
    raise StorageURLError(f"unsupported database URL scheme {scheme!r}; use sqlite:///FILE")
