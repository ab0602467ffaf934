"""The storage port for group stretch-alongs (kept apart from `ports.py` for size).

`Storage.groups` implements it: group sessions in server channels, who joined them, the
recurring schedules server admins set. Each multi-statement write is one transaction.
"""

from __future__ import annotations

from datetime import datetime
from datetime import time as dtime
from typing import Protocol

from bot.core.models import GroupSchedule, GroupSession


class GroupStore(Protocol):
    """Group stretch-alongs in server channels, who joined them, recurring schedules."""

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
        """A new scheduled group session; None when `occurrence_key` exists already (the
        UNIQUE key decides: one group session per occurrence of a schedule, ever)."""
        ...

    async def get(self, group_id: int) -> GroupSession | None: ...

    async def live(self) -> list[GroupSession]:
        """Every scheduled or running group session (recovery after a restart)."""
        ...

    async def set_messages(
        self, group_id: int, announcement_id: str | None, message_id: str | None
    ) -> None:
        """Remember the posted messages (None leaves a column unchanged)."""
        ...

    async def save(
        self,
        group_id: int,
        status: str,
        step_index: int,
        deadline: datetime | None,
        now: datetime,
    ) -> None: ...

    async def join(self, group_id: int, user_id: int, now: datetime) -> bool:
        """Join (or re-join after Leave); False when already in, or out after It hurts."""
        ...

    async def leave(self, group_id: int, user_id: int, status: str, now: datetime) -> bool:
        """Mark a joined person `left` or `hurt`; False when they were not in."""
        ...

    async def count(self, group_id: int) -> int:
        """How many are in (joined, not left): the only number the channel shows."""
        ...

    async def is_member(self, group_id: int, user_id: int) -> bool: ...

    async def live_for(self, user_id: int) -> list[int]:
        """The scheduled or running group sessions the person is in."""
        ...

    async def complete(self, group_id: int, now: datetime) -> int:
        """Mark the group completed and, in the same transaction, add one completed
        `sessions` row (origin 'group') per person still in; returns how many."""
        ...

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
    ) -> int: ...

    async def schedules(self, clinic_key: str) -> list[GroupSchedule]: ...

    async def remove_schedule(self, clinic_key: str, schedule_id: int) -> bool: ...

    async def due_schedules(self, before: datetime) -> list[GroupSchedule]:
        """Schedules whose next occurrence is at or before `before`, earliest first."""
        ...

    async def set_schedule_next(self, schedule_id: int, next_at: datetime, slot: str) -> None: ...

    async def next_schedule_at(self) -> datetime | None: ...
