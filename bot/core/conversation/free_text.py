"""Free text from a person: the one handler every platform uses.

Order, so that safety comes first:
1. text longer than MAX_TEXT characters is cut (the reply says so) and a person sending
   faster than the inbound throttle allows gets a short note instead of a full reading;
2. triage runs off the event loop (a worker thread), so a long message never stalls
   the hold timers and reminders of everyone else;
3. a red flag is answered as a red flag whatever question was open;
4. a typed session word ("pause", "it hurts") acts like the button;
5. an open question (pain score, consent, screening, delete confirmation) gets the text
   as its answer through the handler its feature registered (`ANSWERS`);
6. everything else is answered by triage; text about nothing painful gets a pointer
   to `/help`.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor

from bot.core.commands import AnswerHandler
from bot.core.context import Context
from bot.core.features.pain import respond
from bot.core.messages import Action, ActionStyle, Kind, Message, Reply, action_id
from bot.core.questions import PainQuestion, ScreeningQuestion
from bot.core.sessions.coach import pain_question
from bot.core.triage.answer import advice_level
from bot.core.triage.assess import Assessment, PainLevel, assess_text

MAX_TEXT = 2000
"""Characters of one message that are read; the rest is dropped, and the reply says so."""

HELLO = (
    "I'm Limber, your stretch coach. Start a session with `/stretch start`, set reminders "
    "with `/reminders add`, or tell me how your pain is (0–10). `/help` lists everything."
)
UNSURE = (
    "I'm not sure I understood that. If you're telling me about pain, give it a number with "
    '`/pain 0-10` (or just write it, e.g. "about a 6"). If anything feels unusual, like '
    "numbness, trouble with your bladder or bowels, weak legs, a fall or a fever, press "
    "**Check warning signs** and I'll ask the safety questions."
)
ASK_AGAIN = "I didn't catch a number there."
SMALL_TALK = re.compile(
    r"^\W*(?:hi|hello|hey|hiya|yo|morning|good (?:morning|afternoon|evening)|thanks?|thank you|"
    r"thx|ty|cheers|ok|okay|cool|great|nice|bye|good ?night|help|what can you do|who are you|"
    r"how do(?:es)? (?:i|this|it|you)|what(?:s| is) (?:this|limber)|can you)\b"
)
CHECK_SIGNS = Action(action_id("safety", "ask"), "Check warning signs", ActionStyle.DANGER)
SLOW_DOWN = (
    "You're sending messages faster than I can read them carefully; give me a few seconds "
    "and send that again. If this is an emergency, call {emergency} now."
)

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


def cap_text(text: str) -> tuple[str, int]:
    """(the part that is read, how many characters were dropped)."""
    text = text.strip()
    if len(text) <= MAX_TEXT:
        return text, 0
    return text[:MAX_TEXT], len(text) - MAX_TEXT


# One worker for triage: the GIL lets only one thread run Python at a time, so more
# workers add no throughput, and each extra busy thread is one more the event loop must
# wait behind (bench/triage.py: a 5 ms ticker ran up to ~47 ms late with the default pool
# during a burst, against ~10 ms with one worker).
_TRIAGE_WORKER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="triage")


async def assess_off_loop(text: str) -> Assessment:
    """Triage in the triage worker thread: CPU work must not hold the event loop."""
    return await asyncio.get_running_loop().run_in_executor(_TRIAGE_WORKER, assess_text, text)


async def _session_word(ctx: Context, text: str) -> Reply | None:
    """A typed button word while a session is active acts like the button."""
    verb = SESSION_WORDS.get(re.sub(r"[^a-z ]", "", text.lower()).strip())
    if verb is None:
        return None
    active = await ctx.store.sessions.active_for(ctx.user.id)
    if active is None:
        return None
    return await ctx.coach.act(ctx.user, active.id, "x", verb)


async def handle_text(ctx: Context, raw: str, answers: Mapping[str, AnswerHandler]) -> Reply:
    text, dropped = cap_text(raw)
    if not text:
        return Reply.text(HELLO)
    reply = await _read(ctx, text, answers)
    if dropped:
        reply.messages.append(
            Message(
                f"(Your message was long: I read the first {MAX_TEXT:,} characters and "
                f"skipped the last {dropped:,}. Send the rest separately if it matters.)"
            )
        )
    return reply


async def _read(ctx: Context, text: str, answers: Mapping[str, AnswerHandler]) -> Reply:
    if not ctx.services.throttle.allow(ctx.user.id, ctx.now, len(text)):
        clinic = await ctx.clinic_info()
        emergency = clinic.emergency_number or "your local emergency number"
        return Reply([Message(SLOW_DOWN.format(emergency=emergency), kind=Kind.ERROR)])
    assessment = await assess_off_loop(text)
    if assessment.level is PainLevel.REDFLAG:
        await ctx.store.users.set_pending(ctx.user.id, None)
        return await respond(ctx, assessment, "message")
    typed_button = await _session_word(ctx, text)
    if typed_button is not None:
        return typed_button
    pending = ctx.user.pending
    if pending is not None and not isinstance(pending, PainQuestion) and is_report(assessment):
        # An open question (consent, screening, a safety check) never swallows a report:
        # "ok, now it's unbearable" or "no, but my pain is 9/10" is answered as pain.
        return await respond(ctx, assessment, "message")
    if pending is not None:
        handler = answers.get(pending.kind)
        answered = await handler(ctx, pending, text) if handler else None
        if answered is not None:
            return answered
        if isinstance(pending, PainQuestion) and not assessment.about_pain:
            again = pain_question(pending.context, pending.session_id, "How bad is it right now?")
            return Reply([Message(ASK_AGAIN), again])
        if not isinstance(pending, ScreeningQuestion):
            await ctx.store.users.set_pending(ctx.user.id, None)
    if assessment.about_pain or assessment.follow_up or advice_level(assessment) != PainLevel.NONE:
        return await respond(ctx, assessment, "message")
    if SMALL_TALK.search(text.lower()) or len(text.split()) <= 2:
        return Reply.text(await hello(ctx))
    return Reply([Message(UNSURE, actions=(CHECK_SIGNS,))])


def is_report(assessment: Assessment) -> bool:
    """A message that reports pain or a warning sign (not a plain yes/no)."""
    return (
        assessment.score is not None
        or assessment.level is PainLevel.SEVERE
        or advice_level(assessment) in {PainLevel.SEVERE, PainLevel.REDFLAG}
        or bool(assessment.follow_up)
    )


async def hello(ctx: Context) -> str:
    """The answer to text that is about nothing painful: where the person stands."""
    active = await ctx.store.sessions.active_for(ctx.user.id)
    if active is None:
        return HELLO
    routine = ctx.library.get(active.routine_id)
    name = routine.name if routine else active.routine_id
    where = f"step {active.step_index + 1}"
    if active.status == "running":
        return (
            f"You're in your {name} session ({where}). Type `next` to skip ahead, `pause`, "
            "`stop`, or `it hurts` if something hurts; `/help` lists everything."
        )
    return (
        f"Your {name} session is on hold at {where}. Type `resume` to go on or `stop` to "
        "end it; `/help` lists everything."
    )
