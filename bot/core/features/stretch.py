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
from bot.core.features.help import SAFETY_NOTE
from bot.core.messages import Action, ActionStyle, Kind, Message, Reply, action_id
from bot.core.models import Dose
from bot.core.ports import DeliveryError
from bot.core.questions import ScreeningQuestion
from bot.core.routines import Exercise, Routine, Style
from bot.core.sessions.timeline import describe_length, dosed, total_seconds
from bot.core.triage.assess import SCREENING_QUESTIONS, parse_yes_no, screening_reply


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


async def begin(ctx: Context, routine: Routine, origin: str) -> Reply:
    """Start a session, screening for red flags first if this person was never asked."""
    if ctx.user.screened_at is None:
        await ctx.store.users.set_pending(
            ctx.user.id,
            ScreeningQuestion(index=0, routine=routine.id, origin=origin),
        )
        intro = Message(
            "Before your first session, a few quick safety questions. "
            "Please answer each with yes or no.",
            kind=Kind.QUESTION,
        )
        if ctx.scope.guild_id is None or ctx.scope.direct:
            return Reply([intro, screening_question(0)])
        # From a server: health questions belong in the private chat, like the session.
        try:
            await ctx.chat.send(ctx.user, intro)
            await ctx.chat.send(ctx.user, screening_question(0))
        except DeliveryError:
            return Reply([intro, screening_question(0)])  # DMs closed: ask here, privately
        return Reply.text(
            "Before your first session I've sent you a few quick safety questions in "
            f"{ctx.phrases.private_place}."
        )
    reply = await ctx.coach.start(ctx.user, routine, origin)
    started = bool(reply.messages) and reply.messages[0].kind is Kind.INFO
    if started and ctx.scope.guild_id is not None and not ctx.scope.direct:
        reply.messages.insert(0, Message(f"I've sent your session to {ctx.phrases.private_place}."))
    return reply


def screening_question(index: int) -> Message:
    question = SCREENING_QUESTIONS[index]
    return Message(
        f"{index + 1}/{len(SCREENING_QUESTIONS)}: {question.text}",
        actions=(
            Action(action_id("screen", index, "yes"), "Yes", ActionStyle.DANGER),
            Action(action_id("screen", index, "no"), "No", ActionStyle.SUCCESS),
        ),
        kind=Kind.QUESTION,
    )


async def answer_screening(ctx: Context, index: int, answer: bool) -> Reply:
    """One answer of the screening; a yes ends it with urgent-care advice and no session."""
    pending = ctx.user.pending
    if not isinstance(pending, ScreeningQuestion) or pending.index != index:
        return Reply.text("That question has already been answered.")
    if answer:
        await ctx.store.users.set_pending(ctx.user.id, None)
        clinic = await ctx.clinic_info()
        key = SCREENING_QUESTIONS[index].key
        return Reply([Message(screening_reply([key], clinic), kind=Kind.URGENT)])
    if index + 1 < len(SCREENING_QUESTIONS):
        await ctx.store.users.set_pending(
            ctx.user.id, pending.model_copy(update={"index": index + 1})
        )
        return Reply([screening_question(index + 1)])
    await ctx.store.users.set_pending(ctx.user.id, None)
    await ctx.store.users.mark_screened(ctx.user.id, ctx.now)
    routine = ctx.library.get(pending.routine) or ctx.library.default_routine()
    refreshed = await ctx.store.users.get(ctx.user.id)
    assert refreshed is not None
    ctx.user = refreshed
    reply = Reply([Message(f"Thank you. ⚠ {SAFETY_NOTE}")])
    started = await begin(ctx, routine, pending.origin)
    reply.messages.extend(started.messages)
    return reply


async def screening_answer(ctx: Context, pending: ScreeningQuestion, text: str) -> Reply | None:
    """A typed yes/no to the screening question shown now."""
    answer = parse_yes_no(text)
    if answer is None:
        return Reply([Message("Please answer yes or no."), screening_question(pending.index)])
    return await answer_screening(ctx, pending.index, answer)


async def session_action(ctx: Context, parts: list[str]) -> Reply:
    """`limber:session:<id>:<step>:<verb>`."""
    if len(parts) != 3 or not parts[0].isdigit():
        return Reply.error("That button is no longer available.")
    return await ctx.coach.act(ctx.user, int(parts[0]), parts[1], parts[2])


async def screen_action(ctx: Context, parts: list[str]) -> Reply:
    """`limber:screen:<index>:yes|no`."""
    if len(parts) != 2 or not parts[0].isdigit() or parts[1] not in {"yes", "no"}:
        return Reply.error("That button is no longer available.")
    return await answer_screening(ctx, int(parts[0]), parts[1] == "yes")


COMMANDS = [routines_command, show_command, start_command]
ACTIONS = {"session": session_action, "screen": screen_action}
ANSWERS = {"screening": screening_answer}
