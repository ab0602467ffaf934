"""Records the core works with, independent of how they are stored."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from datetime import time as dtime
from typing import Any

from bot.core.questions import Pending

UNSAVED_ID = 0
"""The id of a person Limber has no record of yet (stores never hand out 0)."""


@dataclass(frozen=True)
class Dose:
    """A person's choice for hold exercises, within each exercise's prescribed range:
    seconds per hold and holds per side. None means the routine's default."""

    hold_seconds: int | None = None
    repeats: int | None = None

    @property
    def empty(self) -> bool:
        return self.hold_seconds is None and self.repeats is None

    def merged(self, newer: Dose) -> Dose:
        return Dose(
            newer.hold_seconds if newer.hold_seconds is not None else self.hold_seconds,
            newer.repeats if newer.repeats is not None else self.repeats,
        )


@dataclass(frozen=True)
class UserRef:
    """Who a platform says is talking: the platform's name and its own id for the person."""

    platform: str
    external_id: str
    display_name: str = ""


@dataclass(frozen=True)
class User:
    id: int
    platform: str
    external_id: str
    display_name: str
    timezone: str | None
    clinic_key: str | None
    consent_pain: str | None
    screened_at: datetime | None
    pending: Pending | None
    dm_channel_id: str | None
    unreachable_at: datetime | None
    unreachable_told: bool
    created_at: datetime
    dose: Dose = Dose()
    alert_level: str | None = None
    """'redflag' or 'severe' while a recent warning is remembered (see `alert_at`)."""
    alert_at: datetime | None = None

    @property
    def ref(self) -> UserRef:
        return UserRef(self.platform, self.external_id, self.display_name)

    @property
    def pain_consent_granted(self) -> bool:
        return self.consent_pain == "granted"


@dataclass(frozen=True)
class ClinicSettings:
    """Per-server overrides of BOOKING_URL, CLINIC_NAME and EMERGENCY_NUMBER."""

    key: str
    name: str | None = None
    booking_url: str | None = None
    emergency_number: str | None = None
    updated_at: datetime | None = None
    timezone: str | None = None
    """The server's IANA zone (recurring group sessions); set apart, by `set_timezone`."""


@dataclass(frozen=True)
class SessionRecord:
    id: int
    user_id: int
    routine_id: str
    status: str
    step_index: int
    step_deadline: datetime | None
    paused_remaining: float | None
    origin: str
    started_at: datetime
    updated_at: datetime
    ended_at: datetime | None
    dose: Dose = Dose()
    skipped_seconds: float = 0.0


@dataclass(frozen=True)
class PainReport:
    score: int
    context: str
    reported_at: datetime
    session_id: int | None = None


@dataclass
class Scope:
    """Where a command was used: a server (guild) or a direct message, and with what rights."""

    platform: str
    guild_id: str | None = None
    is_admin: bool = False
    # True where replies and pushes land in the same private place (the terminal): no
    # "check your DMs" pointers are needed there.
    direct: bool = False
    extra: dict[str, Any] = field(default_factory=dict)
    # The channel the command came from (group stretch-alongs post there); None in a DM.
    channel_id: str | None = None

    @property
    def clinic_key(self) -> str | None:
        return f"{self.platform}:{self.guild_id}" if self.guild_id else None


@dataclass(frozen=True)
class Reminder:
    """A stored schedule. `state`: active, paused (until resumed) or disabled (DMs closed);
    a pause with an end date stays active with `next_at` moved past `paused_until`."""

    id: int
    user_id: int
    days: frozenset[int]
    times: tuple[dtime, ...]
    routine_id: str | None
    state: str
    paused_until: datetime | None
    next_at: datetime
    next_slot: str
    created_at: datetime
    # Interval reminders ("every 45m from 09:00 to 17:00"): `times` is empty and these
    # three are set; fixed-time reminders leave them None.
    every_minutes: int | None = None
    window_start: dtime | None = None
    window_end: dtime | None = None

    @property
    def interval(self) -> bool:
        return self.every_minutes is not None


@dataclass(frozen=True)
class Delivery:
    """One occurrence (or snooze) of a reminder, recorded before it is sent."""

    id: int
    key: str
    reminder_id: int | None
    user_id: int
    routine_id: str | None
    occurs_at: datetime
    due_at: datetime
    status: str
    late: bool
    attempts: int
    snoozes: int
    action: str | None
    created_at: datetime


@dataclass(frozen=True)
class NewDelivery:
    """A delivery row to record: `status` is pending (to send) or missed."""

    key: str
    reminder_id: int | None
    user_id: int
    routine_id: str | None
    occurs_at: datetime
    status: str
    late: bool = False
    snoozes: int = 0
    error: str | None = None


@dataclass(frozen=True)
class ClinicActivity:
    """Per-member raw rows for one server since a moment, for aggregation in the core."""

    zones: dict[int, str | None]
    started: set[int]
    completed: list[tuple[int, datetime]]
    deliveries: list[tuple[int, str, datetime, int]]


@dataclass(frozen=True)
class GroupSession:
    """A stretch-along in a server channel. `status`: scheduled (announced, Join open),
    running, completed, cancelled, missed (its start passed while Limber was down) or
    interrupted (a restart cut it off). `announcement_id` is the posted message with the
    Join button; `message_id` the one message edited per step once it runs."""

    id: int
    platform: str
    clinic_key: str | None
    channel_id: str
    routine_id: str
    starts_at: datetime
    status: str
    step_index: int
    step_deadline: datetime | None
    announcement_id: str | None
    message_id: str | None
    schedule_id: int | None
    occurrence_key: str | None
    created_at: datetime
    updated_at: datetime

    @property
    def live(self) -> bool:
        return self.status in {"scheduled", "running"}


@dataclass(frozen=True)
class GroupSchedule:
    """A recurring stretch-along ("weekdays 15:00" in a channel), in the server's zone;
    `next_at`/`next_slot` as for reminders (UTC instant, local slot)."""

    id: int
    platform: str
    clinic_key: str
    channel_id: str
    routine_id: str
    days: frozenset[int]
    at: dtime
    next_at: datetime
    next_slot: str
    created_at: datetime
