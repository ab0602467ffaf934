"""The safety check: red-flag questions asked as one message, answered yes / no / not sure.

Triage asks them when a message touched a red-flag topic (numbness, bladder or bowel,
legs, a fall, fever, cancer or night pain, weight) without settling it; the person can
also ask for them ("Check warning signs"). A "yes" gets the urgent-care answer (NICE
NG59 red flags), "not sure" gets "if in doubt, get checked", "no" lets things go on.
Buttons carry the question keys, so they work after a restart.
"""

from __future__ import annotations

import re

from bot.core.context import Context
from bot.core.messages import Action, ActionStyle, Kind, Message, Reply, action_id
from bot.core.questions import SafetyCheck
from bot.core.triage.answer import follow_up_text
from bot.core.triage.assess import SCREENING_QUESTIONS, parse_yes_no, screening_reply
from bot.core.triage.replies import emergency_text

ALL_KEYS = tuple(q.key for q in SCREENING_QUESTIONS)
_KEY_CODES = {key: str(i) for i, key in enumerate(ALL_KEYS)}
_UNSURE = re.compile(
    r"\b(?:not sure|unsure|maybe|dont know|do not know|idk|no idea|perhaps|possibly|"
    r"might be|kind of|sort of|hard to say|cant tell)\b"
)


def _codes(keys: tuple[str, ...]) -> str:
    return "".join(_KEY_CODES[k] for k in keys if k in _KEY_CODES) or "x"


def _keys(codes: str) -> tuple[str, ...]:
    found = tuple(ALL_KEYS[int(c)] for c in codes if c.isdigit() and int(c) < len(ALL_KEYS))
    return found or ALL_KEYS


def safety_actions(keys: tuple[str, ...]) -> tuple[Action, ...]:
    code = _codes(keys)
    return (
        Action(action_id("safety", code, "yes"), "Yes", ActionStyle.DANGER),
        Action(action_id("safety", code, "no"), "No", ActionStyle.SUCCESS),
        Action(action_id("safety", code, "unsure"), "Not sure"),
    )


def safety_question(keys: tuple[str, ...]) -> Message:
    """The questions for `keys` as one message with Yes / No / Not sure."""
    return Message(follow_up_text(keys), actions=safety_actions(keys), kind=Kind.QUESTION)


async def ask(ctx: Context, keys: tuple[str, ...]) -> Message:
    """Open the safety check for `keys` (the one open question) and return its message."""
    await ctx.store.users.set_pending(ctx.user.id, SafetyCheck(keys=keys))
    return safety_question(keys)


async def answer(ctx: Context, keys: tuple[str, ...], verdict: str) -> Reply:
    """`verdict`: yes, no or unsure."""
    if isinstance(ctx.user.pending, SafetyCheck):
        await ctx.store.users.set_pending(ctx.user.id, None)
    clinic = await ctx.clinic_info()
    if verdict == "yes":
        await ctx.store.users.set_alert(ctx.user.id, "redflag", ctx.now)
        stopped = await ctx.coach.stop_active(ctx.user)
        messages = [Message(screening_reply(list(keys), clinic), kind=Kind.URGENT)]
        if stopped:
            messages.append(Message("I've stopped your session."))
        return Reply(messages)
    if verdict == "unsure":
        booking = (
            f" You can also book a Free Consultation: {clinic.booking_url}"
            if clinic.booking_url
            else ""
        )
        return Reply(
            [
                Message(
                    "**If in doubt, get checked.** Please don't do your stretches until a "
                    "doctor has looked at it. If any of these signs is there or getting "
                    f"worse, get urgent medical care now: call {emergency_text(clinic)}." + booking,
                    kind=Kind.URGENT,
                )
            ]
        )
    return Reply.text(
        "Thank you. Go gently, and **stop if the pain increases**. If any of those signs "
        "appears later, tell me or get urgent care straight away."
    )


async def safety_action(ctx: Context, parts: list[str]) -> Reply:
    """`limber:safety:<question codes>:yes|no|unsure`, or `limber:safety:ask`."""
    if parts == ["ask"]:
        return Reply([await ask(ctx, ALL_KEYS)])
    if len(parts) != 2 or parts[1] not in {"yes", "no", "unsure"}:
        return Reply.error("That button is no longer available.")
    return await answer(ctx, _keys(parts[0]), parts[1])


async def safety_answer(ctx: Context, pending: SafetyCheck, text: str) -> Reply | None:
    """A typed answer: yes / no / not sure; anything else is asked once more."""
    cleaned = text.strip().lower()
    if _UNSURE.search(cleaned.replace("'", "")):
        return await answer(ctx, pending.keys, "unsure")
    verdict = parse_yes_no(text)
    if verdict is not None:
        return await answer(ctx, pending.keys, "yes" if verdict else "no")
    if pending.asked_again:
        return None  # let the text be read as a message of its own
    await ctx.store.users.set_pending(ctx.user.id, pending.model_copy(update={"asked_again": True}))
    return Reply(
        [
            Message("Please answer **yes**, **no** or **not sure** to the safety check."),
            safety_question(pending.keys),
        ]
    )


COMMANDS: list[object] = []
ACTIONS = {"safety": safety_action}
ANSWERS = {"safety": safety_answer}
