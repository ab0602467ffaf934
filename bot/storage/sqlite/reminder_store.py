"""Reminders and deliveries: the rows behind `/reminders` and the dispatcher.

The reminders table is the source of truth for schedules (the running scheduler holds
no per-user jobs); `next_at` is indexed for the active ones so finding the next wake-up
and the due batch are index range scans, whatever the number of schedules.

Writes the dispatcher depends on are idempotent single statements rather than
multi-statement transactions: a delivery is inserted with `INSERT OR IGNORE` on its
UNIQUE key before the reminder is advanced, so a crash between the two replays the same
key, which is ignored, and never produces a second one.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from datetime import time as dtime
from typing import TypeVar

import aiosqlite

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
from bot.storage.sqlite.connection import Database, from_db, opt_from_db, to_db
from bot.storage.sqlite.user_store import user_from_row


def _reminder(row: aiosqlite.Row, prefix: str = "") -> Reminder:
    return Reminder(
        id=row[f"{prefix}id"],
        user_id=row[f"{prefix}user_id"],
        days=days_from_db(row[f"{prefix}days"]),
        times=times_from_db(row[f"{prefix}times"]),
        routine_id=row[f"{prefix}routine_id"],
        state=row[f"{prefix}state"],
        paused_until=opt_from_db(row[f"{prefix}paused_until"]),
        next_at=from_db(row[f"{prefix}next_at"]),
        next_slot=row[f"{prefix}next_slot"],
        created_at=from_db(row[f"{prefix}created_at"]),
        every_minutes=row[f"{prefix}every_minutes"],
        window_start=time_from_db(row[f"{prefix}window_start"]),
        window_end=time_from_db(row[f"{prefix}window_end"]),
    )


def _delivery(row: aiosqlite.Row, prefix: str = "") -> Delivery:
    return Delivery(
        id=row[f"{prefix}id"],
        key=row[f"{prefix}key"],
        reminder_id=row[f"{prefix}reminder_id"],
        user_id=row[f"{prefix}user_id"],
        routine_id=row[f"{prefix}routine_id"],
        occurs_at=from_db(row[f"{prefix}occurs_at"]),
        due_at=from_db(row[f"{prefix}due_at"]),
        status=row[f"{prefix}status"],
        late=bool(row[f"{prefix}late"]),
        attempts=row[f"{prefix}attempts"],
        snoozes=row[f"{prefix}snoozes"],
        action=row[f"{prefix}action"],
        created_at=from_db(row[f"{prefix}created_at"]),
    )


CHUNK = 500  # rows per multi-row statement: short GIL-holding binds, few commits
T = TypeVar("T")


def _chunks(rows: Sequence[T], size: int) -> list[Sequence[T]]:
    return [rows[i : i + size] for i in range(0, len(rows), size)]


def _platform_filter(platforms: Sequence[str] | None) -> tuple[str, list[object]]:
    """`AND u.platform IN (...)` and its parameters, or nothing for every platform."""
    if platforms is None:
        return "", []
    marks = ", ".join("?" for _ in platforms) or "NULL"
    # `+` keeps the planner off the users(platform, ...) index: walking the due index and
    # checking each row's person is what stays fast with a million schedules.
    return f"AND +u.platform IN ({marks})", list(platforms)


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
        """Insert unless the person already has `limit` reminders (checked in the same
        statement, so two quick adds cannot both pass); None when over the limit.
        An interval reminder has `every_minutes` and `window` and no `times`; a reminder
        added during a pause gets the pause's `state` and `paused_until`."""
        start, end = window if window is not None else (None, None)
        cur = await self.db.execute(
            """INSERT INTO reminders (user_id, days, times, routine_id, next_at, next_slot,
                                      created_at, every_minutes, window_start, window_end,
                                      state, paused_until)
               SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?
               WHERE (SELECT COUNT(*) FROM reminders WHERE user_id = ?) < ?""",
            (
                user_id,
                days_to_db(days),
                times_to_db(times),
                routine_id,
                to_db(next_at),
                next_slot,
                to_db(now),
                every_minutes,
                time_to_db(start),
                time_to_db(end),
                state,
                None if paused_until is None else to_db(paused_until),
                user_id,
                limit,
            ),
        )
        return cur.lastrowid if cur.rowcount == 1 else None

    async def count(self, user_id: int) -> int:
        async with self.db.read(
            "SELECT COUNT(*) FROM reminders WHERE user_id = ?", (user_id,)
        ) as cur:
            row = await cur.fetchone()
        return int(row[0]) if row else 0

    async def for_user(self, user_id: int) -> list[Reminder]:
        async with self.db.read(
            "SELECT * FROM reminders WHERE user_id = ? ORDER BY id", (user_id,)
        ) as cur:
            rows = await cur.fetchall()
        return [_reminder(r) for r in rows]

    async def remove(self, user_id: int, reminder_id: int) -> bool:
        """Delete one of the person's own reminders and drop its unsent deliveries, in
        one transaction (a crash leaves both or neither)."""
        try:
            async with self.db.transaction() as conn:
                await conn.execute(
                    """UPDATE deliveries SET status = 'skipped', error = 'reminder removed'
                       WHERE reminder_id = ? AND user_id = ? AND status = 'pending'""",
                    (reminder_id, user_id),
                )
                cur = await conn.execute(
                    "DELETE FROM reminders WHERE id = ? AND user_id = ?", (reminder_id, user_id)
                )
                if cur.rowcount != 1:
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
        set the state and pause end for the same rows. `forward_only` (the dispatcher's
        advance) never moves a schedule back (a row already moved further stays).

        One `UPDATE ... FROM (VALUES ...)` per chunk instead of `executemany`: on an
        autocommit connection every executemany row is its own commit, which made a
        burst of 10,000 spend most of its time appending to the WAL."""
        until = None if paused_until is None else to_db(paused_until)
        for chunk in _chunks(updates, CHUNK):
            values = ", ".join(["(?, ?, ?)"] * len(chunk))
            params: list[object] = []
            for rid, at, slot in chunk:
                params += [rid, to_db(at), slot]
            extra = "" if state is None else ", state = ?, paused_until = ?"
            tail: list[object] = [] if state is None else [state, until]
            guard = " AND reminders.next_at < v.column2" if forward_only else ""
            await self.db.execute(
                f"""UPDATE reminders SET next_at = v.column2, next_slot = v.column3{extra}
                    FROM (VALUES {values}) AS v WHERE reminders.id = v.column1{guard}""",
                [*tail, *params],  # the SET placeholders come before the VALUES ones
            )

    async def set_state(self, user_id: int, state: str) -> int:
        """Pause or disable all of a person's reminders (no end date)."""
        cur = await self.db.execute(
            "UPDATE reminders SET state = ?, paused_until = NULL WHERE user_id = ?",
            (state, user_id),
        )
        return cur.rowcount

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
        start = ("", 0) if after is None else (to_db(after[0]), after[1])
        where, extra = _platform_filter(platforms)
        async with self.db.read(
            f"""SELECT u.*, {_R_SELECT} FROM reminders r JOIN users u ON u.id = r.user_id
                WHERE r.state = 'active' AND r.next_at <= ? AND (r.next_at, r.id) > (?, ?)
                  {where}
                ORDER BY r.next_at, r.id LIMIT ?""",
            (to_db(now), *start, *extra, limit),
        ) as cur:
            rows = await cur.fetchall()
        return [(_reminder(r, "r_"), user_from_row(r)) for r in rows]

    async def next_wake(
        self, now: datetime, platforms: Sequence[str] | None = None
    ) -> datetime | None:
        """The earliest time anything is due: an active reminder, a pending delivery
        waiting for its time (a snooze or a retry) or for a lease to end."""
        where, extra = _platform_filter(platforms)
        async with self.db.read(
            f"""SELECT MIN(t) FROM (
                 SELECT * FROM (
                   SELECT r.next_at AS t FROM reminders r JOIN users u ON u.id = r.user_id
                   WHERE r.state = 'active' {where} ORDER BY r.next_at LIMIT 1)
                 UNION ALL
                 SELECT MIN(MAX(d.due_at, COALESCE(d.lease_until, d.due_at)))
                 FROM deliveries d JOIN users u ON u.id = d.user_id
                 WHERE d.status = 'pending'
                   AND MAX(d.due_at, COALESCE(d.lease_until, d.due_at)) > ? {where}
               )""",
            (*extra, to_db(now), *extra),
        ) as cur:
            row = await cur.fetchone()
        return opt_from_db(row[0]) if row else None

    async def claim(
        self,
        now: datetime,
        owner: str,
        until: datetime,
        limit: int,
        platforms: Sequence[str] | None = None,
    ) -> list[tuple[Delivery, User]]:
        """Lease up to `limit` pending deliveries due by `now` that nobody holds (no lease
        or an expired one) to `owner` until `until`, oldest first, with their people.
        One statement: SQLite has one writer, so two claims never overlap."""
        where, extra = _platform_filter(platforms)
        stamp = to_db(now)
        claimed = await self.db.execute_returning(
            f"""UPDATE deliveries SET lease_owner = ?, lease_until = ?
                WHERE id IN (
                  SELECT d.id FROM deliveries d JOIN users u ON u.id = d.user_id
                  WHERE d.status = 'pending' AND d.due_at <= ?
                    AND (d.lease_until IS NULL OR d.lease_until <= ?) {where}
                  ORDER BY d.due_at, d.id LIMIT ?)
                RETURNING id""",
            (owner, to_db(until), stamp, stamp, *extra, limit),
        )
        if not claimed:
            return []
        ids = [int(r[0]) for r in claimed]
        marks = ", ".join("?" for _ in ids)
        async with self.db.read(
            f"""SELECT u.*, {_D_SELECT} FROM deliveries d JOIN users u ON u.id = d.user_id
                WHERE d.id IN ({marks}) ORDER BY d.due_at, d.id""",
            ids,
        ) as cur:
            rows = await cur.fetchall()
        return [(_delivery(r, "d_"), user_from_row(r)) for r in rows]

    # deliveries ----------------------------------------------------------------------
    async def record(self, rows: Sequence[NewDelivery], now: datetime) -> dict[str, int]:
        """Insert deliveries whose key is new (one statement); returns {key: id} of those
        actually inserted. A key already present is left as it is."""
        if not rows:
            return {}
        stamp = to_db(now)
        values = ", ".join(["(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"] * len(rows))
        params: list[object] = []
        for d in rows:
            at = to_db(d.occurs_at)
            params += [d.key, d.reminder_id, d.user_id, d.routine_id, at, at, d.status]
            params += [int(d.late), d.snoozes, stamp, stamp, d.error]
        inserted = await self.db.execute_returning(
            f"""INSERT OR IGNORE INTO deliveries (key, reminder_id, user_id, routine_id,
                   occurs_at, due_at, status, late, snoozes, created_at, updated_at, error)
                VALUES {values} RETURNING id, key""",
            params,
        )
        return {r["key"]: r["id"] for r in inserted}

    async def pending(
        self, now: datetime, after_id: int, limit: int, leftover_id: int
    ) -> list[tuple[Delivery, User]]:
        """Pending deliveries due by `now`, in id order from `after_id` (keyset paging):
        rows up to `leftover_id` (from before this process), retries and snoozes. Fresh
        first attempts are handed to the senders when recorded, so are not re-read."""
        async with self.db.read(
            f"""SELECT u.*, {_D_SELECT} FROM deliveries d JOIN users u ON u.id = d.user_id
                WHERE d.status = 'pending' AND d.due_at <= ? AND d.id > ?
                  AND (d.id <= ? OR d.attempts > 0 OR d.snoozes > 0)
                ORDER BY d.id LIMIT ?""",
            (to_db(now), after_id, leftover_id, limit),
        ) as cur:
            rows = await cur.fetchall()
        return [(_delivery(r, "d_"), user_from_row(r)) for r in rows]

    async def pending_for(self, user_id: int) -> list[Delivery]:
        """The person's deliveries still waiting to be sent (a snooze, a retry), by time."""
        async with self.db.read(
            f"""SELECT {_D_SELECT} FROM deliveries d
                WHERE d.user_id = ? AND d.status = 'pending' ORDER BY d.due_at, d.id""",
            (user_id,),
        ) as cur:
            rows = await cur.fetchall()
        return [_delivery(r, "d_") for r in rows]

    async def max_delivery_id(self) -> int:
        async with self.db.read("SELECT COALESCE(MAX(id), 0) FROM deliveries") as cur:
            row = await cur.fetchone()
        return int(row[0]) if row else 0

    async def delivery(self, delivery_id: int) -> Delivery | None:
        async with self.db.read(
            f"SELECT {_D_SELECT} FROM deliveries d WHERE d.id = ?", (delivery_id,)
        ) as cur:
            row = await cur.fetchone()
        return _delivery(row, "d_") if row else None

    async def by_key(self, key: str) -> Delivery | None:
        async with self.db.read(
            f"SELECT {_D_SELECT} FROM deliveries d WHERE d.key = ?", (key,)
        ) as cur:
            row = await cur.fetchone()
        return _delivery(row, "d_") if row else None

    async def finish(
        self, updates: Sequence[tuple[int, str, str | None, str | None, int]], now: datetime
    ) -> None:
        """Final outcomes of send attempts: (id, status, message_id, error, attempts),
        one statement per chunk (see `set_next` for why not executemany)."""
        stamp = to_db(now)
        for chunk in _chunks(updates, CHUNK):
            values = ", ".join(["(?, ?, ?, ?, ?)"] * len(chunk))
            params: list[object] = [stamp]
            for row in chunk:
                params += list(row)
            await self.db.execute(
                f"""UPDATE deliveries SET status = v.column2, message_id = v.column3,
                      error = v.column4, attempts = v.column5, updated_at = ?,
                      lease_owner = NULL, lease_until = NULL
                    FROM (VALUES {values}) AS v
                    WHERE deliveries.id = v.column1 AND deliveries.status = 'pending'""",
                params,
            )

    async def retry_later(
        self, delivery_id: int, due_at: datetime, attempts: int, error: str, now: datetime
    ) -> None:
        await self.db.execute(
            """UPDATE deliveries SET due_at = ?, attempts = ?, error = ?, updated_at = ?,
                 lease_owner = NULL, lease_until = NULL
               WHERE id = ? AND status = 'pending'""",
            (to_db(due_at), attempts, error, to_db(now), delivery_id),
        )

    async def act(
        self, delivery_id: int, expected: Sequence[str], status: str, action: str, now: datetime
    ) -> bool:
        """Record a button press if the delivery is still in one of `expected` states and
        nobody acted on it yet; False when it was already handled (a double press)."""
        marks = ", ".join("?" for _ in expected)
        cur = await self.db.execute(
            f"""UPDATE deliveries SET status = ?, action = ?, updated_at = ?
                WHERE id = ? AND action IS NULL AND status IN ({marks})""",
            (status, action, to_db(now), delivery_id, *expected),
        )
        return cur.rowcount == 1

    async def mark_started(self, delivery_id: int, now: datetime) -> None:
        await self.db.execute(
            """UPDATE deliveries SET action = 'started', updated_at = ?
               WHERE id = ? AND action IS NULL""",
            (to_db(now), delivery_id),
        )

    async def drop_pending(self, user_id: int, status: str, now: datetime) -> None:
        """Give up a person's unsent deliveries (DMs closed): recorded, never sent."""
        await self.db.execute(
            """UPDATE deliveries SET status = ?, updated_at = ?
               WHERE user_id = ? AND status = 'pending'""",
            (status, to_db(now), user_id),
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
                "UPDATE users SET unreachable_at = ?, unreachable_told = 0 WHERE id = ?",
                (to_db(now), user_id),
            )
            await self.set_state(user_id, "disabled")
            await self.drop_pending(user_id, "unreachable", now)
