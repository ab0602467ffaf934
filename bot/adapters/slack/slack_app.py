"""`LimberSlack`: the Limber core inside a slack_bolt `AsyncApp`, over Socket Mode.

Start-up: `auth.test` with the bot token (a rejected token stops here), build the core
around this adapter's `SlackChat`, register the listeners, start the app's services,
then open Socket Mode with the app-level token (no public URL needed).

Events, each turned into one core door and its `Reply` rendered back as Block Kit:
- a slash command (`/stretch add 9am`, any of the manifest's) → `app.command_line`
  with `"/stretch add 9am"`, parsed by the core's typed parser (same errors and hints
  as the terminal); answered in the ack payload when the core is quick, otherwise
  acknowledged first and answered through `response_url`. In a channel the answer is
  ephemeral (when the core marks it private); in the DM with the app it stays;
- a button (`block_actions`, action_id = the core's action id) → acknowledged first,
  then `app.action`; the answer goes through the click's `response_url`;
- a `message.im` event → `app.text`, answered in the DM.
Slack gives 3 seconds for every ack; bolt acks events before the listener runs.

Scope: the workspace is the "server" (`guild_id` = team id, so `/clinic` settings are
per workspace), `is_admin` is `users.info`'s `is_admin`/`is_owner` (cached briefly), and
`direct` marks the app's own DM, where replies and pushes share one place.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
from collections.abc import Iterator
from typing import Any

import aiohttp
from cachetools import LRUCache, TTLCache
from slack_bolt.adapter.socket_mode.aiohttp import AsyncSocketModeHandler
from slack_bolt.async_app import AsyncApp
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler,
    AsyncRateLimitErrorRetryHandler,
)
from slack_sdk.web.async_client import AsyncWebClient

from bot.adapters.slack.blocks import render_reply, unescape
from bot.adapters.slack.slack_chat import POST_RATE, SlackChat
from bot.config import Settings
from bot.core.app import AppFactory, Limber
from bot.core.clock import Clock, SystemClock
from bot.core.messages import Message, Reply
from bot.core.models import Scope, UserRef
from bot.core.ports import DeliveryError

log = logging.getLogger(__name__)

PLATFORM = "slack"
ACK_AFTER = 2.0  # seconds; Slack shows an error for a slash command not acked within 3 s
CLOSE_GRACE = 10.0  # seconds in-flight handlers get to finish on shutdown
ADMIN_TTL = 300.0  # seconds a users.info answer (is_admin / is_owner) is trusted
RESTARTING = "Limber is restarting. Please try again in a minute."
DONE = "Done."
FILE_IN_DM = "I've put the file in your DM with Limber."
ACTION_IDS = re.compile(r"^limber:")
ANY_COMMAND = re.compile(r"^/")

Payload = dict[str, Any]


def web_client(settings: Settings, *, retries: int = 2) -> AsyncWebClient:
    """The Web API client: SLACK_API_URL, and retries after 429 (Retry-After) and resets."""
    token = settings.slack_bot_token.get_secret_value().strip() if settings.slack_bot_token else ""
    return AsyncWebClient(
        token=token or None,
        base_url=settings.slack_api_url,
        timeout=15,
        retry_handlers=[
            AsyncConnectionErrorRetryHandler(max_retry_count=1),
            AsyncRateLimitErrorRetryHandler(max_retry_count=retries),
        ],
    )


def app_token_of(settings: Settings) -> str | None:
    token = settings.slack_app_token.get_secret_value().strip() if settings.slack_app_token else ""
    return token or None


class LimberSlack:
    """The Slack adapter: bolt app, Socket Mode handler, SlackChat and the core app."""

    def __init__(
        self,
        settings: Settings,
        build: AppFactory,
        *,
        clock: Clock | None = None,
        client: AsyncWebClient | None = None,
        ack_after: float = ACK_AFTER,
        post_rate: float | None = POST_RATE,
    ) -> None:
        self.settings = settings
        self.build = build
        self.clock = clock or SystemClock()
        self.client = client or web_client(settings)
        self.ack_after = ack_after
        self.chat = SlackChat(self.client, post_rate=post_rate)
        self.app: Limber | None = None
        self.bolt: AsyncApp | None = None
        self.handler: AsyncSocketModeHandler | None = None
        self.team_id: str | None = None
        self.bot_user_id: str | None = None
        self._admins: TTLCache[str, bool] = TTLCache(maxsize=10_000, ttl=ADMIN_TTL)
        # Slack re-delivers an event it thinks was lost: answer each message once.
        self._seen_events: LRUCache[str, bool] = LRUCache(10_000)
        self._inflight: set[asyncio.Task[Any]] = set()
        self._closing = False

    # lifetime ------------------------------------------------------------------------
    async def check_bot_token(self) -> None:
        """`auth.test`: raises SlackApiError (`invalid_auth`, ...) for a rejected token."""
        auth = await self.client.auth_test()
        self.team_id = str(auth.get("team_id") or "") or None
        self.bot_user_id = str(auth.get("user_id") or "") or None

    async def socket_url(self) -> str:
        """`apps.connections.open` with the app token: raises SlackApiError if rejected.

        slack_sdk's own connect loop retries every failure forever (with a traceback
        each time); asking once first turns a wrong SLACK_APP_TOKEN into one clear line.
        """
        token = app_token_of(self.settings)
        if token is None:
            raise ValueError("SLACK_APP_TOKEN is not set")
        opened = await self.client.apps_connections_open(app_token=token)
        return str(opened["url"])

    async def start(self) -> None:
        """Check both tokens, build and start the core, then connect Socket Mode."""
        await self.check_bot_token()
        url = await self.socket_url()
        app = await self.build(self.chat, self.clock)
        self.app = app
        self.chat.bind(app.store.users, app.clock)
        self.bolt = self._bolt_app()
        await app.start()
        handler = AsyncSocketModeHandler(self.bolt, app_token_of(self.settings))
        handler.client.wss_uri = url  # the URL asked for above: no second ticket
        self.handler = handler
        await handler.connect_async()  # type: ignore[no-untyped-call]
        log.info("connected to Slack (team %s) over Socket Mode", self.team_id)

    async def close(self) -> None:
        """Let in-flight handlers finish, close the app (sessions become resumable, the
        database closes), then the Socket Mode connection. Idempotent."""
        if self._closing:
            return
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
        if self.handler is not None:
            await close_handler(self.handler)

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

    def _bolt_app(self) -> AsyncApp:
        bolt = AsyncApp(client=self.client, name="limber", logger=logging.getLogger("slack_bolt"))

        @bolt.command(ANY_COMMAND)
        async def on_command(ack: Any, command: Payload, respond: Any) -> None:
            await self.handle_command(ack, command, respond)

        @bolt.action(ACTION_IDS)
        async def on_action(ack: Any, body: Payload, respond: Any) -> None:
            await self.handle_action(ack, body, respond)

        @bolt.event("message")
        async def on_message(event: Payload, body: Payload) -> None:
            await self.handle_message(event, body)

        return bolt

    # who and where -------------------------------------------------------------------
    async def is_admin(self, user_id: str) -> bool:
        """Workspace admins and owners (users.info), remembered for a few minutes."""
        cached = self._admins.get(user_id)
        if cached is not None:
            return cached
        try:
            info = await self.client.users_info(user=user_id)
        except (SlackApiError, aiohttp.ClientError, TimeoutError, OSError) as exc:
            log.warning("users.info failed for %s: %s", user_id, exc)
            return False
        user = info.get("user") or {}
        admin = bool(user.get("is_admin") or user.get("is_owner") or user.get("is_primary_owner"))
        self._admins[user_id] = admin
        return admin

    async def is_app_dm(self, user_id: str, channel_id: str | None) -> bool:
        """Whether `channel_id` is the app's own IM with the person (not a DM between people)."""
        if not channel_id or not channel_id.startswith("D"):
            return False
        return await self.chat.dm_channel_id(user_id) == channel_id

    async def scope(self, team_id: str | None, user_id: str, channel_id: str | None) -> Scope:
        team = team_id or self.team_id
        admin, direct = await asyncio.gather(
            self.is_admin(user_id), self.is_app_dm(user_id, channel_id)
        )
        return Scope(PLATFORM, team, is_admin=admin, direct=direct)

    # the doors -----------------------------------------------------------------------
    async def handle_command(self, ack: Any, command: Payload, respond: Any) -> None:
        app = self.app
        if app is None or self._closing:
            await ack(text=RESTARTING, response_type="ephemeral")
            return
        user_id = str(command.get("user_id", ""))
        ref = UserRef(PLATFORM, user_id, str(command.get("user_name") or ""))
        line = f"{command.get('command', '')} {command.get('text') or ''}".strip()
        self.chat.user_active(user_id)
        with self._tracked():

            async def run() -> tuple[Reply, Scope]:
                scope = await self.scope(command.get("team_id"), user_id, command.get("channel_id"))
                return await app.command_line(ref, scope, line), scope

            work = asyncio.ensure_future(run())
            try:
                done, _ = await asyncio.wait({work}, timeout=self.ack_after)
                if not done:
                    await ack()  # the answer follows through response_url
                reply, scope = await work
            except BaseException:
                work.cancel()
                raise
            payload = self._payload(reply, scope)
            if done:
                await ack(**payload)
            else:
                await self._respond(respond, payload)
            await self._upload_files(app, ref, reply)

    async def handle_action(self, ack: Any, body: Payload, respond: Any) -> None:
        await ack()  # first: the click is acknowledged whatever the core takes
        app = self.app
        if app is None or self._closing:
            await self._respond(respond, {"text": RESTARTING, "response_type": "ephemeral"})
            return
        actions = body.get("actions") or [{}]
        action_id = str(actions[0].get("action_id", ""))
        user = body.get("user") or {}
        user_id = str(user.get("id", ""))
        ref = UserRef(PLATFORM, user_id, str(user.get("username") or user.get("name") or ""))
        team = (body.get("team") or {}).get("id") or user.get("team_id")
        channel = (body.get("channel") or {}).get("id") or (body.get("container") or {}).get(
            "channel_id"
        )
        self.chat.user_active(user_id)
        with self._tracked():
            scope = await self.scope(team, user_id, channel)
            reply = await app.action(ref, scope, action_id)
            if not reply.messages:
                return  # acknowledged silently
            await self._respond(respond, self._payload(reply, scope))
            await self._upload_files(app, ref, reply)

    async def handle_message(self, event: Payload, body: Payload) -> None:
        """Free text in the app's DM goes to the core (answers to questions, triage)."""
        if event.get("channel_type") != "im" or event.get("subtype") or event.get("bot_id"):
            return
        event_id = str(body.get("event_id") or event.get("client_msg_id") or "")
        if event_id:
            if event_id in self._seen_events:
                return
            self._seen_events[event_id] = True
        app = self.app
        user_id = str(event.get("user") or "")
        if app is None or self._closing or not user_id or user_id == self.bot_user_id:
            return
        ref = UserRef(PLATFORM, user_id, "")
        channel = str(event.get("channel") or "")
        if channel:
            self.chat.remember_channel(user_id, channel)
        self.chat.user_active(user_id)
        team = body.get("team_id") or event.get("team") or self.team_id
        with self._tracked():
            scope = Scope(PLATFORM, team, direct=True)
            reply = await app.text(ref, scope, unescape(str(event.get("text") or "")))
            person = await app.store.users.by_ref(ref)
            if person is None:
                return
            for message in reply.messages:
                try:
                    await self.chat.send(person, message)
                except DeliveryError as exc:
                    log.warning("could not answer a DM from user %s: %s", person.id, exc)
                    return

    # answering -----------------------------------------------------------------------
    @staticmethod
    def _payload(reply: Reply, scope: Scope) -> Payload:
        """In a channel private answers are ephemeral; in the app's DM they stay."""
        out = render_reply(reply)
        if not out.has_content:
            out = render_reply(Reply.text(FILE_IN_DM if out.attachments else DONE))
        elif out.attachments and not scope.direct:
            out = render_reply(Reply([*reply.messages, Message(FILE_IN_DM)]))
        visible = scope.direct or not reply.private
        return out.response("in_channel" if visible else "ephemeral")

    @staticmethod
    async def _respond(respond: Any, payload: Payload) -> None:
        try:
            sent = await respond(**payload)
        except (aiohttp.ClientError, TimeoutError, OSError) as exc:
            log.warning("response_url post failed: %s", exc)
            return
        status = getattr(sent, "status_code", 200)
        if status != 200:
            log.warning("response_url answered %s: %s", status, getattr(sent, "body", ""))

    async def _upload_files(self, app: Limber, ref: UserRef, reply: Reply) -> None:
        """Attachments of a reply go to the person's DM (Slack has no ephemeral files)."""
        files = [m.attachment for m in reply.messages if m.attachment is not None]
        if not files:
            return
        # The person asked for a file: delivering it privately needs their record (and DM).
        person = await app.store.users.ensure(ref, app.clock.now())
        for attachment in files:
            try:
                await self.chat.upload(person, attachment)
            except DeliveryError as exc:
                log.warning("could not upload %s for user %s: %s", attachment.filename, ref, exc)


async def close_handler(handler: AsyncSocketModeHandler) -> None:
    """Close the Socket Mode client and reap its tasks, so nothing leaks."""
    await handler.close_async()  # type: ignore[no-untyped-call]
    client = handler.client
    tasks: list[asyncio.Future[Any] | None] = [
        client.message_processor,
        client.current_session_monitor,
        client.message_receiver,
    ]
    for task in tasks:
        if task is None:
            continue
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError, TimeoutError, Exception):
            async with asyncio.timeout(5):
                await task
