"""`LimberBot`: the discord.Client that carries the Limber app.

Start-up (`setup_hook`, after login, before the gateway connects): create the app with
this adapter's `DiscordChat`, generate the slash commands from the registry, register
the restart-proof button, sync commands (only when needed), start the app's services.

Events, each turned into one core door and its `Reply` rendered back:
- slash command → `app.command`; autocomplete → `app.autocomplete`;
- button click → `app.action` (an empty reply acknowledges the click silently);
- text in a DM → `app.text`, answered in the DM.
In a server, replies are ephemeral when the core marks them private; sessions and
reminders reach people as normal DM messages pushed through the Chat port, never as
interaction follow-ups, so they outlive the 15-minute interaction token.

First interaction: right after answering a person who has no stored DM channel, the
channel is opened and stored (`DiscordChat.open_dm`), so reminders later cost one
request each. Sharding (`SHARD_COUNT`, `SHARD_IDS`): `sharded_bot` is the same bot on
discord.py's `AutoShardedClient`, several shards in one process; processes split the
shards between them and share the database (and the request budget, with PostgreSQL).

Interactions must be answered within 3 seconds: if the core has not answered after
`defer_after` seconds (e.g. drawing a progress chart), the interaction is deferred and
the reply follows up. Commands in a DM are acknowledged at once, so their reply sits
above the session steps they push into the same channel. `close` lets in-flight
handlers finish, then closes the app (which interrupts running sessions resumably and
closes the database), then Discord.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Iterator
from types import SimpleNamespace
from typing import Any

import aiohttp
import discord
from discord import app_commands

from bot.adapters.discord.discord_chat import DiscordChat
from bot.adapters.discord.discord_render import NO_MENTIONS, Outgoing, render_reply
from bot.adapters.discord.slash import build_commands, sync_commands
from bot.adapters.discord.views import LimberButton
from bot.config import Settings
from bot.core.app import AppFactory, Limber
from bot.core.clock import Clock, SystemClock
from bot.core.commands import CommandSpec
from bot.core.messages import Reply
from bot.core.models import Scope, UserRef
from bot.core.pacing import LanePacer
from bot.core.ports import DeliveryError

log = logging.getLogger(__name__)

PLATFORM = "discord"
DEFER_AFTER = 2.0  # seconds; Discord drops an interaction not answered within 3 s
CLOSE_GRACE = 10.0  # seconds in-flight handlers get to finish on shutdown
RESTARTING = "Limber is restarting. Please try again in a minute."
DONE = "Done."

AppCall = Callable[[Limber], Awaitable[Reply]]


def user_ref(user: discord.abc.User) -> UserRef:
    return UserRef(PLATFORM, str(user.id), user.display_name)


def scope_of(interaction: discord.Interaction[Any]) -> Scope:
    """Server or DM, and whether the person may manage the server (admin commands)."""
    if interaction.guild_id is None:
        return Scope(PLATFORM)
    perms = interaction.permissions
    channel = str(interaction.channel_id) if interaction.channel_id is not None else None
    return Scope(
        PLATFORM,
        str(interaction.guild_id),
        is_admin=perms.administrator or perms.manage_guild,
        channel_id=channel,
    )


class LimberBot(discord.Client):
    def __init__(
        self,
        settings: Settings,
        build: AppFactory,
        *,
        clock: Clock | None = None,
        defer_after: float = DEFER_AFTER,
        guild_ready_timeout: float = 2.0,
        pacer: LanePacer | None = None,
        **client_options: Any,
    ) -> None:
        # No privileged intents: slash commands and buttons arrive as interactions, and
        # Discord includes message content in DMs to the bot without the content intent.
        intents = discord.Intents.none()
        intents.guilds = True
        intents.dm_messages = True
        super().__init__(
            intents=intents,
            allowed_mentions=NO_MENTIONS,
            guild_ready_timeout=guild_ready_timeout,
            http_trace=self._rate_limit_trace(),
            **client_options,
        )
        self.settings = settings
        self.build = build
        self.clock = clock or SystemClock()
        self.defer_after = defer_after
        self.tree: app_commands.CommandTree[LimberBot] = app_commands.CommandTree(self)
        self.chat = DiscordChat(self, pacer, settings.discord_rate_limit)
        self.app: Limber | None = None
        self.sync_result: str | None = None
        self._inflight: set[asyncio.Task[Any]] = set()
        self._closing = False

    # start-up ------------------------------------------------------------------------
    async def setup_hook(self) -> None:
        app = await self.build(self.chat, self.clock)
        self.app = app
        self.chat.bind(app.store.users, app.clock, app.telemetry)
        if not self.settings.uses_sqlite:
            # PostgreSQL may be shared by several processes on one token: one budget.
            self.chat.share_budget(app.store.budget)
        for command in build_commands(app.registry.specs(), self.run_command, self.complete):
            self.tree.add_command(command)
        self.add_dynamic_items(LimberButton)
        self.sync_result = await sync_commands(self.tree, self.settings, self.application_id)
        log.info("commands: %s", self.sync_result)
        await app.start()

    def _rate_limit_trace(self) -> aiohttp.TraceConfig:
        """Count every 429 Discord answers (discord.py retries most of them silently)."""
        trace = aiohttp.TraceConfig()

        async def on_request_end(
            session: aiohttp.ClientSession,
            context: SimpleNamespace,
            params: aiohttp.TraceRequestEndParams,
        ) -> None:
            if params.response.status == 429:
                headers = params.response.headers
                chat = getattr(self, "chat", None)
                if chat is not None and headers.get("X-RateLimit-Global"):
                    # Every request of this token waits, not only the one discord.py retries.
                    try:
                        # Reset-After is precise; Retry-After is whole seconds.
                        exact = headers.get("X-RateLimit-Reset-After")
                        wait = float(exact or headers.get("Retry-After") or 1.0)
                    except ValueError:
                        wait = 1.0
                    chat.pacer.hold(wait)
                scope = params.response.headers.get("X-RateLimit-Scope", "")
                scope = scope if scope in {"user", "global", "shared"} else "other"
                chat = getattr(self, "chat", None)
                if chat is not None:
                    chat.telemetry.count("rate_limited", platform=PLATFORM, scope=scope)

        trace.on_request_end.append(on_request_end)
        return trace

    async def close(self) -> None:
        if not self._closing:
            self._closing = True
            current = asyncio.current_task()
            pending = [t for t in self._inflight if t is not current and not t.done()]
            if pending:
                await asyncio.wait(pending, timeout=CLOSE_GRACE)
            if self.app is not None:
                try:
                    await self.app.close()
                except Exception:
                    log.exception("closing the app failed")
        await super().close()

    @contextlib.contextmanager
    def _tracked(self) -> Iterator[None]:
        task = asyncio.current_task()
        if task is not None:
            self._inflight.add(task)
        try:
            yield
        finally:
            if task is not None:
                self._inflight.discard(task)

    # the doors -----------------------------------------------------------------------
    async def run_command(
        self, interaction: discord.Interaction[Any], spec: CommandSpec, options: dict[str, Any]
    ) -> None:
        ref, scope = user_ref(interaction.user), scope_of(interaction)
        await self._answer(
            interaction, lambda app: app.command(ref, scope, spec.name, options), component=False
        )

    async def handle_action(self, interaction: discord.Interaction[Any], action_id: str) -> None:
        ref, scope = user_ref(interaction.user), scope_of(interaction)
        await self._answer(
            interaction, lambda app: app.action(ref, scope, action_id), component=True
        )

    async def complete(
        self, interaction: discord.Interaction[Any], source: str, current: str
    ) -> list[tuple[str, str]]:
        if self.app is None or self._closing:
            return []
        return await self.app.autocomplete(user_ref(interaction.user), source, current)

    async def on_message(self, message: discord.Message) -> None:
        """Free text in a DM goes to the core (answers to questions, triage)."""
        if message.author.bot or not isinstance(message.channel, discord.DMChannel):
            return
        app = self.app
        if app is None or self._closing:
            return
        ref = user_ref(message.author)
        self.chat.remember_channel(ref.external_id, message.channel.id)
        self.chat.user_active(ref.external_id)
        with self._tracked():
            reply = await app.text(ref, Scope(PLATFORM), message.content)
            user = await app.store.users.by_ref(ref)
            if user is None:
                return
            for outgoing in reply.messages:
                try:
                    await self.chat.send(user, outgoing)
                except DeliveryError as exc:
                    log.warning("could not answer a DM from user %s: %s", user.id, exc)
                    return

    # answering interactions ----------------------------------------------------------
    async def _answer(
        self, interaction: discord.Interaction[Any], call: AppCall, *, component: bool
    ) -> None:
        app = self.app
        if app is None or self._closing:
            await interaction.response.send_message(
                RESTARTING, ephemeral=True, allowed_mentions=NO_MENTIONS
            )
            return
        self.chat.user_active(str(interaction.user.id))
        in_guild = interaction.guild_id is not None
        if not in_guild and interaction.channel_id is not None:
            self.chat.remember_channel(str(interaction.user.id), interaction.channel_id)
        with self._tracked():
            if not in_guild and not component:
                # In a DM the reply shares the channel with the steps the command may
                # push (`/stretch start`): acknowledging first puts the reply above them.
                await interaction.response.defer(thinking=True)
            work = asyncio.ensure_future(call(app))
            try:
                done, _ = await asyncio.wait({work}, timeout=self.defer_after)
                if not done and not interaction.response.is_done():
                    if component:
                        await interaction.response.defer()
                    else:
                        await interaction.response.defer(ephemeral=in_guild, thinking=True)
                reply = await work
            except BaseException:
                work.cancel()
                raise
            await self._respond(
                interaction, reply, ephemeral=in_guild and reply.private, component=component
            )
            await self._open_dm(app, interaction.user)

    async def _open_dm(self, app: Limber, who: discord.abc.User) -> None:
        """After the answer: open and store the DM channel of a person who has none yet."""
        if self.chat.channel_stored(str(who.id)):
            return
        try:
            user = await app.store.users.by_ref(user_ref(who))
            if user is not None:
                await self.chat.open_dm(user)
        except (DeliveryError, discord.HTTPException, aiohttp.ClientError, OSError) as exc:
            log.info("could not open the DM channel of user %s yet: %s", who.id, exc)

    @staticmethod
    async def _respond(
        interaction: discord.Interaction[Any], reply: Reply, *, ephemeral: bool, component: bool
    ) -> None:
        parts = render_reply(reply)
        response = interaction.response
        if not parts:
            if component:
                if not response.is_done():
                    await response.defer()  # acknowledge the click, change nothing
                return
            parts = [Outgoing(DONE)]  # a command always gets a visible answer
        for part in parts:
            if not response.is_done():
                await response.send_message(ephemeral=ephemeral, **part.send_kwargs())
            else:
                await interaction.followup.send(ephemeral=ephemeral, **part.send_kwargs())


class LimberShardedBot(LimberBot, discord.AutoShardedClient):
    """`LimberBot` on discord.py's `AutoShardedClient` (SHARD_COUNT / SHARD_IDS)."""


def make_bot(
    settings: Settings, build: AppFactory, *, clock: Clock | None = None, **options: Any
) -> LimberBot:
    """The bot for these settings: sharded when SHARD_COUNT is set, else one connection."""
    if settings.shard_count is None:
        return LimberBot(settings, build, clock=clock, **options)
    return LimberShardedBot(
        settings,
        build,
        clock=clock,
        shard_count=settings.shard_count,
        shard_ids=settings.shard_ids or None,
        **options,
    )
