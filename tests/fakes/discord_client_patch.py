"""Point an unmodified discord.py at a :class:`~tests.fakes.discord_server.FakeDiscord`.

discord.py builds every REST URL from ``Route.BASE`` when a ``Route`` is created (webhooks
and interaction callbacks included) and a plain ``Client`` connects straight to
``DiscordWebSocket.DEFAULT_GATEWAY``. Patching those two class attributes is enough; both are
restored on exit so other tests (and other fakes on other ports) are unaffected.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import discord.gateway
import discord.http
import yarl

if TYPE_CHECKING:
    from .discord_server import FakeDiscord


@contextmanager
def point_discord_at(fake: FakeDiscord) -> Iterator[None]:
    """Within the block, discord.py talks to ``fake`` (REST and gateway) instead of Discord.

    Keep the block open for the bot's whole life: the attributes are read lazily, on each
    request and on each (re)connect.
    """
    old_base = discord.http.Route.BASE
    old_gateway = discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY
    discord.http.Route.BASE = fake.http_base
    discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(fake.gateway_url)
    try:
        yield
    finally:
        discord.http.Route.BASE = old_base
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = old_gateway
