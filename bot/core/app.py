"""The Limber application: the core's parts wired together, and the doors adapters use.

Adapters turn platform events into calls of `command` (or `command_line`), `action`
and `text`, and render the `Reply` they get back. Pushes outside a reply (session steps,
reminders) go through the `Chat` port the adapter passed in. Everything is passed in
by the composition root (`bot.bootstrap`): storage, chat, clock, routines, settings the
core needs. Nothing here opens a database, reads the environment or knows a platform.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

from bot.core.clock import Clock
from bot.core.commands import CommandSpec, ParsedLine, Registry
from bot.core.context import Context, CoreConfig, Services
from bot.core.conversation.free_text import handle_text
from bot.core.errors import CommandError
from bot.core.features import build_registry
from bot.core.messages import Kind, Message, Reply, parse_action_id
from bot.core.models import UNSAVED_ID, Scope, User, UserRef
from bot.core.pacing import TokenBucket
from bot.core.ports import NO_TELEMETRY, Chat, Pacer, Storage, Telemetry
from bot.core.privacy.retention import Housekeeping
from bot.core.reminders.dispatcher import Dispatcher
from bot.core.reminders.groups import GroupScheduler
from bot.core.routines import RoutineLibrary
from bot.core.sessions.animations import Animations
from bot.core.sessions.coach import Coach
from bot.core.sessions.group import GroupCoach
from bot.core.suggest import suggest
from bot.core.triage.model import ClinicInfo

log = logging.getLogger(__name__)

DISCORD_GLOBAL_RATE = 50.0
"""Requests per second per bot token (Discord's global limit; notes/scheduling.md)."""


AppFactory = Callable[[Chat, Clock], Awaitable["Limber"]]
"""What an adapter gets from the composition root: build the core around my Chat."""


class Service(Protocol):
    """A background part of the app (reminder dispatcher, housekeeping) with a lifetime."""

    async def start(self) -> None: ...

    async def stop(self) -> None: ...


class Limber:
    """The core, built from ports. `dispatcher_options` go to the reminder Dispatcher;
    `animation_dir` is where exercise animations are cached (None: in memory only)."""

    def __init__(
        self,
        store: Storage,
        library: RoutineLibrary,
        chat: Chat,
        clock: Clock,
        config: CoreConfig | None = None,
        *,
        pacer: Pacer | None = None,
        dispatcher_options: dict[str, Any] | None = None,
        telemetry: Telemetry = NO_TELEMETRY,
        animation_dir: Path | None = None,
    ) -> None:
        self.config = config or CoreConfig()
        self.telemetry = telemetry
        self.store = store
        self.library = library
        self.chat = chat
        self.clock = clock
        self.registry: Registry = build_registry()
        self.animations = Animations(animation_dir)
        self.coach = Coach(store, chat, clock, library, telemetry, self.animations)
        self.dispatcher = Dispatcher(
            store,
            chat,
            clock,
            library,
            default_zone=self.config.default_timezone,
            pacer=pacer,
            telemetry=telemetry,
            **(dispatcher_options or {}),
        )
        self.coach.on_end.append(self.dispatcher.session_ended)
        self.groups = GroupCoach(store, chat, clock, library, self.coach, telemetry)
        self.group_schedules = GroupScheduler(
            store, self.groups, clock, library, self.config.default_timezone
        )
        self.housekeeping = Housekeeping(
            store.privacy, clock, self.config.data_retention_days, self.dispatcher
        )
        self.services = Services(
            store=store,
            chat=chat,
            clock=clock,
            library=library,
            config=self.config,
            coach=self.coach,
            reminders=self.dispatcher,
            groups=self.groups,
            group_schedules=self.group_schedules,
            commands=self.registry.infos(),
            telemetry=telemetry,
        )
        # Housekeeping registers its daily job on the dispatcher's scheduler: keep it after.
        self.background: list[Service] = [
            self.dispatcher,
            self.housekeeping,
            self.group_schedules,
        ]
        self._closed = False

    # lifetime --------------------------------------------------------------------------
    async def start(self) -> None:
        """Draw (or read back) the exercise animations, recover sessions cut off by a
        restart, then start background services."""
        await self.animations.warm(list(self.library.exercises.values()))
        await self.coach.recover()
        await self.groups.recover()
        for service in self.background:
            await service.start()

    async def close(self) -> None:
        """Stop services, park running sessions as resumable, close storage. Idempotent."""
        if self._closed:
            return
        self._closed = True
        for service in reversed(self.background):
            try:
                await service.stop()
            except Exception:
                log.exception("stopping %r failed", service)
        await self.coach.shutdown()
        await self.groups.shutdown()
        await self.store.close()

    # the doors -------------------------------------------------------------------------
    async def command(self, ref: UserRef, scope: Scope, name: str, raw: dict[str, Any]) -> Reply:
        """A command with options already split by the platform (Discord slash command)."""
        spec = self.registry.get(name)
        if spec is None:
            return Reply.error(f"Unknown command `/{name}`. Type `/help` for the list.")
        return await self._guarded(ref, scope, lambda: self._validated(spec, raw))

    async def command_line(self, ref: UserRef, scope: Scope, line: str) -> Reply:
        """A command typed as text (`/reminders add 9am weekdays`), as in the terminal."""
        return await self._guarded(ref, scope, lambda: self._parsed(line))

    async def action(self, ref: UserRef, scope: Scope, action_id: str) -> Reply:
        """A button press; the id carries everything needed, even after a restart."""
        parts = parse_action_id(action_id)
        handler = self.registry.actions.get(parts[0]) if parts else None
        if parts is None or handler is None:
            return Reply.error("That button is no longer available.")
        found, args = handler, parts[1:]
        return await self._run(ref, scope, lambda ctx: found(ctx, args))

    async def text(self, ref: UserRef, scope: Scope, text: str) -> Reply:
        """Free text: an answer to a pending question, or a message for triage."""
        answers = self.registry.answers
        return await self._run(ref, scope, lambda ctx: handle_text(ctx, text, answers))

    async def autocomplete(self, ref: UserRef, source: str, current: str) -> list[tuple[str, str]]:
        """Up to 25 (label, value) suggestions for an option with `autocomplete` metadata."""
        return suggest(self.library, source, current)[:25]

    async def clinic_info(self, user: User, scope: Scope | None = None) -> ClinicInfo:
        """The server's /clinic setup values, falling back to the operator's defaults."""
        ctx = Context(self.services, user, scope or Scope(user.platform), self.clock.now())
        return await ctx.clinic_info()

    # plumbing --------------------------------------------------------------------------
    async def _validated(self, spec: CommandSpec, raw: dict[str, Any]) -> ParsedLine:
        return ParsedLine(spec, self.registry.validate(spec, raw))

    async def _parsed(self, line: str) -> ParsedLine:
        return self.registry.parse(line)

    async def _guarded(
        self,
        ref: UserRef,
        scope: Scope,
        resolve: Callable[[], Awaitable[ParsedLine]],
    ) -> Reply:
        try:
            spec, options, ignored = await resolve()
        except CommandError as exc:
            return Reply.error(str(exc))

        async def run(ctx: Context) -> Reply:
            if spec.admin_only and not ctx.scope.is_admin:
                return Reply.error(f"`/{spec.name}` is for {ctx.phrases.admin_role}.")
            reply = await spec.handler(ctx, options)
            if ignored:
                reply.messages.append(ignored_note(spec, ignored))
            return reply

        return await self._run(ref, scope, run, create=not spec.read_only)

    async def context(self, ref: UserRef, scope: Scope, *, create: bool = True) -> Context:
        """Who is asking. A person is stored once they act (a button, a message, a command
        that changes something); a command that only reads (`/help`, `/privacy show`)
        sees an unsaved stand-in, so reading never creates (or re-creates) a record."""
        now = self.clock.now()
        if create:
            user = await self.store.users.ensure(ref, now, scope.clinic_key)
        else:
            user = await self.store.users.by_ref(ref) or unsaved_user(ref, scope, now)
        return Context(self.services, user, scope, now)

    async def _run(
        self,
        ref: UserRef,
        scope: Scope,
        body: Callable[[Context], Awaitable[Reply]],
        *,
        create: bool = True,
    ) -> Reply:
        ctx = await self.context(ref, scope, create=create)
        try:
            reply = await body(ctx)
        except CommandError as exc:
            reply = Reply.error(str(exc))
        except Exception:
            log.exception("handling an event for user %s failed", ctx.user.id)
            reply = Reply.error("Sorry, something went wrong on our side. Please try again.")
        if ctx.user.id == UNSAVED_ID:
            return reply
        # Re-read: a push made while handling this event may just have found DMs closed.
        notice = await self._unreachable_notice(await self.store.users.get(ctx.user.id) or ctx.user)
        if notice is not None:
            reply.messages.insert(0, notice)
        return reply

    async def _unreachable_notice(self, user: User) -> Message | None:
        """Tell a person once that they could not be messaged and reminders are off."""
        if user.unreachable_at is None or user.unreachable_told:
            return None
        await self.store.users.mark_unreachable_told(user.id)
        return Message(
            "I couldn't send you a private message, so your reminders are switched off. "
            f"{self.chat.phrases.reopen_private}, then use `/reminders resume` to switch "
            "them back on.",
            kind=Kind.ERROR,
        )


def unsaved_user(ref: UserRef, scope: Scope, now: datetime) -> User:
    """A stand-in for someone Limber has no record of: nothing stored, nothing pending."""
    return User(
        id=UNSAVED_ID,
        platform=ref.platform,
        external_id=ref.external_id,
        display_name=ref.display_name,
        timezone=None,
        clinic_key=scope.clinic_key,
        consent_pain=None,
        screened_at=None,
        pending=None,
        dm_channel_id=None,
        unreachable_at=None,
        unreachable_told=False,
        created_at=now,
    )


def ignored_note(spec: CommandSpec, words: tuple[str, ...]) -> Message:
    """A stray word does not fail a command: it is named, and the usage shown."""
    listed = " ".join(words)
    if not spec.option_fields():
        return Message(f"(I ignored `{listed}`: `/{spec.name}` takes no options.)")
    return Message(f"(I ignored `{listed}`: the usage is `{spec.usage}`.)")


def default_pacer(clock: Clock, rate: float = DISCORD_GLOBAL_RATE) -> TokenBucket:
    """The shared pacer at a platform's global rate (tokens per second, burst 1 s)."""
    return TokenBucket(rate, rate, clock)
