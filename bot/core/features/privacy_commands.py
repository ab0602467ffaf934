"""`/privacy show|export|delete|consent`: see, take away or erase your data.

Erasure cannot be undone, so it always asks first: buttons ("Delete everything" /
"Cancel") or typing `yes`/`delete` or `no`/`cancel`; anything else is asked again (a
message about pain is answered as usual). The button carries the moment it was offered and expires
after CONFIRM_WINDOW, so an old confirmation left in a chat history cannot erase an
account weeks later by a stray click. Withdrawing consent is one step, as easy as giving
it (GDPR Art. 7(3)), and deletes the stored pain scores at once.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from bot.core.commands import NoOptions, command
from bot.core.context import Context
from bot.core.messages import Action, ActionStyle, Kind, Message, Reply, action_id
from bot.core.models import UNSAVED_ID
from bot.core.privacy.retention import PURPOSES, erase_user, export_user, retention_summary
from bot.core.questions import DeleteConfirmation
from bot.core.triage.assess import assess_text, parse_yes_no

CONFIRM_WINDOW = timedelta(minutes=10)
PENDING_KIND = "privacy_delete"
CONFIRM_WORD = "delete"
NOTHING_STORED = "Limber stores nothing about you, so there is nothing to delete."
CANCELLED = "Nothing was deleted."
EXPIRED = "That confirmation has expired; nothing was deleted. Use `/privacy delete` again."


class ConsentOptions(BaseModel):
    model_config = ConfigDict(extra="forbid")
    choice: Literal["give", "withdraw"] = Field(
        description="give: keep my pain scores; withdraw: stop and delete them"
    )


def _consent_line(log: list[tuple[str, bool, datetime]]) -> str:
    pain = [(granted, at) for kind, granted, at in log if kind == "pain_scores"]
    if not pain:
        return "Pain scores: you have not been asked yet, so none are kept."
    granted, at = pain[-1]
    when = f"{at:%Y-%m-%d %H:%M} UTC"
    if granted:
        return f"Pain scores: **kept** — you agreed on {when}. Withdrawing deletes them."
    return f"Pain scores: **not kept** — you declined or withdrew on {when}."


def consent_actions(granted: bool) -> tuple[Action, ...]:
    if granted:
        return (Action(action_id("privacy", "consent", "withdraw"), "Withdraw consent"),)
    return (Action(action_id("privacy", "consent", "give"), "Give consent", ActionStyle.SUCCESS),)


@command("privacy show", "What Limber stores about you, why, and your consent", read_only=True)
async def show_command(ctx: Context, options: NoOptions) -> Reply:
    if ctx.user.id == UNSAVED_ID:
        text = "\n".join(
            [
                "Limber stores nothing about you. A record starts when you act: a session, a "
                "reminder, a message, a pain score.",
                "",
                _consent_line([]),
                retention_summary(ctx.config.data_retention_days),
            ]
        )
        return Reply([Message(text, actions=consent_actions(False), title="Your data")])
    rows = await ctx.store.privacy.rows_about(ctx.user.id)
    log = await ctx.store.users.consent_log(ctx.user.id)
    lines = ["Limber stores only what it needs to coach you:"]
    order = list(PURPOSES)
    for table in sorted(rows, key=lambda t: (order.index(t) if t in order else len(order), t)):
        count = len(rows[table])
        purpose = PURPOSES.get(table, "data about you")
        lines.append(f"• {purpose} — {count} record{'s' if count != 1 else ''}")
    lines += [
        "",
        _consent_line(log),
        retention_summary(ctx.config.data_retention_days),
        "`/privacy export` sends you all of it as a file; `/privacy delete` erases it.",
    ]
    actions = (
        *consent_actions(ctx.user.pain_consent_granted),
        Action(action_id("privacy", "export"), "Export my data"),
        Action(action_id("privacy", "delete"), "Delete my data", ActionStyle.DANGER),
    )
    return Reply([Message("\n".join(lines), actions=actions, title="Your data")])


@command("privacy export", "Download everything Limber stores about you (JSON)", read_only=True)
async def export_command(ctx: Context, options: NoOptions) -> Reply:
    attachment = await export_user(ctx.store.privacy, ctx.user, ctx.now)
    return Reply(
        [
            Message(
                "Here is everything Limber stores about you, as JSON.",
                attachment=attachment,
                title="Your data export",
            )
        ]
    )


def confirmation(ctx: Context) -> Message:
    stamp = int(ctx.now.timestamp())
    return Message(
        "This deletes everything Limber stores about you: your reminders and their history, "
        "sessions, pain scores, consents and settings. It cannot be undone. "
        f"Press **Delete everything** or type `yes` (or `{CONFIRM_WORD}`) to confirm; "
        "`no` keeps everything.",
        actions=(
            Action(action_id("privacy", "erase", stamp), "Delete everything", ActionStyle.DANGER),
            Action(action_id("privacy", "cancel"), "Cancel"),
        ),
        kind=Kind.QUESTION,
        title="Delete all your data?",
    )


@command("privacy delete", "Delete everything Limber stores about you (asks first)", read_only=True)
async def delete_command(ctx: Context, options: NoOptions) -> Reply:
    if ctx.user.id == UNSAVED_ID:
        return Reply.text(NOTHING_STORED)
    await ctx.store.users.set_pending(ctx.user.id, DeleteConfirmation(at=int(ctx.now.timestamp())))
    return Reply([confirmation(ctx)])


async def erase(ctx: Context) -> Reply:
    counts = await erase_user(ctx.store.privacy, ctx.coach, ctx.reminders, ctx.user)
    total = sum(counts.values())
    records = f"{total} record{'s' if total != 1 else ''}"
    return Reply.text(
        f"Done: everything Limber stored about you is deleted ({records}). "
        "If you come back, you start from zero — `/stretch start` whenever you like."
    )


def _fresh(stamp: object, now: datetime) -> bool:
    if not isinstance(stamp, int):
        return False
    offered = datetime.fromtimestamp(stamp, UTC)
    return timedelta(0) <= now - offered <= CONFIRM_WINDOW


async def _typed_answer(ctx: Context, pending: DeleteConfirmation, text: str) -> Reply | None:
    """The typed confirmation: `yes`/`delete` erases, `no`/`cancel` cancels. Anything else
    asks again, except a message about pain: that is not an answer, and triage reads it."""
    word = text.strip().strip(".!").lower()
    answer = True if word == CONFIRM_WORD else parse_yes_no(text)
    if word in {"cancel", "stop", "keep"}:
        answer = False
    if not _fresh(pending.at, ctx.now):
        await ctx.store.users.set_pending(ctx.user.id, None)
        if answer is None:
            return None
        return Reply.text(EXPIRED)
    if answer is False:
        await ctx.store.users.set_pending(ctx.user.id, None)
        return Reply.text(CANCELLED)
    if answer is True:
        return await erase(ctx)
    if assess_text(text).about_pain:
        return None
    await ctx.store.users.set_pending(ctx.user.id, DeleteConfirmation(at=int(ctx.now.timestamp())))
    again = Message("Please answer `yes` to delete everything or `no` to keep it.")
    return Reply([again, confirmation(ctx)])


async def set_consent(ctx: Context, granted: bool) -> Reply:
    if granted:
        await ctx.store.users.set_pain_consent(ctx.user.id, True, ctx.now)
        return Reply.text(
            "Thank you. I'll keep your pain scores (numbers only) for `/progress`. "
            "Withdraw any time with `/privacy`."
        )
    await ctx.store.users.set_pain_consent(ctx.user.id, False, ctx.now)
    return Reply.text(
        "Consent withdrawn: your stored pain scores are deleted and no new ones are kept. "
        "I'll still answer when you tell me about pain."
    )


@command("privacy consent", "Give or withdraw consent to keep your pain scores", ConsentOptions)
async def consent_command(ctx: Context, options: ConsentOptions) -> Reply:
    return await set_consent(ctx, options.choice == "give")


async def privacy_action(ctx: Context, parts: list[str]) -> Reply:
    """`limber:privacy:consent:give|withdraw`, `:export`, `:delete`, `:erase:<ts>`,
    `:cancel`."""
    verb = parts[0] if parts else ""
    if verb == "consent" and len(parts) == 2 and parts[1] in {"give", "withdraw"}:
        return await set_consent(ctx, parts[1] == "give")
    if verb == "export":
        return await export_command.handler(ctx, NoOptions())
    if verb == "delete":
        return await delete_command.handler(ctx, NoOptions())
    if verb == "cancel":
        if isinstance(ctx.user.pending, DeleteConfirmation):
            await ctx.store.users.set_pending(ctx.user.id, None)
        return Reply.text(CANCELLED)
    if verb == "erase" and len(parts) == 2 and parts[1].isdigit():
        if not _fresh(int(parts[1]), ctx.now):
            return Reply.text(EXPIRED)
        return await erase(ctx)
    return Reply.error("That button is no longer available.")


COMMANDS = [show_command, export_command, delete_command, consent_command]
ACTIONS = {"privacy": privacy_action}
ANSWERS = {PENDING_KIND: _typed_answer}
