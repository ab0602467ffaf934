"""Guided-session rows: created at start, updated at every transition, never lost."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import asyncpg

from bot.core.models import Dose, SessionRecord
from bot.core.ports import ActiveSessionExists
from bot.storage.codec import dose_from_db, dose_to_db
from bot.storage.postgres.connection import Database, Record, opt_utc, utc

ACTIVE = ("running", "paused", "interrupted")
_ACTIVE_SQL = "('running', 'paused', 'interrupted')"
ONE_ACTIVE_INDEX = "sessions_one_active"


def _record(row: Record) -> SessionRecord:
    return SessionRecord(
        id=row["id"],
        user_id=row["user_id"],
        routine_id=row["routine_id"],
        status=row["status"],
        step_index=row["step_index"],
        step_deadline=row["step_deadline"],
        paused_remaining=row["paused_remaining"],
        origin=row["origin"],
        started_at=row["started_at"],
        updated_at=row["updated_at"],
        ended_at=row["ended_at"],
        dose=dose_from_db(row["dose"]),
        skipped_seconds=row["skipped_seconds"] or 0.0,
    )


class SessionRepo:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def create(
        self, user_id: int, routine_id: str, origin: str, now: datetime, dose: Dose | None = None
    ) -> int:
        """A new running session; ActiveSessionExists when the person has one already.

        The unique index `sessions_one_active` decides between two concurrent starts; the
        NOT EXISTS only keeps the common refusal from drawing an id from the sequence."""
        try:
            session_id = await self.db.fetchval(
                f"""INSERT INTO sessions (user_id, routine_id, status, step_index, origin,
                                          started_at, updated_at, dose)
                    SELECT $1, $2, 'running', 0, $3, $4, $4, $5
                    WHERE NOT EXISTS (SELECT 1 FROM sessions
                                      WHERE user_id = $1 AND status IN {_ACTIVE_SQL})
                    RETURNING id""",
                user_id,
                routine_id,
                origin,
                utc(now),
                dose_to_db(dose),
            )
        except asyncpg.UniqueViolationError as exc:
            if exc.constraint_name != ONE_ACTIVE_INDEX:
                raise
            raise ActiveSessionExists(user_id) from None
        if session_id is None:
            raise ActiveSessionExists(user_id)
        return int(session_id)

    async def save(
        self,
        session_id: int,
        status: str,
        step_index: int,
        deadline: datetime | None,
        paused_remaining: float | None,
        now: datetime,
    ) -> None:
        ended = None if status in ACTIVE else utc(now)
        await self.db.execute(
            """UPDATE sessions SET status = $1, step_index = $2, step_deadline = $3,
                 paused_remaining = $4, updated_at = $5, ended_at = COALESCE(ended_at, $6)
               WHERE id = $7""",
            status,
            step_index,
            opt_utc(deadline),
            paused_remaining,
            utc(now),
            ended,
            session_id,
        )

    async def get(self, session_id: int) -> SessionRecord | None:
        row = await self.db.fetchrow("SELECT * FROM sessions WHERE id = $1", session_id)
        return _record(row) if row else None

    async def active_for(self, user_id: int) -> SessionRecord | None:
        row = await self.db.fetchrow(
            f"""SELECT * FROM sessions WHERE user_id = $1 AND status IN {_ACTIVE_SQL}
                ORDER BY id DESC LIMIT 1""",
            user_id,
        )
        return _record(row) if row else None

    async def add_skipped(self, session_id: int, seconds: float) -> None:
        await self.db.execute(
            "UPDATE sessions SET skipped_seconds = skipped_seconds + $1 WHERE id = $2",
            max(seconds, 0.0),
            session_id,
        )

    async def running_among(self, user_ids: Sequence[int]) -> set[int]:
        """Which of these people have a session running right now (not paused)."""
        rows = await self.db.fetch(
            """SELECT DISTINCT user_id FROM sessions
               WHERE status = 'running' AND user_id = ANY($1::bigint[])""",
            list(dict.fromkeys(user_ids)),
        )
        return {int(r["user_id"]) for r in rows}

    async def all_active(self) -> list[SessionRecord]:
        rows = await self.db.fetch(
            f"SELECT * FROM sessions WHERE status IN {_ACTIVE_SQL} ORDER BY id"
        )
        return [_record(r) for r in rows]

    async def for_user(self, user_id: int, since: datetime | None = None) -> list[SessionRecord]:
        if since is None:
            rows = await self.db.fetch(
                "SELECT * FROM sessions WHERE user_id = $1 ORDER BY started_at, id", user_id
            )
        else:
            rows = await self.db.fetch(
                """SELECT * FROM sessions WHERE user_id = $1 AND started_at >= $2
                   ORDER BY started_at, id""",
                user_id,
                utc(since),
            )
        return [_record(r) for r in rows]
