"""`/help`: what Limber does, every command, and the safety note."""

from __future__ import annotations

from bot.core.commands import NoOptions, command
from bot.core.context import Context
from bot.core.messages import Message, Reply

SAFETY_NOTE = (
    "Limber is not medical advice and does not diagnose. Stop an exercise if it causes pain "
    "or the pain gets worse. In an emergency, call your local emergency number."
)


@command("help", "What Limber does, its commands, and the safety note", read_only=True)
async def help_command(ctx: Context, options: NoOptions) -> Reply:
    lines = [
        "**Limber** is your stretch coach for low back pain and sciatica: reminders at your "
        "times, guided sessions with hold timers, and a check on your pain.",
        "",
    ]
    for spec in ctx.services.commands:
        if spec.admin_only and not ctx.scope.is_admin:
            continue
        lines.append(f"`{spec.usage}` — {spec.description}")
    lines += [
        "",
        'You can also just write to me, e.g. "my back hurts, about 6/10".',
        "",
        f"⚠ {SAFETY_NOTE}",
    ]
    return Reply([Message("\n".join(lines), title="Limber help")])


COMMANDS = [help_command]
