"""The PostgreSQL backend: one asyncpg pool, every store of the `Storage` port."""

from __future__ import annotations

from bot.storage.postgres.budget_store import BudgetRepo
from bot.storage.postgres.connection import POOL_MAX, POOL_MIN, Database
from bot.storage.postgres.group_store import GroupRepo
from bot.storage.postgres.privacy_store import PrivacyRepo
from bot.storage.postgres.progress_store import ProgressRepo
from bot.storage.postgres.reminder_store import ReminderRepo
from bot.storage.postgres.session_store import SessionRepo
from bot.storage.postgres.user_store import ClinicRepo, UserRepo


class PostgresStorage:
    """Implements `bot.core.ports.Storage` on one PostgreSQL database (migrated on open)."""

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
    async def open(
        cls, url: str, *, min_size: int = POOL_MIN, max_size: int = POOL_MAX
    ) -> PostgresStorage:
        """Connect to `url` (postgresql://user:password@host:port/database), migrate."""
        return cls(await Database.open(url, min_size=min_size, max_size=max_size))

    async def schema_version(self) -> int:
        return await self.db.schema_version()

    async def ping(self) -> None:
        """`SELECT 1` (health checks); raises when the server does not answer."""
        await self.db.fetchval("SELECT 1")

    async def close(self) -> None:
        await self.db.close()
