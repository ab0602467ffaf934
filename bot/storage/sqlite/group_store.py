"""Group stretch-along rows: group sessions in channels, members, recurring schedules.

Portable SQL (the PostgreSQL backend needs a twin of every method here). The UNIQUE
`group_sessions.occurrence_key` makes a recurring group session happen once per
occurrence; `complete` counts the session for every member in one transaction.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from datetime import time as dtime

import aiosqlite

from bot.core.models import GroupSchedule, GroupSession
from bot.storage.codec import days_from_db, days_to_db, time_from_db, time_to_db
from bot.storage.sqlite.connection import Database, from_db, opt_from_db, to_db

LIVE = ("scheduled", "running")


def _group(row: aiosqlite.Row) -> GroupSession:
    return GroupSession(
        id=row["id"],
        platform=row["platform"],
        clinic_key=row["clinic_key"],
        channel_id=row["channel_id"],
        routine_id=row["routine_id"],
        starts_at=from_db(row["starts_at"]),
        status=row["status"],
        step_index=row["step_index"],
        step_deadline=opt_from_db(row["step_deadline"]),
        announcement_id=row["announcement_id"],
        message_id=row["message_id"],
        schedule_id=row["schedule_id"],
        occurrence_key=row["occurrence_key"],
        created_at=from_db(row["created_at"]),
        updated_at=from_db(row["updated_at"]),
    )


def _schedule(row: aiosqlite.Row) -> GroupSchedule:
    at = time_from_db(row["at_time"])
    assert at is not None
    return GroupSchedule(
        id=row["id"],
        platform=row["platform"],
        clinic_key=row["clinic_key"],
        channel_id=row["channel_id"],
        routine_id=row["routine_id"],
        days=days_from_db(row["days"]),
        at=at,
        next_at=from_db(row["next_at"]),
        next_slot=row["next_slot"],
        created_at=from_db(row["created_at"]),
    )


class GroupRepo:
    def __init__(self, db: Database) -> None:
        self.db = db

    # group sessions --------------------------------------------------------------------
    async def create(
        self,
        platform: str,
        clinic_key: str | None,
        channel_id: str,
        routine_id: str,
        starts_at: datetime,
        now: datetime,
        *,
        schedule_id: int | None = None,
        occurrence_key: str | None = None,
    ) -> int | None:
        try:
            cur = await self.db.execute(
                """INSERT INTO group_sessions (platform, clinic_key, channel_id, routine_id,
                       starts_at, status, schedule_id, occurrence_key, created_at, updated_at)
                   VALUES (?, ?, ?, ?, ?, 'scheduled', ?, ?, ?, ?)""",
                (
                    platform,
                    clinic_key,
                    channel_id,
                    routine_id,
                    to_db(starts_at),
                    schedule_id,
                    occurrence_key,
                    to_db(now),
                    to_db(now),
                ),
            )
        except sqlite3.IntegrityError:
            if occurrence_key is None:
                raise
            return None  # this occurrence already has its group session
        return cur.lastrowid

    async def get(self, group_id: int) -> GroupSession | None:
        async with self.db.read("SELECT * FROM group_sessions WHERE id = ?", (group_id,)) as cur:
            row = await cur.fetchone()
        return _group(row) if row else None

    async def live(self) -> list[GroupSession]:
        async with self.db.read(
            f"SELECT * FROM group_sessions WHERE status IN {LIVE} ORDER BY starts_at, id"
        ) as cur:
            return [_group(r) for r in await cur.fetchall()]

    async def set_messages(
        self, group_id: int, announcement_id: str | None, message_id: str | None
    ) -> None:
        await self.db.execute(
            """UPDATE group_sessions SET announcement_id = COALESCE(?, announcement_id),
                   message_id = COALESCE(?, message_id) WHERE id = ?""",
            (announcement_id, message_id, group_id),
        )

    async def save(
        self, group_id: int, status: str, step_index: int, deadline: datetime | None, now: datetime
    ) -> None:
        await self.db.execute(
            """UPDATE group_sessions SET status = ?, step_index = ?, step_deadline = ?,
                   updated_at = ? WHERE id = ?""",
            (
                status,
                step_index,
                None if deadline is None else to_db(deadline),
                to_db(now),
                group_id,
            ),
        )

    # members ---------------------------------------------------------------------------
    async def join(self, group_id: int, user_id: int, now: datetime) -> bool:
        async with self.db.transaction() as conn:
            async with conn.execute(
                "SELECT status FROM group_members WHERE group_id = ? AND user_id = ?",
                (group_id, user_id),
            ) as cur:
                row = await cur.fetchone()
            if row is None:
                await conn.execute(
                    """INSERT INTO group_members (group_id, user_id, status, joined_at, updated_at)
                       VALUES (?, ?, 'joined', ?, ?)""",
                    (group_id, user_id, to_db(now), to_db(now)),
                )
                return True
            if row["status"] != "left":
                return False  # in already, or out after It hurts (not back in with a click)
            await conn.execute(
                """UPDATE group_members SET status = 'joined', updated_at = ?
                   WHERE group_id = ? AND user_id = ?""",
                (to_db(now), group_id, user_id),
            )
            return True

    async def leave(self, group_id: int, user_id: int, status: str, now: datetime) -> bool:
        rows = await self.db.execute_returning(
            """UPDATE group_members SET status = ?, updated_at = ?
               WHERE group_id = ? AND user_id = ? AND status = 'joined' RETURNING user_id""",
            (status, to_db(now), group_id, user_id),
        )
        return bool(rows)

    async def count(self, group_id: int) -> int:
        async with self.db.read(
            "SELECT COUNT(*) FROM group_members WHERE group_id = ? AND status = 'joined'",
            (group_id,),
        ) as cur:
            row = await cur.fetchone()
        return int(row[0]) if row else 0

    async def is_member(self, group_id: int, user_id: int) -> bool:
        async with self.db.read(
            """SELECT 1 FROM group_members
               WHERE group_id = ? AND user_id = ? AND status = 'joined'""",
            (group_id, user_id),
        ) as cur:
            return await cur.fetchone() is not None

    async def live_for(self, user_id: int) -> list[int]:
        async with self.db.read(
            f"""SELECT m.group_id FROM group_members m
                JOIN group_sessions g ON g.id = m.group_id
                WHERE m.user_id = ? AND m.status = 'joined' AND g.status IN {LIVE}
                ORDER BY m.group_id""",
            (user_id,),
        ) as cur:
            return [int(r[0]) for r in await cur.fetchall()]

    async def complete(self, group_id: int, now: datetime) -> int:
        async with self.db.transaction() as conn:
            async with conn.execute(
                "SELECT routine_id, starts_at, status FROM group_sessions WHERE id = ?",
                (group_id,),
            ) as cur:
                group = await cur.fetchone()
            if group is None or group["status"] == "completed":
                return 0
            await conn.execute(
                """UPDATE group_sessions SET status = 'completed', step_deadline = NULL,
                       updated_at = ? WHERE id = ?""",
                (to_db(now), group_id),
            )
            cur = await conn.execute(
                """INSERT INTO sessions (user_id, routine_id, status, step_index, origin,
                                         started_at, updated_at, ended_at)
                   SELECT user_id, ?, 'completed', 0, 'group', ?, ?, ?
                   FROM group_members WHERE group_id = ? AND status = 'joined'""",
                (group["routine_id"], group["starts_at"], to_db(now), to_db(now), group_id),
            )
            return max(cur.rowcount, 0)

    # schedules ---------------------------------------------------------------------------
    async def add_schedule(
        self,
        platform: str,
        clinic_key: str,
        channel_id: str,
        routine_id: str,
        days: frozenset[int],
        at: dtime,
        next_at: datetime,
        next_slot: str,
        now: datetime,
    ) -> int:
        cur = await self.db.execute(
            """INSERT INTO group_schedules (platform, clinic_key, channel_id, routine_id, days,
                   at_time, next_at, next_slot, created_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            (
                platform,
                clinic_key,
                channel_id,
                routine_id,
                days_to_db(days),
                time_to_db(at),
                to_db(next_at),
                next_slot,
                to_db(now),
            ),
        )
        assert cur.lastrowid is not None
        return cur.lastrowid

    async def schedules(self, clinic_key: str) -> list[GroupSchedule]:
        async with self.db.read(
            "SELECT * FROM group_schedules WHERE clinic_key = ? ORDER BY id", (clinic_key,)
        ) as cur:
            return [_schedule(r) for r in await cur.fetchall()]

    async def remove_schedule(self, clinic_key: str, schedule_id: int) -> bool:
        rows = await self.db.execute_returning(
            "DELETE FROM group_schedules WHERE clinic_key = ? AND id = ? RETURNING id",
            (clinic_key, schedule_id),
        )
        return bool(rows)

    async def due_schedules(self, before: datetime) -> list[GroupSchedule]:
        async with self.db.read(
            "SELECT * FROM group_schedules WHERE next_at <= ? ORDER BY next_at, id",
            (to_db(before),),
        ) as cur:
            return [_schedule(r) for r in await cur.fetchall()]

    async def set_schedule_next(self, schedule_id: int, next_at: datetime, slot: str) -> None:
        await self.db.execute(
            "UPDATE group_schedules SET next_at = ?, next_slot = ? WHERE id = ?",
            (to_db(next_at), slot, schedule_id),
        )

    async def next_schedule_at(self) -> datetime | None:
        async with self.db.read("SELECT MIN(next_at) FROM group_schedules") as cur:
            row = await cur.fetchone()
        return from_db(row[0]) if row and row[0] else None
