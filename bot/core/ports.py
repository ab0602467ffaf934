"""What the core needs from the outside world, as narrow Protocols.

`Chat` is the one plug-in interface every platform implements (terminal, Discord, a
test fake): push a message to a person outside a command reply, or edit one. Failures
are told apart so the reminder dispatcher can react: the person cannot be reached
(DMs closed), a retry may help, or it never will.
"""

from __future__ import annotations

from typing import Protocol

from bot.core.messages import Message
from bot.core.models import User


class DeliveryError(Exception):
    """Base of the three ways a push can fail."""


class RecipientUnreachable(DeliveryError):
    """The person has closed their DMs or blocked the bot: stop sending, tell them later."""


class TransientDeliveryError(DeliveryError):
    """Rate limits, timeouts, 5xx: retry later under the same key."""

    def __init__(self, message: str = "", retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class PermanentDeliveryError(DeliveryError):
    """Anything a retry will not fix (bad payload, unknown user): record and move on."""


class Chat(Protocol):
    async def send(self, user: User, message: Message, *, nonce: str | None = None) -> str | None:
        """Push `message` to the person's private channel; return its id if the platform has one.

        `nonce` (at most 25 characters) lets the platform drop a repeated send of the same
        message, e.g. a reminder re-sent after a crash between recording and sending.
        """
        ...

    async def edit(self, user: User, message_id: str, message: Message) -> None:
        """Replace an earlier pushed message (e.g. remove buttons of a finished step)."""
        ...
