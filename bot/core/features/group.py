"""Group stretch-alongs: `/stretch group`, recurring ones (`/group add|list|remove`, admins),
the server's zone (`/clinic timezone`), and the Join / Leave / It hurts buttons.

Times are read in the server's zone (else the person's, else the operator's default).
The buttons answer only the person who pressed them (the reply is private); the channel
message shows counts only. Before a first session Limber screens for red flags, so a
person never screened is sent to that check first (`/stretch start`) before joining.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from pydantic import BaseModel, ConfigDict, Field

from bot.core.commands import NoOptions, command
from bot.core.context import Context
from bot.core.errors import CommandError
from bot.core.features.stretch import find_routine
from bot.core.messages import Message, Reply
from bot.core.recurrence import wall_to_utc
from bot.core.reminders.groups import LEAD
from bot.core.reminders.schedule import (
    ReminderInputError,
    Schedule,
    describe_days,
    local_label,
    next_occurrence,
    parse_days,
    parse_duration,
    parse_time,
    zone_info,
)
from bot.core.reminders.zones import resolve_zone

DEFAULT_LEAD = timedelta(minutes=5)
MIN_LEAD = timedelta(minutes=1)
MAX_AHEAD = timedelta(days=7)
MAX_SCHEDULES = 20
AT_HINT = "Use a time like `15:00` or `3pm`, a delay like `10m`, or `now` (in a minute)."


class GroupOptions(BaseModel):
    model_config = ConfigDict(extra="forbid")
    routine: str | None = Field(
        default=None,
        max_length=40,
        description="Routine id (default: low-back-starter)",
        json_schema_extra={"autocomplete": "routine"},
    )
    at: str | None = Field(
        default=None, max_length=40, description="When: 15:00, 3pm, 10m or now (default: 5 min)"
    )


class ScheduleOptions(BaseModel):
    model_config = ConfigDict(extra="forbid")
    time: str = Field(min_length=1, max_length=20, description="Start time, e.g. 15:00 or 3pm")
    days: str | None = Field(
        default=None, max_length=60, description="daily (default), weekdays, weekends, mon,wed"
    )
    routine: str | None = Field(
        default=None,
        max_length=40,
        description="Routine id (default: low-back-starter)",
        json_schema_extra={"autocomplete": "routine"},
    )


class IdOption(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: int = Field(ge=1, description="The id shown by /group list")


class ServerZoneOption(BaseModel):
    model_config = ConfigDict(extra="forbid")
    zone: str = Field(
        min_length=1,
        max_length=64,
        description="The server's city or IANA time zone, e.g. Europe/Berlin",
        json_schema_extra={"autocomplete": "timezone"},
    )


async def server_zone(ctx: Context) -> str:
    """The server's zone (`/clinic timezone`), else the person's, else the default."""
    key = ctx.scope.clinic_key
    saved = await ctx.store.clinics.get(key) if key else None
    if saved is not None and saved.timezone:
        return saved.timezone
    return ctx.user.timezone or ctx.config.default_timezone


def _channel(ctx: Context, what: str) -> str:
    if ctx.phrases.no_group_sessions:
        raise CommandError(ctx.phrases.no_group_sessions)
    if ctx.scope.guild_id is None or ctx.scope.channel_id is None:
        raise CommandError(f"Use `{what}` in a server channel: everyone there can join.")
    return ctx.scope.channel_id


def read_start(text: str | None, now: datetime, zone: str) -> datetime:
    """When a one-off group session starts: a delay, `now`, or the next such local time."""
    if text is None:
        return now + DEFAULT_LEAD
    value = text.strip().lower().removeprefix("in ").strip()
    if value == "now":
        return now + MIN_LEAD
    delay = parse_duration(value)
    if delay is not None:
        if not MIN_LEAD <= delay <= MAX_AHEAD:
            raise CommandError("Start between 1 minute and 7 days from now.")
        return now + delay
    try:
        at = parse_time(text)
    except ReminderInputError:
        raise CommandError(f"I can't read `{text}` as a start. {AT_HINT}") from None
    local = now.astimezone(zone_info(zone))
    start = wall_to_utc(local.date(), at, zone_info(zone))
    if start <= now:
        start = wall_to_utc(local.date() + timedelta(days=1), at, zone_info(zone))
    return start


@command("stretch group", "Stretch together: post a stretch-along in this channel", GroupOptions)
async def group_command(ctx: Context, options: GroupOptions) -> Reply:
    channel = _channel(ctx, "/stretch group")
    name, at = options.routine, options.at
    if name is not None and at is None and ctx.library.get(name) is None:
        try:  # `/stretch group 15:00`: the one value given is the time
            read_start(name, ctx.now, "UTC")
            name, at = None, name
        except CommandError:
            pass
    routine = find_routine(ctx, name)
    zone = await server_zone(ctx)
    starts_at = read_start(at, ctx.now, zone)
    group = await ctx.services.groups.announce(
        ctx.scope.platform, ctx.scope.clinic_key, channel, routine, starts_at
    )
    assert group is not None
    return Reply.text(
        f"Posted: **{routine.name}** starts {local_label(starts_at, zone)} ({zone}). "
        "Press Join on it to stretch along."
    )


@command("group add", "Admins: a recurring stretch-along in this channel", ScheduleOptions,
         admin_only=True)  # fmt: skip
async def add_command(ctx: Context, options: ScheduleOptions) -> Reply:
    channel = _channel(ctx, "/group add")
    key = ctx.scope.clinic_key
    assert key is not None
    try:
        at = parse_time(options.time)
        days = parse_days(options.days)
    except ReminderInputError as exc:
        raise CommandError(str(exc)) from None
    routine = find_routine(ctx, options.routine)
    if len(await ctx.store.groups.schedules(key)) >= MAX_SCHEDULES:
        raise CommandError(f"A server has at most {MAX_SCHEDULES} recurring stretch-alongs.")
    zone = await server_zone(ctx)
    nxt = next_occurrence(Schedule(days, (at,), zone), ctx.now)
    sid = await ctx.store.groups.add_schedule(
        ctx.scope.platform, key, channel, routine.id, days, at, nxt.at, nxt.slot, ctx.now
    )
    ctx.services.group_schedules.notify()
    minutes = int(LEAD.total_seconds() // 60)
    return Reply.text(
        f"Recurring stretch-along {sid} added: **{routine.name}**, {describe_days(days)} at "
        f"{at:%H:%M} ({zone}), in this channel. Next: {local_label(nxt.at, zone)}; it is "
        f"posted {minutes} minutes before, with a Join button. Change the server's zone with "
        "`/clinic timezone`."
    )


@command("group list", "The recurring stretch-alongs of this server")
async def list_command(ctx: Context, options: NoOptions) -> Reply:
    key = ctx.scope.clinic_key
    if key is None:
        raise CommandError("Use `/group list` in a server.")
    zone = await server_zone(ctx)
    rows = await ctx.store.groups.schedules(key)
    if not rows:
        return Reply.text("No recurring stretch-alongs yet. Admins add one with `/group add`.")
    lines = [
        f"{s.id}: {s.routine_id}, {describe_days(s.days)} at {s.at:%H:%M} — next "
        f"{local_label(s.next_at, zone)}"
        for s in rows
    ]
    return Reply([Message("\n".join(lines), title=f"Recurring stretch-alongs ({zone})")])


@command("group remove", "Admins: remove a recurring stretch-along", IdOption, admin_only=True)
async def remove_command(ctx: Context, options: IdOption) -> Reply:
    key = ctx.scope.clinic_key
    if key is None or not await ctx.store.groups.remove_schedule(key, options.id):
        raise CommandError(f"No recurring stretch-along {options.id} here. See `/group list`.")
    return Reply.text(f"Recurring stretch-along {options.id} removed.")


@command("clinic timezone", "Admins: the server's time zone (group times)", ServerZoneOption,
         admin_only=True)  # fmt: skip
async def zone_command(ctx: Context, options: ServerZoneOption) -> Reply:
    key = ctx.scope.clinic_key
    if key is None:
        raise CommandError("Use `/clinic timezone` inside your server.")
    try:
        choice = resolve_zone(options.zone)
    except ReminderInputError as exc:
        raise CommandError(str(exc)) from None
    await ctx.store.clinics.set_timezone(key, choice.zone, ctx.now)
    moved = 0
    for s in await ctx.store.groups.schedules(key):
        nxt = next_occurrence(Schedule(s.days, (s.at,), choice.zone), ctx.now)
        await ctx.store.groups.set_schedule_next(s.id, nxt.at, nxt.slot)
        moved += 1
    ctx.services.group_schedules.notify()
    text = f"This server's time zone is now **{choice.zone}**."
    if moved:
        text += f" {moved} recurring stretch-along(s) now follow it."
    return Reply.text(text + (f"\n{choice.note}" if choice.note else ""))


async def group_action(ctx: Context, parts: list[str]) -> Reply:
    """`limber:group:<id>:join|leave|hurt`: answers only the person who pressed."""
    if len(parts) != 2 or not parts[0].isdigit():
        return Reply.error("That button is no longer available.")
    group_id, verb = int(parts[0]), parts[1]
    groups = ctx.services.groups
    if verb == "hurt":
        return await groups.hurt(ctx.user, group_id)
    if verb == "leave":
        return await groups.leave(ctx.user, group_id)
    if verb == "join":
        if ctx.user.screened_at is None:
            return Reply.text(
                "Before your first session Limber asks a few safety questions, in private. "
                "Answer them with `/stretch start` (you can stop that session right away), "
                "then press Join again."
            )
        return await groups.join(ctx.user, group_id)
    return Reply.error("That button is no longer available.")


COMMANDS = [group_command, add_command, list_command, remove_command, zone_command]
ACTIONS = {"group": group_action}
