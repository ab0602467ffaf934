"""Export, erasure and retention of a person's data (GDPR Art. 9 health data).

The SQL lives in each backend's privacy_store (bot.storage.sqlite, bot.storage.postgres),
which finds every personal table from the schema (rules in bot.storage.personal);
this module adds what the database cannot know: stop a running session before its rows
go, forget in-memory state keyed by the old user id (SQLite may hand the id to the next
new person), shape the export for a human reader, and run retention once a day on the
dispatcher's scheduler.

Decisions:
- Erasure deletes the consent log too: once everything processed under a consent is
  gone there is nothing left to prove, and "delete everything" must mean everything.
- Retention keeps consents (they prove what was agreed, GDPR Art. 7(1)), the account
  and reminder schedules; it deletes finished sessions, reminder deliveries and pain
  scores older than DATA_RETENTION_DAYS.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from typing import Any, Protocol

from bot.core.clock import Clock
from bot.core.messages import Attachment
from bot.core.models import User
from bot.core.ports import PrivacyStore

log = logging.getLogger(__name__)

EXPORT_FORMAT = "limber-export/1"
RETENTION_JOB = "limber-data-retention"
RETENTION_HOUR_UTC = 3

# Shown by /privacy show and written into the export: what each table holds and why.
PURPOSES: dict[str, str] = {
    "users": "your account: name shown by the platform, time zone, server, consent choice",
    "reminders": "the reminder schedules you set up",
    "deliveries": "each reminder sent to you and what you did with it (start, snooze, skip)",
    "sessions": "guided sessions you started and how they ended (for your streak)",
    "pain_reports": "pain scores 0–10 (numbers only, kept only with your consent)",
    "consents": "when you gave or withdrew consent, as proof of what you agreed to",
}


def export_document(
    user: User, rows: dict[str, list[dict[str, Any]]], now: datetime
) -> dict[str, Any]:
    """The export as a JSON-ready dict: a readable summary first, then every row."""
    consents = [
        {"kind": r.get("kind"), "granted": bool(r.get("granted")), "at": r.get("at")}
        for r in rows.get("consents", [])
    ]
    return {
        "format": EXPORT_FORMAT,
        "exported_at": now.isoformat(),
        "about": (
            "Everything Limber stores about you, table by table. Times are UTC. "
            "Pain scores are numbers only; what you write is never stored."
        ),
        "summary": {
            "platform": user.platform,
            "display_name": user.display_name,
            "time_zone": user.timezone,
            "server": user.clinic_key,
            "pain_score_consent": user.consent_pain,
            "consents": consents,
            "counts": {table: len(table_rows) for table, table_rows in sorted(rows.items())},
        },
        "purposes": {t: PURPOSES.get(t, "") for t in sorted(rows)},
        "tables": rows,
    }


async def export_user(store: PrivacyStore, user: User, now: datetime) -> Attachment:
    """`limber-export-<date>.json`: every row about the person, nobody else's."""
    rows = await store.rows_about(user.id)
    document = export_document(user, rows, now)
    data = json.dumps(document, indent=2, ensure_ascii=False, sort_keys=False).encode("utf-8")
    return Attachment(f"limber-export-{now.date().isoformat()}.json", data, "application/json")


class ForgetsUsers(Protocol):
    """A part holding in-memory state by user id (the dispatcher's unreachable set)."""

    def reachable_again(self, user_id: int) -> None: ...


class StopsSessions(Protocol):
    async def stop_active(self, user: User) -> bool: ...


async def erase_user(
    store: PrivacyStore, sessions: StopsSessions, forget: ForgetsUsers, user: User
) -> dict[str, int]:
    """Delete every row about the person (one transaction); rows deleted per table.

    A running session is stopped first so its timer task does not write the row back,
    and in-memory state keyed by the id is dropped (the id may be reused).
    """
    await sessions.stop_active(user)
    counts = await store.erase(user.id)
    forget.reachable_again(user.id)
    log.info("erased user %s on request (%d rows)", user.id, sum(counts.values()))
    return counts


class RunsDailyJobs(Protocol):
    """The dispatcher's scheduler, seen structurally (this module must not depend on it)."""

    def add_daily_job(
        self, name: str, func: Callable[[], Awaitable[Any]], hour: int, minute: int = 0
    ) -> None: ...


class Housekeeping:
    """The daily retention job, as a Service: registered on the dispatcher's scheduler
    (one scheduler per app) and run once at start so a bot that is restarted every night
    still purges."""

    def __init__(
        self, store: PrivacyStore, clock: Clock, retention_days: int, jobs: RunsDailyJobs
    ) -> None:
        self.store = store
        self.clock = clock
        self.retention_days = retention_days
        self.jobs = jobs
        self.last_run: dict[str, int] | None = None

    async def start(self) -> None:
        self.jobs.add_daily_job(RETENTION_JOB, self.run, hour=RETENTION_HOUR_UTC)
        await self.run()

    async def stop(self) -> None:
        return None

    async def run(self) -> dict[str, int]:
        """Delete history older than DATA_RETENTION_DAYS; never raises (logs instead)."""
        try:
            counts = await self.purge_old()
        except Exception:
            log.exception("data retention run failed")
            return {}
        self.last_run = counts
        if any(counts.values()):
            log.info("data retention removed %s", counts)
        return counts

    async def purge_old(self, now: datetime | None = None) -> dict[str, int]:
        cutoff = (now or self.clock.now()) - timedelta(days=self.retention_days)
        return await self.store.purge_older_than(cutoff)


def retention_summary(days: int) -> str:
    """One line for /privacy show; keep in step with the storage's retention rules."""
    return (
        f"Sessions, reminder history and pain scores older than {days} days are deleted "
        "automatically. Your consent record is kept as proof until you delete everything."
    )
