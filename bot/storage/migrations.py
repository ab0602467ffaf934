"""The migration files of a backend: `NNNN_what.sql` in `bot/storage/<backend>/migrations/`.

Every backend has the same history: version N means the same schema change in SQLite and
in PostgreSQL (tests/storage/contract/test_migrations.py compares the two folders), so a
deployment can tell from one number where it stands whatever its backend. A new
migration is added to every backend's folder under the same number and name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources

from bot.storage.errors import MigrationError

MIGRATION_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


def load_migrations(package: str) -> list[Migration]:
    """All migrations shipped in `package`'s `migrations/` folder, sorted by version,
    gaps rejected."""
    found: list[Migration] = []
    folder = resources.files(package) / "migrations"
    for entry in folder.iterdir():
        match = MIGRATION_NAME.match(entry.name)
        if match:
            found.append(Migration(int(match.group(1)), entry.name, entry.read_text("utf-8")))
    found.sort(key=lambda m: m.version)
    for expected, migration in enumerate(found, start=1):
        if migration.version != expected:
            raise MigrationError(f"migration {migration.name}: expected version {expected:04d}")
    return found
