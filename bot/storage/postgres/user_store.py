"""Users, clinics, consents and pain scores: the rows about a person and their server."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from bot.core.models import ClinicSettings, Dose, PainReport, User, UserRef
from bot.core.questions import Pending, dump_pending, load_pending
from bot.storage.codec import dose_from_db, dose_to_db
from bot.storage.postgres.connection import Database, Record, utc

_UPSERT_SET = """last_seen_at = $3,
                 display_name = CASE WHEN $4 <> '' THEN $4 ELSE users.display_name END,
                 clinic_key = COALESCE($5, users.clinic_key)"""


def user_from_row(row: Record) -> User:
    """A `users` row (also from joins selecting `u.*`) as a User."""
    return User(
        id=row["id"],
        platform=row["platform"],
        external_id=row["external_id"],
        display_name=row["display_name"],
        timezone=row["timezone"],
        clinic_key=row["clinic_key"],
        consent_pain=row["consent_pain"],
        screened_at=row["screened_at"],
        pending=load_pending(row["pending"]),
        dm_channel_id=row["dm_channel_id"],
        unreachable_at=row["unreachable_at"],
        unreachable_told=bool(row["unreachable_told"]),
        created_at=row["created_at"],
        dose=dose_from_db(row["dose"]),
        alert_level=row["alert_level"],
        alert_at=row["alert_at"],
    )


class UserRepo:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def ensure(self, ref: UserRef, now: datetime, clinic_key: str | None = None) -> User:
        """Find or create the user; remember the server they last used Limber from.

        An UPDATE first, so a known person does not draw a value from the id sequence
        (an upsert would, every time); the upsert only for first contact or a race."""
        args = (ref.platform, ref.external_id, utc(now), ref.display_name, clinic_key)
        row = await self.db.fetchrow(
            f"""UPDATE users SET {_UPSERT_SET}
                WHERE platform = $1 AND external_id = $2 RETURNING *""",
            *args,
        )
        if row is None:
            row = await self.db.fetchrow(
                f"""INSERT INTO users (platform, external_id, last_seen_at, display_name,
                                       clinic_key, created_at)
                    VALUES ($1, $2, $3, $4, $5, $3)
                    ON CONFLICT (platform, external_id) DO UPDATE SET {_UPSERT_SET}
                    RETURNING *""",
                *args,
            )
        assert row is not None
        return user_from_row(row)

    async def by_ref(self, ref: UserRef) -> User | None:
        row = await self.db.fetchrow(
            "SELECT * FROM users WHERE platform = $1 AND external_id = $2",
            ref.platform,
            ref.external_id,
        )
        return user_from_row(row) if row else None

    async def get(self, user_id: int) -> User | None:
        row = await self.db.fetchrow("SELECT * FROM users WHERE id = $1", user_id)
        return user_from_row(row) if row else None

    async def set_timezone(self, user_id: int, zone: str) -> None:
        await self._set(user_id, timezone=zone)

    async def set_pending(self, user_id: int, pending: Pending | None) -> None:
        await self._set(user_id, pending=dump_pending(pending))

    async def mark_screened(self, user_id: int, now: datetime) -> None:
        await self._set(user_id, screened_at=utc(now))

    async def set_dose(self, user_id: int, dose: Dose) -> None:
        await self.db.execute("UPDATE users SET dose = $1 WHERE id = $2", dose_to_db(dose), user_id)

    async def set_alert(self, user_id: int, level: str | None, now: datetime | None) -> None:
        await self._set(
            user_id, alert_level=level, alert_at=None if now is None or level is None else utc(now)
        )

    async def set_dm_channel(self, user_id: int, channel_id: str) -> None:
        await self._set(user_id, dm_channel_id=channel_id)

    async def mark_unreachable(self, user_id: int, now: datetime | None) -> None:
        """DMs closed (now given) or open again (None); the user is told once."""
        await self._set(
            user_id, unreachable_at=None if now is None else utc(now), unreachable_told=False
        )

    async def mark_unreachable_told(self, user_id: int) -> None:
        await self._set(user_id, unreachable_told=True)

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
        assignments = ", ".join(f"{name} = ${n}" for n, name in enumerate(columns, start=1))
        await self.db.execute(
            f"UPDATE users SET {assignments} WHERE id = ${len(columns) + 1}",
            *columns.values(),
            user_id,
        )

    # consent -------------------------------------------------------------------------
    async def set_pain_consent(self, user_id: int, granted: bool, now: datetime) -> None:
        """Record the decision; withdrawing deletes the stored pain scores in the same step."""
        async with self.db.transaction() as conn:
            await conn.execute(
                "UPDATE users SET consent_pain = $1 WHERE id = $2",
                "granted" if granted else "declined",
                user_id,
            )
            await conn.execute(
                "INSERT INTO consents (user_id, kind, granted, at) "
                "VALUES ($1, 'pain_scores', $2, $3)",
                user_id,
                granted,
                utc(now),
            )
            if not granted:
                await conn.execute("DELETE FROM pain_reports WHERE user_id = $1", user_id)

    async def consent_log(self, user_id: int) -> list[tuple[str, bool, datetime]]:
        rows = await self.db.fetch(
            "SELECT kind, granted, at FROM consents WHERE user_id = $1 ORDER BY at, id", user_id
        )
        return [(r["kind"], bool(r["granted"]), r["at"]) for r in rows]

    # pain scores ---------------------------------------------------------------------
    async def add_pain(
        self, user_id: int, score: int, context: str, now: datetime, session_id: int | None = None
    ) -> bool:
        """Store a score only if the user has agreed (checked in the same statement);
        returns whether it was stored."""
        status = await self.db.execute(
            """INSERT INTO pain_reports (user_id, score, context, session_id, reported_at)
               SELECT $1, $2, $3, $4, $5
               WHERE EXISTS (SELECT 1 FROM users WHERE id = $1 AND consent_pain = 'granted')""",
            user_id,
            score,
            context,
            session_id,
            utc(now),
        )
        return status == "INSERT 0 1"

    async def pain_since(self, user_id: int, since: datetime) -> list[PainReport]:
        rows = await self.db.fetch(
            """SELECT score, context, reported_at, session_id FROM pain_reports
               WHERE user_id = $1 AND reported_at >= $2 ORDER BY reported_at, id""",
            user_id,
            utc(since),
        )
        return [
            PainReport(r["score"], r["context"], r["reported_at"], r["session_id"]) for r in rows
        ]


class ClinicRepo:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def get(self, key: str) -> ClinicSettings | None:
        row = await self.db.fetchrow("SELECT * FROM clinics WHERE key = $1", key)
        if row is None:
            return None
        return ClinicSettings(
            key=row["key"],
            name=row["name"],
            booking_url=row["booking_url"],
            emergency_number=row["emergency_number"],
            updated_at=row["updated_at"],
            timezone=row["timezone"],
        )

    async def set_timezone(self, key: str, zone: str, now: datetime) -> None:
        """The server's zone, apart from `save` (which leaves it as it is)."""
        await self.db.execute(
            """INSERT INTO clinics (key, timezone, updated_at) VALUES ($1, $2, $3)
               ON CONFLICT (key) DO UPDATE SET timezone = excluded.timezone,
                 updated_at = excluded.updated_at""",
            key,
            zone,
            utc(now),
        )

    async def save(self, settings: ClinicSettings, now: datetime) -> None:
        await self.db.execute(
            """INSERT INTO clinics (key, name, booking_url, emergency_number, updated_at)
               VALUES ($1, $2, $3, $4, $5)
               ON CONFLICT (key) DO UPDATE SET name = excluded.name,
                 booking_url = excluded.booking_url,
                 emergency_number = excluded.emergency_number,
                 updated_at = excluded.updated_at""",
            settings.key,
            settings.name,
            settings.booking_url,
            settings.emergency_number,
            utc(now),
        )
