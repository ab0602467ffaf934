"""Every path to triage: `/pain`, the "It hurts" answer, the end-of-session check-in,
and free text. They all end in `respond`, so the wording and the safety rules are one.

Pain scores are stored (numbers only, never the note) only after the person agreed
once; the triage answer never waits for that agreement.
"""

from __future__ import annotations

import re
from dataclasses import replace

from pydantic import BaseModel, ConfigDict, Field

from bot.core.commands import command
from bot.core.context import Context
from bot.core.features.safety import safety_actions
from bot.core.messages import Action, ActionStyle, Kind, Message, Reply, action_id
from bot.core.questions import ConsentQuestion, PainQuestion, PauseOffer, SafetyCheck
from bot.core.triage.answer import answer_assessment
from bot.core.triage.assess import (
    Assessment,
    PainLevel,
    assess_score,
    assess_text,
    parse_yes_no,
)

CONSENT_TEXT = (
    "May I keep your pain scores (numbers only, never what you write) to show how your pain "
    "changes in `/progress`? You can see, export or delete them any time with `/privacy`."
)


class PainOptions(BaseModel):
    model_config = ConfigDict(extra="forbid")
    level: int = Field(
        ge=0,
        le=1000,
        description="0 = no pain … 10 = worst imaginable (more counts as 10)",
        json_schema_extra={"scale": "from 0 to 10"},
    )
    note: str | None = Field(
        default=None,
        max_length=500,
        description="Anything to add (not stored)",
        json_schema_extra={"rest": True},
    )


def consent_question(score: int | None, context: str) -> Message:
    held = "" if score is None else f":{score}:{context}"
    return Message(
        CONSENT_TEXT,
        actions=(
            Action(action_id("consent", "yes") + held, "Keep my scores", ActionStyle.SUCCESS),
            Action(action_id("consent", "no"), "Don't keep them"),
        ),
        kind=Kind.QUESTION,
    )


async def respond(
    ctx: Context, assessment: Assessment, context: str, session_id: int | None = None
) -> Reply:
    """Answer an assessment: the triage reply first, then bookkeeping.

    Severe pain or a red flag stops a running session. A score is stored when the person
    has agreed; if they were never asked, the question comes after the answer.
    """
    # Counts by level and path only: never the text, the score or who.
    ctx.services.telemetry.count("triage_answers", level=assessment.level.value, source=context)
    clinic = await ctx.clinic_info()
    said = answer_assessment(assessment, clinic)
    urgent = said.level is PainLevel.REDFLAG
    messages = (
        [Message(said.reply, kind=Kind.URGENT if urgent else Kind.TRIAGE)] if said.reply else []
    )
    stop = said.level in {PainLevel.REDFLAG, PainLevel.SEVERE} and said.subject != "other"
    if stop:
        # Remembered for a day: the next start asks whether they have been checked.
        await ctx.store.users.set_alert(ctx.user.id, said.level.value, ctx.now)
        if ctx.user.id and await ctx.coach.stop_active(ctx.user):
            messages.append(Message("I've stopped your session."))
        if ctx.user.id and await ctx.services.groups.leave_all(ctx.user, "hurt"):
            messages.append(
                Message("I've taken you out of the group stretch-along (only you see this).")
            )
        messages.append(pause_offer())
        # A typed "yes" or "no" answers it (reminder_commands.pause_offer_answer).
        await ctx.store.users.set_pending(ctx.user.id, PauseOffer())
    if said.follow_up:
        # Safety first: the red-flag questions are the one open question now.
        await ctx.store.users.set_pending(ctx.user.id, SafetyCheck(keys=said.questions))
        if messages:
            messages[-1] = replace(messages[-1], actions=safety_actions(said.questions))
        return Reply(messages)
    if assessment.score is not None:
        score = max(0, min(10, assessment.score))
        if ctx.user.consent_pain is None:
            messages.append(consent_question(score, context))
            # A typed "yes"/"no" answers it too (conversation.py).
            await ctx.store.users.set_pending(
                ctx.user.id, ConsentQuestion(score=score, context=context)
            )
        else:
            await ctx.store.users.add_pain(ctx.user.id, score, context, ctx.now, session_id)
    return Reply(messages)


def pause_offer() -> Message:
    """The offer after a red flag or severe pain: pause reminders for a day, or keep them."""
    return Message(
        "Want a break from reminders while you get this looked at?",
        actions=(
            Action(action_id("pauseday"), "Pause reminders for a day"),
            Action(action_id("pauseday", "keep"), "Keep them on", ActionStyle.SECONDARY),
        ),
        kind=Kind.QUESTION,
    )


@command("pain", "Tell Limber how much pain you have, 0–10", PainOptions)
async def pain_command(ctx: Context, options: PainOptions) -> Reply:
    return await respond(ctx, _assess_given(options.level, options.note), "report")


def _assess_given(score: int, note: str | None) -> Assessment:
    """A score as given: above 10 ("11", "100") is the top of the scale (severe)."""
    if score > 10:
        note = f"{note or ''} (above the scale: {score})".strip()
        return assess_score(10, note)
    return assess_score(score, note)


async def answer_pain(
    ctx: Context, score: int, context: str, session_id: int | None, note: str | None = None
) -> Reply:
    """A score given to the 'It hurts' question or the check-in after a session."""
    await ctx.store.users.set_pending(ctx.user.id, None)
    return await respond(ctx, _assess_given(score, note), context, session_id)


async def pain_action(ctx: Context, parts: list[str]) -> Reply:
    """`limber:pain:<context>:<session id or 0>:<score>`."""
    if len(parts) != 3 or not parts[1].isdigit() or not parts[2].isdigit():
        return Reply.error("That button is no longer available.")
    score = min(int(parts[2]), 10)
    session_id = int(parts[1]) or None
    return await answer_pain(ctx, score, parts[0], session_id)


async def consent_action(ctx: Context, parts: list[str]) -> Reply:
    """`limber:consent:yes[:score:context]` or `limber:consent:no`."""
    if not parts or parts[0] not in {"yes", "no"}:
        return Reply.error("That button is no longer available.")
    if isinstance(ctx.user.pending, ConsentQuestion):
        await ctx.store.users.set_pending(ctx.user.id, None)
    granted = parts[0] == "yes"
    await ctx.store.users.set_pain_consent(ctx.user.id, granted, ctx.now)
    if not granted:
        return Reply.text(
            "Understood: I won't keep your pain scores. You can change this with `/privacy`."
        )
    if len(parts) == 3 and parts[1].isdigit() and int(parts[1]) <= 10:
        await ctx.store.users.add_pain(ctx.user.id, int(parts[1]), parts[2], ctx.now)
    return Reply.text(
        "Thank you. I'll keep your pain scores (numbers only) for `/progress`. "
        "Withdraw any time with `/privacy`."
    )


_BARE_SCORE = re.compile(r"\s*(\d{1,3})\s*(?:/\s*10)?\s*[.!]*\s*")


async def pain_answer(ctx: Context, pending: PainQuestion, text: str) -> Reply | None:
    """A typed answer to "how bad is it?": a bare number, or a report with a score."""
    match = _BARE_SCORE.fullmatch(text)
    score = int(match.group(1)) if match else assess_text(text).score
    if score is None or score < 0:
        return None
    return await answer_pain(ctx, score, pending.context, pending.session_id, note=text)


async def consent_answer(ctx: Context, pending: ConsentQuestion, text: str) -> Reply | None:
    """A typed yes/no to "may I keep your scores?"."""
    answer = parse_yes_no(text)
    if answer is None:
        return None
    parts = ["yes" if answer else "no"]
    if answer and pending.score is not None and pending.context is not None:
        parts += [str(pending.score), pending.context]
    return await consent_action(ctx, parts)


COMMANDS = [pain_command]
ACTIONS = {"pain": pain_action, "consent": consent_action}
ANSWERS = {"pain": pain_answer, "consent": consent_answer}
