"""`/stretch routines|show|start`, the session buttons, and red-flag screening.

Before a person's first session Limber asks the explicit red-flag questions (people
rarely mention saddle numbness unprompted); a "yes" gets urgent-care advice and no
session. Answers arrive as buttons or typed yes/no (see conversation.py).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from bot.core.commands import command
from bot.core.context import Context
from bot.core.errors import CommandError
from bot.core.features.session_start import begin
from bot.core.messages import Message, Reply
from bot.core.models import Dose
from bot.core.routines import Exercise, Routine, Style
from bot.core.sessions.timeline import describe_length, dosed, total_seconds


class RoutineOption(BaseModel):
    model_config = ConfigDict(extra="forbid")
    routine: str = Field(
        min_length=1,
        max_length=40,
        description="Routine id, e.g. low-back-starter",
        examples=["low-back-starter"],
        json_schema_extra={"autocomplete": "routine"},
    )


class StartOptions(BaseModel):
    model_config = ConfigDict(extra="forbid")
    routine: str | None = Field(
        default=None,
        max_length=40,
        description="Routine id (default: low-back-starter)",
        examples=["low-back-starter"],
        json_schema_extra={"autocomplete": "routine"},
    )
    hold: int | None = Field(
        default=None,
        ge=1,
        le=300,
        description="Seconds per hold of a stretch, within its range (e.g. 15–30); remembered",
        examples=[20],
    )
    repeats: int | None = Field(
        default=None,
        ge=1,
        le=20,
        description="Holds per side of a stretch, within its range (e.g. 3–4); remembered",
        examples=[4],
    )


def check_dose(routine: Routine, exercises: list[Exercise], dose: Dose) -> None:
    """A chosen hold or repeat count must fit every hold exercise of the routine."""
    holds = [e for e in exercises if e.style is Style.HOLD]
    if not holds and not dose.empty:
        raise CommandError(
            f"**{routine.name}** has no held stretch to set `hold` or `repeats` for."
        )
    for exercise in holds:
        p = exercise.prescription
        wanted = dose.hold_seconds
        if (
            wanted is not None
            and p.hold_seconds
            and not (p.hold_seconds.min <= wanted <= p.hold_seconds.max)
        ):
            raise CommandError(
                f"`hold` {wanted} s is outside the {exercise.name}'s range of "
                f"{p.hold_seconds} s. For example: `/stretch start hold:{p.hold_seconds.min}`."
            )
        if dose.repeats is not None and not p.reps.min <= dose.repeats <= p.reps.max:
            raise CommandError(
                f"`repeats` {dose.repeats} is outside the {exercise.name}'s range of "
                f"{p.reps} times. For example: `/stretch start repeats:{p.reps.max}`."
            )


def find_routine(ctx: Context, name: str | None) -> Routine:
    """The named routine, or the default; unknown names get a clear message and a hint."""
    library = ctx.library
    if name is None:
        return library.default_routine()
    routine = library.get(name)
    if routine is None:
        close = library.suggest(name)
        hint = f" Did you mean `{close[0]}`?" if close else ""
        known = ", ".join(f"`{r}`" for r in library.routines)
        raise CommandError(f"Unknown routine `{name}`.{hint} Routines: {known}.")
    return routine


@command("stretch routines", "List the routines: name, exercises, about how long", read_only=True)
async def routines_command(ctx: Context, options: Any) -> Reply:
    library = ctx.library
    lines = []
    for routine in library.routines.values():
        exercises = library.exercises_of(routine)
        length = describe_length(total_seconds(ctx.coach.timeline(routine)))
        names = ", ".join(e.name for e in exercises)
        lines.append(f"**{routine.name}** (`{routine.id}`) — {names}; {length}")
    lines.append("\nSee one with `/stretch show <routine>`, start with `/stretch start`.")
    return Reply([Message("\n".join(lines), title="Routines")])


@command("stretch show", "Full instructions of one routine", RoutineOption, read_only=True)
async def show_command(ctx: Context, options: RoutineOption) -> Reply:
    routine = find_routine(ctx, options.routine)
    library = ctx.library
    length = describe_length(total_seconds(ctx.coach.timeline(routine)))
    parts = [f"**{routine.name}** — {length}", routine.description]
    for number, exercise in enumerate(library.exercises_of(routine), 1):
        steps = "\n".join(f"   {i}. {line}" for i, line in enumerate(exercise.instructions, 1))
        cautions = "".join(f"\n   ⚠ {c}" for c in exercise.cautions)
        tempo = f"\n   Tempo: {exercise.prescription.tempo}" if exercise.prescription.tempo else ""
        parts.append(
            f"{number}. **{exercise.name}** — {exercise.describe_dose()}\n"
            f"   {exercise.summary}\n{steps}{tempo}{cautions}"
        )
    if routine.safety_note:
        parts.append(f"⚠ {routine.safety_note}")
    return Reply([Message("\n\n".join(p for p in parts if p), title=routine.name)])


@command("stretch start", "Start a guided session now, in private", StartOptions)
async def start_command(ctx: Context, options: StartOptions) -> Reply:
    routine = find_routine(ctx, options.routine)
    chosen = Dose(options.hold, options.repeats)
    note: Message | None = None
    if not chosen.empty:
        check_dose(routine, ctx.library.exercises_of(routine), chosen)
        dose = ctx.user.dose.merged(chosen)
        await ctx.store.users.set_dose(ctx.user.id, dose)
        ctx.user = replace(ctx.user, dose=dose)
        note = Message(describe_choice(routine, ctx.library.exercises_of(routine), dose))
    reply = await begin(ctx, routine, origin="command")
    if note is not None:
        reply.messages.insert(0, note)
    return reply


def describe_choice(routine: Routine, exercises: list[Exercise], dose: Dose) -> str:
    parts = []
    for exercise in exercises:
        if exercise.style is Style.HOLD:
            hold, reps = dosed(exercise, dose)
            parts.append(f"{exercise.name}: {reps} × {hold} s")
    return (
        f"Got it — {'; '.join(parts)}. I'll remember this for your next sessions "
        "(change it with `/stretch start hold:… repeats:…`)."
    )


async def session_action(ctx: Context, parts: list[str]) -> Reply:
    """`limber:session:<id>:<step>:<verb>`."""
    if len(parts) != 3 or not parts[0].isdigit():
        return Reply.error("That button is no longer available.")
    return await ctx.coach.act(ctx.user, int(parts[0]), parts[1], parts[2])


COMMANDS = [routines_command, show_command, start_command]
ACTIONS = {"session": session_action}
