"""The one button class: every Limber button, before and after a restart.

Core action ids are self-describing (`limber:session:42:3:next`), so a button needs no
state in memory: `LimberButton` is a `DynamicItem` whose template matches every
`limber:` custom_id. Registered once with `client.add_dynamic_items`, it rebuilds itself
from the clicked message's component and hands the id to the client, which calls
`app.action` and renders the reply. No per-message View is kept anywhere, so a click on
a week-old reminder works exactly like a click on the last step.
"""

from __future__ import annotations

import re
from typing import Any, Protocol, runtime_checkable

import discord

TEMPLATE = re.compile(r"limber:(?P<rest>.+)")


@runtime_checkable
class ButtonHost(Protocol):
    """What the client offers the button: run the action and answer the interaction."""

    async def handle_action(self, interaction: discord.Interaction[Any], action_id: str) -> None:
        """Call the core's `action` door with `action_id` and respond to `interaction`."""
        ...


class LimberButton(
    discord.ui.DynamicItem[discord.ui.Button[discord.ui.View]],
    template=TEMPLATE,
):
    def __init__(
        self,
        custom_id: str,
        *,
        label: str = "…",
        style: discord.ButtonStyle = discord.ButtonStyle.secondary,
    ) -> None:
        super().__init__(discord.ui.Button(label=label, style=style, custom_id=custom_id))

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction[Any],
        item: discord.ui.Item[Any],
        match: re.Match[str],
        /,
    ) -> LimberButton:
        label = getattr(item, "label", None) or "…"
        style = getattr(item, "style", discord.ButtonStyle.secondary)
        return cls(match.group(0), label=label, style=style)

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        host = interaction.client
        if isinstance(host, ButtonHost):
            await host.handle_action(interaction, self.custom_id)
