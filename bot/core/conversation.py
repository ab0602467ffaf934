"""Free text from a person: the one handler every platform uses.

If Limber asked something (a pain score, a screening question, a confirmation), the
text is first read as the answer. A red flag in any text is answered as a red flag,
whatever was asked. Everything else goes to triage; text about nothing painful gets a
short pointer to `/help`.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable

from bot.core.commands import Context
from bot.core.handlers.pain import answer_pain, consent_action, respond
from bot.core.handlers.stretch import answer_screening, screening_question
from bot.core.messages import Message, Reply
from bot.core.triage import PainLevel, assess_text, parse_yes_no

PendingHandler = Callable[[Context, dict[str, object], str], Awaitable[Reply | None]]

HELLO = (
    "I'm Limber, your stretch coach. Start a session with `/stretch start`, set reminders "
    "with `/reminders add`, or tell me how your pain is (0–10). `/help` lists everything."
)


async def _pain_answer(ctx: Context, pending: dict[str, object], text: str) -> Reply | None:
    match = re.fullmatch(r"\s*(\d{1,2})\s*(?:/\s*10)?\s*[.!]?\s*", text)
    score = int(match.group(1)) if match else assess_text(text).score
    if score is None or not 0 <= score <= 10:
        return None
    session_id = pending.get("session_id")
    return await answer_pain(
        ctx,
        score,
        str(pending.get("context", "report")),
        session_id if isinstance(session_id, int) else None,
        note=text,
    )


async def _screening_answer(ctx: Context, pending: dict[str, object], text: str) -> Reply | None:
    answer = parse_yes_no(text)
    index = pending.get("index")
    if not isinstance(index, int):
        return None
    if answer is None:
        return Reply([Message("Please answer yes or no."), screening_question(index)])
    return await answer_screening(ctx, index, answer)


# Words typed during a session that mean its buttons (Discord users type, too).
SESSION_WORDS = {
    "pause": "pause",
    "wait": "pause",
    "resume": "resume",
    "continue": "resume",
    "go on": "resume",
    "next": "next",
    "skip": "next",
    "stop": "stop",
    "quit": "stop",
    "end": "stop",
    "it hurts": "hurt",
    "that hurts": "hurt",
    "this hurts": "hurt",
    "hurts": "hurt",
    "ouch": "hurt",
    "ow": "hurt",
}


async def _session_word(ctx: Context, text: str) -> Reply | None:
    """A typed button word while a session is active acts like the button."""
    verb = SESSION_WORDS.get(re.sub(r"[^a-z ]", "", text.lower()).strip())
    if verb is None:
        return None
    active = await ctx.app.sessions.active_for(ctx.user.id)
    if active is None:
        return None
    return await ctx.app.coach.act(ctx.user, active.id, "x", verb)


async def _consent_answer(ctx: Context, pending: dict[str, object], text: str) -> Reply | None:
    answer = parse_yes_no(text)
    if answer is None:
        return None
    parts = ["yes" if answer else "no"]
    score, context = pending.get("score"), pending.get("context")
    if answer and isinstance(score, int) and isinstance(context, str):
        parts += [str(score), context]
    return await consent_action(ctx, parts)


PENDING: dict[str, PendingHandler] = {
    "pain": _pain_answer,
    "consent": _consent_answer,
    "screening": _screening_answer,
}


def register_pending(kind: str, handler: PendingHandler) -> None:
    """Features that ask questions (e.g. delete confirmation) plug their answer in here."""
    PENDING[kind] = handler


async def handle_text(ctx: Context, text: str) -> Reply:
    text = text.strip()
    if not text:
        return Reply.text(HELLO)
    assessment = assess_text(text)
    if assessment.level is PainLevel.REDFLAG:
        await ctx.app.users.set_pending(ctx.user.id, None)
        return await respond(ctx, assessment, "message")
    typed_button = await _session_word(ctx, text)
    if typed_button is not None:
        return typed_button
    pending = ctx.user.pending
    if pending is not None:
        handler = PENDING.get(str(pending.get("kind")))
        answered = await handler(ctx, pending, text) if handler else None
        if answered is not None:
            return answered
        if pending.get("kind") != "screening":
            await ctx.app.users.set_pending(ctx.user.id, None)
    if not assessment.about_pain:
        return Reply.text(HELLO)
    return await respond(ctx, assessment, "message")
