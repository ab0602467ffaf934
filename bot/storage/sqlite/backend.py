"""The SQLite backend: one file, one connection, every store of the `Storage` port."""

from __future__ import annotations

from pathlib import Path

from bot.storage.sqlite.budget_store import BudgetRepo
from bot.storage.sqlite.connection import Database
from bot.storage.sqlite.group_store import GroupRepo
from bot.storage.sqlite.privacy_store import PrivacyRepo
from bot.storage.sqlite.progress_store import ProgressRepo
from bot.storage.sqlite.reminder_store import ReminderRepo
from bot.storage.sqlite.session_store import SessionRepo
from bot.storage.sqlite.user_store import ClinicRepo, UserRepo


class SqliteStorage:
    """Implements `bot.core.ports.Storage` on one SQLite file (WAL, migrated on open)."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.users = UserRepo(db)
        self.clinics = ClinicRepo(db)
        self.sessions = SessionRepo(db)
        self.reminders = ReminderRepo(db)
        self.progress = ProgressRepo(db)
        self.privacy = PrivacyRepo(db)
        self.groups = GroupRepo(db)
        self.budget = BudgetRepo(db)

    @classmethod
    async def open(cls, path: Path | str) -> SqliteStorage:
        """Open (creating and migrating if needed) the file at `path`."""
        return cls(await Database.open(path))

    async def schema_version(self) -> int:
        return await self.db.schema_version()

    async def ping(self) -> None:
        """`SELECT 1` (health checks); raises when the file or connection is broken."""
        async with self.db.read("SELECT 1") as cur:
            await cur.fetchone()

    async def close(self) -> None:
        await self.db.close()
