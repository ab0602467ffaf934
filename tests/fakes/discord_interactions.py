"""Users driving interactions in the fake: slash commands, autocomplete, clicks, modals.

Split from ``discord_server`` (a mixin of :class:`FakeDiscord`) to keep files readable.
Each method builds the INTERACTION_CREATE a Discord client would send, dispatches it over the
gateway and waits for the bot's initial response.
"""

# The test-facing waits take ``timeout=`` so every wait in a test is bounded by default.
# ruff: noqa: ASYNC109

from __future__ import annotations

import asyncio
import secrets
from collections.abc import Callable
from typing import Any

from .discord_commands import CommandError, CommandRegistry, build_command_data
from .discord_gateway import Gateway
from .discord_models import (
    MEMBER_PERMISSIONS,
    FakeChannel,
    FakeGuild,
    FakeMessage,
    FakeUser,
    InteractionResult,
    SnowflakeFactory,
)

ATTACHMENT_SIZE_LIMIT = 25 * 1024 * 1024


class InteractionsMixin:
    """Interaction-sending half of :class:`~tests.fakes.discord_server.FakeDiscord`."""

    # Provided by FakeDiscord.
    snowflake: SnowflakeFactory
    app_id: int
    commands: CommandRegistry
    gateway: Gateway
    channels: dict[int, FakeChannel]
    guilds: dict[int, FakeGuild]
    interactions: dict[int, InteractionResult]
    _interaction_times: dict[int, float]

    def dm_channel(self, user: FakeUser) -> FakeChannel:
        raise NotImplementedError

    async def slash(
        self,
        user: FakeUser,
        guild: FakeGuild | None,
        command: str,
        options: dict[str, Any] | None = None,
        *,
        channel: FakeChannel | None = None,
        timeout: float = 5.0,
    ) -> InteractionResult:
        """Run ``/command`` ("group sub" paths allowed) and wait for the bot's initial response.

        ``guild=None`` runs it in the user's DM with the bot. Raises :class:`CommandError` for
        anything the Discord client would not let the user send.
        """
        top, *path = command.split()
        cmd = self.commands.find(top, guild.id if guild else None)
        data = build_command_data(
            cmd, path, options or {}, guild_members=self._member_resolver(guild)
        )
        result = await self.send_interaction(2, user, guild, channel, data)
        return await self._await_response(result, timeout, f"/{command}")

    async def autocomplete(
        self,
        user: FakeUser,
        guild: FakeGuild | None,
        command: str,
        option: str,
        value: str,
        *,
        options: dict[str, Any] | None = None,
        channel: FakeChannel | None = None,
        timeout: float = 5.0,
    ) -> list[dict[str, Any]]:
        """User typed ``value`` into ``option``; returns the bot's choices ``[{name, value}]``."""
        top, *path = command.split()
        cmd = self.commands.find(top, guild.id if guild else None)
        opts = {**(options or {}), option: value}
        data = build_command_data(
            cmd, path, opts, focused=option, guild_members=self._member_resolver(guild)
        )
        result = await self.send_interaction(4, user, guild, channel, data)
        await self._await_response(result, timeout, f"autocomplete /{command} {option}")
        return result.choices or []

    async def click(
        self,
        user: FakeUser,
        message: FakeMessage,
        custom_id: str,
        *,
        values: list[str] | None = None,
        timeout: float = 5.0,
    ) -> InteractionResult:
        """Press a button (or choose ``values`` in a select) on a stored message."""
        comp = message.find_component(custom_id)
        if comp is None or message.deleted:
            raise CommandError(f"message {message.id} has no component {custom_id!r}")
        if comp.get("disabled"):
            raise CommandError(f"component {custom_id!r} is disabled")
        data: dict[str, Any] = {"custom_id": custom_id, "component_type": comp["type"]}
        if comp["type"] != 2:
            data["values"] = list(values or [])
        elif values is not None:
            raise CommandError("values only apply to select menus")
        channel = self.channels[message.channel_id]
        guild = self.guilds.get(channel.guild_id) if channel.guild_id else None
        result = await self.send_interaction(3, user, guild, channel, data, message=message)
        return await self._await_response(result, timeout, f"click {custom_id}")

    async def submit_modal(
        self,
        user: FakeUser,
        opened: InteractionResult,
        values: dict[str, str],
        *,
        timeout: float = 5.0,
    ) -> InteractionResult:
        """Submit the modal the bot opened (callback type 9) with text input ``values``."""
        modal = opened.modal
        if modal is None:
            raise CommandError("the bot did not open a modal for this interaction")
        rows: list[dict[str, Any]] = []
        seen: set[str] = set()
        for row in modal.get("components", []):
            inner = row.get("components") or ([row["component"]] if "component" in row else [])
            submitted: list[dict[str, Any]] = []
            for comp in inner:
                cid = comp.get("custom_id")
                if cid is None:
                    continue  # text displays etc. are not submitted
                seen.add(cid)
                if cid not in values and comp.get("required", True):
                    raise CommandError(f"modal input {cid!r} is required")
                item: dict[str, Any] = {"type": comp["type"], "custom_id": cid}
                if comp["type"] == 4:  # text input
                    item["value"] = str(values.get(cid, ""))
                else:  # selects inside labels
                    item["values"] = list(values.get(cid, []))
                submitted.append(item)
            if not submitted:
                continue
            if "component" in row:  # label (type 18) wrapping a single input
                rows.append({"type": row["type"], "component": submitted[0]})
            else:
                rows.append({"type": 1, "components": submitted})
        unknown = set(values) - seen
        if unknown:
            raise CommandError(f"modal has no inputs {sorted(unknown)}")
        data = {"custom_id": modal["custom_id"], "components": rows}
        result = await self.send_interaction(
            5, user, opened.guild, opened.channel, data, message=opened.source_message
        )
        return await self._await_response(result, timeout, f"modal {modal['custom_id']}")

    # ------------------------------------------------------------------ interactions
    def _member_resolver(
        self, guild: FakeGuild | None
    ) -> Callable[[FakeUser], dict[str, Any] | None]:
        def resolve(user: FakeUser) -> dict[str, Any] | None:
            if guild is None or user not in guild.members:
                return None
            return user.member_payload(guild)

        return resolve

    async def send_interaction(
        self,
        itype: int,
        user: FakeUser,
        guild: FakeGuild | None,
        channel: FakeChannel | None,
        data: dict[str, Any],
        *,
        message: FakeMessage | None = None,
    ) -> InteractionResult:
        """Dispatch INTERACTION_CREATE; the result fills in as the bot responds."""
        if guild is not None and user not in guild.members:
            raise CommandError(f"{user.username} is not a member of {guild.name}")
        if channel is None:
            channel = guild.text_channel if guild is not None else self.dm_channel(user)
        iid = self.snowflake()
        token = "aW50ZXJhY3Rpb246" + secrets.token_urlsafe(48)
        chan_payload = channel.payload()
        perms = str(MEMBER_PERMISSIONS)
        chan_payload["permissions"] = perms
        payload: dict[str, Any] = {
            "id": str(iid),
            "application_id": str(self.app_id),
            "type": itype,
            "token": token,
            "version": 1,
            "data": data,
            "channel_id": str(channel.id),
            "channel": chan_payload,
            "app_permissions": perms,
            "locale": "en-US",
            "entitlements": [],
            "entitlement_sku_ids": [],
            "attachment_size_limit": ATTACHMENT_SIZE_LIMIT,
            "context": 0 if guild is not None else 1,
            "authorizing_integration_owners": {"0": str(guild.id) if guild else "0"},
        }
        if guild is not None:
            payload["guild_id"] = str(guild.id)
            payload["guild_locale"] = "en-US"
            payload["guild"] = {"id": str(guild.id), "locale": "en-US", "features": []}
            payload["member"] = user.member_payload(guild)
        else:
            payload["user"] = user.payload()
        if message is not None:
            payload["message"] = message.payload()
        result = InteractionResult(iid, token, itype, user, channel, guild, source_message=message)
        self.interactions[iid] = result
        self._interaction_times[iid] = asyncio.get_running_loop().time()
        await self.gateway.dispatch("INTERACTION_CREATE", payload)
        return result

    def interaction_age(self, iid: int) -> float:
        return asyncio.get_running_loop().time() - self._interaction_times[iid]

    async def _await_response(
        self, result: InteractionResult, timeout: float, what: str
    ) -> InteractionResult:
        try:
            await result.wait_until(lambda r: r.response_type is not None, timeout)
        except TimeoutError:
            raise TimeoutError(
                f"bot did not answer {what} within {timeout}s "
                "(Discord would show 'The application did not respond')"
            ) from None
        return result
