"""`SlackChat`: the core's Chat port over the person's DM with the Limber app.

The core pushes session steps and reminders through `send`/`edit`; this turns them into
`chat.postMessage` / `chat.update` calls in the app's IM with the person (files through
`files_upload_v2`) and Slack's failures into the port's three errors:
- `user_not_found`, `channel_not_found`, `not_in_channel`, `account_inactive`,
  `cannot_dm_bot`, `is_archived`, ... → `RecipientUnreachable` (like closed DMs on
  Discord: the core switches reminders off and tells the person once);
- HTTP 429 / `ratelimited` (with `Retry-After`), 5xx, timeouts and connection errors →
  `TransientDeliveryError`;
- anything else → `PermanentDeliveryError`.

The IM channel is opened (`conversations.open`) only the first time and stored on the
user (`UserStore.set_dm_channel`), as the Discord adapter does; a DM event tells us the
channel for free. A reminder is different: it comes hours or days after the person last
used Limber, so the IM is opened again first (`conversations.open` is idempotent), which
is how a deactivated account shows up (`user_not_found`) before anything is posted.

Slack allows about one message per second per channel (short bursts are fine): posts
are paced per channel in real time (Slack's limit is wall-clock), and a 429 that still
happens is retried by slack_sdk's `AsyncRateLimitErrorRetryHandler` after `Retry-After`.
After an unreachable answer further pushes fail fast without calling Slack, until the
person next uses the bot (`user_active`).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

import aiohttp
from cachetools import LRUCache
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.web.async_slack_response import AsyncSlackResponse

from bot.adapters.slack.blocks import SlackMessage, render
from bot.core.clock import Clock, SystemClock
from bot.core.messages import Attachment, Kind, Message
from bot.core.models import User
from bot.core.pacing import TokenBucket
from bot.core.ports import (
    DeliveryError,
    PermanentDeliveryError,
    Phrases,
    RecipientUnreachable,
    TransientDeliveryError,
    UserStore,
)

log = logging.getLogger(__name__)

PHRASES = Phrases(
    admin_role="workspace admins and owners",
    private_place="your DM with Limber",
    reopen_private=(
        "Make sure Limber can message you (open Limber under Apps in Slack and allow "
        "messages in its Messages tab)"
    ),
    no_group_sessions=(
        "Group stretch-alongs are not on Slack yet: use `/stretch start` for a session of your own."
    ),
)
MAX_TRACKED = 50_000
"""People whose DM channel / reachability is kept in memory (LRU beyond that)."""
POST_RATE = 1.0  # chat.postMessage: about one message per second per channel
POST_BURST = 3.0
UNREACHABLE = frozenset(
    {
        "user_not_found",
        "channel_not_found",
        "not_in_channel",
        "account_inactive",
        "cannot_dm_bot",
        "user_disabled",
        "is_archived",
        "user_is_restricted",
        "messages_tab_disabled",
    }
)
TRANSIENT = frozenset(
    {"ratelimited", "internal_error", "fatal_error", "service_unavailable", "request_timeout"}
)


def retry_after_of(response: Any) -> float | None:
    headers = getattr(response, "headers", None) or {}
    for key, value in dict(headers).items():
        if str(key).lower() == "retry-after":
            try:
                return float(value)
            except (TypeError, ValueError):
                return None
    return None


def delivery_error(exc: Exception) -> DeliveryError:
    """Map a slack_sdk / aiohttp failure to the Chat port's error kinds."""
    if isinstance(exc, SlackApiError):
        response = exc.response
        status = int(getattr(response, "status_code", 200) or 200)
        data = getattr(response, "data", None)
        error = str(data.get("error", "")) if isinstance(data, dict) else ""
        if error in UNREACHABLE:
            return RecipientUnreachable(error)
        if status == 429 or error == "ratelimited":
            return TransientDeliveryError(error or "429", retry_after=retry_after_of(response))
        if status >= 500 or error in TRANSIENT:
            return TransientDeliveryError(f"{status} {error}".strip())
        return PermanentDeliveryError(error or f"HTTP {status}")
    if isinstance(exc, aiohttp.ClientError | TimeoutError | OSError):
        return TransientDeliveryError(f"{type(exc).__name__}: {exc}")
    return PermanentDeliveryError(f"{type(exc).__name__}: {exc}")


class SlackChat:
    """Pushes to a person's IM with the app; implements `bot.core.ports.Chat`.

    `post_rate=None` lifts the per-channel pacing (tests on a manual clock).
    """

    def __init__(
        self,
        client: AsyncWebClient,
        *,
        post_rate: float | None = POST_RATE,
        post_burst: float = POST_BURST,
    ) -> None:
        self.client = client
        self.phrases = PHRASES
        self.users: UserStore | None = None
        self.clock: Clock = SystemClock()
        self.post_rate = post_rate
        self.post_burst = post_burst
        self._wall = SystemClock()  # Slack's limits are wall-clock, whatever the app's clock
        self._channels: LRUCache[str, str] = LRUCache(MAX_TRACKED)
        self._known_dm: LRUCache[str, str] = LRUCache(MAX_TRACKED)  # for `dm_channel_id`
        self._stored: LRUCache[str, bool] = LRUCache(MAX_TRACKED)
        self._unreachable: LRUCache[str, bool] = LRUCache(MAX_TRACKED)
        self._pacers: LRUCache[str, TokenBucket] = LRUCache(MAX_TRACKED)

    def bind(self, users: UserStore, clock: Clock) -> None:
        """The store exists only after the chat (the app is built around it): attach it."""
        self.users = users
        self.clock = clock

    def remember_channel(self, external_id: str, channel_id: str) -> None:
        """The app's IM with this person, seen in a `message.im` event."""
        if self._channels.get(external_id) != channel_id:
            self._stored.pop(external_id, None)
        self._channels[external_id] = channel_id
        self._known_dm[external_id] = channel_id

    def user_active(self, external_id: str) -> None:
        """The person just used the bot: allow one new DM attempt after a failure."""
        self._unreachable.pop(external_id, None)

    async def dm_channel_id(self, external_id: str) -> str | None:
        """The app's IM with this person (opened if needed); None when it cannot be.

        Only for telling the app's DM apart from other channels: the answer is not used
        for sending, so a push still finds out for itself whether the person is reachable.
        """
        known = self._known_dm.get(external_id) or self._channels.get(external_id)
        if known is not None:
            return known
        try:
            opened = await self.client.conversations_open(users=external_id)
        except (SlackApiError, aiohttp.ClientError, TimeoutError, OSError) as exc:
            log.info("could not open the DM of %s: %s", external_id, exc)
            return None
        channel_id = str(opened["channel"]["id"])
        self._known_dm[external_id] = channel_id
        return channel_id

    # the Chat port -------------------------------------------------------------------
    async def send(self, user: User, message: Message, *, nonce: str | None = None) -> str | None:
        # Slack has no idempotency key for chat.postMessage: `nonce` cannot be passed on.
        outgoing = render(message)
        if not outgoing.has_content and not outgoing.attachments:
            return None
        if user.external_id in self._unreachable:
            raise RecipientUnreachable("DM failed before (not retried until the person is back)")
        channel = await self._channel(user, reopen=message.kind is Kind.REMINDER)
        ts: str | None = None
        if outgoing.has_content:
            await self._pace(channel)
            posted = await self._call(user, lambda: self._post(channel, outgoing))
            ts = str(posted["ts"])
        for attachment in outgoing.attachments:
            await self._call(user, lambda a=attachment: self._upload(channel, a))  # type: ignore[misc]
        return ts

    async def edit(self, user: User, message_id: str, message: Message) -> None:
        outgoing = render(message)
        if not outgoing.has_content:
            return
        channel = await self._channel(user)
        await self._call(
            user,
            lambda: self.client.chat_update(channel=channel, ts=message_id, **_edit(outgoing)),
        )

    async def post(self, channel_id: str, message: Message) -> str | None:
        """chat.postMessage in a channel (the core's group stretch-alongs; Slack refuses
        `/stretch group` for now through `Phrases.no_group_sessions`)."""
        outgoing = render(message)
        if not outgoing.has_content:
            return None
        await self._pace(channel_id)
        try:
            posted = await self._post(channel_id, outgoing)
        except (SlackApiError, aiohttp.ClientError, TimeoutError, OSError) as exc:
            error = delivery_error(exc)
            if isinstance(error, RecipientUnreachable):
                raise PermanentDeliveryError(str(exc)) from exc
            raise error from exc
        return str(posted["ts"])

    async def edit_posted(self, channel_id: str, message_id: str, message: Message) -> None:
        outgoing = render(message)
        if not outgoing.has_content:
            return
        try:
            await self.client.chat_update(channel=channel_id, ts=message_id, **_edit(outgoing))
        except (SlackApiError, aiohttp.ClientError, TimeoutError, OSError) as exc:
            error = delivery_error(exc)
            if isinstance(error, RecipientUnreachable):
                raise PermanentDeliveryError(str(exc)) from exc
            raise error from exc

    async def upload(self, user: User, attachment: Attachment) -> None:
        """A file into the person's DM (Slack has no ephemeral files)."""
        channel = await self._channel(user)
        await self._call(user, lambda: self._upload(channel, attachment))

    # plumbing ------------------------------------------------------------------------
    async def _post(self, channel: str, outgoing: SlackMessage) -> AsyncSlackResponse:
        return await self.client.chat_postMessage(channel=channel, **outgoing.post_kwargs())

    async def _upload(self, channel: str, attachment: Attachment) -> AsyncSlackResponse:
        return await self.client.files_upload_v2(
            channel=channel,
            content=attachment.data,
            filename=attachment.filename,
            title=attachment.filename,
        )

    async def _pace(self, channel: str) -> None:
        if self.post_rate is None:
            return
        pacer = self._pacers.get(channel)
        if pacer is None:
            pacer = self._pacers[channel] = TokenBucket(self.post_rate, self.post_burst, self._wall)
        await pacer.acquire()

    async def _call(
        self, user: User, call: Callable[[], Awaitable[AsyncSlackResponse]]
    ) -> AsyncSlackResponse:
        try:
            return await call()
        except (SlackApiError, aiohttp.ClientError, TimeoutError, OSError) as exc:
            error = delivery_error(exc)
            if isinstance(error, RecipientUnreachable):
                await self._unreachable_now(user)
            raise error from exc

    async def _unreachable_now(self, user: User) -> None:
        self._unreachable[user.external_id] = True
        self._channels.pop(user.external_id, None)
        if self.users is None:
            return
        fresh = await self.users.get(user.id)
        if fresh is not None and fresh.unreachable_at is None:
            await self.users.mark_unreachable(user.id, self.clock.now())

    async def _channel(self, user: User, *, reopen: bool = False) -> str:
        channel_id = None if reopen else self._channels.get(user.external_id) or user.dm_channel_id
        if channel_id is None:
            opened = await self._call(
                user, lambda: self.client.conversations_open(users=user.external_id)
            )
            channel_id = str(opened["channel"]["id"])
        self._channels[user.external_id] = channel_id
        stored = user.dm_channel_id == channel_id or user.external_id in self._stored
        if self.users is not None and not stored:
            await self.users.set_dm_channel(user.id, channel_id)
            self._stored[user.external_id] = True
        return channel_id


def _edit(outgoing: SlackMessage) -> dict[str, Any]:
    """chat.update replaces text and blocks: a step without buttons loses the old ones."""
    return {"text": outgoing.text or " ", "blocks": outgoing.blocks}
