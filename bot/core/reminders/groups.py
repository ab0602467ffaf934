"""Recurring group stretch-alongs ("weekdays 15:00" in a channel), exactly once each.

A sibling of the reminder dispatcher with the same rule: an occurrence is keyed by
(schedule, local slot) and that key is UNIQUE in `group_sessions`, recorded before the
announcement is posted, so a crash, a restart or a second pass never announces it twice.
Each occurrence is announced `LEAD` before its start (so people can press Join); one
older than the catch-up grace after downtime is skipped, never run late. Times are the
server's zone (`/clinic timezone`), else the operator's default; DST rules are those of
the reminders (`next_occurrence`). Time comes from the injected clock.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import datetime, timedelta

from bot.core.clock import Clock
from bot.core.models import GroupSchedule
from bot.core.ports import Storage
from bot.core.reminders.schedule import CATCH_UP_GRACE, Schedule, next_occurrence
from bot.core.routines import RoutineLibrary
from bot.core.sessions.group import GroupCoach

log = logging.getLogger(__name__)

LEAD = timedelta(minutes=10)
"""How long before its start a recurring group session is announced."""
MAX_IDLE_WAIT = 3600.0


def group_key(schedule_id: int, slot: str) -> str:
    """The occurrence key of a recurring group session: `g17:2026-03-02T15:00`."""
    return f"g{schedule_id}:{slot}"


class GroupScheduler:
    """The Service that announces recurring group sessions (start / stop / notify)."""

    def __init__(
        self,
        store: Storage,
        groups: GroupCoach,
        clock: Clock,
        library: RoutineLibrary,
        default_zone: str = "UTC",
    ) -> None:
        self.store = store
        self.groups = groups
        self.clock = clock
        self.library = library
        self.default_zone = default_zone
        self._task: asyncio.Task[None] | None = None
        self._wake = asyncio.Event()

    async def start(self) -> None:
        await self.run_due()
        self._task = asyncio.get_running_loop().create_task(self._loop(), name="limber-groups")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._task
            self._task = None

    def notify(self) -> None:
        """A schedule was added or changed: look again."""
        self._wake.set()

    async def zone_of(self, clinic_key: str) -> str:
        saved = await self.store.clinics.get(clinic_key)
        return (saved.timezone if saved and saved.timezone else None) or self.default_zone

    async def _loop(self) -> None:
        while True:
            nxt = await self.store.groups.next_schedule_at()
            waits: set[asyncio.Future[object]] = {asyncio.ensure_future(self._wake.wait())}
            if nxt is not None:  # with no schedule, only a new one wakes this up
                wait = (nxt - LEAD - self.clock.now()).total_seconds()
                nap = self.clock.sleep(max(0.0, min(wait, MAX_IDLE_WAIT)))
                waits.add(asyncio.ensure_future(nap))
            try:
                await asyncio.wait(waits, return_when=asyncio.FIRST_COMPLETED)
            finally:
                for waiting in waits:
                    waiting.cancel()
            self._wake.clear()
            try:
                await self.run_due()
            except Exception:
                log.exception("recurring group pass failed; retrying in a minute")
                await self.clock.sleep(60)

    async def run_due(self) -> int:
        """Announce every occurrence due within LEAD; returns how many were announced."""
        now = self.clock.now()
        announced = 0
        for schedule in await self.store.groups.due_schedules(now + LEAD):
            announced += await self._occurrence(schedule, now)
        return announced

    async def _occurrence(self, schedule: GroupSchedule, now: datetime) -> int:
        zone = await self.zone_of(schedule.clinic_key)
        missed = now - schedule.next_at > CATCH_UP_GRACE
        announced = 0
        if missed:
            log.warning("recurring group %s: occurrence %s missed", schedule.id, schedule.next_slot)
        else:
            routine = self.library.get(schedule.routine_id) or self.library.default_routine()
            group = await self.groups.announce(
                schedule.platform,
                schedule.clinic_key,
                schedule.channel_id,
                routine,
                schedule.next_at,
                schedule_id=schedule.id,
                occurrence_key=group_key(schedule.id, schedule.next_slot),
            )
            announced = int(group is not None)
        start = max(schedule.next_at, now - CATCH_UP_GRACE) if missed else schedule.next_at
        nxt = next_occurrence(
            Schedule(schedule.days, (schedule.at,), zone), start, schedule.next_slot
        )
        await self.store.groups.set_schedule_next(schedule.id, nxt.at, nxt.slot)
        return announced
