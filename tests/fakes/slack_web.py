"""Web API half of the fake Slack: ``/api/<method>`` (other endpoints in ``slack_hooks``).

Every ``/api`` call is recorded (``FakeSlack.requests``) before injected 429s/failures, auth
and routing. Like Slack, errors are HTTP 200 with ``{"ok": false, "error": ...}`` (429 for
rate limits, with ``Retry-After``); unknown methods answer ``unknown_method`` and land in
``FakeSlack.unhandled``. slack_sdk sends ``params=`` as the query string even on POST, and
``json=``/form bodies for the rest, so all three are merged into one ``body``.
"""

from __future__ import annotations

import fnmatch
import json
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from aiohttp import web

from .slack_hooks import HookEndpoints, UploadedFile
from .slack_models import TRIGGER_TTL, FakeChannel, FakeTeam, RecordedRequest

if TYPE_CHECKING:
    from .slack_server import FakeSlack

MAX_TEXT = 40_000
MAX_BLOCKS = 50


class ApiError(Exception):
    """Raised by a handler to answer ``{"ok": false, "error": error}``."""

    def __init__(self, error: str, *, status: int = 200, headers: dict[str, str] | None = None):
        super().__init__(error)
        self.error, self.status, self.headers = error, status, headers or {}


@dataclass
class Call:
    """A parsed Web API call; ``team`` is the workspace of the bot token (None for xapp)."""

    method: str
    body: dict[str, Any]
    token: str
    team: FakeTeam | None = None

    def get(self, key: str, default: Any = None) -> Any:
        return self.body.get(key, default)

    def require(self, key: str) -> Any:
        value = self.body.get(key)
        if value in (None, ""):
            raise ApiError("invalid_arguments")
        return value

    @property
    def bot_team(self) -> FakeTeam:
        assert self.team is not None
        return self.team


@dataclass
class InjectedRule:
    """A pending injected answer for calls whose method matches ``pattern`` (fnmatch)."""

    pattern: str
    error: str
    status: int
    retry_after: int | None
    remaining: int


Handler = Callable[[Call], Awaitable[dict[str, Any]]]


def _loads(value: Any, error: str) -> Any:
    """Form-encoded calls send structured fields (blocks, view, files) as JSON strings."""
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            raise ApiError(error) from None
    return value


class WebApi:
    """Routes ``/api/{method}`` to handlers operating on the :class:`FakeSlack` state."""

    def __init__(self, fake: FakeSlack) -> None:
        self.fake = fake
        self.rules: list[InjectedRule] = []
        self.hooks = HookEndpoints(fake)
        self.files = self.hooks.files
        self.routes: dict[str, tuple[Handler, str]] = {
            "api.test": (self.api_test, "none"),
            "auth.test": (self.auth_test, "bot"),
            "apps.connections.open": (self.connections_open, "app"),
            "conversations.open": (self.conversations_open, "bot"),
            "chat.postMessage": (self.post_message, "bot"),
            "chat.update": (self.update_message, "bot"),
            "chat.delete": (self.delete_message, "bot"),
            "chat.postEphemeral": (self.post_ephemeral, "bot"),
            "users.info": (self.users_info, "bot"),
            "views.open": (self.views_open, "bot"),
            "files.getUploadURLExternal": (self.get_upload_url, "bot"),
            "files.completeUploadExternal": (self.complete_upload, "bot"),
        }

    # ------------------------------------------------------------------ plumbing
    async def handle(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        body: dict[str, Any] = dict(request.query)
        ctype = request.content_type
        if request.can_read_body:
            if ctype == "application/json":
                parsed = await request.json()
                body.update(parsed if isinstance(parsed, dict) else {})
            elif ctype in ("application/x-www-form-urlencoded", "multipart/form-data"):
                form = await request.post()
                body.update({k: v for k, v in form.items() if isinstance(v, str)})
        token = body.pop("token", None)
        auth = request.headers.get("Authorization", "")
        if auth.startswith("Bearer "):
            token = auth[len("Bearer ") :]
        rec = RecordedRequest(method, body, request.method, ctype, token)
        self.fake.requests.append(rec)
        try:
            entry = self.routes.get(method)
            if entry is None:
                self.fake.unhandled.append(rec)
                raise ApiError("unknown_method", status=404)
            self._injected(method)
            handler, kind = entry
            call = Call(method, body, token or "")
            if kind != "none":
                call.team = self._authenticate(kind, token)
            result = await handler(call)
            rec.status = 200
            headers = {"x-oauth-scopes": "chat:write,commands,im:history,im:write,users:read"}
            return web.json_response({"ok": True, **result}, headers=headers)
        except ApiError as exc:
            rec.status, rec.error = exc.status, exc.error
            return web.json_response(
                {"ok": False, "error": exc.error}, status=exc.status, headers=exc.headers
            )

    def _injected(self, method: str) -> None:
        for rule in self.rules:
            if fnmatch.fnmatchcase(method, rule.pattern):
                rule.remaining -= 1
                if rule.remaining <= 0:
                    self.rules.remove(rule)
                headers = {}
                if rule.retry_after is not None:
                    headers["Retry-After"] = str(rule.retry_after)
                raise ApiError(rule.error, status=rule.status, headers=headers)

    def _authenticate(self, kind: str, token: str | None) -> FakeTeam | None:
        if not token:
            raise ApiError("not_authed")
        if self.fake.token_revoked(token):
            raise ApiError("token_revoked")
        if kind == "app":
            if token == self.fake.app_token:
                return None
            raise ApiError("not_allowed_token_type" if token.startswith("xox") else "invalid_auth")
        team = self.fake.team_for_token(token)
        if team is None:
            bad = token == self.fake.app_token
            raise ApiError("not_allowed_token_type" if bad else "invalid_auth")
        return team

    def _channel(self, team: FakeTeam, ref: Any) -> FakeChannel:
        """A channel by id (``C…``/``D…``), by ``#name``, or a user id (their IM, as Slack)."""
        ref = str(ref or "")
        if not ref:
            raise ApiError("channel_not_found")
        user = self.fake.users.get(ref)
        if user is not None:
            if user.team_id != team.id or user.deleted:
                raise ApiError("channel_not_found")
            return self.fake.dm_channel(user)
        chan = self.fake.channels.get(ref)
        if chan is None and ref.startswith("#"):
            chan = next(
                (
                    c
                    for c in self.fake.channels.values()
                    if c.team_id == team.id and c.name == ref[1:]
                ),
                None,
            )
        if chan is None or chan.team_id != team.id:
            raise ApiError("channel_not_found")
        return chan

    def _content(self, call: Call, *, require: bool = True) -> tuple[str, list[dict[str, Any]]]:
        text = str(call.get("text") or "")
        blocks = _loads(call.get("blocks"), "invalid_blocks_format") or []
        if not isinstance(blocks, list) or not all(
            isinstance(b, dict) and "type" in b for b in blocks
        ):
            raise ApiError("invalid_blocks")
        if len(blocks) > MAX_BLOCKS:
            raise ApiError("invalid_blocks")
        if require and not text and not blocks and not call.get("attachments"):
            raise ApiError("no_text")
        if len(text) > MAX_TEXT:
            raise ApiError("msg_too_long")
        return text, blocks

    # ------------------------------------------------------------------ methods
    async def api_test(self, call: Call) -> dict[str, Any]:
        return {"args": call.body}

    async def auth_test(self, call: Call) -> dict[str, Any]:
        team = call.bot_team
        return {
            "url": team.url,
            "team": team.name,
            "user": team.bot_user.name,
            "team_id": team.id,
            "user_id": team.bot_user.id,
            "bot_id": team.bot_user.bot_id,
            "is_enterprise_install": False,
        }

    async def connections_open(self, call: Call) -> dict[str, Any]:
        return {"url": f"{self.fake.socket_url}?ticket={self.fake.socket.issue_ticket()}"}

    async def conversations_open(self, call: Call) -> dict[str, Any]:
        team = call.bot_team
        if call.get("channel"):
            chan = self._channel(team, call.get("channel"))
            if not chan.is_im:
                raise ApiError("method_not_supported_for_channel_type")
        else:
            ids = [u.strip() for u in str(call.get("users") or "").split(",") if u.strip()]
            if not ids:
                raise ApiError("users_list_not_supplied")
            if len(ids) > 1:
                raise ApiError("fake_slack_mpim_not_supported")
            user = self.fake.users.get(ids[0])
            if user is not None and user is team.bot_user:
                raise ApiError("cannot_dm_bot")
            if user is None or user.deleted or user.team_id != team.id:
                raise ApiError("user_not_found")
            existed = user.id in self.fake.dm_channels
            chan = self.fake.dm_channel(user)
            if existed:
                return {"no_op": True, "already_open": True, "channel": self._im(chan, call)}
        return {"channel": self._im(chan, call)}

    def _im(self, chan: FakeChannel, call: Call) -> dict[str, Any]:
        full = str(call.get("return_im", "")).lower() in ("1", "true")
        return chan.payload() if full else {"id": chan.id}

    async def post_message(self, call: Call) -> dict[str, Any]:
        team = call.bot_team
        chan = self._channel(team, call.get("channel"))
        if not chan.is_im and team.bot_user.id not in chan.members:
            raise ApiError("not_in_channel")
        text, blocks = self._content(call)
        thread_ts = call.get("thread_ts") or None
        msg = self.fake.post_as_bot(team, chan, text, blocks, thread_ts=thread_ts)
        return {"channel": chan.id, "ts": msg.ts, "message": msg.payload()}

    async def update_message(self, call: Call) -> dict[str, Any]:
        team = call.bot_team
        chan = self._channel(team, call.get("channel"))
        msg = self.fake.find_message(chan.id, str(call.get("ts") or ""))
        if msg is None:
            raise ApiError("message_not_found")
        if msg.user != team.bot_user.id:
            raise ApiError("cant_update_message")
        text, blocks = self._content(call, require=False)
        if "text" in call.body:
            msg.text = text
        if "blocks" in call.body:
            msg.blocks = blocks
        self.fake.record_edit(msg)
        return {"channel": chan.id, "ts": msg.ts, "text": msg.text, "message": msg.payload()}

    async def delete_message(self, call: Call) -> dict[str, Any]:
        team = call.bot_team
        chan = self._channel(team, call.get("channel"))
        msg = self.fake.find_message(chan.id, str(call.get("ts") or ""))
        if msg is None:
            raise ApiError("message_not_found")
        if msg.user != team.bot_user.id:
            raise ApiError("cant_delete_message")
        self.fake.record_delete(msg)
        return {"channel": chan.id, "ts": msg.ts}

    async def post_ephemeral(self, call: Call) -> dict[str, Any]:
        team = call.bot_team
        chan = self._channel(team, call.get("channel"))
        user = self.fake.users.get(str(call.get("user") or ""))
        if user is None or user.team_id != team.id:
            raise ApiError("user_not_found")
        visible = user.id == chan.im_user if chan.is_im else user.id in chan.members
        if not visible:
            raise ApiError("user_not_in_channel")
        text, blocks = self._content(call)
        thread_ts = call.get("thread_ts") or None
        msg = self.fake.post_as_bot(
            team, chan, text, blocks, ephemeral_to=user.id, thread_ts=thread_ts
        )
        return {"message_ts": msg.ts}

    async def users_info(self, call: Call) -> dict[str, Any]:
        user = self.fake.users.get(str(call.get("user") or ""))
        if user is None or user.team_id != call.bot_team.id:
            raise ApiError("user_not_found")
        return {"user": user.payload()}

    async def views_open(self, call: Call) -> dict[str, Any]:
        trigger_id = str(call.get("trigger_id") or "")
        issued = self.fake.triggers.pop(trigger_id, None)
        if issued is None:
            used = trigger_id in self.fake.used_triggers
            raise ApiError("exchanged_trigger_id" if used else "invalid_trigger_id")
        self.fake.used_triggers.add(trigger_id)
        if time.monotonic() - issued > TRIGGER_TTL:
            raise ApiError("expired_trigger_id")
        view = _loads(call.require("view"), "invalid_arguments")
        if not isinstance(view, dict) or view.get("type") not in ("modal", "home"):
            raise ApiError("invalid_arguments")
        opened = {
            **view,
            "id": self.fake.ids("V"),
            "team_id": call.bot_team.id,
            "app_id": self.fake.app_id,
            "bot_id": call.bot_team.bot_user.bot_id,
            "hash": f"{int(time.time())}.fake",
            "state": {"values": {}},
        }
        self.fake.views.append(opened)
        return {"view": opened}

    async def get_upload_url(self, call: Call) -> dict[str, Any]:
        name = str(call.require("filename"))
        try:
            length = int(call.require("length"))
        except ValueError:
            raise ApiError("invalid_arguments") from None
        upload = UploadedFile(self.fake.ids("F"), call.bot_team.id, name, length)
        upload.alt_txt = call.get("alt_txt")
        self.files[upload.id] = upload
        return {"upload_url": f"{self.fake.base_url}/upload/{upload.id}", "file_id": upload.id}

    async def complete_upload(self, call: Call) -> dict[str, Any]:
        team = call.bot_team
        entries = _loads(call.require("files"), "invalid_arguments")
        if not isinstance(entries, list) or not entries:
            raise ApiError("invalid_arguments")
        done = []
        for entry in entries:
            upload = self.files.get(str(entry.get("id")))
            if upload is None or upload.data is None or upload.team_id != team.id:
                raise ApiError("file_not_found")
            upload.title = entry.get("title") or upload.name
            done.append(upload.payload())
        channel_ref = call.get("channel_id") or call.get("channels")
        if channel_ref:
            chan = self._channel(team, str(channel_ref).split(",")[0])
            if not chan.is_im and team.bot_user.id not in chan.members:
                raise ApiError("not_in_channel")
            comment = str(call.get("initial_comment") or "")
            thread_ts = call.get("thread_ts") or None
            self.fake.post_as_bot(team, chan, comment, [], thread_ts=thread_ts, files=done)
        return {"files": done}
