"""Users acting in the fake Slack: slash commands, button clicks, DMs and channel messages.

Split from ``slack_server`` (a mixin of :class:`FakeSlack`). Each method builds the payload a
Slack client would cause, delivers it over Socket Mode and waits for the app's ack: Slack
gives an app 3 seconds, after which the user sees ``operation_timeout`` (slash commands) or
the event is retried, so a missing ack raises :class:`NoAck`.
"""

# The test-facing waits take ``timeout=`` so every wait in a test is bounded by default.
# ruff: noqa: ASYNC109

from __future__ import annotations

import secrets
import time
from typing import TYPE_CHECKING, Any

from .slack_models import (
    Ack,
    EnvelopeResult,
    FakeChannel,
    FakeMessage,
    FakeTeam,
    FakeUser,
    IdFactory,
    ResponsePost,
    TsFactory,
)
from .slack_socket import SocketMode, new_envelope_id

if TYPE_CHECKING:
    from collections.abc import Callable


class NoAck(TimeoutError):
    """The app did not acknowledge an envelope within the deadline."""


class ActionsMixin:
    """User-driving half of :class:`~tests.fakes.slack_server.FakeSlack`."""

    # Provided by FakeSlack.
    ids: IdFactory
    new_ts: TsFactory
    app_id: str
    ack_deadline: float
    socket: SocketMode
    channels: dict[str, FakeChannel]
    messages: dict[tuple[str, str], FakeMessage]
    envelopes: dict[str, EnvelopeResult]
    dm_channel: Callable[[FakeUser], FakeChannel]
    team_of: Callable[[FakeUser], FakeTeam]
    record: Callable[[str, FakeMessage], None]
    apply_response: Callable[[EnvelopeResult, ResponsePost], None]
    new_response_url: Callable[[EnvelopeResult], str]
    new_trigger_id: Callable[[], str]

    # ------------------------------------------------------------------ slash commands
    async def slash(
        self,
        user: FakeUser,
        command: str,
        text: str = "",
        *,
        channel: FakeChannel | str | None = None,
        timeout: float | None = None,
    ) -> EnvelopeResult:
        """``user`` runs ``command`` (``"/reminders"``) with ``text``; returns once acked.

        ``channel``: a channel, a channel id (an unknown ``C…`` id becomes a channel the bot
        has not joined, like most channels a command is typed in) or None for the user's IM
        with the app. Raises :class:`NoAck` if no ack arrives within ``timeout`` (default:
        the fake's ``ack_deadline``, 3 s). The ack's ``payload`` (``{"text": ...}``) is shown
        like a response_url post; later posts and messages fill in the returned result.
        """
        if not command.startswith("/"):
            raise ValueError("slash commands start with '/'")
        team = self.team_of(user)
        chan = self._resolve_channel(user, channel)
        result = self._new_result("slash_commands", user, chan)
        result.response_url = self.new_response_url(result)
        result.payload = {
            "token": "fake-verification-token",
            "team_id": team.id,
            "team_domain": team.domain,
            "channel_id": chan.id,
            "channel_name": "directmessage" if chan.is_im else chan.name,
            "user_id": user.id,
            "user_name": user.name,
            "command": command,
            "text": text,
            "api_app_id": self.app_id,
            "is_enterprise_install": "false",
            "response_url": result.response_url,
            "trigger_id": self.new_trigger_id(),
        }
        await self._deliver(result, accepts_response_payload=True, timeout=timeout)
        return result

    def _resolve_channel(self, user: FakeUser, channel: FakeChannel | str | None) -> FakeChannel:
        if channel is None:
            return self.dm_channel(user)
        if isinstance(channel, FakeChannel):
            return channel
        known = self.channels.get(channel)
        if known is not None:
            return known
        chan = FakeChannel(channel, user.team_id, channel.lower(), {user.id})
        self.channels[chan.id] = chan
        return chan

    # ------------------------------------------------------------------ clicks
    async def click(
        self,
        user: FakeUser,
        message: FakeMessage,
        action_id: str,
        value: str | None = None,
        *,
        timeout: float | None = None,
    ) -> EnvelopeResult:
        """``user`` presses the element ``action_id`` in ``message`` (``block_actions``).

        ``value`` defaults to the button's own; for a select it picks the option with that
        value. Raises LookupError for an element the user could not press.
        """
        found = message.find_element(action_id)
        if found is None or message.deleted:
            raise LookupError(f"message {message.ts} has no element {action_id!r}")
        if message.ephemeral_to not in (None, user.id):
            raise LookupError(f"message {message.ts} is ephemeral to another user")
        block_id, element = found
        chan = self.channels[message.channel]
        team = self.team_of(user)
        result = self._new_result("interactive", user, chan)
        result.source_message = message
        result.response_url = self.new_response_url(result)
        action_ts = self.new_ts()
        action: dict[str, Any] = {
            "action_id": action_id,
            "block_id": block_id,
            "type": element.get("type", "button"),
            "action_ts": action_ts,
        }
        if action["type"] == "button":
            action["text"] = element.get("text", {"type": "plain_text", "text": ""})
            action["value"] = value if value is not None else element.get("value", "")
        elif "options" in element:
            option = next((o for o in element["options"] if o.get("value") == value), None)
            if option is None:
                raise LookupError(f"{action_id!r} has no option with value {value!r}")
            action["selected_option"] = option
        else:
            action["value"] = value
        payload: dict[str, Any] = {
            "type": "block_actions",
            "user": {
                "id": user.id,
                "username": user.name,
                "name": user.name,
                "team_id": team.id,
            },
            "api_app_id": self.app_id,
            "token": "fake-verification-token",
            "container": {
                "type": "message",
                "message_ts": message.ts,
                "channel_id": chan.id,
                "is_ephemeral": message.ephemeral,
            },
            "trigger_id": self.new_trigger_id(),
            "team": {"id": team.id, "domain": team.domain},
            "enterprise": None,
            "is_enterprise_install": False,
            "channel": {"id": chan.id, "name": "directmessage" if chan.is_im else chan.name},
            "state": {"values": {}},
            "response_url": result.response_url,
            "actions": [action],
        }
        if not message.ephemeral:  # Slack sends no copy of an ephemeral message
            payload["message"] = message.payload()
        result.payload = payload
        await self._deliver(result, accepts_response_payload=False, timeout=timeout)
        return result

    # ------------------------------------------------------------------ messages
    async def dm_text(
        self, user: FakeUser, text: str, *, require_ack: bool = True, timeout: float | None = None
    ) -> EnvelopeResult:
        """``user`` writes ``text`` in their IM with the app (``message`` event, ``im``).

        The result's ``source_message`` is the user's message; bolt acks events only when a
        listener matched, so ``require_ack=False`` tolerates an app that ignores it.
        """
        return await self._user_message(user, self.dm_channel(user), text, require_ack, timeout)

    async def channel_text(
        self,
        user: FakeUser,
        channel: FakeChannel,
        text: str,
        *,
        require_ack: bool = True,
        timeout: float | None = None,
    ) -> EnvelopeResult:
        """``user`` posts in ``channel`` (``message`` event, ``channel_type`` ``channel``)."""
        return await self._user_message(user, channel, text, require_ack, timeout)

    async def _user_message(
        self,
        user: FakeUser,
        chan: FakeChannel,
        text: str,
        require_ack: bool,
        timeout: float | None,
    ) -> EnvelopeResult:
        team = self.team_of(user)
        msg = FakeMessage(self.new_ts(), chan.id, team.id, user.id, text, via="user")
        self.messages[(chan.id, msg.ts)] = msg
        self.record("create", msg)
        event = {
            "client_msg_id": secrets.token_hex(16),
            "type": "message",
            "text": text,
            "user": user.id,
            "ts": msg.ts,
            "blocks": [
                {
                    "type": "rich_text",
                    "block_id": secrets.token_hex(3),
                    "elements": [
                        {"type": "rich_text_section", "elements": [{"type": "text", "text": text}]}
                    ],
                }
            ],
            "team": team.id,
            "channel": chan.id,
            "event_ts": msg.ts,
            "channel_type": "im" if chan.is_im else "channel",
        }
        result = self._new_result("events_api", user, chan)
        result.source_message = msg
        result.payload = {
            "token": "fake-verification-token",
            "team_id": team.id,
            "context_team_id": team.id,
            "api_app_id": self.app_id,
            "event": event,
            "type": "event_callback",
            "event_id": self.ids("Ev"),
            "event_time": int(time.time()),
            "authorizations": [
                {
                    "enterprise_id": None,
                    "team_id": team.id,
                    "user_id": team.bot_user.id,
                    "is_bot": True,
                    "is_enterprise_install": False,
                }
            ],
            "is_ext_shared_channel": False,
            "event_context": f"4-message-{team.id}-{chan.id}",
        }
        extra = {"retry_attempt": 0, "retry_reason": ""}
        await self._deliver(
            result,
            accepts_response_payload=False,
            timeout=timeout,
            require=require_ack,
            extra=extra,
        )
        return result

    # ------------------------------------------------------------------ delivery
    def _new_result(self, type_: str, user: FakeUser, chan: FakeChannel) -> EnvelopeResult:
        return EnvelopeResult("", type_, {}, user, chan, 0.0)

    async def _deliver(
        self,
        result: EnvelopeResult,
        *,
        accepts_response_payload: bool,
        timeout: float | None,
        require: bool = True,
        extra: dict[str, Any] | None = None,
    ) -> None:
        deadline = self.ack_deadline if timeout is None else timeout

        def on_ack(ack: Ack) -> None:
            result.ack = ack
            result._touch()
            payload = ack.payload or {}
            if result.type == "slash_commands" and ("text" in payload or "blocks" in payload):
                self.apply_response(result, ResponsePost(payload))

        # Registered before sending, so no ack or reply can arrive unseen.
        result.envelope_id = new_envelope_id()
        result.delivered_at = time.monotonic()
        self.envelopes[result.envelope_id] = result
        await self.socket.deliver(
            result.type,
            result.payload,
            accepts_response_payload=accepts_response_payload,
            on_ack=on_ack,
            extra=extra,
            envelope_id=result.envelope_id,
        )
        try:
            await self.socket.wait_for_ack(result.envelope_id, deadline)
        except TimeoutError:
            if not require:
                return
            what = result.payload.get("command") or result.payload.get("type") or result.type
            raise NoAck(
                f"app did not ack {result.type} envelope ({what}) within {deadline}s "
                "(Slack would show 'operation_timeout' / retry the event)"
            ) from None
