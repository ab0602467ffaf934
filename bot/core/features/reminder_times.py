"""Shared by the reminder and time-zone commands: the person's zone, moving schedules
when it changes, and waking the dispatcher after a change."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from bot.core.context import Context
from bot.core.reminders.schedule import PAUSE_EDGE, next_occurrence, schedule_of


def wake(ctx: Context, moments: Iterable[datetime]) -> None:
    """Tell the dispatcher the earliest of `moments` is due (it wakes by then)."""
    earliest = min(moments, default=None)
    if earliest is not None:
        ctx.reminders.notify(earliest)


def user_zone(ctx: Context) -> tuple[str, bool]:
    """The person's zone and whether they chose it (else the operator's default)."""
    if ctx.user.timezone:
        return ctx.user.timezone, True
    return ctx.config.default_timezone, False


async def reschedule_all(ctx: Context, zone: str, after: datetime | None = None) -> int:
    """Recompute the next occurrence of every active reminder (zone change)."""
    repo = ctx.store.reminders
    updates = []
    for r in await repo.for_user(ctx.user.id):
        if r.state != "active":
            continue
        start = max(ctx.now, r.paused_until - PAUSE_EDGE) if r.paused_until else ctx.now
        nxt = next_occurrence(schedule_of(r, zone), after or start)
        updates.append((r.id, nxt.at, nxt.slot))
    await repo.set_next(updates)
    wake(ctx, (at for _, at, _ in updates))
    return len(updates)
