"""Read-only queries behind `/progress` and `/clinic stats` (see the SQLite twin for the
rules: per-member rows only so the core can aggregate in each member's zone; pain scores
are never read for clinic statistics)."""

from __future__ import annotations

from datetime import datetime

from bot.core.models import ClinicActivity
from bot.storage.postgres.connection import Database, utc


class ProgressRepo:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def _has_table(self, name: str) -> bool:
        return bool(await self.db.fetchval("SELECT to_regclass($1) IS NOT NULL", name))

    async def completed_sessions(self, user_id: int) -> list[tuple[int, datetime]]:
        """(id, start) of every completed session, oldest first."""
        rows = await self.db.fetch(
            """SELECT id, started_at FROM sessions WHERE user_id = $1 AND status = 'completed'
               ORDER BY started_at, id""",
            user_id,
        )
        return [(r["id"], r["started_at"]) for r in rows]

    async def deliveries(
        self, user_id: int, start: datetime, end: datetime
    ) -> list[tuple[str, datetime, int | None, int]]:
        """(status, occurrence time, reminder id, snoozes) of the person's reminder
        deliveries in [start, end)."""
        if not await self._has_table("deliveries"):
            return []
        rows = await self.db.fetch(
            """SELECT status, occurs_at, reminder_id, snoozes FROM deliveries
               WHERE user_id = $1 AND occurs_at >= $2 AND occurs_at < $3
               ORDER BY occurs_at, id""",
            user_id,
            utc(start),
            utc(end),
        )
        return [(r["status"], r["occurs_at"], r["reminder_id"], r["snoozes"]) for r in rows]

    async def clinic_activity(self, clinic_key: str, since: datetime) -> ClinicActivity:
        """Members of the server (users.clinic_key), who started any session since
        `since`, their completed sessions and their reminder deliveries since then."""
        zones = {
            r["id"]: r["timezone"]
            for r in await self.db.fetch(
                "SELECT id, timezone FROM users WHERE clinic_key = $1", clinic_key
            )
        }
        session_rows = await self.db.fetch(
            """SELECT s.user_id, s.started_at, s.status FROM sessions s
               JOIN users u ON u.id = s.user_id
               WHERE u.clinic_key = $1 AND s.started_at >= $2""",
            clinic_key,
            utc(since),
        )
        completed = [
            (r["user_id"], r["started_at"]) for r in session_rows if r["status"] == "completed"
        ]
        deliveries: list[tuple[int, str, datetime, int]] = []
        if await self._has_table("deliveries"):
            deliveries = [
                (r["user_id"], r["status"], r["occurs_at"], r["snoozes"])
                for r in await self.db.fetch(
                    """SELECT d.user_id, d.status, d.occurs_at, d.snoozes FROM deliveries d
                       JOIN users u ON u.id = d.user_id
                       WHERE u.clinic_key = $1 AND d.occurs_at >= $2""",
                    clinic_key,
                    utc(since),
                )
            ]
        started = {r["user_id"] for r in session_rows}
        return ClinicActivity(zones, started, completed, deliveries)
