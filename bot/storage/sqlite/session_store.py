"""Guided-session rows: created at start, updated at every transition, never lost."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import datetime

import aiosqlite

from bot.core.models import Dose, SessionRecord
from bot.core.ports import ActiveSessionExists
from bot.storage.codec import dose_from_db, dose_to_db
from bot.storage.sqlite.connection import Database, from_db, opt_from_db, to_db

ACTIVE = ("running", "paused", "interrupted")


def _record(row: aiosqlite.Row) -> SessionRecord:
    return SessionRecord(
        id=row["id"],
        user_id=row["user_id"],
        routine_id=row["routine_id"],
        status=row["status"],
        step_index=row["step_index"],
        step_deadline=opt_from_db(row["step_deadline"]),
        paused_remaining=row["paused_remaining"],
        origin=row["origin"],
        started_at=from_db(row["started_at"]),
        updated_at=from_db(row["updated_at"]),
        ended_at=opt_from_db(row["ended_at"]),
        dose=dose_from_db(row["dose"]),
        skipped_seconds=row["skipped_seconds"] or 0.0,
    )


class SessionRepo:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def create(
        self, user_id: int, routine_id: str, origin: str, now: datetime, dose: Dose | None = None
    ) -> int:
        """A new running session; ActiveSessionExists when the person has one already
        (the unique index `sessions_one_active` decides, not a read before the write)."""
        try:
            cur = await self.db.execute(
                """INSERT INTO sessions (user_id, routine_id, status, step_index, origin,
                                         started_at, updated_at, dose)
                   VALUES (?, ?, 'running', 0, ?, ?, ?, ?)""",
                (user_id, routine_id, origin, to_db(now), to_db(now), dose_to_db(dose)),
            )
        except sqlite3.IntegrityError as exc:
            if "sessions" not in str(exc):
                raise
            raise ActiveSessionExists(user_id) from None
        assert cur.lastrowid is not None
        return cur.lastrowid

    async def save(
        self,
        session_id: int,
        status: str,
        step_index: int,
        deadline: datetime | None,
        paused_remaining: float | None,
        now: datetime,
    ) -> None:
        ended = None if status in ACTIVE else to_db(now)
        await self.db.execute(
            """UPDATE sessions SET status = ?, step_index = ?, step_deadline = ?,
                 paused_remaining = ?, updated_at = ?, ended_at = COALESCE(ended_at, ?)
               WHERE id = ?""",
            (
                status,
                step_index,
                None if deadline is None else to_db(deadline),
                paused_remaining,
                to_db(now),
                ended,
                session_id,
            ),
        )

    async def add_skipped(self, session_id: int, seconds: float) -> None:
        await self.db.execute(
            "UPDATE sessions SET skipped_seconds = skipped_seconds + ? WHERE id = ?",
            (max(seconds, 0.0), session_id),
        )

    async def get(self, session_id: int) -> SessionRecord | None:
        async with self.db.read("SELECT * FROM sessions WHERE id = ?", (session_id,)) as cur:
            row = await cur.fetchone()
        return _record(row) if row else None

    async def active_for(self, user_id: int) -> SessionRecord | None:
        async with self.db.read(
            f"""SELECT * FROM sessions WHERE user_id = ? AND status IN {ACTIVE}
                ORDER BY id DESC LIMIT 1""",
            (user_id,),
        ) as cur:
            row = await cur.fetchone()
        return _record(row) if row else None

    async def running_among(self, user_ids: Sequence[int]) -> set[int]:
        """Which of these people have a session running right now (not paused)."""
        found: set[int] = set()
        ids = list(dict.fromkeys(user_ids))
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ", ".join("?" for _ in chunk)
            async with self.db.read(
                f"""SELECT DISTINCT user_id FROM sessions
                    WHERE status = 'running' AND user_id IN ({marks})""",
                chunk,
            ) as cur:
                found.update(int(r[0]) for r in await cur.fetchall())
        return found

    async def all_active(self) -> list[SessionRecord]:
        async with self.db.read(
            f"SELECT * FROM sessions WHERE status IN {ACTIVE} ORDER BY id"
        ) as cur:
            rows = await cur.fetchall()
        return [_record(r) for r in rows]

    async def for_user(self, user_id: int, since: datetime | None = None) -> list[SessionRecord]:
        query = "SELECT * FROM sessions WHERE user_id = ?"
        args: tuple[object, ...] = (user_id,)
        if since is not None:
            query += " AND started_at >= ?"
            args = (user_id, to_db(since))
        async with self.db.read(query + " ORDER BY started_at, id", args) as cur:
            rows = await cur.fetchall()
        return [_record(r) for r in rows]
