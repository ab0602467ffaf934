"""Outgoing messages in a platform-neutral shape.

The core answers every event with `Message`s; adapters render them (Discord: content,
buttons, `<t:END:R>` countdowns, attachments; terminal: rich text, typed choices,
progress bars). Nothing here knows about a platform.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

ACTION_PREFIX = "limber"


class ActionStyle(StrEnum):
    PRIMARY = "primary"
    SECONDARY = "secondary"
    SUCCESS = "success"
    DANGER = "danger"


@dataclass(frozen=True)
class Action:
    """A button. `id` is self-describing (`limber:session:42:next`) so it survives restarts."""

    id: str
    label: str
    style: ActionStyle = ActionStyle.SECONDARY

    @property
    def command_word(self) -> str:
        """What a terminal user types to press this button: the label, lower-cased."""
        return self.label.lower()


def action_id(*parts: object) -> str:
    """Build an action id; Discord allows 100 characters in a custom_id."""
    value = ":".join([ACTION_PREFIX, *(str(p) for p in parts)])
    if len(value) > 100:
        raise ValueError(f"action id too long: {value!r}")
    return value


def parse_action_id(value: str) -> list[str] | None:
    """Split an action id into its parts after the prefix; None if it is not ours."""
    parts = value.split(":")
    if len(parts) < 2 or parts[0] != ACTION_PREFIX:
        return None
    return parts[1:]


@dataclass(frozen=True)
class Cadence:
    """The beat of a paced set: `reps` reps of `rep_seconds`, each rising, holding
    `hold_seconds` at the top, and lowering. Adapters that redraw locally (the terminal's
    toolbar) count the reps from the timer; others show the tempo written in the text."""

    reps: int
    rep_seconds: float
    hold_seconds: float = 0.0

    def phase(self, within: float) -> str:
        """What to do `within` seconds into a rep: raise, hold at the top, lower."""
        move = max(self.rep_seconds - self.hold_seconds, 0.0) / 2
        if within < move:
            return "raise slowly"
        if within < move + self.hold_seconds:
            return f"hold at the top ({self.hold_seconds:g} s)"
        return "lower slowly"


@dataclass(frozen=True)
class Timer:
    """A countdown shown live; `ends_at` is aware UTC, `seconds` its length when sent.
    `starts` marks a countdown to a start (a group stretch-along) rather than an end."""

    ends_at: datetime
    seconds: float
    label: str
    cadence: Cadence | None = None
    starts: bool = False


@dataclass(frozen=True)
class Attachment:
    filename: str
    data: bytes
    mime: str


class Kind(StrEnum):
    """What a message is for; adapters may style kinds differently."""

    INFO = "info"
    ERROR = "error"
    STEP = "step"
    REMINDER = "reminder"
    TRIAGE = "triage"
    URGENT = "urgent"
    QUESTION = "question"


@dataclass(frozen=True)
class Message:
    text: str
    actions: tuple[Action, ...] = ()
    timer: Timer | None = None
    attachment: Attachment | None = None
    kind: Kind = Kind.INFO
    title: str | None = None


@dataclass
class Reply:
    """What a command or action answers. `messages` go back where the user asked;
    `private` tells server adapters to keep them visible to the user only."""

    messages: list[Message] = field(default_factory=list)
    private: bool = True

    @classmethod
    def text(cls, text: str, kind: Kind = Kind.INFO) -> Reply:
        return cls([Message(text, kind=kind)])

    @classmethod
    def error(cls, text: str) -> Reply:
        return cls([Message(text, kind=Kind.ERROR)])

    def add(self, message: Message) -> Reply:
        self.messages.append(message)
        return self
