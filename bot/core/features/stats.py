"""`/clinic stats` (admins): how the server's members use Limber, in aggregate only.

Numbers are shown only when at least MIN_MEMBERS members contribute to them, so no
figure can be traced back to one person, and pain scores are never part of them: a
clinic's staff must not learn an individual's health data through the bot. Members are
the people whose last server was this one (users.clinic_key).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta
from statistics import fmean

from bot.core.commands import NoOptions, command
from bot.core.context import Context
from bot.core.features.progress_commands import NOT_COUNTED
from bot.core.messages import Message, Reply
from bot.core.models import ClinicActivity
from bot.core.progress import streaks as pg
from bot.core.reminders.schedule import zone_info

MIN_MEMBERS = 5
ACTIVE_DAYS = 30
TOO_FEW = (
    "Not enough members yet: stats appear once at least {n} members have used Limber here "
    "in the last {days} days, so that no number describes one person."
)


def clinic_numbers(
    activity: ClinicActivity, now: datetime, default_zone: str
) -> tuple[int, int, list[int]]:
    """(active members, completed sessions this week, adherence % of members with a plan).

    Each member's week is their own Monday-to-Sunday in their own zone.
    """
    completed: dict[int, list[tuple[int, datetime]]] = defaultdict(list)
    for user_id, started in activity.completed:
        completed[user_id].append((0, started))
    planned: dict[int, list[datetime]] = defaultdict(list)
    for user_id, status, at, snoozes in activity.deliveries:
        if snoozes == 0 and status not in NOT_COUNTED and at <= now:
            planned[user_id].append(at)
    sessions = 0
    adherence: list[int] = []
    for user_id in activity.started:
        zone = zone_info(activity.zones.get(user_id), default_zone)
        mine = pg.compute(
            now=now, zone=zone, completed=completed[user_id], planned=planned[user_id]
        )
        sessions += mine.sessions_this_week
        if mine.adherence is not None:
            adherence.append(mine.adherence)
    return len(activity.started), sessions, adherence


@command("clinic stats", "How members use Limber here (aggregate numbers only)", admin_only=True)
async def stats_command(ctx: Context, options: NoOptions) -> Reply:
    key = ctx.scope.clinic_key
    if key is None:
        return Reply.error("Use `/clinic stats` inside your server, not in a direct message.")
    since = ctx.now - timedelta(days=ACTIVE_DAYS)
    activity = await ctx.store.progress.clinic_activity(key, since)
    active, sessions, adherence = clinic_numbers(activity, ctx.now, ctx.config.default_timezone)
    if active < MIN_MEMBERS:
        return Reply.text(TOO_FEW.format(n=MIN_MEMBERS, days=ACTIVE_DAYS))
    lines = [
        f"Active members (a session in the last {ACTIVE_DAYS} days): {active}",
        f"Sessions completed this week: {sessions}",
    ]
    if len(adherence) >= MIN_MEMBERS:
        lines.append(
            f"Average adherence to reminders this week: {round(fmean(adherence))}% "
            f"({len(adherence)} members with reminders)"
        )
    else:
        lines.append(
            f"Average adherence: shown once at least {MIN_MEMBERS} active members use reminders."
        )
    lines.append("Individual data, including pain scores, is never shown here.")
    return Reply([Message("\n".join(lines), title="Clinic stats")])


COMMANDS = [stats_command]
