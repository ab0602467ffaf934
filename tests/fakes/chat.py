"""A Chat port that records what the core pushes, and can be told to fail.

Like httpx's MockTransport for the core: tests read the conversation back
(`chat.texts()`, `chat.last`) and can make the next sends raise a delivery error.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from bot.core.clock import Clock
from bot.core.messages import Message
from bot.core.models import User
from bot.core.ports import DeliveryError, Phrases


@dataclass
class Sent:
    user_id: int
    message: Message
    message_id: str
    nonce: str | None = None
    at: datetime | None = None


@dataclass
class Posted:
    channel_id: str
    message_id: str
    message: Message


@dataclass
class RecordingChat:
    sent: list[Sent] = field(default_factory=list)
    posted: list[Posted] = field(default_factory=list)
    posted_edits: list[tuple[str, str, Message]] = field(default_factory=list)
    edits: list[tuple[str, Message]] = field(default_factory=list)
    failures: list[DeliveryError] = field(default_factory=list)
    fail_always: DeliveryError | None = None
    clock: Clock | None = None  # when set, each send records the clock's time
    phrases: Phrases = field(default_factory=Phrases)

    async def send(self, user: User, message: Message, *, nonce: str | None = None) -> str | None:
        if self.fail_always is not None:
            raise self.fail_always
        if self.failures:
            raise self.failures.pop(0)
        message_id = str(len(self.sent) + 1)
        at = self.clock.now() if self.clock is not None else None
        self.sent.append(Sent(user.id, message, message_id, nonce, at))
        return message_id

    async def edit(self, user: User, message_id: str, message: Message) -> None:
        self.edits.append((message_id, message))

    async def post(self, channel_id: str, message: Message) -> str | None:
        """A message in a server channel (group stretch-alongs), recorded apart."""
        if self.fail_always is not None:
            raise self.fail_always
        message_id = f"c{len(self.posted) + 1}"
        self.posted.append(Posted(channel_id, message_id, message))
        return message_id

    async def edit_posted(self, channel_id: str, message_id: str, message: Message) -> None:
        self.posted_edits.append((channel_id, message_id, message))

    @property
    def last(self) -> Message:
        return self.sent[-1].message

    def texts(self) -> list[str]:
        return [s.message.text for s in self.sent]

    def clear(self) -> None:
        self.sent.clear()
        self.edits.clear()
        self.posted.clear()
        self.posted_edits.clear()
