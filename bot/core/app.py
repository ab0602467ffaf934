"""The Limber application: services wired together, and the three doors adapters use.

Adapters turn platform events into calls of `command` (or `command_line`), `action`
and `text`, and render the `Reply` they get back. Pushes outside a reply (session steps,
reminders) go through the `Chat` port the adapter passed in. Dependencies are passed in
(settings, clock, chat), never reached through globals.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any, Protocol

from pydantic import BaseModel

from bot.config import Settings
from bot.core.clock import Clock, SystemClock
from bot.core.commands import CommandError, CommandSpec, Context, Registry
from bot.core.messages import Kind, Message, Reply, parse_action_id
from bot.core.models import Scope, User, UserRef
from bot.core.ports import Chat
from bot.core.routines import RoutineLibrary, load_library
from bot.core.triage import ClinicInfo
from bot.storage.db import Database
from bot.storage.sessions import SessionRepo
from bot.storage.users import ClinicRepo, UserRepo

log = logging.getLogger(__name__)


class Service(Protocol):
    """A background part of the app (reminder dispatcher, housekeeping) with a lifetime."""

    async def start(self) -> None: ...

    async def stop(self) -> None: ...


class Limber:
    def __init__(
        self,
        settings: Settings,
        db: Database,
        library: RoutineLibrary,
        chat: Chat,
        clock: Clock,
    ) -> None:
        from bot.core.coach import Coach
        from bot.core.handlers import build_registry

        self.settings = settings
        self.db = db
        self.library = library
        self.chat = chat
        self.clock = clock
        self.users = UserRepo(db)
        self.clinics = ClinicRepo(db)
        self.sessions = SessionRepo(db)
        self.registry: Registry = build_registry()
        self.coach = Coach(self)
        self.services: list[Service] = []
        self._started = False
        self._closed = False

    @classmethod
    async def create(cls, settings: Settings, chat: Chat, clock: Clock | None = None) -> Limber:
        """Load routines (refusing broken ones), open and migrate the database."""
        library = load_library(settings.routines_dir)
        db = await Database.open(settings.database_path)
        app = cls(settings, db, library, chat, clock or SystemClock())
        app.add_default_services()
        return app

    def add_default_services(self) -> None:
        """Background services every platform runs (reminders, housekeeping)."""
        from bot.core import services

        self.services.extend(services.default_services(self))

    async def start(self) -> None:
        """Recover sessions cut off by a restart, then start background services."""
        await self.coach.recover()
        for service in self.services:
            await service.start()
        self._started = True

    async def close(self) -> None:
        """Stop services, park running sessions as resumable, close the database. Idempotent."""
        if self._closed:
            return
        self._closed = True
        for service in reversed(self.services):
            try:
                await service.stop()
            except Exception:
                log.exception("stopping %r failed", service)
        await self.coach.shutdown()
        await self.db.close()

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

        async def run(ctx: Context) -> Reply:
            assert handler is not None and parts is not None
            return await handler(ctx, parts[1:])

        return await self._run(ref, scope, run)

    async def text(self, ref: UserRef, scope: Scope, text: str) -> Reply:
        """Free text: an answer to a pending question, or a message for triage."""
        from bot.core.conversation import handle_text

        return await self._run(ref, scope, lambda ctx: handle_text(ctx, text))

    async def autocomplete(self, ref: UserRef, source: str, current: str) -> list[tuple[str, str]]:
        """Up to 25 (label, value) suggestions for an option with `autocomplete` metadata."""
        from bot.core.suggest import suggest

        return suggest(self, source, current)[:25]

    # plumbing --------------------------------------------------------------------------
    async def _validated(
        self, spec: CommandSpec, raw: dict[str, Any]
    ) -> tuple[CommandSpec, BaseModel]:
        return spec, self.registry.validate(spec, raw)

    async def _parsed(self, line: str) -> tuple[CommandSpec, BaseModel]:
        return self.registry.parse_line(line)

    async def _guarded(
        self,
        ref: UserRef,
        scope: Scope,
        resolve: Callable[[], Awaitable[tuple[CommandSpec, BaseModel]]],
    ) -> Reply:
        try:
            spec, options = await resolve()
        except CommandError as exc:
            return Reply.error(str(exc))

        async def run(ctx: Context) -> Reply:
            if spec.admin_only and not ctx.scope.is_admin:
                return Reply.error(
                    f"`/{spec.name}` is for server admins (Manage Server permission)."
                )
            return await spec.handler(ctx, options)

        return await self._run(ref, scope, run)

    async def context(self, ref: UserRef, scope: Scope) -> Context:
        now = self.clock.now()
        user = await self.users.ensure(ref, now, scope.clinic_key)
        return Context(self, user, scope, now)

    async def _run(
        self, ref: UserRef, scope: Scope, body: Callable[[Context], Awaitable[Reply]]
    ) -> Reply:
        ctx = await self.context(ref, scope)
        try:
            reply = await body(ctx)
        except CommandError as exc:
            reply = Reply.error(str(exc))
        except Exception:
            log.exception("handling an event for user %s failed", ctx.user.id)
            reply = Reply.error("Sorry, something went wrong on our side. Please try again.")
        # Re-read: a push made while handling this event may just have found DMs closed.
        notice = await self._unreachable_notice(await self.users.get(ctx.user.id) or ctx.user)
        if notice is not None:
            reply.messages.insert(0, notice)
        return reply

    async def _unreachable_notice(self, user: User) -> Message | None:
        """Tell a person once that their DMs were closed and their reminders paused."""
        if user.unreachable_at is None or user.unreachable_told:
            return None
        await self.users.mark_unreachable_told(user.id)
        return Message(
            "I couldn't send you a direct message, so your reminders are switched off. "
            "Open your DMs for this server (Privacy Settings → Direct Messages), then use "
            "`/reminders resume` to switch them back on.",
            kind=Kind.ERROR,
        )

    # clinic ----------------------------------------------------------------------------
    async def clinic_info(self, user: User, scope: Scope | None = None) -> ClinicInfo:
        """The server's /clinic setup values, falling back to the operator's defaults."""
        key = (scope.clinic_key if scope else None) or user.clinic_key
        saved = await self.clinics.get(key) if key else None
        s = self.settings
        return ClinicInfo(
            name=(saved.name if saved and saved.name else None) or s.clinic_name,
            booking_url=(saved.booking_url if saved and saved.booking_url else None)
            or s.booking_url,
            emergency_number=(saved.emergency_number if saved and saved.emergency_number else None)
            or s.emergency_number,
        )
