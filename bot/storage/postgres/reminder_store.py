"""Reminders and deliveries: the rows behind `/reminders` and the dispatcher.

As in SQLite, `reminders` is the source of truth for schedules, `next_at` is indexed for
the active ones, and a delivery is inserted with `ON CONFLICT (key) DO NOTHING` before the
reminder is advanced, so a crash between the two replays the same key, which is ignored.
Bulk writes are one statement over arrays (`UPDATE ... FROM unnest(...)`, `INSERT ...
SELECT FROM unnest(...)`): one round trip however many rows, and no placeholder limit.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from datetime import time as dtime

from bot.core.models import Delivery, NewDelivery, Reminder, User
from bot.storage.codec import (
    D_SELECT as _D_SELECT,
)
from bot.storage.codec import (
    R_SELECT as _R_SELECT,
)
from bot.storage.codec import (
    days_from_db,
    days_to_db,
    time_from_db,
    time_to_db,
    times_from_db,
    times_to_db,
)
from bot.storage.postgres.connection import Database, Record, opt_utc, rowcount, utc
from bot.storage.postgres.user_store import user_from_row


def _reminder(row: Record, prefix: str = "") -> Reminder:
    return Reminder(
        id=row[f"{prefix}id"],
        user_id=row[f"{prefix}user_id"],
        days=days_from_db(row[f"{prefix}days"]),
        times=times_from_db(row[f"{prefix}times"]),
        routine_id=row[f"{prefix}routine_id"],
        state=row[f"{prefix}state"],
        paused_until=row[f"{prefix}paused_until"],
        next_at=row[f"{prefix}next_at"],
        next_slot=row[f"{prefix}next_slot"],
        created_at=row[f"{prefix}created_at"],
        every_minutes=row[f"{prefix}every_minutes"],
        window_start=time_from_db(row[f"{prefix}window_start"]),
        window_end=time_from_db(row[f"{prefix}window_end"]),
    )


def _delivery(row: Record, prefix: str = "") -> Delivery:
    return Delivery(
        id=row[f"{prefix}id"],
        key=row[f"{prefix}key"],
        reminder_id=row[f"{prefix}reminder_id"],
        user_id=row[f"{prefix}user_id"],
        routine_id=row[f"{prefix}routine_id"],
        occurs_at=row[f"{prefix}occurs_at"],
        due_at=row[f"{prefix}due_at"],
        status=row[f"{prefix}status"],
        late=bool(row[f"{prefix}late"]),
        attempts=row[f"{prefix}attempts"],
        snoozes=row[f"{prefix}snoozes"],
        action=row[f"{prefix}action"],
        created_at=row[f"{prefix}created_at"],
    )


class _NothingRemoved(Exception):
    """Rolls back a removal that matched no row of this person."""


class ReminderRepo:
    def __init__(self, db: Database) -> None:
        self.db = db

    # schedules -----------------------------------------------------------------------
    async def add(
        self,
        user_id: int,
        days: frozenset[int],
        times: tuple[dtime, ...],
        routine_id: str | None,
        next_at: datetime,
        next_slot: str,
        now: datetime,
        limit: int,
        *,
        every_minutes: int | None = None,
        window: tuple[dtime, dtime] | None = None,
        state: str = "active",
        paused_until: datetime | None = None,
    ) -> int | None:
        """Insert unless the person already has `limit` reminders; None when over it.
        An interval reminder has `every_minutes` and `window` and no `times`; a reminder
        added during a pause gets the pause's `state` and `paused_until`.

        The person's row is locked first, so two quick adds (from two processes, too)
        count one after the other and cannot both pass the limit."""
        async with self.db.transaction() as conn:
            await conn.execute("SELECT 1 FROM users WHERE id = $1 FOR UPDATE", user_id)
            reminder_id = await conn.fetchval(
                """INSERT INTO reminders (user_id, days, times, routine_id, next_at, next_slot,
                                          created_at, every_minutes, window_start, window_end,
                                          state, paused_until)
                   SELECT $1, $2, $3, $4, $5, $6, $7, $9, $10, $11, $12, $13
                   WHERE (SELECT COUNT(*) FROM reminders WHERE user_id = $1) < $8
                   RETURNING id""",
                user_id,
                days_to_db(days),
                times_to_db(times),
                routine_id,
                utc(next_at),
                next_slot,
                utc(now),
                limit,
                every_minutes,
                time_to_db(window[0] if window else None),
                time_to_db(window[1] if window else None),
                state,
                None if paused_until is None else utc(paused_until),
            )
        return None if reminder_id is None else int(reminder_id)

    async def count(self, user_id: int) -> int:
        found = await self.db.fetchval("SELECT COUNT(*) FROM reminders WHERE user_id = $1", user_id)
        return int(found or 0)

    async def for_user(self, user_id: int) -> list[Reminder]:
        rows = await self.db.fetch(
            "SELECT * FROM reminders WHERE user_id = $1 ORDER BY id", user_id
        )
        return [_reminder(r) for r in rows]

    async def remove(self, user_id: int, reminder_id: int) -> bool:
        """Delete one of the person's own reminders and drop its unsent deliveries, in
        one transaction (a crash leaves both or neither)."""
        try:
            async with self.db.transaction() as conn:
                await conn.execute(
                    """UPDATE deliveries SET status = 'skipped', error = 'reminder removed'
                       WHERE reminder_id = $1 AND user_id = $2 AND status = 'pending'""",
                    reminder_id,
                    user_id,
                )
                status = await conn.execute(
                    "DELETE FROM reminders WHERE id = $1 AND user_id = $2", reminder_id, user_id
                )
                if rowcount(status) != 1:
                    raise _NothingRemoved
        except _NothingRemoved:
            return False
        return True

    async def set_next(
        self,
        updates: Sequence[tuple[int, datetime, str]],
        state: str | None = None,
        paused_until: datetime | None = None,
        *,
        forward_only: bool = False,
    ) -> None:
        """Move reminders to their next occurrence (id, next_at, next_slot); optionally
        set the state and pause end for the same rows. One statement for all rows.
        `forward_only` (the dispatcher's advance): a row another process already moved
        further is left alone, so two passes at once never move a schedule back."""
        if not updates:
            return
        ids = [rid for rid, _, _ in updates]
        ats = [utc(at) for _, at, _ in updates]
        slots = [slot for _, _, slot in updates]
        if state is None:
            guard = " AND reminders.next_at < v.next_at" if forward_only else ""
            await self.db.execute(
                """UPDATE reminders SET next_at = v.next_at, next_slot = v.next_slot
                   FROM unnest($1::bigint[], $2::timestamptz[], $3::text[])
                        AS v(id, next_at, next_slot)
                   WHERE reminders.id = v.id"""
                + guard,
                ids,
                ats,
                slots,
            )
        else:
            await self.db.execute(
                """UPDATE reminders SET next_at = v.next_at, next_slot = v.next_slot,
                     state = $4, paused_until = $5
                   FROM unnest($1::bigint[], $2::timestamptz[], $3::text[])
                        AS v(id, next_at, next_slot)
                   WHERE reminders.id = v.id""",
                ids,
                ats,
                slots,
                state,
                opt_utc(paused_until),
            )

    async def set_state(self, user_id: int, state: str) -> int:
        """Pause or disable all of a person's reminders (no end date)."""
        status = await self.db.execute(
            "UPDATE reminders SET state = $1, paused_until = NULL WHERE user_id = $2",
            state,
            user_id,
        )
        return rowcount(status)

    async def due(
        self,
        now: datetime,
        limit: int,
        after: tuple[datetime, int] | None = None,
        platforms: Sequence[str] | None = None,
    ) -> list[tuple[Reminder, User]]:
        """Active reminders whose next occurrence has come, earliest first, with owners;
        `after` = (next_at, id) of the previous page (keyset paging on the due index);
        `platforms`: only reminders of people on these platforms (None: all)."""
        query = f"""SELECT u.*, {_R_SELECT} FROM reminders r JOIN users u ON u.id = r.user_id
                    WHERE r.state = 'active' AND r.next_at <= $1
                      AND ($3::text[] IS NULL OR u.platform = ANY($3::text[]))"""
        wanted = None if platforms is None else list(platforms)
        if after is None:
            rows = await self.db.fetch(
                query + " ORDER BY r.next_at, r.id LIMIT $2", utc(now), limit, wanted
            )
        else:
            rows = await self.db.fetch(
                query + " AND (r.next_at, r.id) > ($4, $5) ORDER BY r.next_at, r.id LIMIT $2",
                utc(now),
                limit,
                wanted,
                utc(after[0]),
                after[1],
            )
        return [(_reminder(r, "r_"), user_from_row(r)) for r in rows]

    async def next_wake(
        self, now: datetime, platforms: Sequence[str] | None = None
    ) -> datetime | None:
        """The earliest time anything is due: an active reminder, a pending delivery
        waiting for its time (a snooze or a retry), or the end of another process's lease
        on a pending delivery (it may have died). LEAST ignores NULLs."""
        found: datetime | None = await self.db.fetchval(
            """SELECT LEAST(
                 (SELECT r.next_at FROM reminders r JOIN users u ON u.id = r.user_id
                  WHERE r.state = 'active'
                    AND ($2::text[] IS NULL OR u.platform = ANY($2::text[]))
                  ORDER BY r.next_at LIMIT 1),
                 (SELECT MIN(GREATEST(d.due_at, COALESCE(d.lease_until, d.due_at)))
                  FROM deliveries d JOIN users u ON u.id = d.user_id
                  WHERE d.status = 'pending'
                    AND GREATEST(d.due_at, COALESCE(d.lease_until, d.due_at)) > $1
                    AND ($2::text[] IS NULL OR u.platform = ANY($2::text[]))))""",
            utc(now),
            None if platforms is None else list(platforms),
        )
        return found

    async def claim(
        self,
        now: datetime,
        owner: str,
        until: datetime,
        limit: int,
        platforms: Sequence[str] | None = None,
    ) -> list[tuple[Delivery, User]]:
        """Lease up to `limit` pending deliveries due by `now` that nobody holds (no lease,
        or an expired one: its process died or stalled) to `owner` until `until`, oldest
        first, with their people. `FOR UPDATE SKIP LOCKED`: processes claiming at the
        same moment get disjoint rows and never wait for each other."""
        rows = await self.db.fetch(
            f"""WITH picked AS (
                  SELECT d.id FROM deliveries d JOIN users u ON u.id = d.user_id
                  WHERE d.status = 'pending' AND d.due_at <= $1
                    AND (d.lease_until IS NULL OR d.lease_until <= $1)
                    AND ($5::text[] IS NULL OR u.platform = ANY($5::text[]))
                  ORDER BY d.due_at, d.id LIMIT $4
                  FOR UPDATE OF d SKIP LOCKED)
                UPDATE deliveries d SET lease_owner = $2, lease_until = $3
                FROM picked, users u
                WHERE d.id = picked.id AND u.id = d.user_id
                RETURNING u.*, {_D_SELECT}""",
            utc(now),
            owner,
            utc(until),
            limit,
            None if platforms is None else list(platforms),
        )
        found = [(_delivery(r, "d_"), user_from_row(r)) for r in rows]
        found.sort(key=lambda pair: (pair[0].due_at, pair[0].id))
        return found

    # deliveries ----------------------------------------------------------------------
    async def record(self, rows: Sequence[NewDelivery], now: datetime) -> dict[str, int]:
        """Insert deliveries whose key is new (one statement); returns {key: id} of those
        actually inserted. A key already present is left as it is.

        Keys already stored are filtered before the insert, so they draw no id from the
        sequence; ON CONFLICT still settles a race with another process."""
        if not rows:
            return {}
        stamp = utc(now)
        inserted = await self.db.fetch(
            """INSERT INTO deliveries (key, reminder_id, user_id, routine_id, occurs_at,
                                       due_at, status, late, snoozes, created_at, updated_at,
                                       error)
               SELECT v.key, v.reminder_id, v.user_id, v.routine_id, v.occurs_at,
                      v.occurs_at, v.status, v.late, v.snoozes, $9, $9, v.error
               FROM unnest($1::text[], $2::bigint[], $3::bigint[], $4::text[],
                           $5::timestamptz[], $6::text[], $7::boolean[], $8::integer[],
                           $10::text[])
                    WITH ORDINALITY
                    AS v(key, reminder_id, user_id, routine_id, occurs_at, status, late,
                         snoozes, error, n)
               WHERE NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.key = v.key)
               ORDER BY v.n
               ON CONFLICT (key) DO NOTHING
               RETURNING id, key""",
            [d.key for d in rows],
            [d.reminder_id for d in rows],
            [d.user_id for d in rows],
            [d.routine_id for d in rows],
            [utc(d.occurs_at) for d in rows],
            [d.status for d in rows],
            [bool(d.late) for d in rows],
            [d.snoozes for d in rows],
            stamp,
            [d.error for d in rows],
        )
        return {r["key"]: r["id"] for r in inserted}

    async def pending_for(self, user_id: int) -> list[Delivery]:
        """The person's deliveries still waiting to be sent (a snooze, a retry), by time."""
        rows = await self.db.fetch(
            f"""SELECT {_D_SELECT} FROM deliveries d
                WHERE d.user_id = $1 AND d.status = 'pending' ORDER BY d.due_at, d.id""",
            user_id,
        )
        return [_delivery(r, "d_") for r in rows]

    async def pending(
        self, now: datetime, after_id: int, limit: int, leftover_id: int
    ) -> list[tuple[Delivery, User]]:
        """Pending deliveries due by `now`, in id order from `after_id` (keyset paging):
        rows up to `leftover_id` (from before this process), retries and snoozes."""
        rows = await self.db.fetch(
            f"""SELECT u.*, {_D_SELECT} FROM deliveries d JOIN users u ON u.id = d.user_id
                WHERE d.status = 'pending' AND d.due_at <= $1 AND d.id > $2
                  AND (d.id <= $3 OR d.attempts > 0 OR d.snoozes > 0)
                ORDER BY d.id LIMIT $4""",
            utc(now),
            after_id,
            leftover_id,
            limit,
        )
        return [(_delivery(r, "d_"), user_from_row(r)) for r in rows]

    async def max_delivery_id(self) -> int:
        return int(await self.db.fetchval("SELECT COALESCE(MAX(id), 0) FROM deliveries"))

    async def delivery(self, delivery_id: int) -> Delivery | None:
        row = await self.db.fetchrow(
            f"SELECT {_D_SELECT} FROM deliveries d WHERE d.id = $1", delivery_id
        )
        return _delivery(row, "d_") if row else None

    async def by_key(self, key: str) -> Delivery | None:
        row = await self.db.fetchrow(f"SELECT {_D_SELECT} FROM deliveries d WHERE d.key = $1", key)
        return _delivery(row, "d_") if row else None

    async def finish(
        self, updates: Sequence[tuple[int, str, str | None, str | None, int]], now: datetime
    ) -> None:
        """Final outcomes of send attempts: (id, status, message_id, error, attempts),
        one statement for all rows."""
        if not updates:
            return
        await self.db.execute(
            """UPDATE deliveries SET status = v.status, message_id = v.message_id,
                 error = v.error, attempts = v.attempts, updated_at = $6,
                 lease_owner = NULL, lease_until = NULL
               FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::integer[])
                    AS v(id, status, message_id, error, attempts)
               WHERE deliveries.id = v.id AND deliveries.status = 'pending'""",
            [u[0] for u in updates],
            [u[1] for u in updates],
            [u[2] for u in updates],
            [u[3] for u in updates],
            [u[4] for u in updates],
            utc(now),
        )

    async def retry_later(
        self, delivery_id: int, due_at: datetime, attempts: int, error: str, now: datetime
    ) -> None:
        await self.db.execute(
            """UPDATE deliveries SET due_at = $1, attempts = $2, error = $3, updated_at = $4,
                 lease_owner = NULL, lease_until = NULL
               WHERE id = $5 AND status = 'pending'""",
            utc(due_at),
            attempts,
            error,
            utc(now),
            delivery_id,
        )

    async def act(
        self, delivery_id: int, expected: Sequence[str], status: str, action: str, now: datetime
    ) -> bool:
        """Record a button press if the delivery is still in one of `expected` states and
        nobody acted on it yet; False when it was already handled (a double press)."""
        result = await self.db.execute(
            """UPDATE deliveries SET status = $1, action = $2, updated_at = $3
               WHERE id = $4 AND action IS NULL AND status = ANY($5::text[])""",
            status,
            action,
            utc(now),
            delivery_id,
            list(expected),
        )
        return rowcount(result) == 1

    async def mark_started(self, delivery_id: int, now: datetime) -> None:
        await self.db.execute(
            """UPDATE deliveries SET action = 'started', updated_at = $1
               WHERE id = $2 AND action IS NULL""",
            utc(now),
            delivery_id,
        )

    async def drop_pending(self, user_id: int, status: str, now: datetime) -> None:
        """Give up a person's unsent deliveries (DMs closed): recorded, never sent."""
        await self.db.execute(
            """UPDATE deliveries SET status = $1, updated_at = $2
               WHERE user_id = $3 AND status = 'pending'""",
            status,
            utc(now),
            user_id,
        )

    async def snooze(
        self, delivery_id: int, expected: Sequence[str], snoozed: NewDelivery, now: datetime
    ) -> int | None:
        """Mark the delivery snoozed and record the snooze occurrence in one transaction;
        the new delivery's id, or None when the delivery was already acted on."""
        async with self.db.transaction():
            if not await self.act(delivery_id, expected, "snoozed", "snoozed", now):
                return None
            inserted = await self.record([snoozed], now)
        return inserted.get(snoozed.key)

    async def pause_all(
        self,
        user_id: int,
        updates: Sequence[tuple[int, datetime, str]],
        until: datetime | None,
        now: datetime,
    ) -> None:
        """Pause all of the person's reminders in one transaction: unsent deliveries are
        skipped; with `until` the reminders stay active with `next_at` moved past it
        (`updates`), without it they are paused until resumed."""
        async with self.db.transaction():
            await self.drop_pending(user_id, "skipped", now)
            if until is None:
                await self.set_state(user_id, "paused")
            else:
                await self.set_next(updates, state="active", paused_until=until)

    async def disable_user(self, user_id: int, now: datetime) -> None:
        """The person cannot be messaged: mark them unreachable, disable their reminders and
        give up their unsent deliveries, in one transaction."""
        async with self.db.transaction() as conn:
            await conn.execute(
                "UPDATE users SET unreachable_at = $1, unreachable_told = false WHERE id = $2",
                utc(now),
                user_id,
            )
            await self.set_state(user_id, "disabled")
            await self.drop_pending(user_id, "unreachable", now)
