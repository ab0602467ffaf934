"""REST half of the fake Discord: the ``/api/v10`` routes discord.py uses, with Discord's errors.

Every call is recorded (``FakeDiscord.requests``) before auth, injected 429s and routing, so
tests can count calls and inspect payloads (nonce, allowed_mentions, flags). Unknown routes
answer 404 and land in ``FakeDiscord.unhandled`` so a test can assert the fake covered the bot.
"""

from __future__ import annotations

import json
import re
import time
from typing import TYPE_CHECKING, Any

from aiohttp import BodyPartReader, web

from .discord_http import ApiError, Call, Handler, TooManyRequests, json_response
from .discord_models import (
    CHANNEL_DM,
    EPHEMERAL,
    LOADING,
    FakeAttachment,
    FakeChannel,
    FakeGuild,
    FakeMessage,
    RecordedRequest,
)
from .discord_webhooks import InteractionEndpoints

if TYPE_CHECKING:
    from .discord_server import FakeDiscord

API_PREFIX = "/api/v10"
MAX_CONTENT = 2000
# Flags a bot may set when sending: suppress embeds, ephemeral (interactions only),
# suppress notifications, components v2.
SENDABLE_FLAGS = (1 << 2) | EPHEMERAL | (1 << 12) | (1 << 15)


class RestApi:
    """Routes ``/api/v10/...`` to handlers operating on the :class:`FakeDiscord` state."""

    def __init__(self, fake: FakeDiscord) -> None:
        self.fake = fake
        self._edit_times: dict[int, list[float]] = {}
        hooks = InteractionEndpoints(self)
        self.routes: list[tuple[str, re.Pattern[str], Handler, bool]] = []
        app = r"(?P<app>\d+)"
        guild = r"(?P<guild>\d+)"
        chan = r"(?P<channel>\d+)"
        msg = r"(?P<message>\d+|@original)"
        hook = r"(?P<app>\d+)/(?P<token>[^/]+)"
        for method, pattern, handler, auth in [
            ("GET", "/users/@me", self.get_me, True),
            ("GET", "/oauth2/applications/@me", self.get_application, True),
            ("GET", "/applications/@me", self.get_application, True),
            ("GET", "/gateway", self.get_gateway, False),
            ("GET", "/gateway/bot", self.get_gateway, True),
            ("GET", f"/applications/{app}/commands", self.get_commands, True),
            ("PUT", f"/applications/{app}/commands", self.put_commands, True),
            ("POST", f"/applications/{app}/commands", self.post_command, True),
            ("DELETE", rf"/applications/{app}/commands/(?P<cmd>\d+)", self.delete_command, True),
            ("GET", f"/applications/{app}/guilds/{guild}/commands", self.get_commands, True),
            ("PUT", f"/applications/{app}/guilds/{guild}/commands", self.put_commands, True),
            ("POST", f"/applications/{app}/guilds/{guild}/commands", self.post_command, True),
            (
                "DELETE",
                rf"/applications/{app}/guilds/{guild}/commands/(?P<cmd>\d+)",
                self.delete_command,
                True,
            ),
            ("POST", "/users/@me/channels", self.create_dm, True),
            ("GET", "/users/@me/guilds", self.get_my_guilds, True),
            ("GET", r"/users/(?P<user>\d+)", self.get_user, True),
            ("GET", f"/guilds/{guild}", self.get_guild, True),
            ("GET", f"/guilds/{guild}/channels", self.get_guild_channels, True),
            ("GET", rf"/guilds/{guild}/members/(?P<user>\d+)", self.get_member, True),
            ("GET", f"/channels/{chan}", self.get_channel, True),
            ("POST", f"/channels/{chan}/typing", self.no_content, True),
            ("GET", f"/channels/{chan}/messages", self.get_messages, True),
            ("POST", f"/channels/{chan}/messages", self.post_message, True),
            ("GET", f"/channels/{chan}/messages/{msg}", self.get_message, True),
            ("PATCH", f"/channels/{chan}/messages/{msg}", self.patch_message, True),
            ("DELETE", f"/channels/{chan}/messages/{msg}", self.delete_message, True),
            ("PUT", f"/channels/{chan}/messages/{msg}/reactions/.+", self.no_content, True),
            ("DELETE", f"/channels/{chan}/messages/{msg}/reactions/.+", self.no_content, True),
            (
                "POST",
                r"/interactions/(?P<iid>\d+)/(?P<token>[^/]+)/callback",
                hooks.callback,
                False,
            ),
            ("POST", f"/webhooks/{hook}", hooks.post_followup, False),
            ("GET", f"/webhooks/{hook}/messages/{msg}", hooks.get_webhook_message, False),
            ("PATCH", f"/webhooks/{hook}/messages/{msg}", hooks.patch_webhook_message, False),
            ("DELETE", f"/webhooks/{hook}/messages/{msg}", hooks.delete_webhook_message, False),
        ]:
            self.routes.append((method, re.compile(pattern + "$"), handler, auth))

    # ------------------------------------------------------------------ plumbing
    async def handle(self, request: web.Request) -> web.StreamResponse:
        path = request.path[len(API_PREFIX) :] or "/"
        call = Call(request.method, path, dict(request.query), None)
        await self._read_body(request, call)
        rec = RecordedRequest(
            call.method,
            path,
            call.json,
            call.query,
            files=[(name, data) for name, data, _ in call.files.values()],
            authorization=request.headers.get("Authorization"),
        )
        self.fake.requests.append(rec)
        resp = await self._respond(request, call, rec)
        rec.status = resp.status
        return resp

    async def _respond(
        self, request: web.Request, call: Call, rec: RecordedRequest
    ) -> web.StreamResponse:
        rule = self.fake.take_rate_limit(call.method, call.path)
        if rule is not None:
            return self._too_many(rule.retry_after, rule.is_global)
        if request.headers.get("Authorization", "").startswith("Bot "):
            wait = self.fake.over_global_limit(time.time())
            if wait is not None:
                return self._too_many(wait, True)
        for method, pattern, handler, auth in self.routes:
            m = pattern.match(call.path)
            if m is None or method != call.method:
                continue
            if auth and not self._authorized(request):
                return json_response(401, {"message": "401: Unauthorized", "code": 0})
            call.params = {k: v for k, v in m.groupdict().items() if v is not None}
            try:
                body = await handler(call)
            except ApiError as err:
                return json_response(err.status, {"message": err.message, "code": err.code})
            except TooManyRequests as err:
                return self._too_many(err.retry_after, False)
            if body is None:
                return web.Response(status=204)
            return json_response(200, body, self._ratelimit_headers(call))
        self.fake.unhandled.append(rec)
        return json_response(404, {"message": "404: Not Found", "code": 0})

    def _authorized(self, request: web.Request) -> bool:
        header = request.headers.get("Authorization", "")
        return header.startswith("Bot ") and self.fake.token_ok(header[4:])

    @staticmethod
    def _ratelimit_headers(call: Call) -> dict[str, str]:
        bucket = re.sub(r"\d+", "x", call.method + call.path)
        return {
            "X-RateLimit-Limit": "50",
            "X-RateLimit-Remaining": "49",
            "X-RateLimit-Reset": f"{time.time() + 1:.3f}",
            "X-RateLimit-Reset-After": "1.000",
            "X-RateLimit-Bucket": format(abs(hash(bucket)), "x"),
        }

    @staticmethod
    def _too_many(retry_after: float, is_global: bool) -> web.Response:
        body = {
            "message": "You are being rate limited.",
            "retry_after": retry_after,
            "global": is_global,
            "code": 0,
        }
        headers = {
            "Retry-After": str(max(1, round(retry_after))),
            "X-RateLimit-Limit": "5",
            "X-RateLimit-Remaining": "0",
            "X-RateLimit-Reset": f"{time.time() + retry_after:.3f}",
            "X-RateLimit-Reset-After": f"{retry_after:.3f}",
            "X-RateLimit-Bucket": "fakebucket",
            "X-RateLimit-Scope": "global" if is_global else "user",
            "Via": "1.1 google",
        }
        if is_global:
            headers["X-RateLimit-Global"] = "true"
        return json_response(429, body, headers)

    async def _read_body(self, request: web.Request, call: Call) -> None:
        if not request.body_exists:
            return
        if request.content_type.startswith("multipart/"):
            reader = await request.multipart()
            async for part in reader:
                if not isinstance(part, BodyPartReader):
                    continue
                name = part.name or ""
                data = await part.read()
                if name == "payload_json":
                    call.json = json.loads(data)
                    continue
                m = re.fullmatch(r"files\[(\d+)\]", name)
                if m:
                    ctype = part.headers.get("Content-Type")
                    filename = part.filename or name
                    call.files[int(m.group(1))] = (filename, bytes(data), ctype)
            return
        raw = await request.read()
        if raw:
            call.json = json.loads(raw)

    async def cdn(self, request: web.Request) -> web.Response:
        """Serve uploaded attachment bytes so ``Attachment.read()`` works."""
        att_id = int(request.match_info["attachment"])
        for msg in self.fake.messages.values():
            for att in msg.attachments:
                if att.id == att_id:
                    return web.Response(body=att.data, content_type="application/octet-stream")
        raise web.HTTPNotFound()

    # ------------------------------------------------------------------ identity
    async def no_content(self, call: Call) -> None:
        return None

    async def get_me(self, call: Call) -> dict[str, Any]:
        me = self.fake.bot_user.payload()
        return {**me, "verified": True, "mfa_enabled": False, "email": None, "locale": "en-US"}

    async def get_application(self, call: Call) -> dict[str, Any]:
        fake = self.fake
        return {
            "id": str(fake.app_id),
            "name": fake.bot_user.username,
            "icon": None,
            "description": "fake application",
            "summary": "",
            "type": None,
            "rpc_origins": [],
            "bot_public": True,
            "bot_require_code_grant": False,
            "bot": fake.bot_user.payload(),
            "owner": fake.owner.payload(),
            "team": None,
            "verify_key": "0" * 64,
            "flags": 0,
            "tags": [],
            "redirect_uris": [],
            "interactions_endpoint_url": None,
            "terms_of_service_url": None,
            "privacy_policy_url": None,
            "approximate_guild_count": len(fake.guilds),
            "integration_types_config": {"0": {}},
        }

    async def get_my_guilds(self, call: Call) -> list[dict[str, Any]]:
        """The bot's guilds as partial guilds, with its permissions in each."""
        return [
            {
                "id": str(g.id),
                "name": g.name,
                "icon": None,
                "owner": False,
                "permissions": str(g.bot_permissions),
                "features": [],
            }
            for g in self.fake.guilds.values()
        ]

    async def get_gateway(self, call: Call) -> dict[str, Any]:
        limit = {"total": 1000, "remaining": 999, "reset_after": 0, "max_concurrency": 1}
        shards = self.fake.recommended_shards
        return {"url": self.fake.gateway_url, "shards": shards, "session_start_limit": limit}

    async def get_user(self, call: Call) -> dict[str, Any]:
        user = self.fake.users.get(int(call.params["user"]))
        if user is None:
            raise ApiError(404, 10013, "Unknown User")
        return user.payload()

    def _guild(self, call: Call) -> FakeGuild:
        guild = self.fake.guilds.get(int(call.params["guild"]))
        if guild is None:
            raise ApiError(404, 10004, "Unknown Guild")
        return guild

    async def get_guild(self, call: Call) -> dict[str, Any]:
        payload = self._guild(call).create_payload(self.fake.bot_user)
        for key in ("members", "channels", "threads", "presences", "voice_states"):
            payload.pop(key, None)
        return payload

    async def get_guild_channels(self, call: Call) -> list[dict[str, Any]]:
        return [c.payload() for c in self._guild(call).channels]

    async def get_member(self, call: Call) -> dict[str, Any]:
        guild = self._guild(call)
        uid = int(call.params["user"])
        if uid == self.fake.bot_user.id:
            return self.fake.bot_user.member_payload(guild)
        for user in guild.members:
            if user.id == uid:
                return user.member_payload(guild)
        raise ApiError(404, 10007, "Unknown Member")

    # ------------------------------------------------------------------ commands
    def _scope(self, call: Call) -> int | None:
        if int(call.params["app"]) != self.fake.app_id:
            raise ApiError(403, 50001, "Missing Access")
        if "guild" in call.params:
            return int(self._guild(call).id)
        return None

    async def get_commands(self, call: Call) -> list[dict[str, Any]]:
        return self.fake.commands.get(self._scope(call))

    async def put_commands(self, call: Call) -> list[dict[str, Any]]:
        scope = self._scope(call)
        if not isinstance(call.json, list):
            raise ApiError(400, 50035, "Invalid Form Body")
        out = self.fake.commands.put(scope, call.json)
        self.fake._changed.set()
        return out

    async def post_command(self, call: Call) -> dict[str, Any]:
        return self.fake.commands.add(self._scope(call), call.body)

    async def delete_command(self, call: Call) -> None:
        if not self.fake.commands.delete(self._scope(call), int(call.params["cmd"])):
            raise ApiError(404, 10063, "Unknown application command")

    # ------------------------------------------------------------------ channels & messages
    async def create_dm(self, call: Call) -> dict[str, Any]:
        user = self.fake.users.get(int(call.body.get("recipient_id", 0)))
        if user is None or user.bot:
            raise ApiError(400, 50033, "Invalid Recipient(s)")
        return self.fake.dm_channel(user).payload()

    def _channel(self, call: Call) -> FakeChannel:
        chan = self.fake.channels.get(int(call.params["channel"]))
        if chan is None:
            raise ApiError(404, 10003, "Unknown Channel")
        return chan

    def _message(self, call: Call, chan: FakeChannel) -> FakeMessage:
        msg = self.fake.messages.get(int(call.params["message"]))
        if msg is None or msg.deleted or msg.channel_id != chan.id or msg.ephemeral:
            raise ApiError(404, 10008, "Unknown Message")
        return msg

    async def get_channel(self, call: Call) -> dict[str, Any]:
        return self._channel(call).payload()

    async def get_messages(self, call: Call) -> list[dict[str, Any]]:
        chan = self._channel(call)
        limit = int(call.query.get("limit", 50))
        msgs = [m for m in self.fake.channel_messages(chan) if not m.ephemeral]
        if "before" in call.query:
            msgs = [m for m in msgs if m.id < int(call.query["before"])]
        if "after" in call.query:
            msgs = [m for m in msgs if m.id > int(call.query["after"])]
            return [m.payload() for m in msgs[:limit]][::-1]
        return [m.payload() for m in reversed(msgs)][:limit]

    async def get_message(self, call: Call) -> dict[str, Any]:
        return self._message(call, self._channel(call)).payload()

    async def post_message(self, call: Call) -> dict[str, Any]:
        fake = self.fake
        chan = self._channel(call)
        body = call.body
        if chan.type == CHANNEL_DM and chan.recipient is not None and not chan.recipient.dms_open:
            raise ApiError(403, 50007, "Cannot send messages to this user")
        nonce = body.get("nonce")
        if nonce is not None and body.get("enforce_nonce"):
            existing = fake.nonce_lookup(chan.id, nonce)
            if existing is not None:
                return existing.payload()
        if int(body.get("flags") or 0) & EPHEMERAL:
            raise ApiError(400, 50035, "Invalid Form Body (flags: ephemeral outside interaction)")
        msg = fake.new_message(chan, fake.bot_user, nonce=nonce)
        self.apply(msg, call, creating=True)
        fake.nonce_store(msg)
        fake.record("create", msg)
        await fake.dispatch_message("MESSAGE_CREATE", msg)
        return msg.payload()

    async def patch_message(self, call: Call) -> dict[str, Any]:
        chan = self._channel(call)
        msg = self._message(call, chan)
        if msg.author is not self.fake.bot_user:
            raise ApiError(403, 50005, "Cannot edit a message authored by another user")
        return await self.edit(msg, call)

    async def delete_message(self, call: Call) -> None:
        msg = self._message(call, self._channel(call))
        await self.delete(msg)

    # ------------------------------------------------------------------ message bodies
    def apply(self, msg: FakeMessage, call: Call, *, creating: bool) -> None:
        """Apply a create/edit body (JSON or multipart) to ``msg``, validating like Discord."""
        body = call.body
        if "content" in body:
            content = body["content"] or ""
            if len(content) > MAX_CONTENT:
                raise ApiError(
                    400, 50035, f"Invalid Form Body (content: Must be {MAX_CONTENT} or fewer)"
                )
            msg.content = content
        if "embeds" in body:
            msg.embeds = [{"type": "rich", **e} for e in body["embeds"] or []]
        if "components" in body:
            msg.components = body["components"] or []
        if "flags" in body and body["flags"] is not None:
            keep = msg.flags & ~SENDABLE_FLAGS & ~LOADING
            msg.flags = keep | (int(body["flags"]) & SENDABLE_FLAGS) | (msg.flags & EPHEMERAL)
        if "allowed_mentions" in body:
            msg.allowed_mentions = body["allowed_mentions"]
        if creating:
            msg.tts = bool(body.get("tts", False))
        if "attachments" in body or call.files:
            msg.attachments = self._attachments(msg, call)
        if not (msg.content or msg.embeds or msg.components or msg.attachments):
            raise ApiError(400, 50006, "Cannot send an empty message")

    def _attachments(self, msg: FakeMessage, call: Call) -> list[FakeAttachment]:
        listed = call.body.get("attachments")
        if listed is None:
            listed = [{"id": i} for i in sorted(call.files)]
        old = {a.id: a for a in msg.attachments}
        out: list[FakeAttachment] = []
        for entry in listed:
            idx = int(entry["id"])
            if idx in call.files:
                name, data, ctype = call.files[idx]
                att_id = self.fake.snowflake()
                filename = entry.get("filename") or name
                url = f"{self.fake.base_url}/attachments/{msg.channel_id}/{att_id}/{filename}"
                out.append(
                    FakeAttachment(att_id, filename, data, url, entry.get("description"), ctype)
                )
            elif idx in old:
                out.append(old[idx])
        return out

    def _check_edit_rate(self, msg: FakeMessage) -> None:
        """Opt-in per-message edit sub-limit (Discord: about 5 edits per 5 s per message)."""
        rule = self.fake.edit_rate_limit
        if rule is None:
            return
        limit, per = rule
        now = time.monotonic()
        stamps = [t for t in self._edit_times.get(msg.id, []) if now - t < per]
        if len(stamps) >= limit:
            self._edit_times[msg.id] = stamps
            raise TooManyRequests(round(per - (now - stamps[0]), 3))
        stamps.append(now)
        self._edit_times[msg.id] = stamps

    async def edit(self, msg: FakeMessage, call: Call) -> dict[str, Any]:
        self._check_edit_rate(msg)
        self.apply(msg, call, creating=False)
        msg.flags &= ~LOADING
        self.fake.edited_now(msg)
        self.fake.record("edit", msg)
        if not msg.ephemeral:
            await self.fake.dispatch_message("MESSAGE_UPDATE", msg)
        return msg.payload()

    async def delete(self, msg: FakeMessage) -> None:
        msg.deleted = True
        self.fake.record("delete", msg)
        if not msg.ephemeral:
            data: dict[str, Any] = {"id": str(msg.id), "channel_id": str(msg.channel_id)}
            if msg.guild_id is not None:
                data["guild_id"] = str(msg.guild_id)
            await self.fake.dispatch_quiet("MESSAGE_DELETE", data)
