"""Core `Message`s as Slack Block Kit payloads: mrkdwn sections, buttons, hold end times.

Why it looks like this:
- The core writes a small Markdown (`**bold**`, `` `code` ``, `[text](url)`); Slack's
  mrkdwn bolds with single stars and links as `<url|text>`. Text is escaped first (`&`,
  `<`, `>`), so an echoed `<!channel>` or `<@U…>` a person typed never pings anyone.
- A `Timer` becomes `<!date^END^{time_secs}|fallback>`: every reader sees the hold's end
  in their own zone. Slack has no live countdown, and the core advances the session by
  itself, so the message is never edited per second.
- A section holds at most 3000 characters: longer text becomes several sections. Buttons
  go in actions blocks (25 each); their `action_id` is the core's self-describing id, so
  a click on a week-old message is routed like one on the last step, restart or not.
- Attachments (charts, exports) are not blocks: the caller uploads them as files.

Nothing here decides what to say; it only shapes what the core said.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import UTC
from typing import Any

from bot.core.messages import Action, ActionStyle, Attachment, Kind, Message, Reply, Timer

MAX_SECTION = 3000
MAX_BLOCKS = 50
MAX_BUTTONS = 25  # per actions block
MAX_BUTTON_TEXT = 75
MAX_TEXT = 39_000  # the top-level `text` (notifications, search, screen readers)
BUTTON_STYLES = {
    ActionStyle.PRIMARY: "primary",
    ActionStyle.SUCCESS: "primary",  # Slack's primary button is green
    ActionStyle.DANGER: "danger",
}
KIND_PREFIX = {Kind.URGENT: "🚨 ", Kind.ERROR: "⚠️ "}

_BOLD = re.compile(r"\*\*(.+?)\*\*", re.DOTALL)
_LINK = re.compile(r"\[([^\]\n]+)\]\((https?://[^)\s]+)\)")


def escape(text: str) -> str:
    """The three characters Slack asks apps to escape in message text."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def unescape(text: str) -> str:
    """What a person typed, from the text of a Slack message event."""
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def _bold(match: re.Match[str]) -> str:
    # Slack's bold does not cross lines: bold each non-empty line of the span.
    lines = match.group(1).split("\n")
    return "\n".join(f"*{line.strip()}*" if line.strip() else line for line in lines)


def mrkdwn(text: str) -> str:
    """The core's Markdown as Slack mrkdwn (escaped, `**b**` → `*b*`, links)."""
    out = escape(text)
    out = _LINK.sub(lambda m: f"<{m.group(2)}|{m.group(1)}>", out)
    return _BOLD.sub(_bold, out)


def timer_line(timer: Timer) -> str:
    """`⏱ Hold (30 s): done at <!date^…|08:00:30 UTC>` — shown in the reader's zone."""
    end = math.ceil(timer.ends_at.timestamp())
    fallback = timer.ends_at.astimezone(UTC).strftime("%H:%M:%S UTC")
    seconds = round(timer.seconds)
    return f"⏱ {escape(timer.label)} ({seconds} s): done at <!date^{end}^{{time_secs}}|{fallback}>"


def message_text(message: Message) -> str:
    """The whole text of a message as mrkdwn: bold title, kind marker, text, end time."""
    parts: list[str] = []
    if message.title:
        parts.append(f"*{escape(message.title)}*")
    if message.text:
        prefix = KIND_PREFIX.get(message.kind, "")
        if prefix and message.text.startswith(("⚠", "🚨")):
            prefix = ""
        parts.append(prefix + mrkdwn(message.text))
    if message.timer is not None:
        parts.append(timer_line(message.timer))
    return "\n".join(parts)


def split_text(text: str, limit: int = MAX_SECTION) -> list[str]:
    """Chunks of at most `limit` characters, cut at a paragraph, line or word boundary."""
    chunks: list[str] = []
    rest = text
    while len(rest) > limit:
        cut = -1
        for sep in ("\n\n", "\n", " "):
            cut = rest.rfind(sep, 0, limit + 1)
            if cut >= limit // 2:
                break
        if cut <= 0:
            cut = limit
        chunks.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip("\n ")
    if rest:
        chunks.append(rest)
    return chunks


def button(action: Action) -> dict[str, Any]:
    element: dict[str, Any] = {
        "type": "button",
        "action_id": action.id,
        "text": {"type": "plain_text", "text": action.label[:MAX_BUTTON_TEXT], "emoji": True},
        "value": action.id,
    }
    style = BUTTON_STYLES.get(action.style)
    if style is not None:
        element["style"] = style
    return element


def message_blocks(message: Message, seen: set[str] | None = None) -> list[dict[str, Any]]:
    """Sections for the text, then actions blocks for the buttons.

    `seen` collects action ids across messages combined into one Slack message: Slack
    refuses a message in which two elements share an `action_id`.
    """
    seen = set() if seen is None else seen
    blocks: list[dict[str, Any]] = [
        {"type": "section", "text": {"type": "mrkdwn", "text": chunk}}
        for chunk in split_text(message_text(message))
    ]
    fresh = [a for a in message.actions if a.id not in seen]
    seen.update(a.id for a in fresh)
    for start in range(0, len(fresh), MAX_BUTTONS):
        elements = [button(a) for a in fresh[start : start + MAX_BUTTONS]]
        blocks.append({"type": "actions", "elements": elements})
    return blocks


@dataclass(frozen=True)
class SlackMessage:
    """One Slack message: fallback `text`, `blocks`, and files to upload next to it."""

    text: str
    blocks: list[dict[str, Any]] = field(default_factory=list)
    attachments: tuple[Attachment, ...] = ()

    @property
    def has_content(self) -> bool:
        return bool(self.text or self.blocks)

    def post_kwargs(self) -> dict[str, Any]:
        """Keyword arguments for chat.postMessage / chat.update (no link previews)."""
        return {
            "text": self.text or " ",
            "blocks": self.blocks,
            "unfurl_links": False,
            "unfurl_media": False,
        }

    def response(self, response_type: str) -> dict[str, Any]:
        """A slash command ack payload or a response_url body."""
        return {"text": self.text or " ", "blocks": self.blocks, "response_type": response_type}


def _fit(blocks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """At most 50 blocks: keep the last ones (the buttons) when something must go."""
    if len(blocks) <= MAX_BLOCKS:
        return blocks
    return blocks[:1] + blocks[len(blocks) - MAX_BLOCKS + 1 :]


def render(message: Message) -> SlackMessage:
    text = message_text(message)
    attachments = (message.attachment,) if message.attachment is not None else ()
    return SlackMessage(text[:MAX_TEXT], _fit(message_blocks(message)), attachments)


def render_reply(reply: Reply) -> SlackMessage:
    """A whole reply as one Slack message (a slash ack or response carries exactly one)."""
    seen: set[str] = set()
    blocks: list[dict[str, Any]] = []
    texts: list[str] = []
    attachments: list[Attachment] = []
    for message in reply.messages:
        blocks.extend(message_blocks(message, seen))
        text = message_text(message)
        if text:
            texts.append(text)
        if message.attachment is not None:
            attachments.append(message.attachment)
    return SlackMessage("\n\n".join(texts)[:MAX_TEXT], _fit(blocks), tuple(attachments))
