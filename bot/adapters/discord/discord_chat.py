"""`DiscordChat`: the core's Chat port over Discord direct messages (and, for group
stretch-alongs, `post`/`edit_posted` in server channels).

The core pushes session steps and reminders through `send`/`edit`; this turns them into
DM messages and turns Discord's failures into the port's three errors:
403 code 50007 (DMs closed) → `RecipientUnreachable`; 429, 5xx, timeouts and connection
errors → `TransientDeliveryError`; anything else → `PermanentDeliveryError`.

Channel ids: the DM channel is created (`POST /users/@me/channels`) once, when the
person first uses the bot (`open_dm`, called by the client after an interaction), and
stored on the user (`dm_channel_id`); sends use a partial messageable with no extra
REST call, so a burst of reminders costs one request per reminder.

Protecting the bot token: Discord allows 50 requests/s globally and bans tokens that
make 10,000 failing requests in 10 minutes. Sends and edits go through a two-lane pacer
at the real limit (`DISCORD_RATE_LIMIT`, 50/s): session steps and replies first,
reminders (`Kind.REMINDER`) in the bulk lane; with PostgreSQL the per-second budget is
shared with every other process on the database (`share_budget`). A global 429 holds
the pacer for its `retry_after` (discord.py itself waits and retries the request).
After a 50007 the user is marked unreachable (the core tells them once) and further
pushes fail fast without calling Discord, until that person next interacts with the
bot (`user_active`), which allows one new attempt.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import time
from collections.abc import Awaitable, Callable
from typing import TypeVar

import aiohttp
import discord
from cachetools import LRUCache

from bot.adapters.discord.discord_render import Outgoing, render
from bot.core.clock import Clock, SystemClock
from bot.core.messages import Kind, Message
from bot.core.models import User
from bot.core.pacing import Lane, LanePacer, RateBudget, SharedBudget, WindowBudget
from bot.core.ports import (
    NO_TELEMETRY,
    DeliveryError,
    PermanentDeliveryError,
    Phrases,
    RecipientUnreachable,
    Telemetry,
    TransientDeliveryError,
    UserStore,
)

MAX_TRACKED = 50_000
"""People whose DM channel / reachability is kept in memory (LRU beyond that)."""
PHRASES = Phrases(
    admin_role="server admins (Manage Server permission)",
    private_place="your DMs",
    reopen_private=("Open your DMs for this server (Privacy Settings → Direct Messages)"),
)

log = logging.getLogger(__name__)

T = TypeVar("T")
CANNOT_DM = 50007
MAX_NONCE = 25
RATE_LIMIT = 50
"""Requests per second per bot token (Discord's global limit)."""


def delivery_error(exc: Exception) -> DeliveryError:
    """Map a discord.py / aiohttp failure to the Chat port's error kinds."""
    if isinstance(exc, discord.Forbidden) and exc.code == CANNOT_DM:
        return RecipientUnreachable(str(exc))
    if isinstance(exc, discord.RateLimited):
        return TransientDeliveryError(str(exc), retry_after=exc.retry_after)
    if isinstance(exc, discord.HTTPException) and (exc.status == 429 or exc.status >= 500):
        retry = exc.response.headers.get("Retry-After") if exc.response is not None else None
        try:
            retry_after = float(retry) if retry is not None else None
        except ValueError:
            retry_after = None
        return TransientDeliveryError(str(exc), retry_after=retry_after)
    if isinstance(exc, aiohttp.ClientError | TimeoutError | OSError):
        return TransientDeliveryError(f"{type(exc).__name__}: {exc}")
    return PermanentDeliveryError(f"{type(exc).__name__}: {exc}")


def chunk_nonce(nonce: str | None, index: int) -> str | None:
    """The first message keeps the core's nonce; split-off parts get derived ones."""
    if nonce is None or index == 0:
        return nonce
    return hashlib.sha256(f"{nonce}/{index}".encode()).hexdigest()[:MAX_NONCE]


class DiscordChat:
    """Pushes to a person's DM with the bot; implements `bot.core.ports.Chat`."""

    def __init__(
        self, client: discord.Client, pacer: LanePacer | None = None, rate: int = RATE_LIMIT
    ) -> None:
        self.client = client
        self.rate = rate
        self.pacer = pacer or LanePacer(WindowBudget(rate, SystemClock()), SystemClock())
        self.phrases = PHRASES
        self.users: UserStore | None = None
        self.clock: Clock = SystemClock()
        self.telemetry: Telemetry = NO_TELEMETRY
        # Bounded: a bot running for months meets more people than it should remember.
        self._channels: LRUCache[str, int] = LRUCache(MAX_TRACKED)
        self._unreachable: LRUCache[str, bool] = LRUCache(MAX_TRACKED)
        # external ids whose channel id is in the database
        self._stored: LRUCache[str, bool] = LRUCache(MAX_TRACKED)

    def bind(self, users: UserStore, clock: Clock, telemetry: Telemetry = NO_TELEMETRY) -> None:
        """The store exists only after the chat (the app is built around it): attach it."""
        self.users = users
        self.clock = clock
        self.telemetry = telemetry

    def share_budget(self, budget: RateBudget) -> None:
        """Take the per-second requests from the database, shared with every process on
        it (the limit is per bot token), instead of counting them in this process."""
        self.pacer.source = SharedBudget(budget, "discord", self.rate, self.pacer.clock)

    def connection_problem(self) -> str | None:
        """Why the platform connection is down (health checks), or None when it is up."""
        client = self.client
        if client.is_closed():
            return "the Discord connection is closed"
        if not client.is_ready():
            return "not connected to the Discord gateway yet"
        if isinstance(client, discord.AutoShardedClient):
            down = [i for i, shard in client.shards.items() if shard.is_closed()]
            return f"Discord shard(s) {down} disconnected (reconnecting)" if down else None
        ws = client.ws
        if ws is None or not ws.open:
            return "the Discord gateway connection is down (reconnecting)"
        return None

    def remember_channel(self, external_id: str, channel_id: int) -> None:
        """A DM channel seen in an event (the person wrote to us): no need to create one."""
        if self._channels.get(external_id) != channel_id:
            self._stored.pop(external_id, None)
        self._channels[external_id] = channel_id

    def channel_stored(self, external_id: str) -> bool:
        """This process knows the person's DM channel id is in the database."""
        return external_id in self._stored

    async def open_dm(self, user: User) -> None:
        """Open and store the person's DM channel now (at their first interaction), so a
        later burst of reminders costs one request each, not two. No request when the
        channel is stored or was seen in an event (a DM, an interaction in the DM)."""
        if user.dm_channel_id:
            self._stored[user.external_id] = True
            return
        if user.external_id in self._unreachable:
            return
        await self._channel(user)

    def user_active(self, external_id: str) -> None:
        """The person just used the bot: allow one new DM attempt even after a 50007."""
        self._unreachable.pop(external_id, None)

    async def send(self, user: User, message: Message, *, nonce: str | None = None) -> str | None:
        outgoing = render(message)
        if not outgoing:
            return None
        if user.external_id in self._unreachable:
            raise RecipientUnreachable("DMs closed (not retried until the person is back)")
        lane = Lane.BULK if message.kind == Kind.REMINDER else Lane.INTERACTIVE
        channel = await self._channel(user, lane)
        sent: discord.Message | None = None
        for index, part in enumerate(outgoing):
            post = functools.partial(self._post, channel, part, nonce, index)
            sent = await self._call(user, post, lane)
        assert sent is not None
        return str(sent.id)

    async def edit(self, user: User, message_id: str, message: Message) -> None:
        outgoing = render(message)
        if not outgoing:
            return
        channel = await self._channel(user)
        target = channel.get_partial_message(int(message_id))
        # A split message was returned by the id of its last part: edit that part.
        await self._call(user, lambda: target.edit(**outgoing[-1].edit_kwargs()))

    # server channels (group stretch-alongs) ------------------------------------------
    async def post(self, channel_id: str, message: Message) -> str | None:
        """Post in a server channel; a long message is split like a DM."""
        outgoing = render(message)
        if not outgoing:
            return None
        channel = self.client.get_partial_messageable(int(channel_id))
        sent: discord.Message | None = None
        for index, part in enumerate(outgoing):
            post = functools.partial(self._post, channel, part, None, index)
            sent = await self._channel_call(post)
        assert sent is not None
        return str(sent.id)

    async def edit_posted(self, channel_id: str, message_id: str, message: Message) -> None:
        """One edit of a posted message (a group step); a new file replaces the old one."""
        outgoing = render(message)
        if not outgoing:
            return
        channel = self.client.get_partial_messageable(int(channel_id))
        target = channel.get_partial_message(int(message_id))
        last = outgoing[-1]
        kwargs = last.edit_kwargs()
        file = last.file()
        if file is not None:
            kwargs["attachments"] = [file]
        await self._channel_call(lambda: target.edit(**kwargs))

    async def _channel_call(self, call: Callable[[], Awaitable[T]]) -> T:
        await self.pacer.acquire()
        self.telemetry.count("chat_requests_paced", platform="discord")
        try:
            return await call()
        except (discord.HTTPException, aiohttp.ClientError, TimeoutError, OSError) as exc:
            error = delivery_error(exc)
            if isinstance(error, RecipientUnreachable):  # 50007 means a DM; here: no access
                raise PermanentDeliveryError(str(exc)) from exc
            raise error from exc

    # plumbing ------------------------------------------------------------------------
    async def _post(
        self, channel: discord.PartialMessageable, part: Outgoing, nonce: str | None, index: int
    ) -> discord.Message:
        kwargs = part.send_kwargs()
        part_nonce = chunk_nonce(nonce, index)
        if part_nonce is not None:
            kwargs["nonce"] = part_nonce
        return await channel.send(**kwargs)

    async def _call(
        self, user: User, call: Callable[[], Awaitable[T]], lane: Lane = Lane.INTERACTIVE
    ) -> T:
        started = time.perf_counter()
        await self.pacer.acquire_lane(lane)
        self.telemetry.count("chat_requests_paced", platform="discord")
        self.telemetry.observe(
            "chat_pacer_wait_seconds", time.perf_counter() - started, platform="discord"
        )
        try:
            return await call()
        except (discord.HTTPException, aiohttp.ClientError, TimeoutError, OSError) as exc:
            error = delivery_error(exc)
            if isinstance(error, RecipientUnreachable):
                await self._unreachable_now(user)
            raise error from exc

    async def _unreachable_now(self, user: User) -> None:
        self._unreachable[user.external_id] = True
        if self.users is None:
            return
        fresh = await self.users.get(user.id)
        if fresh is not None and fresh.unreachable_at is None:
            await self.users.mark_unreachable(user.id, self.clock.now())

    async def _channel(
        self, user: User, lane: Lane = Lane.INTERACTIVE
    ) -> discord.PartialMessageable:
        channel_id = self._channels.get(user.external_id)
        if channel_id is None and user.dm_channel_id:
            channel_id = int(user.dm_channel_id)
        if channel_id is None:
            recipient = discord.Object(int(user.external_id))
            dm = await self._call(user, lambda: self.client.create_dm(recipient), lane)
            channel_id = dm.id
        self._channels[user.external_id] = channel_id
        stored = user.dm_channel_id == str(channel_id) or user.external_id in self._stored
        if self.users is not None and not stored:
            await self.users.set_dm_channel(user.id, str(channel_id))
            self._stored[user.external_id] = True
        return self.client.get_partial_messageable(channel_id, type=discord.ChannelType.private)
