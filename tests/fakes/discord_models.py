"""State objects of the fake Discord server (users, guilds, channels, messages, interactions).

The payload builders here are the contract with discord.py: its parsers index required keys
directly, so a missing field raises inside ``client.start()``. Keep every ``*_payload`` method
complete rather than minimal; see /work/shared/notes/discord-offline.md.
"""

# The test-facing waits take ``timeout=`` so every wait in a test is bounded by default.
# ruff: noqa: ASYNC109

from __future__ import annotations

import asyncio
import datetime as dt
import itertools
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

DISCORD_EPOCH_MS = 1_420_070_400_000

# Message flags and channel types used by the fake (values from the Discord API docs).
EPHEMERAL = 1 << 6
LOADING = 1 << 7
CHANNEL_TEXT = 0
CHANNEL_DM = 1

# A realistic non-admin member permission set: view, send, embed, attach, history,
# reactions, external emojis, use application commands, send in threads.
MEMBER_PERMISSIONS = (
    (1 << 6) | (1 << 10) | (1 << 11) | (1 << 14) | (1 << 15) | (1 << 16) | (1 << 18) | (1 << 31)
) | (1 << 38)
ADMINISTRATOR = 1 << 3


class SnowflakeFactory:
    """Generates increasing, time-based snowflakes like Discord's (so ``created_at`` is sane)."""

    def __init__(self) -> None:
        self._last = 0
        self._seq = itertools.count()

    def __call__(self) -> int:
        ms = int(time.time() * 1000) - DISCORD_EPOCH_MS
        candidate = (ms << 22) | (1 << 17) | (next(self._seq) & 0xFFF)
        self._last = max(candidate, self._last + 1)
        return self._last

    def skip(self, amount: int) -> None:
        """Jump ahead (e.g. one millisecond, ``1 << 22``, to land on another shard)."""
        self._last += amount


def iso_now() -> str:
    """Discord timestamps are ISO 8601 with an explicit UTC offset."""
    return dt.datetime.now(dt.UTC).isoformat()


@dataclass(eq=False)
class FakeUser:
    """A Discord user (or the bot itself). ``dms_open=False`` simulates closed DMs (50007)."""

    id: int
    username: str
    global_name: str | None = None
    bot: bool = False
    admin: bool = False
    dms_open: bool = True

    def payload(self) -> dict[str, Any]:
        return {
            "id": str(self.id),
            "username": self.username,
            "discriminator": "0",
            "global_name": self.global_name,
            "avatar": None,
            "bot": self.bot,
            "public_flags": 0,
            "flags": 0,
            "banner": None,
            "accent_color": None,
            "avatar_decoration_data": None,
        }

    def member_payload(self, guild: FakeGuild) -> dict[str, Any]:
        perms = MEMBER_PERMISSIONS | (ADMINISTRATOR if self.admin else 0)
        return {
            "user": self.payload(),
            "roles": [],
            "nick": None,
            "avatar": None,
            "joined_at": guild.created_at,
            "premium_since": None,
            "deaf": False,
            "mute": False,
            "flags": 0,
            "pending": False,
            "permissions": str(perms),
            "communication_disabled_until": None,
        }


@dataclass(eq=False)
class FakeChannel:
    """A guild text channel or a DM channel (``recipient`` set)."""

    id: int
    type: int
    name: str | None = None
    guild_id: int | None = None
    recipient: FakeUser | None = None
    position: int = 0

    def payload(self) -> dict[str, Any]:
        if self.type == CHANNEL_DM:
            assert self.recipient is not None
            return {
                "id": str(self.id),
                "type": CHANNEL_DM,
                "last_message_id": None,
                "flags": 0,
                "recipients": [self.recipient.payload()],
            }
        return {
            "id": str(self.id),
            "type": self.type,
            "guild_id": str(self.guild_id),
            "name": self.name,
            "position": self.position,
            "permission_overwrites": [],
            "parent_id": None,
            "topic": None,
            "nsfw": False,
            "last_message_id": None,
            "rate_limit_per_user": 0,
            "flags": 0,
        }


@dataclass(eq=False)
class FakeGuild:
    """A guild; ``members`` are the users who can run commands in it."""

    id: int
    name: str
    owner_id: int
    channels: list[FakeChannel] = field(default_factory=list)
    members: list[FakeUser] = field(default_factory=list)
    created_at: str = field(default_factory=iso_now)
    bot_permissions: int = MEMBER_PERMISSIONS
    """What the bot may do in this guild (``GET /users/@me/guilds``)."""

    @property
    def text_channel(self) -> FakeChannel:
        """The first text channel (every guild gets a ``general`` one)."""
        return self.channels[0]

    def everyone_role(self) -> dict[str, Any]:
        return {
            "id": str(self.id),
            "name": "@everyone",
            "color": 0,
            "colors": {"primary_color": 0, "secondary_color": None, "tertiary_color": None},
            "hoist": False,
            "icon": None,
            "unicode_emoji": None,
            "position": 0,
            "permissions": str(MEMBER_PERMISSIONS),
            "managed": False,
            "mentionable": False,
            "flags": 0,
        }

    def create_payload(self, bot: FakeUser) -> dict[str, Any]:
        """GUILD_CREATE without the members intent: Discord only includes the bot's member."""
        return {
            "id": str(self.id),
            "name": self.name,
            "icon": None,
            "splash": None,
            "discovery_splash": None,
            "owner_id": str(self.owner_id),
            "afk_channel_id": None,
            "afk_timeout": 300,
            "verification_level": 0,
            "default_message_notifications": 0,
            "explicit_content_filter": 0,
            "roles": [self.everyone_role()],
            "emojis": [],
            "stickers": [],
            "features": [],
            "mfa_level": 0,
            "application_id": None,
            "system_channel_id": None,
            "system_channel_flags": 0,
            "rules_channel_id": None,
            "vanity_url_code": None,
            "description": None,
            "banner": None,
            "premium_tier": 0,
            "preferred_locale": "en-US",
            "public_updates_channel_id": None,
            "nsfw_level": 0,
            "premium_progress_bar_enabled": False,
            "joined_at": self.created_at,
            "large": False,
            "unavailable": False,
            "member_count": len(self.members) + 1,
            "voice_states": [],
            "members": [bot.member_payload(self)],
            "channels": [c.payload() for c in self.channels],
            "threads": [],
            "presences": [],
            "stage_instances": [],
            "guild_scheduled_events": [],
            "soundboard_sounds": [],
        }


@dataclass(eq=False)
class FakeAttachment:
    """An uploaded file; ``data`` keeps the bytes so tests can check what the bot sent."""

    id: int
    filename: str
    data: bytes
    url: str
    description: str | None = None
    content_type: str | None = None

    def payload(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": str(self.id),
            "filename": self.filename,
            "size": len(self.data),
            "url": self.url,
            "proxy_url": self.url,
            "content_type": self.content_type,
        }
        if self.description is not None:
            out["description"] = self.description
        return out


@dataclass(eq=False)
class FakeMessage:
    """A stored message; live object, updated in place by edits (see ``edits``)."""

    id: int
    channel_id: int
    author: FakeUser
    content: str = ""
    guild_id: int | None = None
    embeds: list[dict[str, Any]] = field(default_factory=list)
    components: list[dict[str, Any]] = field(default_factory=list)
    attachments: list[FakeAttachment] = field(default_factory=list)
    flags: int = 0
    nonce: str | int | None = None
    tts: bool = False
    allowed_mentions: dict[str, Any] | None = None
    timestamp: str = field(default_factory=iso_now)
    edited_timestamp: str | None = None
    deleted: bool = False
    webhook_id: int | None = None
    application_id: int | None = None
    interaction_id: int | None = None
    interaction_metadata: dict[str, Any] | None = None
    edits: int = 0

    @property
    def ephemeral(self) -> bool:
        return bool(self.flags & EPHEMERAL)

    @property
    def loading(self) -> bool:
        """True for a deferred ("thinking") response that has not been edited yet."""
        return bool(self.flags & LOADING)

    def custom_ids(self) -> list[str]:
        """All component custom_ids on the message, depth-first (rows, sections, ...)."""
        return [c["custom_id"] for c in iter_components(self.components) if "custom_id" in c]

    def find_component(self, custom_id: str) -> dict[str, Any] | None:
        for comp in iter_components(self.components):
            if comp.get("custom_id") == custom_id:
                return comp
        return None

    def payload(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": str(self.id),
            "channel_id": str(self.channel_id),
            "type": 0 if self.interaction_id is None else 20,
            "content": self.content,
            "author": self.author.payload(),
            "timestamp": self.timestamp,
            "edited_timestamp": self.edited_timestamp,
            "tts": self.tts,
            "mention_everyone": False,
            "mentions": [],
            "mention_roles": [],
            "mention_channels": [],
            "attachments": [a.payload() for a in self.attachments],
            "embeds": self.embeds,
            "reactions": [],
            "pinned": False,
            "components": self.components,
            "flags": self.flags,
            "sticker_items": [],
        }
        if self.guild_id is not None:
            out["guild_id"] = str(self.guild_id)
        if self.nonce is not None:
            out["nonce"] = self.nonce
        if self.webhook_id is not None:
            out["webhook_id"] = str(self.webhook_id)
        if self.application_id is not None:
            out["application_id"] = str(self.application_id)
        if self.interaction_metadata is not None:
            out["interaction_metadata"] = self.interaction_metadata
        return out


def iter_components(components: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Flatten a component tree (action rows, containers, sections, labels) depth-first."""
    out: list[dict[str, Any]] = []
    for comp in components:
        out.append(comp)
        out.extend(iter_components(comp.get("components", [])))
        for key in ("accessory", "component"):
            if isinstance(comp.get(key), dict):
                out.extend(iter_components([comp[key]]))
    return out


@dataclass
class RecordedRequest:
    """One REST call the bot made. ``json`` is the JSON body or the multipart ``payload_json``."""

    method: str
    path: str
    json: Any
    query: dict[str, str]
    status: int = 0
    files: list[tuple[str, bytes]] = field(default_factory=list)
    authorization: str | None = None
    at: float = field(default_factory=time.time)  # wall-clock arrival (rate-limit tests)

    def __iter__(self) -> Any:
        """Unpacks as ``method, path, json`` for terse assertions."""
        return iter((self.method, self.path, self.json))


@dataclass(eq=False)
class InteractionResult:
    """Everything the bot did in answer to one interaction, filled in as it happens.

    ``message`` is the original response message (for type 5 it is the "thinking" message until
    the bot edits ``@original``; for types 6/7 on a component it is the clicked message).
    """

    interaction_id: int
    token: str
    type: int
    user: FakeUser
    channel: FakeChannel
    guild: FakeGuild | None
    source_message: FakeMessage | None = None
    response_type: int | None = None
    message: FakeMessage | None = None
    followups: list[FakeMessage] = field(default_factory=list)
    choices: list[dict[str, Any]] | None = None
    modal: dict[str, Any] | None = None
    _changed: asyncio.Event = field(default_factory=asyncio.Event, repr=False)

    @property
    def content(self) -> str | None:
        return None if self.message is None else self.message.content

    @property
    def flags(self) -> int:
        return 0 if self.message is None else self.message.flags

    @property
    def ephemeral(self) -> bool:
        return bool(self.flags & EPHEMERAL)

    @property
    def components(self) -> list[dict[str, Any]]:
        return [] if self.message is None else self.message.components

    @property
    def embeds(self) -> list[dict[str, Any]]:
        return [] if self.message is None else self.message.embeds

    def _touch(self) -> None:
        self._changed.set()

    async def wait_until(
        self, predicate: Callable[[InteractionResult], bool], timeout: float = 5.0
    ) -> InteractionResult:
        """Wait until ``predicate(self)`` holds (e.g. a follow-up arrived, @original edited)."""
        async with asyncio.timeout(timeout):
            while not predicate(self):
                self._changed.clear()
                await self._changed.wait()
        return self

    async def wait_for_followup(self, count: int = 1, timeout: float = 5.0) -> FakeMessage:
        """Wait until at least ``count`` follow-ups exist and return the ``count``-th one."""
        await self.wait_until(lambda r: len(r.followups) >= count, timeout)
        return self.followups[count - 1]

    async def wait_for_edit(self, timeout: float = 5.0) -> FakeMessage:
        """Wait until the original response is a real (non-loading) edited message."""
        await self.wait_until(
            lambda r: r.message is not None and not r.message.loading and r.message.edits > 0,
            timeout,
        )
        assert self.message is not None
        return self.message
