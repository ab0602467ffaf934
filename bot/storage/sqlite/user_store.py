"""Users, clinics, consents and pain scores: the rows about a person and their server."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import aiosqlite

from bot.core.models import ClinicSettings, Dose, PainReport, User, UserRef
from bot.core.questions import Pending, dump_pending, load_pending
from bot.storage.codec import dose_from_db, dose_to_db
from bot.storage.sqlite.connection import Database, from_db, opt_from_db, to_db


def user_from_row(row: aiosqlite.Row) -> User:
    """A `users` row (also from joins selecting `u.*`) as a User."""
    return User(
        id=row["id"],
        platform=row["platform"],
        external_id=row["external_id"],
        display_name=row["display_name"],
        timezone=row["timezone"],
        clinic_key=row["clinic_key"],
        consent_pain=row["consent_pain"],
        screened_at=opt_from_db(row["screened_at"]),
        pending=load_pending(row["pending"]),
        dm_channel_id=row["dm_channel_id"],
        unreachable_at=opt_from_db(row["unreachable_at"]),
        unreachable_told=bool(row["unreachable_told"]),
        created_at=from_db(row["created_at"]),
        dose=dose_from_db(row["dose"]),
        alert_level=row["alert_level"],
        alert_at=opt_from_db(row["alert_at"]),
    )


class UserRepo:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def ensure(self, ref: UserRef, now: datetime, clinic_key: str | None = None) -> User:
        """Find or create the user; remember the server they last used Limber from."""
        await self.db.execute(
            """INSERT INTO users (platform, external_id, display_name, clinic_key,
                                  created_at, last_seen_at)
               VALUES (?, ?, ?, ?, ?, ?)
               ON CONFLICT (platform, external_id) DO UPDATE SET
                 last_seen_at = excluded.last_seen_at,
                 display_name = CASE WHEN excluded.display_name != ''
                                     THEN excluded.display_name ELSE display_name END,
                 clinic_key = COALESCE(excluded.clinic_key, clinic_key)""",
            (ref.platform, ref.external_id, ref.display_name, clinic_key, to_db(now), to_db(now)),
        )
        user = await self.by_ref(ref)
        assert user is not None
        return user

    async def by_ref(self, ref: UserRef) -> User | None:
        async with self.db.read(
            "SELECT * FROM users WHERE platform = ? AND external_id = ?",
            (ref.platform, ref.external_id),
        ) as cur:
            row = await cur.fetchone()
        return user_from_row(row) if row else None

    async def get(self, user_id: int) -> User | None:
        async with self.db.read("SELECT * FROM users WHERE id = ?", (user_id,)) as cur:
            row = await cur.fetchone()
        return user_from_row(row) if row else None

    async def set_dose(self, user_id: int, dose: Dose) -> None:
        await self.db.execute("UPDATE users SET dose = ? WHERE id = ?", (dose_to_db(dose), user_id))

    async def set_timezone(self, user_id: int, zone: str) -> None:
        await self._set(user_id, timezone=zone)

    async def set_pending(self, user_id: int, pending: Pending | None) -> None:
        await self._set(user_id, pending=dump_pending(pending))

    async def mark_screened(self, user_id: int, now: datetime) -> None:
        await self._set(user_id, screened_at=to_db(now))

    async def set_alert(self, user_id: int, level: str | None, now: datetime | None) -> None:
        await self._set(
            user_id,
            alert_level=level,
            alert_at=None if now is None or level is None else to_db(now),
        )

    async def set_dm_channel(self, user_id: int, channel_id: str) -> None:
        await self._set(user_id, dm_channel_id=channel_id)

    async def mark_unreachable(self, user_id: int, now: datetime | None) -> None:
        """DMs closed (now given) or open again (None); the user is told once."""
        await self._set(
            user_id, unreachable_at=None if now is None else to_db(now), unreachable_told=0
        )

    async def mark_unreachable_told(self, user_id: int) -> None:
        await self._set(user_id, unreachable_told=1)

    async def _set(self, user_id: int, **columns: Any) -> None:
        allowed = {
            "timezone",
            "pending",
            "screened_at",
            "dm_channel_id",
            "unreachable_at",
            "unreachable_told",
            "consent_pain",
            "alert_level",
            "alert_at",
        }
        assert set(columns) <= allowed, columns
        assignments = ", ".join(f"{name} = ?" for name in columns)
        await self.db.execute(
            f"UPDATE users SET {assignments} WHERE id = ?", (*columns.values(), user_id)
        )

    # consent -------------------------------------------------------------------------
    async def set_pain_consent(self, user_id: int, granted: bool, now: datetime) -> None:
        """Record the decision; withdrawing deletes the stored pain scores in the same step."""
        async with self.db.transaction() as conn:
            await conn.execute(
                "UPDATE users SET consent_pain = ? WHERE id = ?",
                ("granted" if granted else "declined", user_id),
            )
            await conn.execute(
                "INSERT INTO consents (user_id, kind, granted, at) VALUES (?, 'pain_scores', ?, ?)",
                (user_id, int(granted), to_db(now)),
            )
            if not granted:
                await conn.execute("DELETE FROM pain_reports WHERE user_id = ?", (user_id,))

    async def consent_log(self, user_id: int) -> list[tuple[str, bool, datetime]]:
        async with self.db.read(
            "SELECT kind, granted, at FROM consents WHERE user_id = ? ORDER BY at, id", (user_id,)
        ) as cur:
            rows = await cur.fetchall()
        return [(r["kind"], bool(r["granted"]), from_db(r["at"])) for r in rows]

    # pain scores ---------------------------------------------------------------------
    async def add_pain(
        self, user_id: int, score: int, context: str, now: datetime, session_id: int | None = None
    ) -> bool:
        """Store a score only if the user has agreed; returns whether it was stored."""
        async with self.db.read("SELECT consent_pain FROM users WHERE id = ?", (user_id,)) as cur:
            row = await cur.fetchone()
        if row is None or row["consent_pain"] != "granted":
            return False
        await self.db.execute(
            """INSERT INTO pain_reports (user_id, score, context, session_id, reported_at)
               VALUES (?, ?, ?, ?, ?)""",
            (user_id, score, context, session_id, to_db(now)),
        )
        return True

    async def pain_since(self, user_id: int, since: datetime) -> list[PainReport]:
        async with self.db.read(
            """SELECT score, context, reported_at, session_id FROM pain_reports
               WHERE user_id = ? AND reported_at >= ? ORDER BY reported_at, id""",
            (user_id, to_db(since)),
        ) as cur:
            rows = await cur.fetchall()
        return [
            PainReport(r["score"], r["context"], from_db(r["reported_at"]), r["session_id"])
            for r in rows
        ]


class ClinicRepo:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def get(self, key: str) -> ClinicSettings | None:
        async with self.db.read("SELECT * FROM clinics WHERE key = ?", (key,)) as cur:
            row = await cur.fetchone()
        if row is None:
            return None
        return ClinicSettings(
            key=row["key"],
            name=row["name"],
            booking_url=row["booking_url"],
            emergency_number=row["emergency_number"],
            updated_at=from_db(row["updated_at"]),
            timezone=row["timezone"],
        )

    async def set_timezone(self, key: str, zone: str, now: datetime) -> None:
        """The server's zone, apart from `save` (which leaves it as it is)."""
        await self.db.execute(
            """INSERT INTO clinics (key, timezone, updated_at) VALUES (?, ?, ?)
               ON CONFLICT (key) DO UPDATE SET timezone = excluded.timezone,
                 updated_at = excluded.updated_at""",
            (key, zone, to_db(now)),
        )

    async def save(self, settings: ClinicSettings, now: datetime) -> None:
        await self.db.execute(
            """INSERT INTO clinics (key, name, booking_url, emergency_number, updated_at)
               VALUES (?, ?, ?, ?, ?)
               ON CONFLICT (key) DO UPDATE SET name = excluded.name,
                 booking_url = excluded.booking_url,
                 emergency_number = excluded.emergency_number,
                 updated_at = excluded.updated_at""",
            (
                settings.key,
                settings.name,
                settings.booking_url,
                settings.emergency_number,
                to_db(now),
            ),
        )
