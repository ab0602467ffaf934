"""Read-only queries behind `/progress` and `/clinic stats`.

Rows come back as plain tuples for the pure computations in bot.core.progress.streaks. The
clinic queries return per-member rows to the core only so it can aggregate them in each
member's own time zone; nothing here, and nothing the core shows, names a member.
Pain scores are never read for clinic statistics.
"""

from __future__ import annotations

from datetime import datetime

from bot.core.models import ClinicActivity
from bot.storage.sqlite.connection import Database, from_db, to_db


class ProgressRepo:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def _has_table(self, name: str) -> bool:
        async with self.db.read(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)
        ) as cur:
            return await cur.fetchone() is not None

    async def completed_sessions(self, user_id: int) -> list[tuple[int, datetime]]:
        """(id, start) of every completed session, oldest first."""
        async with self.db.read(
            """SELECT id, started_at FROM sessions WHERE user_id = ? AND status = 'completed'
               ORDER BY started_at, id""",
            (user_id,),
        ) as cur:
            rows = await cur.fetchall()
        return [(r["id"], from_db(r["started_at"])) for r in rows]

    async def deliveries(
        self, user_id: int, start: datetime, end: datetime
    ) -> list[tuple[str, datetime, int | None, int]]:
        """(status, occurrence time, reminder id, snoozes) of the person's reminder
        deliveries in [start, end); a snooze is its own row with snoozes > 0. Empty when
        the reminders feature is not installed."""
        if not await self._has_table("deliveries"):
            return []
        async with self.db.read(
            """SELECT status, occurs_at, reminder_id, snoozes FROM deliveries
               WHERE user_id = ? AND occurs_at >= ? AND occurs_at < ?
               ORDER BY occurs_at, id""",
            (user_id, to_db(start), to_db(end)),
        ) as cur:
            rows = await cur.fetchall()
        return [
            (r["status"], from_db(r["occurs_at"]), r["reminder_id"], r["snoozes"]) for r in rows
        ]

    async def clinic_activity(self, clinic_key: str, since: datetime) -> ClinicActivity:
        """Members of the server (users.clinic_key), who started any session since
        `since`, their completed sessions and their reminder deliveries since then."""
        async with self.db.read(
            "SELECT id, timezone FROM users WHERE clinic_key = ?", (clinic_key,)
        ) as cur:
            zones = {r["id"]: r["timezone"] for r in await cur.fetchall()}
        async with self.db.read(
            """SELECT s.user_id, s.started_at, s.status FROM sessions s
               JOIN users u ON u.id = s.user_id
               WHERE u.clinic_key = ? AND s.started_at >= ?""",
            (clinic_key, to_db(since)),
        ) as cur:
            session_rows = await cur.fetchall()
        completed = [
            (r["user_id"], from_db(r["started_at"]))
            for r in session_rows
            if r["status"] == "completed"
        ]
        deliveries: list[tuple[int, str, datetime, int]] = []
        if await self._has_table("deliveries"):
            async with self.db.read(
                """SELECT d.user_id, d.status, d.occurs_at, d.snoozes FROM deliveries d
                   JOIN users u ON u.id = d.user_id
                   WHERE u.clinic_key = ? AND d.occurs_at >= ?""",
                (clinic_key, to_db(since)),
            ) as cur:
                deliveries = [
                    (r["user_id"], r["status"], from_db(r["occurs_at"]), r["snoozes"])
                    for r in await cur.fetchall()
                ]
        started = {r["user_id"] for r in session_rows}
        return ClinicActivity(zones, started, completed, deliveries)
