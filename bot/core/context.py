"""What a command, button or message handler gets: a small typed context of services.

Handlers never see the application object. `Services` is built once by `Limber` from
the ports the composition root (`bot.bootstrap`) passed in; `Context` adds who asked,
where, and when. This module sits below the features and the command registry, so it
names commands only as plain `CommandInfo` records.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from bot.core.clock import Clock
from bot.core.models import Scope, User
from bot.core.ports import NO_TELEMETRY, Chat, Phrases, Storage, Telemetry
from bot.core.reminders.groups import GroupScheduler
from bot.core.routines import RoutineLibrary
from bot.core.sessions.coach import Coach
from bot.core.sessions.group import GroupCoach
from bot.core.throttle import InboundThrottle
from bot.core.triage.model import ClinicInfo


@dataclass(frozen=True)
class CoreConfig:
    """The operator settings the core uses (the rest stay with the composition root).

    `clinic` holds the defaults for BOOKING_URL, CLINIC_NAME and EMERGENCY_NUMBER that a
    server's `/clinic setup` overrides; `data_retention_days` is DATA_RETENTION_DAYS.
    """

    default_timezone: str = "UTC"
    clinic: ClinicInfo = field(default_factory=ClinicInfo)
    data_retention_days: int = 365


class ReminderSignals(Protocol):
    """What handlers tell the reminder dispatcher after changing schedules."""

    def notify(self, at: datetime) -> None:
        """Something is due at `at`: wake by then."""
        ...

    def reachable_again(self, user_id: int) -> None:
        """The person can be messaged again (`/reminders resume`, or erased)."""
        ...


@dataclass(frozen=True)
class CommandInfo:
    """A command as `/help` lists it."""

    name: str
    usage: str
    description: str
    admin_only: bool


@dataclass
class Services:
    """The long-lived parts handlers may use."""

    store: Storage
    chat: Chat
    clock: Clock
    library: RoutineLibrary
    config: CoreConfig
    coach: Coach
    reminders: ReminderSignals
    groups: GroupCoach
    group_schedules: GroupScheduler
    commands: tuple[CommandInfo, ...] = ()
    throttle: InboundThrottle = field(default_factory=InboundThrottle)
    telemetry: Telemetry = NO_TELEMETRY


@dataclass
class Context:
    """One event: the services, who asked, where, and when (aware UTC)."""

    services: Services
    user: User
    scope: Scope
    now: datetime

    @property
    def store(self) -> Storage:
        return self.services.store

    @property
    def coach(self) -> Coach:
        return self.services.coach

    @property
    def library(self) -> RoutineLibrary:
        return self.services.library

    @property
    def chat(self) -> Chat:
        return self.services.chat

    @property
    def config(self) -> CoreConfig:
        return self.services.config

    @property
    def phrases(self) -> Phrases:
        return self.services.chat.phrases

    @property
    def reminders(self) -> ReminderSignals:
        return self.services.reminders

    async def clinic_info(self, user: User | None = None) -> ClinicInfo:
        """The server's /clinic setup values, falling back to the operator's defaults."""
        person = user or self.user
        key = self.scope.clinic_key or person.clinic_key
        saved = await self.store.clinics.get(key) if key else None
        base = self.config.clinic
        return ClinicInfo(
            name=(saved.name if saved and saved.name else None) or base.name,
            booking_url=(saved.booking_url if saved and saved.booking_url else None)
            or base.booking_url,
            emergency_number=(saved.emergency_number if saved and saved.emergency_number else None)
            or base.emergency_number,
        )
