"""What the core needs from the outside world, as narrow Protocols.

The core declares these; adapters (terminal, Discord, Slack, a test fake) implement
`Chat`, and storage backends (SQLite, PostgreSQL) implement the stores. Nothing here
imports a platform or a database driver. `bot.bootstrap` is the one place that picks
the implementations and hands them to the core.

- `Chat` pushes a message to a person outside a command reply, or edits one, and posts
  to (and edits in) a server channel for group stretch-alongs. Failures
  are told apart so the reminder dispatcher can react: the person cannot be reached
  (DMs closed), a retry may help, or it never will.
- `Storage` bundles the stores; each multi-statement operation of a store is one
  transaction, and reads never see another task's uncommitted rows.
- `Pacer` spreads requests under a platform's rate limit.
- `Telemetry` counts what happened (reminders sent, sessions completed, triage levels)
  for an operator's metrics; counts and durations only, never text or user ids.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from datetime import time as dtime
from typing import Any, Protocol

from bot.core.group_store import GroupStore
from bot.core.messages import Message
from bot.core.models import (
    ClinicActivity,
    ClinicSettings,
    Delivery,
    Dose,
    NewDelivery,
    PainReport,
    Reminder,
    SessionRecord,
    User,
    UserRef,
)
from bot.core.questions import Pending


class DeliveryError(Exception):
    """Base of the three ways a push can fail."""


class RecipientUnreachable(DeliveryError):
    """The person has closed their DMs or blocked the bot: stop sending, tell them later."""


class TransientDeliveryError(DeliveryError):
    """Rate limits, timeouts, 5xx: retry later under the same key."""

    def __init__(self, message: str = "", retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class PermanentDeliveryError(DeliveryError):
    """Anything a retry will not fix (bad payload, unknown user): record and move on."""


@dataclass(frozen=True)
class Phrases:
    """The few platform words the core's replies need, supplied by each adapter.

    The core never says "guild", "Manage Server" or "DM" itself: a Slack workspace, a
    Discord server and the terminal each name these their own way.
    """

    admin_role: str = "admins of this group"
    """Who may run admin commands, e.g. "server admins (Manage Server permission)"."""
    private_place: str = "our private chat"
    """Where sessions and reminders arrive, e.g. "your DMs"."""
    reopen_private: str = "Make sure I can message you privately"
    """How to let the bot message a person again (Discord: open DMs for the server)."""
    no_group_sessions: str | None = None
    """Why group stretch-alongs in a channel are not available here; None when they are."""


class Chat(Protocol):
    """One chat platform, as the core sees it."""

    @property
    def phrases(self) -> Phrases: ...

    async def send(self, user: User, message: Message, *, nonce: str | None = None) -> str | None:
        """Push `message` to the person's private channel; return its id if the platform has one.

        `nonce` (at most 25 characters) lets the platform drop a repeated send of the same
        message, e.g. a reminder re-sent after a crash between recording and sending.
        Raises RecipientUnreachable, TransientDeliveryError or PermanentDeliveryError.
        """
        ...

    async def edit(self, user: User, message_id: str, message: Message) -> None:
        """Replace an earlier pushed message (e.g. remove buttons of a finished step)."""
        ...

    async def post(self, channel_id: str, message: Message) -> str | None:
        """Post `message` in a server channel everyone there sees (a group stretch-along);
        return its id. Buttons on it are pressed by each person for themselves. Raises
        TransientDeliveryError or PermanentDeliveryError (e.g. no access to the channel)."""
        ...

    async def edit_posted(self, channel_id: str, message_id: str, message: Message) -> None:
        """Replace a message posted with `post` (one edit per group step)."""
        ...


class Pacer(Protocol):
    """Waits until one more request fits under the rate limit (await, never block)."""

    async def acquire(self) -> None: ...


class Telemetry(Protocol):
    """Counts and measurements for the operator (Prometheus lives outside the core).

    `name` is a metric of the catalog in `bot.ops.metrics` (e.g. "reminders_sent");
    label values are small fixed vocabularies (a reason, a level, a platform): never
    message text, pain scores, user or server ids.
    """

    def count(self, name: str, value: float = 1.0, **labels: str) -> None:
        """Add `value` to the counter `name`."""
        ...

    def observe(self, name: str, value: float, **labels: str) -> None:
        """Record one measurement (seconds, sizes) of the histogram `name`."""
        ...


class NoTelemetry:
    """The default `Telemetry`: records nothing (tests, the demo, METRICS_PORT unset)."""

    def count(self, name: str, value: float = 1.0, **labels: str) -> None:
        return None

    def observe(self, name: str, value: float, **labels: str) -> None:
        return None


NO_TELEMETRY: Telemetry = NoTelemetry()


# stores -------------------------------------------------------------------------------
class UserStore(Protocol):
    async def ensure(self, ref: UserRef, now: datetime, clinic_key: str | None = None) -> User:
        """The person behind `ref`, created on first contact."""
        ...

    async def by_ref(self, ref: UserRef) -> User | None: ...

    async def get(self, user_id: int) -> User | None: ...

    async def set_timezone(self, user_id: int, zone: str) -> None: ...

    async def set_dose(self, user_id: int, dose: Dose) -> None:
        """Remember the person's choice of hold seconds and repeats."""
        ...

    async def set_pending(self, user_id: int, pending: Pending | None) -> None:
        """Open (or with None, close) the one question Limber waits on for this person."""
        ...

    async def mark_screened(self, user_id: int, now: datetime) -> None: ...

    async def set_alert(self, user_id: int, level: str | None, now: datetime | None) -> None:
        """Remember a red flag or severe pain ('redflag', 'severe'), or forget it (None)."""
        ...

    async def set_dm_channel(self, user_id: int, channel_id: str) -> None: ...

    async def mark_unreachable(self, user_id: int, now: datetime | None) -> None: ...

    async def mark_unreachable_told(self, user_id: int) -> None: ...

    async def set_pain_consent(self, user_id: int, granted: bool, now: datetime) -> None:
        """Record consent (logged); withdrawing deletes stored pain scores, in one transaction."""
        ...

    async def consent_log(self, user_id: int) -> list[tuple[str, bool, datetime]]: ...

    async def add_pain(
        self, user_id: int, score: int, context: str, now: datetime, session_id: int | None = None
    ) -> bool:
        """Store a 0–10 score if consent was given; True when stored."""
        ...

    async def pain_since(self, user_id: int, since: datetime) -> list[PainReport]: ...


class ClinicStore(Protocol):
    async def get(self, key: str) -> ClinicSettings | None: ...

    async def save(self, settings: ClinicSettings, now: datetime) -> None:
        """Name, booking link and emergency number; the server's zone is left as it is."""
        ...

    async def set_timezone(self, key: str, zone: str, now: datetime) -> None:
        """The server's IANA zone (recurring group sessions), creating the row if needed."""
        ...


class ActiveSessionExists(Exception):
    """The person already has a running (or paused) session: one at a time."""


class SessionStore(Protocol):
    async def create(
        self, user_id: int, routine_id: str, origin: str, now: datetime, dose: Dose | None = None
    ) -> int:
        """A new running session (with the person's dose for hold exercises); raises
        ActiveSessionExists when one is already active (enforced by the database, so two
        concurrent starts cannot both succeed)."""
        ...

    async def add_skipped(self, session_id: int, seconds: float) -> None:
        """Timed seconds the person skipped with Next (a session counts when enough of
        it was done)."""
        ...

    async def save(
        self,
        session_id: int,
        status: str,
        step_index: int,
        deadline: datetime | None,
        paused_remaining: float | None,
        now: datetime,
    ) -> None: ...

    async def get(self, session_id: int) -> SessionRecord | None: ...

    async def active_for(self, user_id: int) -> SessionRecord | None: ...

    async def running_among(self, user_ids: Sequence[int]) -> set[int]:
        """Which of these people have a session with status `running` (not paused)."""
        ...

    async def all_active(self) -> list[SessionRecord]: ...

    async def for_user(
        self, user_id: int, since: datetime | None = None
    ) -> list[SessionRecord]: ...


Outcome = tuple[int, str, str | None, str | None, int]
"""(delivery id, status, message id, error, attempts) written after a send."""


class ReminderStore(Protocol):
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
        Interval reminders: `every_minutes` and `window` (start, end), `times` empty.
        A reminder added during a pause: `state` 'paused' (until resumed) or 'active' with
        `paused_until` (and `next_at` past it)."""
        ...

    async def count(self, user_id: int) -> int: ...

    async def for_user(self, user_id: int) -> list[Reminder]: ...

    async def remove(self, user_id: int, reminder_id: int) -> bool:
        """Delete one of the person's own reminders and drop its unsent deliveries."""
        ...

    async def set_next(
        self,
        updates: Sequence[tuple[int, datetime, str]],
        state: str | None = None,
        paused_until: datetime | None = None,
        *,
        forward_only: bool = False,
    ) -> None:
        """`forward_only`: leave rows whose `next_at` is already later (two dispatch
        passes at once, in two processes, never move a schedule back)."""
        ...

    async def set_state(self, user_id: int, state: str) -> int: ...

    async def due(
        self,
        now: datetime,
        limit: int,
        after: tuple[datetime, int] | None = None,
        platforms: Sequence[str] | None = None,
    ) -> list[tuple[Reminder, User]]:
        """`platforms`: only reminders of people on these platforms (None: every one)."""
        ...

    async def next_wake(
        self, now: datetime, platforms: Sequence[str] | None = None
    ) -> datetime | None:
        """The earliest moment something is due, including the end of a lease on a
        pending delivery (the process holding it may have died)."""
        ...

    async def claim(
        self,
        now: datetime,
        owner: str,
        until: datetime,
        limit: int,
        platforms: Sequence[str] | None = None,
    ) -> list[tuple[Delivery, User]]:
        """Lease up to `limit` pending deliveries due by `now` that no live lease holds
        to `owner` until `until` (oldest first). Processes claiming at once get disjoint
        rows; `finish` and `retry_later` end the lease."""
        ...

    async def record(self, rows: Sequence[NewDelivery], now: datetime) -> dict[str, int]:
        """Insert delivery rows, ignoring keys that exist; key -> id of the inserted ones."""
        ...

    async def pending(
        self, now: datetime, after_id: int, limit: int, leftover_id: int
    ) -> list[tuple[Delivery, User]]: ...

    async def pending_for(self, user_id: int) -> list[Delivery]:
        """The person's deliveries still waiting to be sent (snoozes, retries), by time."""
        ...

    async def max_delivery_id(self) -> int: ...

    async def delivery(self, delivery_id: int) -> Delivery | None: ...

    async def by_key(self, key: str) -> Delivery | None: ...

    async def finish(self, updates: Sequence[Outcome], now: datetime) -> None: ...

    async def retry_later(
        self, delivery_id: int, due_at: datetime, attempts: int, error: str, now: datetime
    ) -> None: ...

    async def act(
        self, delivery_id: int, expected: Sequence[str], status: str, action: str, now: datetime
    ) -> bool: ...

    async def snooze(
        self, delivery_id: int, expected: Sequence[str], snoozed: NewDelivery, now: datetime
    ) -> int | None:
        """Mark the delivery snoozed and record the snooze occurrence, in one transaction;
        the new delivery id, or None when the delivery was already acted on."""
        ...

    async def pause_all(
        self,
        user_id: int,
        updates: Sequence[tuple[int, datetime, str]],
        until: datetime | None,
        now: datetime,
    ) -> None:
        """Pause every reminder of the person (until a moment, or until resumed) in one
        transaction: `updates` move dated pauses past `until`."""
        ...

    async def mark_started(self, delivery_id: int, now: datetime) -> None: ...

    async def drop_pending(self, user_id: int, status: str, now: datetime) -> None: ...

    async def disable_user(self, user_id: int, now: datetime) -> None:
        """DMs closed: mark unreachable, disable reminders and drop unsent deliveries,
        in one transaction."""
        ...


class RateBudget(Protocol):
    """Requests per second a bot token may make, shared by every process on the database."""

    async def take(self, bucket: str, slot: int, want: int, limit: int) -> int:
        """Up to `want` of the `limit` requests of second `slot` (epoch seconds) for
        `bucket` (a platform); how many were granted, 0 once that second is spent."""
        ...


class ProgressStore(Protocol):
    async def completed_sessions(self, user_id: int) -> list[tuple[int, datetime]]: ...

    async def deliveries(
        self, user_id: int, start: datetime, end: datetime
    ) -> list[tuple[str, datetime, int | None, int]]: ...

    async def clinic_activity(self, clinic_key: str, since: datetime) -> ClinicActivity: ...


class PrivacyStore(Protocol):
    async def rows_about(self, user_id: int) -> dict[str, list[dict[str, Any]]]:
        """Every row about the person, per table (for export)."""
        ...

    async def erase(self, user_id: int) -> dict[str, int]:
        """Delete everything about the person in one transaction; rows deleted per table."""
        ...

    async def purge_older_than(self, cutoff: datetime) -> dict[str, int]: ...


class Storage(Protocol):
    """One backend (SQLite file or PostgreSQL database), opened by `open_storage(url)`."""

    @property
    def users(self) -> UserStore: ...

    @property
    def clinics(self) -> ClinicStore: ...

    @property
    def sessions(self) -> SessionStore: ...

    @property
    def reminders(self) -> ReminderStore: ...

    @property
    def progress(self) -> ProgressStore: ...

    @property
    def privacy(self) -> PrivacyStore: ...

    @property
    def groups(self) -> GroupStore: ...

    @property
    def budget(self) -> RateBudget: ...

    async def schema_version(self) -> int: ...

    async def ping(self) -> None:
        """A trivial query (health checks); raises the backend's error when it fails."""
        ...

    async def close(self) -> None: ...
