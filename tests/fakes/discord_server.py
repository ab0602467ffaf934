"""An in-process fake Discord (REST v10 + gateway) for end-to-end tests of discord.py bots.

Why: the bot must run *unchanged* — real HTTP client, rate-limit handling, gateway parsing,
command tree and views — so tests catch payload, sync and interaction-flow bugs that a patched
``HTTPClient`` (SimCord-style) would hide. The fake listens on 127.0.0.1 with an ephemeral
port; point discord.py at it with :func:`tests.fakes.discord_client_patch.point_discord_at`.

Layout: models/payloads in ``discord_models``, synced commands and option building in
``discord_commands``, the websocket in ``discord_gateway``, REST routes in ``discord_rest``
(interaction callbacks/webhooks in ``discord_webhooks``), users sending interactions in
``discord_interactions``. This module holds the state and the rest of the test-facing API.

Typical use (see ``tests/e2e/conftest.py`` for the fixtures doing this)::

    fake = FakeDiscord()
    await fake.start()
    guild = fake.add_guild("Clinic")
    alice = fake.add_user("alice")
    with point_discord_at(fake):
        task = asyncio.create_task(bot.start("token"))
        await fake.wait_until_ready()
        res = await fake.slash(alice, guild, "reminders add", {"time": "9am"})
        assert res.ephemeral and "9am" in res.content
        await bot.close()
        await task
    await fake.stop()
"""

# The test-facing waits take ``timeout=`` so every wait in a test is bounded by default.
# ruff: noqa: ASYNC109

from __future__ import annotations

import asyncio
import fnmatch
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from aiohttp import web

from .discord_commands import CommandError, CommandRegistry
from .discord_gateway import PRIVILEGED_INTENTS, Gateway, GatewaySession
from .discord_interactions import ATTACHMENT_SIZE_LIMIT, InteractionsMixin
from .discord_models import (
    CHANNEL_DM,
    CHANNEL_TEXT,
    EPHEMERAL,
    FakeChannel,
    FakeGuild,
    FakeMessage,
    FakeUser,
    InteractionResult,
    RecordedRequest,
    SnowflakeFactory,
    iso_now,
)
from .discord_rest import RestApi

__all__ = [
    "CommandError",
    "FakeChannel",
    "FakeDiscord",
    "FakeGuild",
    "FakeMessage",
    "FakeUser",
    "InteractionResult",
    "RecordedRequest",
]

MESSAGE_CONTENT_INTENT = 1 << 15


@dataclass
class RateLimitRule:
    """A pending injected 429: ``pattern`` is an fnmatch over ``"METHOD /path"``."""

    pattern: str
    retry_after: float
    is_global: bool
    remaining: int


class FakeDiscord(InteractionsMixin):
    """State + servers of one fake Discord deployment (one application, one bot user).

    Create, :meth:`add_guild` / :meth:`add_user` before the bot connects (they are sent in
    READY/GUILD_CREATE), ``await start()``, then drive users with :meth:`slash`,
    :meth:`autocomplete`, :meth:`click`, :meth:`dm_text`, and assert on
    :attr:`messages`, :meth:`dm_messages`, :attr:`requests`.
    """

    def __init__(
        self,
        *,
        bot_name: str = "Limber",
        token: str | None = None,
        privileged_intents: int = 0,
        heartbeat_interval_ms: int = 41_250,
        interaction_deadline: float = 3.0,
        edit_rate_limit: tuple[int, float] | None = None,
        global_rate_limit: int | None = None,
        recommended_shards: int = 1,
    ) -> None:
        self.snowflake = SnowflakeFactory()
        self.app_id = self.snowflake()
        self.bot_user = FakeUser(self.snowflake(), bot_name, bot_name, bot=True)
        self.owner = FakeUser(self.snowflake(), "owner", "Owner")
        self.token = token  # None: accept any token
        self.privileged_intents = privileged_intents & PRIVILEGED_INTENTS
        self.interaction_deadline = interaction_deadline
        # (edits, seconds): e.g. (5, 5.0) answers the 6th edit of one message within 5 s
        # with a 429 sub-limit, as Discord does; None disables it (the default).
        self.edit_rate_limit = edit_rate_limit
        # Requests per wall-clock second (epoch seconds) for the bot token, as Discord's
        # global limit: the request over it answers 429 global with retry_after until the
        # next second. None disables it (the default). Interaction callbacks and webhooks
        # (no bot token) are not counted, as on Discord. `per_second` counts what was
        # accepted in each second, `rejected` the 429s.
        self.global_rate_limit = global_rate_limit
        self.per_second: dict[int, int] = {}
        self.rejected_global = 0
        self.recommended_shards = recommended_shards
        self.users: dict[int, FakeUser] = {
            self.bot_user.id: self.bot_user,
            self.owner.id: self.owner,
        }
        self.guilds: dict[int, FakeGuild] = {}
        self.channels: dict[int, FakeChannel] = {}
        self.messages: dict[int, FakeMessage] = {}
        self.commands = CommandRegistry(self.app_id, self.snowflake)
        self.requests: list[RecordedRequest] = []
        self.unhandled: list[RecordedRequest] = []
        self.interactions: dict[int, InteractionResult] = {}
        self._interaction_times: dict[int, float] = {}
        self._expired_tokens: set[str] = set()
        self._dm_by_user: dict[int, FakeChannel] = {}
        self._nonces: dict[tuple[int, str], FakeMessage] = {}
        self._rate_limits: list[RateLimitRule] = []
        self._rejecting_token = False
        self._log: list[tuple[int, str, FakeMessage]] = []
        self._changed = asyncio.Event()
        self._ready = asyncio.Event()
        self.gateway = Gateway(
            check_token=self.token_ok,
            on_identify=self._on_identify,
            allowed_intents=lambda: self.privileged_intents,
            heartbeat_interval_ms=heartbeat_interval_ms,
        )
        self.rest = RestApi(self)
        self._runner: web.AppRunner | None = None
        self.port = 0

    # ------------------------------------------------------------------ lifecycle
    async def start(self) -> None:
        """Listen on 127.0.0.1 with an ephemeral port; returns once accepting connections."""
        app = web.Application(client_max_size=ATTACHMENT_SIZE_LIMIT + 1024 * 1024)
        app.router.add_get("/gateway", self.gateway.handle)
        app.router.add_get("/attachments/{channel}/{attachment}/{filename}", self.rest.cdn)
        app.router.add_route("*", "/api/v10/{tail:.*}", self.rest.handle)
        self._runner = web.AppRunner(app, handle_signals=False, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        server = site._server
        assert server is not None and server.sockets  # type: ignore[attr-defined]
        self.port = server.sockets[0].getsockname()[1]  # type: ignore[attr-defined]

    async def stop(self) -> None:
        await self.disconnect_all()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def http_base(self) -> str:
        """Value for ``discord.http.Route.BASE``."""
        return f"{self.base_url}/api/v10"

    @property
    def gateway_url(self) -> str:
        """Value for ``DiscordWebSocket.DEFAULT_GATEWAY`` (also sent as resume_gateway_url)."""
        return f"ws://127.0.0.1:{self.port}/gateway"

    async def disconnect_all(self) -> None:
        """Close every gateway socket (code 1000) and forget the sessions."""
        await self.gateway.close_all()
        self._ready.clear()

    async def reconnect_all(self) -> None:
        """Send op 7 RECONNECT: discord.py reconnects and RESUMEs; missed events are replayed."""
        await self.gateway.reconnect_all()

    async def wait_for_resumes(self, count: int = 1, timeout: float = 5.0) -> None:
        """Wait until the gateway has accepted ``count`` RESUMEs in total."""
        async with asyncio.timeout(timeout):
            while self.gateway.resumes < count:
                self.gateway.changed.clear()
                await self.gateway.changed.wait()

    async def wait_until_ready(self, timeout: float = 5.0) -> None:
        """Wait until a bot identified and was sent READY and every GUILD_CREATE."""
        async with asyncio.timeout(timeout):
            await self._ready.wait()

    # ------------------------------------------------------------------ knobs
    def token_ok(self, token: str) -> bool:
        if self._rejecting_token:
            return False
        return self.token is None or token == self.token

    def reject_token(self, reject: bool = True) -> None:
        """Make every authenticated call answer 401 (``bot.start`` raises LoginFailure)."""
        self._rejecting_token = reject

    def close_dms(self, user: FakeUser) -> None:
        """The user blocks DMs: posting in their DM channel answers 403 code 50007."""
        user.dms_open = False

    def open_dms(self, user: FakeUser) -> None:
        user.dms_open = True

    def rate_limit_next(
        self, route: str, retry_after: float = 0.05, *, is_global: bool = False, count: int = 1
    ) -> None:
        """The next ``count`` requests matching ``route`` get a 429 (with ``Via`` so d.py retries).

        ``route`` is ``"METHOD /path"`` without ``/api/v10``; ``{param}`` and ``*`` are wildcards,
        e.g. ``"POST /channels/{channel_id}/messages"``.
        """
        pattern = re.sub(r"\{[^}]*\}", "*", route)
        self._rate_limits.append(RateLimitRule(pattern, retry_after, is_global, count))

    def guild_on_shard(self, name: str, shard_id: int, shard_count: int) -> FakeGuild:
        """A guild whose id falls on ``shard_id`` of ``shard_count`` (Discord's formula)."""
        while True:
            guild = self.add_guild(name)
            if (guild.id >> 22) % shard_count == shard_id:
                return guild
            del self.guilds[guild.id]
            for chan in guild.channels:
                self.channels.pop(chan.id, None)
            self.snowflake.skip(1 << 22)

    def over_global_limit(self, now: float) -> float | None:
        """Count one bot-token request at ``now``; seconds to wait when over the limit."""
        if self.global_rate_limit is None:
            return None
        second = int(now)
        used = self.per_second.get(second, 0)
        if used >= self.global_rate_limit:
            self.rejected_global += 1
            return max(0.001, second + 1 - now)
        self.per_second[second] = used + 1
        return None

    def take_rate_limit(self, method: str, path: str) -> RateLimitRule | None:
        key = f"{method} {path}"
        for rule in self._rate_limits:
            if fnmatch.fnmatchcase(key, rule.pattern):
                rule.remaining -= 1
                if rule.remaining <= 0:
                    self._rate_limits.remove(rule)
                return rule
        return None

    def expire_interaction(self, result: InteractionResult) -> None:
        """Pretend 15 minutes passed: the token's webhook calls now answer 401 (50027)."""
        self._expired_tokens.add(result.token)

    def token_expired(self, token: str) -> bool:
        return token in self._expired_tokens

    # ------------------------------------------------------------------ setup
    def add_guild(
        self, name: str = "Guild", *, channels: tuple[str, ...] = ("general",)
    ) -> FakeGuild:
        guild = FakeGuild(self.snowflake(), name, owner_id=self.owner.id)
        for pos, cname in enumerate(channels):
            chan = FakeChannel(self.snowflake(), CHANNEL_TEXT, cname, guild.id, position=pos)
            guild.channels.append(chan)
            self.channels[chan.id] = chan
        self.guilds[guild.id] = guild
        return guild

    def add_user(
        self,
        username: str,
        *,
        guilds: list[FakeGuild] | None = None,
        global_name: str | None = None,
        admin: bool = False,
    ) -> FakeUser:
        """A human user, member of ``guilds`` (default: every guild added so far)."""
        user = FakeUser(self.snowflake(), username, global_name or username.title(), admin=admin)
        self.users[user.id] = user
        for guild in self.guilds.values() if guilds is None else guilds:
            guild.members.append(user)
        return user

    def dm_channel(self, user: FakeUser) -> FakeChannel:
        """The (single) DM channel between the bot and ``user``, created on first use."""
        chan = self._dm_by_user.get(user.id)
        if chan is None:
            chan = FakeChannel(self.snowflake(), CHANNEL_DM, recipient=user)
            self._dm_by_user[user.id] = chan
            self.channels[chan.id] = chan
        return chan

    # ------------------------------------------------------------------ gateway side
    async def _on_identify(self, session: GatewaySession) -> None:
        self._ready.clear()
        ready = {
            "v": 10,
            "user": {**self.bot_user.payload(), "verified": True, "mfa_enabled": False},
            "guilds": [{"id": str(g), "unavailable": True} for g in self.guilds],
            "session_id": session.id,
            "session_type": "normal",
            "resume_gateway_url": self.gateway_url,
            "application": {"id": str(self.app_id), "flags": 0},
            "private_channels": [],
            "relationships": [],
            "presences": [],
            "guild_join_requests": [],
            "geo_ordered_rtc_regions": [],
            "user_settings": {},
            "_trace": ["fake-discord"],
        }
        mine = [g for g in self.guilds.values() if session.holds(g.id)]
        ready["guilds"] = [{"id": str(g.id), "unavailable": True} for g in mine]
        if session.shard is not None:
            ready["shard"] = list(session.shard)
        await session.dispatch("READY", ready)
        for guild in mine:
            await session.dispatch("GUILD_CREATE", guild.create_payload(self.bot_user))
        self._ready.set()

    async def dispatch_quiet(self, event: str, data: dict[str, Any]) -> None:
        """Dispatch if a bot is connected; events about the bot's own actions are best effort."""
        if self.gateway.live_sessions():
            await self.gateway.dispatch(event, data)

    def message_event(self, msg: FakeMessage, *, intents: int | None = None) -> dict[str, Any]:
        """MESSAGE_CREATE/UPDATE data; strips content as Discord does without the intent."""
        data = msg.payload()
        if msg.guild_id is not None:
            data["member"] = {
                k: v
                for k, v in msg.author.member_payload(self.guilds[msg.guild_id]).items()
                if k != "user"
            }
            mentioned = f"<@{self.bot_user.id}>" in msg.content
            has_intent = intents is None or bool(intents & MESSAGE_CONTENT_INTENT)
            if not (has_intent or mentioned or msg.author is self.bot_user):
                data.update(content="", embeds=[], attachments=[], components=[])
        return data

    async def dispatch_message(self, event: str, msg: FakeMessage) -> None:
        for session in self.gateway.live_sessions():
            await session.dispatch(event, self.message_event(msg, intents=session.intents))

    # ------------------------------------------------------------------ message log
    def record(self, kind: str, msg: FakeMessage) -> None:
        """Log a create/edit/delete of a message so waiters can see it."""
        self._log.append((len(self._log) + 1, kind, msg))
        self._changed.set()
        if msg.interaction_id is not None and msg.interaction_id in self.interactions:
            self.interactions[msg.interaction_id]._touch()

    def mark(self) -> int:
        """A position in the message log, for ``wait_for_message(since=...)``."""
        return len(self._log)

    async def wait_for_message(
        self,
        predicate: Callable[[FakeMessage], bool] | None = None,
        timeout: float = 5.0,
        *,
        since: int = 0,
    ) -> FakeMessage:
        """First message the bot created/edited after log position ``since`` matching predicate.

        Looks at history first (``since=0``: everything), so there is no race with a reply
        that arrived before the wait started; pass ``since=fake.mark()`` to skip old ones.
        """
        pos = since
        async with asyncio.timeout(timeout):
            while True:
                for seq, kind, msg in self._log[pos:]:
                    pos = seq
                    if kind == "delete" or msg.author is not self.bot_user:
                        continue
                    if predicate is None or predicate(msg):
                        return msg
                self._changed.clear()
                await self._changed.wait()

    def dm_messages(self, user: FakeUser) -> list[FakeMessage]:
        """Messages the bot sent (and did not delete) in ``user``'s DM channel, oldest first."""
        chan = self._dm_by_user.get(user.id)
        if chan is None:
            return []
        return [m for m in self.channel_messages(chan) if m.author is self.bot_user]

    def channel_messages(self, channel: FakeChannel) -> list[FakeMessage]:
        """All live messages in a channel (any author, including ephemeral ones), oldest first."""
        return [m for m in self.messages.values() if m.channel_id == channel.id and not m.deleted]

    def calls(self, route: str) -> list[RecordedRequest]:
        """Recorded REST calls matching ``"METHOD /path"`` (``{param}``/``*`` wildcards)."""
        pattern = re.sub(r"\{[^}]*\}", "*", route)
        return [r for r in self.requests if fnmatch.fnmatchcase(f"{r.method} {r.path}", pattern)]

    @property
    def invalid_request_count(self) -> int:
        """401/403/429 answers so far (Discord bans a token after 10,000 in 10 minutes)."""
        return sum(1 for r in self.requests if r.status in (401, 403, 429))

    # ------------------------------------------------------------------ users acting
    async def dm_text(self, user: FakeUser, content: str) -> FakeMessage:
        """``user`` types ``content`` in their DM with the bot (MESSAGE_CREATE, no guild_id)."""
        chan = self.dm_channel(user)
        msg = FakeMessage(self.snowflake(), chan.id, user, content)
        self.messages[msg.id] = msg
        self.record("create", msg)
        await self.gateway.dispatch("MESSAGE_CREATE", self.message_event(msg))
        return msg

    async def channel_text(self, user: FakeUser, channel: FakeChannel, content: str) -> FakeMessage:
        """``user`` posts in a guild channel; content is blanked without the privileged intent."""
        msg = FakeMessage(self.snowflake(), channel.id, user, content, guild_id=channel.guild_id)
        self.messages[msg.id] = msg
        self.record("create", msg)
        if not self.gateway.live_sessions():
            raise RuntimeError("no bot is connected to the fake gateway")
        await self.dispatch_message("MESSAGE_CREATE", msg)
        return msg

    def new_message(self, channel: FakeChannel, author: FakeUser, **fields: Any) -> FakeMessage:
        msg = FakeMessage(self.snowflake(), channel.id, author, guild_id=channel.guild_id, **fields)
        self.messages[msg.id] = msg
        return msg

    def edited_now(self, msg: FakeMessage) -> None:
        msg.edited_timestamp = iso_now()
        msg.edits += 1

    def is_ephemeral(self, msg: FakeMessage) -> bool:
        return bool(msg.flags & EPHEMERAL)

    def nonce_lookup(self, channel_id: int, nonce: str | int) -> FakeMessage | None:
        return self._nonces.get((channel_id, str(nonce)))

    def nonce_store(self, msg: FakeMessage) -> None:
        if msg.nonce is not None:
            self._nonces[(msg.channel_id, str(msg.nonce))] = msg
