"""Records the core works with, independent of how they are stored."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


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
    pending: dict[str, Any] | None
    dm_channel_id: str | None
    unreachable_at: datetime | None
    unreachable_told: bool
    created_at: datetime

    @property
    def ref(self) -> UserRef:
        return UserRef(self.platform, self.external_id, self.display_name)

    @property
    def pain_consent_granted(self) -> bool:
        return self.consent_pain == "granted"


def dump_pending(value: dict[str, Any] | None) -> str | None:
    return None if value is None else json.dumps(value, sort_keys=True)


def load_pending(text: str | None) -> dict[str, Any] | None:
    if not text:
        return None
    loaded = json.loads(text)
    return loaded if isinstance(loaded, dict) else None


@dataclass(frozen=True)
class ClinicSettings:
    """Per-server overrides of BOOKING_URL, CLINIC_NAME and EMERGENCY_NUMBER."""

    key: str
    name: str | None = None
    booking_url: str | None = None
    emergency_number: str | None = None
    updated_at: datetime | None = None


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

    @property
    def clinic_key(self) -> str | None:
        return f"{self.platform}:{self.guild_id}" if self.guild_id else None
