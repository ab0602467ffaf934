"""An in-process fake Slack (Web API + Socket Mode) for end-to-end tests of slack_bolt apps.

Why: the app must run *unchanged* — real ``AsyncApp``, ``AsyncSocketModeHandler`` and
``AsyncWebClient`` — so tests catch payload, ack-deadline and response_url bugs that mocked
listeners would hide. The fake listens on 127.0.0.1 with an ephemeral port; point slack_sdk at
it with ``AsyncWebClient(token=fake.bot_token, base_url=fake.api_url)``; the Socket Mode URL
then comes from the fake's ``apps.connections.open``.

Layout: state objects in ``slack_models``, the Web API in ``slack_web`` (response_url and
upload endpoints in ``slack_hooks``), the WebSocket in ``slack_socket``, users sending slash
commands, clicks and messages in ``slack_actions``, the message store and waits in
``slack_messages``. This module holds the state, setup and knobs.

Typical use (see ``tests/e2e/test_fake_slack.py``)::

    fake = FakeSlack()
    await fake.start()
    team = fake.add_team("Clinic")
    alice = fake.add_user(team, "alice")
    client = AsyncWebClient(token=fake.bot_token, base_url=fake.api_url)
    app = AsyncApp(client=client)
    handler = AsyncSocketModeHandler(app, fake.app_token)
    await handler.connect_async()
    res = await fake.slash(alice, "/reminders", "add 9am")   # fails if not acked within 3 s
    reply = await fake.wait_for_message(alice, lambda m: "9am" in m.text)
    await handler.close_async()
    await fake.stop()
"""

# The test-facing waits take ``timeout=`` so every wait in a test is bounded by default.
# ruff: noqa: ASYNC109

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from typing import Any

from aiohttp import web

from .slack_actions import ActionsMixin, NoAck
from .slack_messages import MessagesMixin
from .slack_models import (
    ACK_DEADLINE,
    Ack,
    EnvelopeResult,
    FakeChannel,
    FakeMessage,
    FakeTeam,
    FakeUser,
    IdFactory,
    RecordedRequest,
    ResponsePost,
    TsFactory,
)
from .slack_socket import SocketMode
from .slack_web import InjectedRule, WebApi

__all__ = [
    "Ack",
    "EnvelopeResult",
    "FakeChannel",
    "FakeMessage",
    "FakeSlack",
    "FakeTeam",
    "FakeUser",
    "NoAck",
    "RecordedRequest",
    "ResponsePost",
]

MAX_UPLOAD = 50 * 1024 * 1024


@dataclass(eq=False)
class ResponseUrlState:
    result: EnvelopeResult
    issued_at: float
    uses: int = 0
    expired: bool = False


class FakeSlack(ActionsMixin, MessagesMixin):
    """State + servers of one fake Slack app installed in one or more workspaces.

    ``bot_token`` belongs to the first team added (later teams get their own, see
    :attr:`FakeTeam.bot_token`); ``app_token`` (``xapp-…``) opens Socket Mode connections.
    """

    def __init__(
        self,
        *,
        bot_token: str = "xoxb-1-fake-bot-token",
        app_token: str = "xapp-1-A0FAKE-1-fake-app-token",
        app_name: str = "Limber",
        ack_deadline: float = ACK_DEADLINE,
    ) -> None:
        if not bot_token.startswith("xoxb-") or not app_token.startswith("xapp-"):
            raise ValueError("bot_token must start with xoxb- and app_token with xapp-")
        self.ids = IdFactory()
        self.new_ts = TsFactory()
        self.bot_token = bot_token
        self.app_token = app_token
        self.app_name = app_name
        self.app_id = self.ids("A")
        self.ack_deadline = ack_deadline
        self.teams: dict[str, FakeTeam] = {}
        self.users: dict[str, FakeUser] = {}
        self.channels: dict[str, FakeChannel] = {}
        self.dm_channels: dict[str, FakeChannel] = {}  # user id -> IM
        self.messages: dict[tuple[str, str], FakeMessage] = {}  # (channel, ts)
        self.requests: list[RecordedRequest] = []
        self.unhandled: list[RecordedRequest] = []
        self.response_posts: list[ResponsePost] = []
        self.response_urls: dict[str, ResponseUrlState] = {}
        self.envelopes: dict[str, EnvelopeResult] = {}
        self.triggers: dict[str, float] = {}
        self.used_triggers: set[str] = set()
        self.views: list[dict[str, Any]] = []
        self._revoked: set[str] = set()
        self._log: list[tuple[int, str, FakeMessage]] = []
        self._changed = asyncio.Event()
        self.socket = SocketMode(app_id=lambda: self.app_id)
        self.web = WebApi(self)
        self._runner: web.AppRunner | None = None
        self.port = 0

    # ------------------------------------------------------------------ lifecycle
    async def start(self) -> None:
        """Listen on 127.0.0.1 with an ephemeral port; returns once accepting connections."""
        app = web.Application(client_max_size=MAX_UPLOAD)
        app.router.add_route("*", "/api/{method}", self.web.handle)
        app.router.add_post("/response/{token}", self.web.hooks.response_url)
        app.router.add_post("/upload/{file_id}", self.web.hooks.upload)
        app.router.add_get("/socket", self.socket.handle)
        self._runner = web.AppRunner(app, handle_signals=False, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        server = site._server
        assert server is not None and server.sockets  # type: ignore[attr-defined]
        self.port = server.sockets[0].getsockname()[1]  # type: ignore[attr-defined]

    async def stop(self) -> None:
        """Close every socket and the server (stop the app's handler first)."""
        await self.socket.close_all()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def api_url(self) -> str:
        """``AsyncWebClient(base_url=...)``; the trailing slash matters (urljoin)."""
        return f"{self.base_url}/api/"

    @property
    def socket_url(self) -> str:
        """The WebSocket endpoint, without the single-use ``?ticket=``."""
        return f"ws://127.0.0.1:{self.port}/socket"

    # ------------------------------------------------------------------ setup
    def add_team(
        self, name: str = "Workspace", *, domain: str | None = None, bot_token: str | None = None
    ) -> FakeTeam:
        """A workspace with the app installed (its bot user joins no channel by itself)."""
        team_id = self.ids("T")
        if bot_token is None:
            bot_token = self.bot_token if not self.teams else f"xoxb-{team_id}-fake-bot-token"
        bot = FakeUser(
            self.ids("U"),
            team_id,
            self.app_name.lower(),
            self.app_name,
            is_bot=True,
            bot_id=self.ids("B"),
        )
        slug = domain or "".join(c for c in name.lower() if c.isalnum()) or "workspace"
        team = FakeTeam(team_id, name, slug, bot_token, bot)
        self.teams[team_id] = team
        self.users[bot.id] = bot
        return team

    def add_user(
        self,
        team: FakeTeam,
        name: str,
        *,
        is_admin: bool = False,
        is_owner: bool = False,
        real_name: str | None = None,
        tz: str = "Europe/Berlin",
        tz_label: str = "Central European Time",
        tz_offset: int = 3600,
    ) -> FakeUser:
        """A human member of ``team``; owners are admins too, as in Slack."""
        user = FakeUser(
            self.ids("U"),
            team.id,
            name,
            real_name or name.title(),
            is_admin=is_admin or is_owner,
            is_owner=is_owner,
            tz=tz,
            tz_label=tz_label,
            tz_offset=tz_offset,
        )
        self.users[user.id] = user
        return user

    def add_channel(
        self,
        team: FakeTeam,
        name: str = "general",
        *,
        members: list[FakeUser] | None = None,
        bot_member: bool = True,
        channel_id: str | None = None,
    ) -> FakeChannel:
        """A public channel; ``members`` defaults to every human of ``team`` added so far."""
        if members is None:
            members = [u for u in self.users.values() if u.team_id == team.id and not u.is_bot]
        chan = FakeChannel(channel_id or self.ids("C"), team.id, name, {u.id for u in members})
        if bot_member:
            chan.members.add(team.bot_user.id)
        self.channels[chan.id] = chan
        return chan

    def dm_channel(self, user: FakeUser) -> FakeChannel:
        """The app's IM with ``user`` (``D…``), created on first use."""
        chan = self.dm_channels.get(user.id)
        if chan is None:
            chan = FakeChannel(self.ids("D"), user.team_id, user.id, {user.id}, im_user=user.id)
            chan.members.add(self.teams[user.team_id].bot_user.id)
            self.dm_channels[user.id] = chan
            self.channels[chan.id] = chan
        return chan

    def team_of(self, user: FakeUser) -> FakeTeam:
        return self.teams[user.team_id]

    def team_for_token(self, token: str) -> FakeTeam | None:
        return next((t for t in self.teams.values() if t.bot_token == token), None)

    # ------------------------------------------------------------------ knobs
    def deactivate(self, user: FakeUser) -> None:
        """The account is deactivated: conversations.open answers ``user_not_found``."""
        user.deleted = True

    def revoke_token(self, token: str | None = None) -> None:
        """Calls with ``token`` (default: the bot token) answer ``token_revoked``."""
        self._revoked.add(token or self.bot_token)

    def token_revoked(self, token: str) -> bool:
        return token in self._revoked

    def fail_next(
        self, method: str, error: str = "internal_error", *, count: int = 1, status: int = 200
    ) -> None:
        """The next ``count`` calls of ``method`` (fnmatch: ``"chat.*"``) answer ``error``."""
        self.web.rules.append(InjectedRule(method, error, status, None, count))

    def rate_limit_next(self, method: str, retry_after: int = 1, *, count: int = 1) -> None:
        """The next ``count`` calls of ``method`` answer 429 ``ratelimited`` + ``Retry-After``.

        Use whole seconds below 10: slack_sdk's AsyncRateLimitErrorRetryHandler reads only the
        header's first character (``int(headers.get(name)[0])``) and adds up to 1 s of jitter.
        """
        self.web.rules.append(InjectedRule(method, "ratelimited", 429, retry_after, count))

    def expire_response_url(self, result: EnvelopeResult) -> None:
        """Pretend 30 minutes passed: posts to the result's response_url answer 404."""
        for state in self.response_urls.values():
            if state.result is result:
                state.expired = True

    # ------------------------------------------------------------------ socket mode
    async def wait_connected(self, count: int = 1, timeout: float = 5.0) -> None:
        """Wait until the app opened ``count`` Socket Mode connections in total (one live)."""
        await self.socket.wait_connected(count, timeout)

    async def request_reconnect(
        self, reason: str = "refresh_requested", *, timeout: float = 5.0
    ) -> None:
        """Send ``disconnect``; returns once the app has connected again on a new URL."""
        before = self.socket.connects
        await self.socket.request_reconnect(reason)
        await self.socket.wait_connected(before + 1, timeout)

    @property
    def acks(self) -> list[Ack]:
        """Every ack received, in arrival order."""
        return sorted(self.socket.acks.values(), key=lambda a: a.at)

    def new_response_url(self, result: EnvelopeResult) -> str:
        token = f"{result.user.team_id}-{self.ids('R')}-{time.monotonic_ns():x}"
        self.response_urls[token] = ResponseUrlState(result, time.monotonic())
        return f"{self.base_url}/response/{token}"

    def new_trigger_id(self) -> str:
        trigger = f"{int(time.time())}.{self.ids('')}.fake{len(self.triggers):04x}"
        self.triggers[trigger] = time.monotonic()
        return trigger
