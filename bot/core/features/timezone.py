"""`/timezone set|show`: the IANA zone reminder times are read in.

Changing the zone moves every reminder's next occurrence (the times stay the same wall
clock times, now in the new zone) and wakes the dispatcher if one became earlier.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from bot.core.commands import NoOptions, command
from bot.core.context import Context
from bot.core.errors import CommandError
from bot.core.features.reminder_times import reschedule_all, user_zone
from bot.core.messages import Message, Reply
from bot.core.reminders.schedule import ReminderInputError, local_label
from bot.core.reminders.zones import resolve_zone


class ZoneOption(BaseModel):
    model_config = ConfigDict(extra="forbid")
    zone: str = Field(
        min_length=1,
        max_length=64,
        description="Your city or IANA time zone, e.g. Europe/Berlin, America/New_York, ny, london",
        examples=["Europe/Berlin", "ny"],
        json_schema_extra={"autocomplete": "timezone"},
    )


@command("timezone set", "Set your time zone (reminder times are read in it)", ZoneOption)
async def set_command(ctx: Context, options: ZoneOption) -> Reply:
    try:
        choice = resolve_zone(options.zone)
    except ReminderInputError as exc:
        raise CommandError(str(exc)) from None
    zone = choice.zone
    await ctx.store.users.set_timezone(ctx.user.id, zone)
    moved = await reschedule_all(ctx, zone)
    text = f"Your time zone is now **{zone}** (local time {local_label(ctx.now, zone)})."
    if moved:
        text += f" Your {moved} reminder{'s' if moved != 1 else ''} now follow this zone."
    if choice.note:
        text += f"\n{choice.note}"
    return Reply([Message(text)])


@command("timezone show", "Your time zone and local time", read_only=True)
async def show_command(ctx: Context, options: NoOptions) -> Reply:
    zone, chosen = user_zone(ctx)
    if chosen:
        text = f"Your time zone: **{zone}**. Local time: {local_label(ctx.now, zone)}."
    else:
        text = (
            f"You haven't set a time zone, so I use **{zone}** (local time "
            f"{local_label(ctx.now, zone)}). Set yours with `/timezone set`."
        )
    return Reply([Message(text)])


COMMANDS = [set_command, show_command]
