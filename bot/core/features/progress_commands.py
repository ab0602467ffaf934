"""`/progress`: streak, this week against the reminders' plan, and the pain trend.

This module gathers the rows (storage) and hands them to the pure computation in
bot.core.progress.streaks; the chart is drawn in a worker thread so a slow render never stalls
the event loop that runs everyone's hold timers.
"""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.core.commands import NoOptions, command
from bot.core.context import Context
from bot.core.messages import Attachment, Message, Reply
from bot.core.models import Reminder, User
from bot.core.progress import streaks as pg
from bot.core.progress.chart import render_png
from bot.core.reminders.schedule import next_occurrence, schedule_of, zone_info

NO_DATA = (
    "No progress to show yet. Start your first session with `/stretch start` — "
    "your streak begins today."
)
# Occurrences the person was not actually reminded of (we failed, or were offline)
# are not held against them.
NOT_COUNTED = frozenset({"failed", "unreachable", "missed"})
# Enough steps to walk a week of the densest schedule (8 times a day, 7 days).
MAX_STEPS = 8 * 7 + 1


def zone_of(ctx: Context, user: User | None = None) -> ZoneInfo:
    """The person's zone (users.timezone), else the operator's default."""
    return zone_info((user or ctx.user).timezone, ctx.config.default_timezone)


def upcoming(reminders: list[Reminder], zone: str, now: datetime, end: datetime) -> list[datetime]:
    """Occurrences active reminders still plan from their next one up to `end`.

    Paused and disabled reminders plan nothing; a pause with an end date already moved
    `next_at` past the pause, so walking from `next_at` is right for both.
    """
    found: list[datetime] = []
    for reminder in reminders:
        if reminder.state != "active":
            continue
        at, slot = reminder.next_at, reminder.next_slot
        for _ in range(MAX_STEPS):
            if at >= end:
                break
            found.append(at)
            nxt = next_occurrence(schedule_of(reminder, zone), at, slot)
            at, slot = nxt.at, nxt.slot
    return found


async def gather(ctx: Context, user: User | None = None) -> pg.Progress:
    """Load what /progress needs for the person and compute it at `ctx.now`."""
    who = user or ctx.user
    zone = zone_of(ctx, who)
    repo = ctx.store.progress
    now = ctx.now
    today = pg.local_day(now, zone)
    week_from = pg.local_midnight(pg.week_start(today), zone)
    week_to = pg.local_midnight(pg.week_start(today) + timedelta(days=7), zone)

    deliveries = await repo.deliveries(who.id, week_from, week_to)
    # Originals only (a snooze is a repeat of the same occurrence, not a new plan).
    planned = [
        at
        for status, at, _, snoozes in deliveries
        if snoozes == 0 and status not in NOT_COUNTED and at <= now
    ]

    reminders = await ctx.store.reminders.for_user(who.id)
    planned += upcoming(reminders, zone.key, now, week_to)
    pain_from = pg.local_midnight(today - timedelta(days=pg.PAIN_WINDOW_DAYS - 1), zone)
    return pg.compute(
        now=now,
        zone=zone,
        completed=await repo.completed_sessions(who.id),
        planned=planned,
        outcomes=[(status, at) for status, at, _, _ in deliveries],
        pain=await ctx.store.users.pain_since(who.id, pain_from - timedelta(hours=12)),
    )


@command(
    "progress", "Your streak, this week's sessions and how your pain is changing", read_only=True
)
async def progress_command(ctx: Context, options: NoOptions) -> Reply:
    progress = await gather(ctx)
    if not progress.has_data:
        return Reply.text(NO_DATA)
    png = await asyncio.to_thread(render_png, progress)
    local = pg.local_day(ctx.now, zone_of(ctx))
    text = pg.summary_text(progress)
    if not ctx.user.pain_consent_granted:
        text += "\n(Pain scores are not kept, so there is no pain trend; see `/privacy`.)"
    return Reply(
        [
            Message(
                text,
                title="Your progress",
                attachment=Attachment(f"limber-progress-{local.isoformat()}.png", png, "image/png"),
            )
        ]
    )


COMMANDS = [progress_command]
