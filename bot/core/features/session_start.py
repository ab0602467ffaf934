"""Starting a session safely: the one-message safety check, and the check after a warning.

Before a person's first session, and again every four weeks (warning signs can appear
later), Limber asks the red-flag questions as ONE message listing the warning signs in
plain words, with **None of these**, **Yes, one or more** (then which, to answer rightly)
and **Not sure**. A yes gets the urgent-care answer and no session (NICE NG59 red flags).

A red flag or severe pain is remembered for a day (`User.alert_at`): the next start asks
whether the person has been checked before it begins, and offers to pause reminders, so
a "yes" cannot be undone a minute later by starting again and answering "no".
"""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.core.context import Context
from bot.core.features.help import SAFETY_NOTE
from bot.core.messages import Action, ActionStyle, Kind, Message, Reply, action_id
from bot.core.models import User
from bot.core.ports import DeliveryError
from bot.core.questions import ScreeningQuestion
from bot.core.routines import Routine
from bot.core.triage.assess import SCREENING_QUESTIONS, parse_yes_no, screening_reply
from bot.core.triage.replies import emergency_text

# The warning signs in plain words (NICE NG59 red flags; NHS cauda equina syndrome).
SIGNS = {
    "saddle_numbness": "numbness or tingling around your genitals, buttocks or back passage, "
    "or less feeling than usual when you wipe",
    "bladder_bowel": "new trouble peeing, or losing control of your bladder or bowels",
    "both_legs": "numbness, tingling or weakness in both legs",
    "worsening_weakness": "weakness or numbness in a leg that is getting worse, or a foot "
    "that drags",
    "trauma": "back pain that started after a fall, an accident or another injury",
    "fever": "a fever or chills, or feeling generally unwell, with your back pain",
    "cancer_history": "cancer in the past, and back pain at night or not eased by rest",
    "weight_loss": "weight loss without trying",
}
SCREEN_AGAIN = timedelta(weeks=4)
ALERT_FOR = timedelta(days=1)
_UNSURE_WORDS = ("not sure", "unsure", "dont know", "don't know", "idk", "maybe", "no idea")


def alert_active(user: User, now: datetime) -> bool:
    """A red flag or severe pain reported within the last day (and not cleared)."""
    return (
        user.alert_level is not None
        and user.alert_at is not None
        and now - user.alert_at < ALERT_FOR
    )


def screening_due(user: User, now: datetime) -> bool:
    """Never asked, or asked four weeks ago or more."""
    return user.screened_at is None or now - user.screened_at >= SCREEN_AGAIN


def check_message(first: bool, routine_id: str) -> Message:
    lead = (
        "Before your first session, a quick safety check."
        if first
        else "It's been a few weeks, so a quick safety check again (warning signs can appear "
        "later)."
    )
    signs = [f"• {SIGNS.get(q.key, q.text)}" for q in SCREENING_QUESTIONS]
    return Message(
        "\n".join([lead, "Do you have any of these right now?", *signs]),
        actions=(
            Action(action_id("screen", routine_id, "none"), "None of these", ActionStyle.SUCCESS),
            Action(action_id("screen", routine_id, "some"), "Yes, one or more", ActionStyle.DANGER),
            Action(action_id("screen", routine_id, "unsure"), "Not sure"),
        ),
        kind=Kind.QUESTION,
        title="Safety check",
    )


def which_message(routine_id: str) -> Message:
    buttons = tuple(
        Action(action_id("screen", routine_id, "sign", i), f"{i + 1}", ActionStyle.DANGER)
        for i, _ in enumerate(SCREENING_QUESTIONS)
    )
    lines = [f"{i + 1}. {q.text}" for i, q in enumerate(SCREENING_QUESTIONS)]
    return Message(
        "\n".join(["Which one? Press its number (or tell me in your own words).", *lines]),
        actions=(*buttons, Action(action_id("screen", routine_id, "unsure"), "Not sure")),
        kind=Kind.QUESTION,
    )


async def begin(ctx: Context, routine: Routine, origin: str) -> Reply:
    """Start a session: the check after a recent warning, the safety check when due."""
    if alert_active(ctx.user, ctx.now):
        return Reply([alert_question(ctx.user, routine.id)])
    first = ctx.user.screened_at is None
    if screening_due(ctx.user, ctx.now):
        await ctx.store.users.set_pending(
            ctx.user.id, ScreeningQuestion(index=0, routine=routine.id, origin=origin)
        )
        question = check_message(first, routine.id)
        if ctx.scope.guild_id is None or ctx.scope.direct:
            return Reply([question])
        # From a server: health questions belong in the private chat, like the session.
        try:
            await ctx.chat.send(ctx.user, question)
        except DeliveryError:
            return Reply([question])  # private messages closed: ask here, privately
        return Reply.text(
            "Before your session I've sent you a quick safety check in "
            f"{ctx.phrases.private_place}."
        )
    reply = await ctx.coach.start(ctx.user, routine, origin)
    started = bool(reply.messages) and reply.messages[0].kind is Kind.INFO
    if started and ctx.scope.guild_id is not None and not ctx.scope.direct:
        reply.messages.insert(0, Message(f"I've sent your session to {ctx.phrases.private_place}."))
    return reply


def alert_question(user: User, routine_id: str) -> Message:
    what = "a warning sign" if user.alert_level == "redflag" else "severe pain"
    return Message(
        f"Earlier you told me about {what}. Have you been checked by a doctor or your "
        "clinician since then? Please don't stretch until you have.",
        actions=(
            Action(action_id("alert", routine_id, "checked"), "Yes, I've been checked"),
            Action(action_id("alert", routine_id, "notyet"), "Not yet", ActionStyle.DANGER),
            Action(action_id("pauseday"), "Pause reminders for a day"),
        ),
        kind=Kind.QUESTION,
    )


async def remember_alert(ctx: Context, level: str) -> None:
    await ctx.store.users.set_alert(ctx.user.id, level, ctx.now)


async def _urgent(ctx: Context, keys: list[str]) -> Reply:
    await ctx.store.users.set_pending(ctx.user.id, None)
    await remember_alert(ctx, "redflag")
    clinic = await ctx.clinic_info()
    return Reply([Message(screening_reply(keys, clinic), kind=Kind.URGENT)])


async def _in_doubt(ctx: Context) -> Reply:
    await ctx.store.users.set_pending(ctx.user.id, None)
    clinic = await ctx.clinic_info()
    return Reply(
        [
            Message(
                "**If in doubt, get checked.** Please don't start the stretches until a doctor "
                "has looked at it. If any of those signs is there or getting worse, get urgent "
                f"medical care now: call {emergency_text(clinic)}.",
                kind=Kind.URGENT,
            )
        ]
    )


async def _none(ctx: Context, pending: ScreeningQuestion) -> Reply:
    await ctx.store.users.set_pending(ctx.user.id, None)
    await ctx.store.users.mark_screened(ctx.user.id, ctx.now)
    refreshed = await ctx.store.users.get(ctx.user.id)
    if refreshed is not None:
        ctx.user = refreshed
    routine = ctx.library.get(pending.routine) or ctx.library.default_routine()
    reply = Reply([Message(f"Thank you. ⚠ {SAFETY_NOTE}")])
    reply.messages.extend((await begin(ctx, routine, pending.origin)).messages)
    return reply


async def screen_action(ctx: Context, parts: list[str]) -> Reply:
    """`limber:screen:<routine>:none|some|unsure` and `...:sign:<n>`."""
    pending = ctx.user.pending
    if not isinstance(pending, ScreeningQuestion):
        return Reply.text("That safety check is over. Start again with `/stretch start`.")
    verb = parts[1] if len(parts) >= 2 else ""
    if verb == "none":
        return await _none(ctx, pending)
    if verb == "some":
        return Reply([which_message(pending.routine)])
    if verb == "unsure":
        return await _in_doubt(ctx)
    if verb == "sign" and len(parts) == 3 and parts[2].isdigit():
        index = int(parts[2])
        if index < len(SCREENING_QUESTIONS):
            return await _urgent(ctx, [SCREENING_QUESTIONS[index].key])
    return Reply.error("That button is no longer available.")


async def screening_answer(ctx: Context, pending: ScreeningQuestion, text: str) -> Reply | None:
    """Typed: "none"/"no" starts, "yes" asks which, "not sure" advises a check; a number
    after "yes" names the sign. Anything else is asked once more."""
    lowered = text.strip().lower()
    if any(w in lowered for w in _UNSURE_WORDS):
        return await _in_doubt(ctx)
    if lowered.rstrip(".!") in {"none", "none of these", "nothing", "no none"}:
        return await _none(ctx, pending)
    if lowered.isdigit() and 1 <= int(lowered) <= len(SCREENING_QUESTIONS):
        return await _urgent(ctx, [SCREENING_QUESTIONS[int(lowered) - 1].key])
    answer = parse_yes_no(text)
    if answer is True:
        return Reply([which_message(pending.routine)])
    if answer is False:
        return await _none(ctx, pending)
    return Reply(
        [
            Message("Please answer **none of these**, **yes** or **not sure**."),
            check_message(False, pending.routine),
        ]
    )


async def alert_action(ctx: Context, parts: list[str]) -> Reply:
    """`limber:alert:<routine>:checked|notyet`."""
    if len(parts) != 2 or parts[1] not in {"checked", "notyet"}:
        return Reply.error("That button is no longer available.")
    if parts[1] == "checked":
        await ctx.store.users.set_alert(ctx.user.id, None, None)
        refreshed = await ctx.store.users.get(ctx.user.id)
        if refreshed is not None:
            ctx.user = refreshed
        routine = ctx.library.get(parts[0]) or ctx.library.default_routine()
        reply = Reply([Message("Good. Go gently, and stop if the pain increases.")])
        reply.messages.extend((await begin(ctx, routine, "command")).messages)
        return reply
    clinic = await ctx.clinic_info()
    if ctx.user.alert_level == "redflag":
        text = (
            "Then please get checked first: with the warning sign you told me about, call "
            f"{emergency_text(clinic)} or go to the nearest emergency department. No stretches "
            "until a doctor says it's OK."
        )
    else:
        booking = f" Book a Free Consultation: {clinic.booking_url}" if clinic.booking_url else ""
        text = "Then please rest the stretches and get it looked at first." + booking
    return Reply([Message(text, kind=Kind.URGENT)])


COMMANDS: list[object] = []
ACTIONS = {"screen": screen_action, "alert": alert_action}
ANSWERS = {"screening": screening_answer}
