"""Core `Message`s as Discord message payloads: content, buttons, countdowns, files.

Why it looks like this:
- A `Timer` becomes Discord's relative timestamp `<t:END:R>`, which every client renders
  as a live countdown. The bot never edits a message per second (that would hit the
  per-message edit limit of about 5 per 5 s and burn the global budget).
- Content is at most 2000 characters: longer text is split at paragraph, line or word
  boundaries into several messages, and the buttons, file and timer go on the last one,
  so the message the core later edits (by the id `send` returned) is the one with buttons.
- Every send and edit carries `AllowedMentions.none()`: replies may echo what a person
  typed, and an echoed `@everyone` must not ping a whole server.
- Buttons are built from `LimberButton` (a DynamicItem); the View is only a serializer and
  is stopped before sending, so discord.py stores nothing per message: clicks are routed by
  the custom_id template, before and after a restart alike.

Nothing here decides what to say; it only shapes what the core said.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass
from typing import Any

import discord

from bot.adapters.discord.views import LimberButton
from bot.core.messages import Action, ActionStyle, Attachment, Kind, Message, Reply, Timer

MAX_CONTENT = 2000
MAX_BUTTONS = 25  # 5 rows of 5
MAX_LABEL = 80
NO_MENTIONS = discord.AllowedMentions.none()

BUTTON_STYLES = {
    ActionStyle.PRIMARY: discord.ButtonStyle.primary,
    ActionStyle.SECONDARY: discord.ButtonStyle.secondary,
    ActionStyle.SUCCESS: discord.ButtonStyle.success,
    ActionStyle.DANGER: discord.ButtonStyle.danger,
}
KIND_PREFIX = {Kind.URGENT: "🚨 ", Kind.ERROR: "⚠️ "}


def timer_line(timer: Timer) -> str:
    """`⏱ Hold: done <t:…:R>` — reads "done in 30 seconds", later "done 2 minutes ago";
    a start reads `⏱ Starts <t:…:R>` ("Starts in 5 minutes")."""
    when = f"<t:{math.ceil(timer.ends_at.timestamp())}:R>"
    return f"⏱ {timer.label} {when}" if timer.starts else f"⏱ {timer.label}: done {when}"


def message_text(message: Message) -> str:
    """The whole text of a message: bold title, kind marker, text, countdown."""
    parts: list[str] = []
    if message.title:
        parts.append(f"**{message.title}**")
    if message.text:
        prefix = KIND_PREFIX.get(message.kind, "")
        if prefix and message.text.startswith(("⚠", "🚨")):
            prefix = ""
        parts.append(prefix + message.text)
    if message.timer is not None:
        parts.append(timer_line(message.timer))
    return "\n".join(parts)


def split_content(text: str, limit: int = MAX_CONTENT) -> list[str]:
    """Split text into chunks of at most `limit` characters at the nicest boundary.

    Paragraphs first, then lines, then words; a `**bold**` span cut in two is closed at
    the end of one chunk and reopened at the start of the next.
    """
    chunks: list[str] = []
    rest = text
    reopen = False
    while True:
        if reopen:
            rest = "**" + rest
        if len(rest) <= limit:
            chunks.append(rest)
            return chunks
        room = limit - 2  # keep space to close a bold span
        cut = -1
        for sep in ("\n\n", "\n", " "):
            cut = rest.rfind(sep, 0, room + 1)
            if cut >= room // 2:
                break
        if cut <= 0:
            cut = room
        chunk = rest[:cut].rstrip()
        reopen = chunk.count("**") % 2 == 1
        chunks.append(chunk + ("**" if reopen else ""))
        rest = rest[cut:].lstrip("\n ")


@dataclass(frozen=True)
class Outgoing:
    """One Discord message to send: neutral parts, turned into discord.py objects on demand.

    discord.File and View are built per call: a File is consumed by one upload, and a View
    needs a running event loop.
    """

    content: str
    actions: tuple[Action, ...] = ()
    attachment: Attachment | None = None

    def view(self) -> discord.ui.View | None:
        if not self.actions:
            return None
        view = discord.ui.View(timeout=None)
        for action in self.actions[:MAX_BUTTONS]:
            view.add_item(
                LimberButton(
                    action.id,
                    label=action.label[:MAX_LABEL],
                    style=BUTTON_STYLES.get(action.style, discord.ButtonStyle.secondary),
                )
            )
        view.stop()  # a serializer only: clicks are dispatched by LimberButton's template
        return view

    def file(self) -> discord.File | None:
        if self.attachment is None:
            return None
        return discord.File(io.BytesIO(self.attachment.data), filename=self.attachment.filename)

    def send_kwargs(self) -> dict[str, Any]:
        """Keyword arguments for `Messageable.send`, `response.send_message`, `followup.send`."""
        kwargs: dict[str, Any] = {"allowed_mentions": NO_MENTIONS}
        if self.content:
            kwargs["content"] = self.content
        view = self.view()
        if view is not None:
            kwargs["view"] = view
        file = self.file()
        if file is not None:
            kwargs["file"] = file
        return kwargs

    def edit_kwargs(self) -> dict[str, Any]:
        """Keyword arguments for `PartialMessage.edit`: `view=None` removes old buttons."""
        return {"content": self.content, "view": self.view(), "allowed_mentions": NO_MENTIONS}


def render(message: Message) -> list[Outgoing]:
    """One core message as one or more Discord messages (more only past 2000 characters)."""
    chunks = split_content(message_text(message))
    out = [Outgoing(chunk) for chunk in chunks[:-1]]
    out.append(Outgoing(chunks[-1], message.actions, message.attachment))
    return [o for o in out if o.content or o.actions or o.attachment is not None]


def render_reply(reply: Reply) -> list[Outgoing]:
    return [out for message in reply.messages for out in render(message)]
