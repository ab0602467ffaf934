"""`/reminders add|list|remove|pause|resume` and the Start / Snooze / Skip buttons.

Handlers parse and answer; schedules and deliveries are stored through ReminderRepo and
the dispatcher is only told "something is due at T" so it can wake earlier. A person
only ever sees and changes their own rows: another person's id gets the same answer as
an id that does not exist.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from pydantic import BaseModel, ConfigDict, Field, field_validator

from bot.core.commands import NoOptions, command
from bot.core.context import Context
from bot.core.errors import CommandError
from bot.core.features.reminder_times import user_zone, wake
from bot.core.features.session_start import begin
from bot.core.features.stretch import find_routine
from bot.core.messages import Message, Reply
from bot.core.models import Delivery, NewDelivery, Reminder
from bot.core.questions import PauseOffer
from bot.core.reminders.phrase import ReminderPhrase, parse_phrase
from bot.core.reminders.schedule import (
    MAX_REMINDERS,
    MAX_SNOOZES,
    PAUSE_EDGE,
    SNOOZE,
    ReminderInputError,
    Schedule,
    describe_schedule,
    local_label,
    next_occurrence,
    read_pause,
    schedule_of,
)
from bot.core.triage.assess import parse_yes_no

NOT_AVAILABLE = "That reminder is not available."
SNOOZE_WINDOW = timedelta(hours=2)


class AddOptions(BaseModel):
    model_config = ConfigDict(extra="forbid")
    time: str = Field(
        min_length=1,
        max_length=200,
        description="When: 09:00, 9am, 1730, 8am,6pm, or every 45m from 09:00 to 17:00",
        # Typed, the whole phrase lands here ("9am Mon, Wed low-back-starter") and is read
        # as one (bot.core.reminders.phrase); Discord's separate options are joined to it.
        json_schema_extra={"rest": True},
    )
    days: str | None = Field(
        default=None,
        max_length=100,
        description="daily (default), weekdays, weekends, or days like mon,wed,fri",
    )
    routine: str | None = Field(
        default=None,
        max_length=40,
        description="Routine id (default: the starter routine)",
        json_schema_extra={"autocomplete": "routine"},
    )


class RemoveOptions(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: int = Field(ge=1, description="Reminder id, as shown by /reminders list (3 or #3)")

    @field_validator("id", mode="before")
    @classmethod
    def _hash_id(cls, value: object) -> object:
        """`#3`, as the list shows ids, is id 3; anything else gets an example."""
        if isinstance(value, str):
            text = value.strip().removeprefix("#").strip()
            if not text.isdigit():
                raise ValueError(
                    f"`{value}` is not a reminder id: use the number `/reminders list` shows, "
                    "e.g. `/reminders remove 3`"
                )
            return int(text)
        return value


class PauseOptions(BaseModel):
    model_config = ConfigDict(extra="forbid")
    until: str | None = Field(
        default=None,
        max_length=40,
        description="today, tomorrow, a date (24/12/2026), or a duration (1h, 2h30m, 3d)",
        json_schema_extra={"rest": True},
    )


def routine_name(ctx: Context, routine_id: str | None) -> str:
    library = ctx.library
    return (library.get(routine_id or "") or library.default_routine()).name


def _routine_key(ctx: Context, routine_id: str | None) -> str:
    return (ctx.library.get(routine_id or "") or ctx.library.default_routine()).id


def _same(r: Reminder, phrase: ReminderPhrase) -> bool:
    every = None if phrase.every is None else int(phrase.every.total_seconds() // 60)
    window = None if every is None else (phrase.start, phrase.end)
    stored = None if r.every_minutes is None else (r.window_start, r.window_end)
    return (
        r.days == phrase.days
        and r.times == phrase.times
        and r.every_minutes == every
        and stored == window
    )


def current_pause(reminders: list[Reminder], now: datetime) -> tuple[str, datetime | None] | None:
    """The person's pause, read from their reminders: ('paused', None) until resumed,
    ('active', until) for a dated pause, None when not paused."""
    if any(r.state == "paused" for r in reminders):
        return "paused", None
    ends = [r.paused_until for r in reminders if r.state == "active" and r.paused_until]
    until = max(ends, default=None)
    return ("active", until) if until is not None and until > now else None


@command("reminders add", "Add a reminder: time or interval, days, routine", AddOptions)
async def add_command(ctx: Context, options: AddOptions) -> Reply:
    text = " ".join(p for p in (options.time, options.days, options.routine) if p)
    try:
        phrase = parse_phrase(text, ctx.library.routines)
    except ReminderInputError as exc:
        raise CommandError(str(exc)) from None
    routine = find_routine(ctx, phrase.routine) if phrase.routine else None
    zone, chosen = user_zone(ctx)
    schedule = Schedule(phrase.days, phrase.times, zone, phrase.every, phrase.start, phrase.end)
    repo = ctx.store.reminders
    existing = await repo.for_user(ctx.user.id)
    wanted = _routine_key(ctx, routine.id if routine else None)
    for r in existing:
        if _same(r, phrase) and _routine_key(ctx, r.routine_id) == wanted:
            return Reply.text(
                f"You already have that one (#{r.id}): {describe_schedule(schedule)}. "
                "See `/reminders list`."
            )
    pause = current_pause(existing, ctx.now)
    state, until = pause if pause is not None else ("active", None)
    first = next_occurrence(schedule, ctx.now if until is None else until - PAUSE_EDGE)
    every = None if phrase.every is None else int(phrase.every.total_seconds() // 60)
    window = None if phrase.start is None or phrase.end is None else (phrase.start, phrase.end)
    reminder_id = await repo.add(
        ctx.user.id,
        phrase.days,
        phrase.times,
        routine.id if routine else None,
        first.at,
        first.slot,
        ctx.now,
        MAX_REMINDERS,
        every_minutes=every,
        window=window,
        state=state,
        paused_until=until,
    )
    if reminder_id is None:
        raise CommandError(
            f"You already have {MAX_REMINDERS} reminders, the most I keep per person. "
            "Remove one with `/reminders remove <id>` (ids are in `/reminders list`), "
            "or add several times to one reminder (`8am,6pm`)."
        )
    name = routine.name if routine else routine_name(ctx, None)
    text = f"Reminder **#{reminder_id}** added: {describe_schedule(schedule)} — {name}."
    if state == "paused":
        text += (
            " It is paused like your other reminders, until you switch them back on with "
            "`/reminders resume`."
        )
    elif until is not None:
        wake(ctx, [first.at])
        text += (
            f" It is paused like your other reminders until {local_label(until, zone)}; "
            f"first: {local_label(first.at, zone)}."
        )
    else:
        wake(ctx, [first.at])
        text += f" Next: {local_label(first.at, zone)}."
    if phrase.default_window:
        text += " (09:00 to 17:00 is the default window: add `from 08:00 to 16:00` to change it.)"
    if not chosen:
        text += f"\nTimes are in {zone}; set yours with `/timezone set`."
    return Reply([Message(text)])


def _describe(ctx: Context, r: Reminder, zone: str, snoozes: list[Delivery]) -> str:
    line = (
        f"**#{r.id}** {describe_schedule(schedule_of(r, zone))} — {routine_name(ctx, r.routine_id)}"
    )
    for d in snoozes:
        line += f" — snoozed: again at {local_label(d.due_at, zone)}"
    if r.state == "paused":
        return line + " — paused (`/reminders resume`)"
    if r.state == "disabled":
        return line + " — off: I couldn't message you (`/reminders resume`)"
    if r.paused_until is not None and r.paused_until > ctx.now:
        line += f" — paused until {local_label(r.paused_until, zone)}"
    return line + f" — next: {local_label(r.next_at, zone)}"


@command("reminders list", "Your reminders, with ids and when each fires next")
async def list_command(ctx: Context, options: NoOptions) -> Reply:
    repo = ctx.store.reminders
    reminders = await repo.for_user(ctx.user.id)
    zone, chosen = user_zone(ctx)
    if not reminders:
        return Reply.text("You have no reminders. Add one with `/reminders add 9am weekdays`.")
    snoozed: dict[int | None, list[Delivery]] = {}
    for d in await repo.pending_for(ctx.user.id):
        if d.snoozes:
            snoozed.setdefault(d.reminder_id, []).append(d)
    note = "" if chosen else " (not set: `/timezone set`)"
    lines = [f"Times in {zone}{note}:"]
    lines += [_describe(ctx, r, zone, snoozed.pop(r.id, [])) for r in reminders]
    return Reply([Message("\n".join(lines), title="Your reminders")])


@command("reminders remove", "Remove one of your reminders", RemoveOptions)
async def remove_command(ctx: Context, options: RemoveOptions) -> Reply:
    if not await ctx.store.reminders.remove(ctx.user.id, options.id):
        return Reply.error("No reminder with that id. See `/reminders list` for yours.")
    return Reply.text(f"Reminder #{options.id} removed.")


@command(
    "reminders pause", "Pause all your reminders (until a date, or until resumed)", PauseOptions
)
async def pause_command(ctx: Context, options: PauseOptions) -> Reply:
    zone, _ = user_zone(ctx)
    try:
        until, note = (
            (None, None) if options.until is None else read_pause(options.until, ctx.now, zone)
        )
    except ReminderInputError as exc:
        raise CommandError(str(exc)) from None
    repo = ctx.store.reminders
    reminders = await repo.for_user(ctx.user.id)
    if not reminders:
        return Reply.text("You have no reminders to pause.")
    if until is None:
        await repo.pause_all(ctx.user.id, [], None, ctx.now)
        return Reply.text("Reminders paused. Switch them back on with `/reminders resume`.")
    updates = []
    for r in reminders:
        nxt = next_occurrence(schedule_of(r, zone), until - PAUSE_EDGE)
        updates.append((r.id, nxt.at, nxt.slot))
    await repo.pause_all(ctx.user.id, updates, until, ctx.now)
    wake(ctx, (at for _, at, _ in updates))
    read = f" ({note})" if note else ""
    return Reply.text(
        f"Reminders paused until {local_label(until, zone)}{read}; they start again by "
        "themselves (or earlier with `/reminders resume`)."
    )


@command("reminders resume", "Switch your reminders back on")
async def resume_command(ctx: Context, options: NoOptions) -> Reply:
    await ctx.store.users.mark_unreachable(ctx.user.id, None)
    ctx.reminders.reachable_again(ctx.user.id)
    repo = ctx.store.reminders
    reminders = await repo.for_user(ctx.user.id)
    if not reminders:
        return Reply.text("You have no reminders. Add one with `/reminders add 9am weekdays`.")
    zone, _ = user_zone(ctx)
    updates = []
    for r in reminders:
        nxt = next_occurrence(schedule_of(r, zone), ctx.now)
        updates.append((r.id, nxt.at, nxt.slot))
    await repo.set_next(updates, state="active", paused_until=None)
    wake(ctx, (at for _, at, _ in updates))
    first = min(at for _, at, _ in updates)
    return Reply.text(f"Reminders are on again. Next: {local_label(first, zone)}.")


# buttons -------------------------------------------------------------------------------
async def reminder_action(ctx: Context, parts: list[str]) -> Reply:
    """`limber:reminder:<delivery id>:start|snooze|skip`."""
    if len(parts) != 2 or not parts[0].isdigit() or parts[1] not in {"start", "snooze", "skip"}:
        return Reply.error("That button is no longer available.")
    repo = ctx.store.reminders
    delivery = await repo.delivery(int(parts[0]))
    if delivery is None or delivery.user_id != ctx.user.id:
        return Reply.error(NOT_AVAILABLE)
    verb = parts[1]
    if verb == "start":
        library = ctx.library
        routine = library.get(delivery.routine_id or "") or library.default_routine()
        await repo.mark_started(delivery.id, ctx.now)
        return await begin(ctx, routine, origin="reminder")
    zone, _ = user_zone(ctx)
    if delivery.action is not None or delivery.status not in {"sent", "late"}:
        return Reply.text(_handled(delivery.action, delivery.status))
    if verb == "skip":
        if not await repo.act(delivery.id, ("sent", "late"), "skipped", "skipped", ctx.now):
            return Reply.text("That reminder was already handled.")
        return Reply.text("Skipped this one." + await _next_note(ctx, zone))
    if ctx.now - delivery.occurs_at > SNOOZE_WINDOW:
        return Reply.text(
            "That reminder is too old to snooze. Start a session any time with `/stretch start`."
            + await _next_note(ctx, zone)
        )
    if delivery.snoozes >= MAX_SNOOZES:
        return Reply.text("You've snoozed this one enough times; press Start or Skip.")
    again = ctx.now + SNOOZE
    base = delivery.key.split(":snooze", 1)[0]
    snoozes = delivery.snoozes + 1
    snoozed = NewDelivery(
        key=f"{base}:snooze{snoozes}",
        reminder_id=delivery.reminder_id,
        user_id=ctx.user.id,
        routine_id=delivery.routine_id,
        occurs_at=again,
        status="pending",
        snoozes=snoozes,
    )
    if await repo.snooze(delivery.id, ("sent", "late"), snoozed, ctx.now) is None:
        return Reply.text("That reminder was already handled.")
    wake(ctx, [again])
    return Reply.text(f"Snoozed: I'll remind you again at {local_label(again, zone)}.")


def _handled(action: str | None, status: str) -> str:
    if action == "started" or status == "started":
        return "You already started a session from this reminder."
    if action == "snoozed" or status == "snoozed":
        return "Already snoozed: a new reminder is on its way."
    if action == "skipped" or status == "skipped":
        return "You already skipped this one."
    return "That reminder can't be changed any more."


async def _next_note(ctx: Context, zone: str) -> str:
    active = [r for r in await ctx.store.reminders.for_user(ctx.user.id) if r.state == "active"]
    if not active:
        return ""
    return f" Next reminder: {local_label(min(r.next_at for r in active), zone)}."


COMMANDS = [add_command, list_command, remove_command, pause_command, resume_command]


KEPT_ON = (
    "OK, your reminders stay on. Please only stretch once you've been checked and it's OK; "
    "`/reminders pause` takes a break any time."
)


async def pause_day_action(ctx: Context, parts: list[str]) -> Reply:
    """`limber:pauseday[:keep]`: pause all reminders for a day (offered after a warning),
    or keep them on."""
    if isinstance(ctx.user.pending, PauseOffer):
        await ctx.store.users.set_pending(ctx.user.id, None)
    if parts[:1] == ["keep"]:
        return Reply.text(KEPT_ON)
    return await pause_command.handler(ctx, PauseOptions(until="1d"))


async def pause_offer_answer(ctx: Context, pending: PauseOffer, text: str) -> Reply | None:
    """A typed yes/no to "want a break from reminders?"; anything else is read as usual."""
    answer = parse_yes_no(text)
    if answer is None:
        return None
    return await pause_day_action(ctx, [] if answer else ["keep"])


ACTIONS = {"reminder": reminder_action, "pauseday": pause_day_action}
ANSWERS = {"pause_offer": pause_offer_answer}
