"""State objects of the fake Slack (teams, users, channels, messages, envelopes, acks).

The ``*_payload`` builders are the contract with slack_sdk / slack_bolt: bolt reads ids out of
these dicts (``slack_bolt.request.internals.extract_*``) to build ``context``, ``say`` and
``respond``, so keep the field names exactly as Slack sends them (see
/work/shared/notes/slack-offline.md).
"""

# The test-facing waits take ``timeout=`` so every wait in a test is bounded by default.
# ruff: noqa: ASYNC109

from __future__ import annotations

import asyncio
import itertools
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

# What the Slack client shows when an app does not ack a slash command in time.
ACK_DEADLINE = 3.0
RESPONSE_URL_USES = 5
RESPONSE_URL_TTL = 30 * 60.0
TRIGGER_TTL = 3.0


class IdFactory:
    """Slack-looking ids: a type letter and 10 upper-case base-36 characters (``U0000000001``)."""

    def __init__(self) -> None:
        self._seq = itertools.count(1)

    def __call__(self, prefix: str) -> str:
        n = next(self._seq)
        digits = ""
        while n:
            n, rem = divmod(n, 36)
            digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"[rem] + digits
        return f"{prefix}{digits.rjust(10, '0')}"


class TsFactory:
    """Message timestamps (``"1700000000.000123"``): wall-clock based and strictly increasing."""

    def __init__(self) -> None:
        self._last = 0

    def __call__(self) -> str:
        micros = max(int(time.time() * 1_000_000), self._last + 1)
        self._last = micros
        return f"{micros // 1_000_000}.{micros % 1_000_000:06d}"


@dataclass(eq=False)
class FakeUser:
    """A workspace member (or an app's bot user). ``deleted=True`` is a deactivated account."""

    id: str
    team_id: str
    name: str
    real_name: str
    is_admin: bool = False
    is_owner: bool = False
    is_primary_owner: bool = False
    is_bot: bool = False
    bot_id: str | None = None
    tz: str = "Europe/Berlin"
    tz_label: str = "Central European Time"
    tz_offset: int = 3600
    deleted: bool = False

    def payload(self) -> dict[str, Any]:
        """``users.info``'s ``user`` object."""
        profile: dict[str, Any] = {
            "real_name": self.real_name,
            "display_name": self.name,
            "real_name_normalized": self.real_name,
            "display_name_normalized": self.name,
            "team": self.team_id,
        }
        if self.bot_id is not None:
            profile["bot_id"] = self.bot_id
        return {
            "id": self.id,
            "team_id": self.team_id,
            "name": self.name,
            "real_name": self.real_name,
            "deleted": self.deleted,
            "color": "9f69e7",
            "tz": self.tz,
            "tz_label": self.tz_label,
            "tz_offset": self.tz_offset,
            "profile": profile,
            "is_admin": self.is_admin,
            "is_owner": self.is_owner,
            "is_primary_owner": self.is_primary_owner,
            "is_restricted": False,
            "is_ultra_restricted": False,
            "is_bot": self.is_bot,
            "is_app_user": False,
            "updated": 1_700_000_000,
        }


@dataclass(eq=False)
class FakeTeam:
    """A workspace with the app installed: its own bot user, bot id and bot token."""

    id: str
    name: str
    domain: str
    bot_token: str
    bot_user: FakeUser

    @property
    def url(self) -> str:
        return f"https://{self.domain}.slack.com/"


@dataclass(eq=False)
class FakeChannel:
    """A public channel (``C…``) or the app's IM with one user (``D…``, ``im_user`` set)."""

    id: str
    team_id: str
    name: str
    members: set[str] = field(default_factory=set)
    im_user: str | None = None

    @property
    def is_im(self) -> bool:
        return self.im_user is not None

    def payload(self) -> dict[str, Any]:
        if self.is_im:
            return {"id": self.id, "is_im": True, "user": self.im_user, "is_open": True}
        return {
            "id": self.id,
            "name": self.name,
            "is_channel": True,
            "is_im": False,
            "is_member": True,
            "context_team_id": self.team_id,
        }


@dataclass(eq=False)
class FakeMessage:
    """A message in a channel. ``ephemeral_to`` set: only that user sees it (never stored by
    Slack, so it cannot be updated through ``chat.update``). ``via`` says how the bot sent it:
    ``"web"`` (chat.*), ``"response_url"``, ``"ack"`` (slash ack payload) or ``"user"``."""

    ts: str
    channel: str
    team_id: str
    user: str
    text: str = ""
    blocks: list[dict[str, Any]] = field(default_factory=list)
    thread_ts: str | None = None
    bot_id: str | None = None
    app_id: str | None = None
    ephemeral_to: str | None = None
    files: list[dict[str, Any]] = field(default_factory=list)
    via: str = "web"
    edits: int = 0
    deleted: bool = False

    @property
    def ephemeral(self) -> bool:
        return self.ephemeral_to is not None

    def payload(self) -> dict[str, Any]:
        """The ``message`` object Slack puts in API answers and ``block_actions`` payloads."""
        out: dict[str, Any] = {
            "type": "message",
            "ts": self.ts,
            "user": self.user,
            "team": self.team_id,
            "text": self.text,
        }
        if self.blocks:
            out["blocks"] = self.blocks
        if self.bot_id is not None:
            out["bot_id"] = self.bot_id
        if self.app_id is not None:
            out["app_id"] = self.app_id
        if self.thread_ts is not None:
            out["thread_ts"] = self.thread_ts
        if self.files:
            out["files"] = self.files
        if self.edits:
            out["edited"] = {"user": self.user, "ts": self.ts}
        return out

    def elements(self) -> Iterator[tuple[str, dict[str, Any]]]:
        """``(block_id, element)`` for every interactive element in the blocks."""
        for block in self.blocks:
            block_id = str(block.get("block_id", ""))
            for element in block.get("elements", []) if block.get("type") == "actions" else []:
                yield block_id, element
            accessory = block.get("accessory")
            if isinstance(accessory, dict):
                yield block_id, accessory

    def find_element(self, action_id: str) -> tuple[str, dict[str, Any]] | None:
        for block_id, element in self.elements():
            if element.get("action_id") == action_id:
                return block_id, element
        return None

    def all_text(self) -> str:
        """``text`` plus every text string inside the blocks (for predicates)."""
        parts = [self.text]

        def walk(node: Any) -> None:
            if isinstance(node, dict):
                if isinstance(node.get("text"), str):
                    parts.append(node["text"])
                for value in node.values():
                    if isinstance(value, dict | list):
                        walk(value)
            elif isinstance(node, list):
                for item in node:
                    walk(item)

        walk(self.blocks)
        return "\n".join(p for p in parts if p)


@dataclass
class RecordedRequest:
    """One Web API call: ``method`` is Slack's (``"chat.postMessage"``), ``body`` the query
    string, form and JSON fields merged (values as sent: form fields stay strings)."""

    method: str
    body: dict[str, Any]
    http_method: str = "POST"
    content_type: str = ""
    token: str | None = None
    status: int = 0
    error: str | None = None
    at: float = field(default_factory=time.monotonic)

    def __iter__(self) -> Iterator[Any]:
        """Unpacks as ``method, body`` for terse assertions."""
        return iter((self.method, self.body))


@dataclass
class Ack:
    """A Socket Mode acknowledgement. ``latency`` is seconds from delivery to arrival."""

    envelope_id: str
    payload: dict[str, Any] | None
    at: float
    latency: float


@dataclass
class ResponsePost:
    """One POST the app made to a ``response_url``."""

    body: dict[str, Any]
    at: float = field(default_factory=time.monotonic)

    @property
    def text(self) -> str:
        return str(self.body.get("text", ""))

    @property
    def response_type(self) -> str:
        return str(self.body.get("response_type") or "ephemeral")

    @property
    def replace_original(self) -> bool:
        return _truthy(self.body.get("replace_original"))

    @property
    def delete_original(self) -> bool:
        return _truthy(self.body.get("delete_original"))


def _truthy(value: Any) -> bool:
    return value is True or str(value).lower() in ("true", "1")


@dataclass(eq=False)
class EnvelopeResult:
    """One envelope the fake delivered and everything the app did about it, filled in live.

    ``messages`` are bot messages that arrived in the envelope's channel (or ephemerally to
    its user) after delivery, whichever way they were sent; ``responses`` the posts to the
    envelope's ``response_url``.
    """

    envelope_id: str
    type: str
    payload: dict[str, Any]
    user: FakeUser
    channel: FakeChannel | None
    delivered_at: float
    ack: Ack | None = None
    responses: list[ResponsePost] = field(default_factory=list)
    messages: list[FakeMessage] = field(default_factory=list)
    response_url: str | None = None
    source_message: FakeMessage | None = None
    _changed: asyncio.Event = field(default_factory=asyncio.Event, repr=False)

    @property
    def acked(self) -> bool:
        return self.ack is not None

    @property
    def ack_payload(self) -> dict[str, Any] | None:
        return None if self.ack is None else self.ack.payload

    @property
    def text(self) -> str | None:
        """The first answer's text: the ack payload's, else the first response_url post's."""
        if self.ack_payload and "text" in self.ack_payload:
            return str(self.ack_payload["text"])
        if self.responses:
            return self.responses[0].text
        return None

    def _touch(self) -> None:
        self._changed.set()

    async def wait_until(
        self, predicate: Callable[[EnvelopeResult], bool], timeout: float = 5.0
    ) -> EnvelopeResult:
        """Wait until ``predicate(self)`` holds (e.g. a response_url post arrived)."""
        async with asyncio.timeout(timeout):
            while not predicate(self):
                self._changed.clear()
                await self._changed.wait()
        return self

    async def wait_for_response(self, count: int = 1, timeout: float = 5.0) -> ResponsePost:
        """Wait until at least ``count`` response_url posts exist; return the ``count``-th."""
        await self.wait_until(lambda r: len(r.responses) >= count, timeout)
        return self.responses[count - 1]

    async def wait_for_message(self, count: int = 1, timeout: float = 5.0) -> FakeMessage:
        """Wait until at least ``count`` bot messages arrived; return the ``count``-th."""
        await self.wait_until(lambda r: len(r.messages) >= count, timeout)
        return self.messages[count - 1]
