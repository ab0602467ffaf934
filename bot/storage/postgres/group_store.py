"""Group stretch-along rows on PostgreSQL: the twin of bot/storage/sqlite/group_store.py.

The UNIQUE `group_sessions.occurrence_key` makes a recurring group session happen once
per occurrence (`ON CONFLICT DO NOTHING`); `complete` counts the session for every
member in one transaction.
"""

from __future__ import annotations

from datetime import datetime
from datetime import time as dtime

from bot.core.models import GroupSchedule, GroupSession
from bot.storage.codec import days_from_db, days_to_db, time_from_db, time_to_db
from bot.storage.postgres.connection import Database, Record, rowcount, utc

_LIVE = "('scheduled', 'running')"


def _group(row: Record) -> GroupSession:
    return GroupSession(
        id=row["id"],
        platform=row["platform"],
        clinic_key=row["clinic_key"],
        channel_id=row["channel_id"],
        routine_id=row["routine_id"],
        starts_at=row["starts_at"],
        status=row["status"],
        step_index=row["step_index"],
        step_deadline=row["step_deadline"],
        announcement_id=row["announcement_id"],
        message_id=row["message_id"],
        schedule_id=row["schedule_id"],
        occurrence_key=row["occurrence_key"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
    )


def _schedule(row: Record) -> GroupSchedule:
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
        next_at=row["next_at"],
        next_slot=row["next_slot"],
        created_at=row["created_at"],
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
        """A new group session; None when this occurrence already has one."""
        found = await self.db.fetchval(
            """INSERT INTO group_sessions (platform, clinic_key, channel_id, routine_id,
                   starts_at, status, schedule_id, occurrence_key, created_at, updated_at)
               VALUES ($1, $2, $3, $4, $5, 'scheduled', $6, $7, $8, $8)
               ON CONFLICT (occurrence_key) DO NOTHING RETURNING id""",
            platform,
            clinic_key,
            channel_id,
            routine_id,
            utc(starts_at),
            schedule_id,
            occurrence_key,
            utc(now),
        )
        return None if found is None else int(found)

    async def get(self, group_id: int) -> GroupSession | None:
        row = await self.db.fetchrow("SELECT * FROM group_sessions WHERE id = $1", group_id)
        return _group(row) if row else None

    async def live(self) -> list[GroupSession]:
        rows = await self.db.fetch(
            f"SELECT * FROM group_sessions WHERE status IN {_LIVE} ORDER BY starts_at, id"
        )
        return [_group(r) for r in rows]

    async def set_messages(
        self, group_id: int, announcement_id: str | None, message_id: str | None
    ) -> None:
        await self.db.execute(
            """UPDATE group_sessions SET announcement_id = COALESCE($1, announcement_id),
                   message_id = COALESCE($2, message_id) WHERE id = $3""",
            announcement_id,
            message_id,
            group_id,
        )

    async def save(
        self, group_id: int, status: str, step_index: int, deadline: datetime | None, now: datetime
    ) -> None:
        await self.db.execute(
            """UPDATE group_sessions SET status = $1, step_index = $2, step_deadline = $3,
                   updated_at = $4 WHERE id = $5""",
            status,
            step_index,
            None if deadline is None else utc(deadline),
            utc(now),
            group_id,
        )

    # members ---------------------------------------------------------------------------
    async def join(self, group_id: int, user_id: int, now: datetime) -> bool:
        async with self.db.transaction() as conn:
            status = await conn.fetchval(
                """SELECT status FROM group_members WHERE group_id = $1 AND user_id = $2
                   FOR UPDATE""",
                group_id,
                user_id,
            )
            if status is None:
                inserted = await conn.fetchval(
                    """INSERT INTO group_members (group_id, user_id, status, joined_at,
                                                  updated_at)
                       VALUES ($1, $2, 'joined', $3, $3)
                       ON CONFLICT (group_id, user_id) DO NOTHING RETURNING id""",
                    group_id,
                    user_id,
                    utc(now),
                )
                return inserted is not None
            if status != "left":
                return False  # in already, or out after It hurts (not back in with a click)
            await conn.execute(
                """UPDATE group_members SET status = 'joined', updated_at = $1
                   WHERE group_id = $2 AND user_id = $3""",
                utc(now),
                group_id,
                user_id,
            )
            return True

    async def leave(self, group_id: int, user_id: int, status: str, now: datetime) -> bool:
        done = await self.db.execute(
            """UPDATE group_members SET status = $1, updated_at = $2
               WHERE group_id = $3 AND user_id = $4 AND status = 'joined'""",
            status,
            utc(now),
            group_id,
            user_id,
        )
        return rowcount(done) > 0

    async def count(self, group_id: int) -> int:
        found = await self.db.fetchval(
            "SELECT COUNT(*) FROM group_members WHERE group_id = $1 AND status = 'joined'",
            group_id,
        )
        return int(found or 0)

    async def is_member(self, group_id: int, user_id: int) -> bool:
        found = await self.db.fetchval(
            """SELECT 1 FROM group_members
               WHERE group_id = $1 AND user_id = $2 AND status = 'joined'""",
            group_id,
            user_id,
        )
        return found is not None

    async def live_for(self, user_id: int) -> list[int]:
        rows = await self.db.fetch(
            f"""SELECT m.group_id FROM group_members m
                JOIN group_sessions g ON g.id = m.group_id
                WHERE m.user_id = $1 AND m.status = 'joined' AND g.status IN {_LIVE}
                ORDER BY m.group_id""",
            user_id,
        )
        return [int(r["group_id"]) for r in rows]

    async def complete(self, group_id: int, now: datetime) -> int:
        async with self.db.transaction() as conn:
            group = await conn.fetchrow(
                """SELECT routine_id, starts_at, status FROM group_sessions WHERE id = $1
                   FOR UPDATE""",
                group_id,
            )
            if group is None or group["status"] == "completed":
                return 0
            await conn.execute(
                """UPDATE group_sessions SET status = 'completed', step_deadline = NULL,
                       updated_at = $1 WHERE id = $2""",
                utc(now),
                group_id,
            )
            done = await conn.execute(
                """INSERT INTO sessions (user_id, routine_id, status, step_index, origin,
                                         started_at, updated_at, ended_at)
                   SELECT user_id, $1, 'completed', 0, 'group', $2, $3, $3
                   FROM group_members WHERE group_id = $4 AND status = 'joined'""",
                group["routine_id"],
                group["starts_at"],
                utc(now),
                group_id,
            )
            return rowcount(str(done))

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
        found = await self.db.fetchval(
            """INSERT INTO group_schedules (platform, clinic_key, channel_id, routine_id, days,
                   at_time, next_at, next_slot, created_at)
               VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id""",
            platform,
            clinic_key,
            channel_id,
            routine_id,
            days_to_db(days),
            time_to_db(at),
            utc(next_at),
            next_slot,
            utc(now),
        )
        return int(found)

    async def schedules(self, clinic_key: str) -> list[GroupSchedule]:
        rows = await self.db.fetch(
            "SELECT * FROM group_schedules WHERE clinic_key = $1 ORDER BY id", clinic_key
        )
        return [_schedule(r) for r in rows]

    async def remove_schedule(self, clinic_key: str, schedule_id: int) -> bool:
        done = await self.db.execute(
            "DELETE FROM group_schedules WHERE clinic_key = $1 AND id = $2",
            clinic_key,
            schedule_id,
        )
        return rowcount(done) > 0

    async def due_schedules(self, before: datetime) -> list[GroupSchedule]:
        rows = await self.db.fetch(
            "SELECT * FROM group_schedules WHERE next_at <= $1 ORDER BY next_at, id", utc(before)
        )
        return [_schedule(r) for r in rows]

    async def set_schedule_next(self, schedule_id: int, next_at: datetime, slot: str) -> None:
        await self.db.execute(
            "UPDATE group_schedules SET next_at = $1, next_slot = $2 WHERE id = $3",
            utc(next_at),
            slot,
            schedule_id,
        )

    async def next_schedule_at(self) -> datetime | None:
        found = await self.db.fetchval("SELECT MIN(next_at) FROM group_schedules")
        return found if isinstance(found, datetime) else None
