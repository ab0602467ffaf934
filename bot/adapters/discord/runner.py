"""`limber run`: the Discord bot as a process, with a clean start and a clean stop.

- SIGTERM/SIGINT stop it gracefully: in-flight interactions finish, the app closes
  (running sessions become resumable, the database is closed), then the gateway.
- A missing or rejected token ends in one line on stderr pointing at the README and at
  `make demo` (exit 2), never a traceback: it is the most common first-run mistake.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import sys

import aiohttp
import discord
import discord.gateway
import discord.http
import yarl

from bot.adapters.discord.client import LimberBot, make_bot
from bot.config import Settings
from bot.core.app import AppFactory
from bot.core.clock import Clock

log = logging.getLogger(__name__)

README_HINT = "see README, 'Run it on Discord' (or try Limber without an account: make demo)"


def fail(message: str, code: int) -> int:
    print(f"limber: {message}", file=sys.stderr)
    return code


def token_of(settings: Settings) -> str | None:
    token = settings.discord_token.get_secret_value().strip() if settings.discord_token else ""
    return token or None


def _not_about_voice(record: logging.LogRecord) -> bool:
    """Limber has no voice features: discord.py's missing-voice-library warnings are noise."""
    return "voice will NOT be supported" not in record.getMessage()


def point_at_endpoints(settings: Settings) -> None:
    """DISCORD_API_URL / DISCORD_GATEWAY_URL: talk to a local test server or a proxy.

    discord.py reads both class attributes lazily (every request, every connect), so
    setting them before the client starts is enough; the process is Limber's alone.
    """
    if settings.discord_api_url:
        discord.http.Route.BASE = settings.discord_api_url
    if settings.discord_gateway_url:
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(settings.discord_gateway_url)


def run(settings: Settings, build: AppFactory) -> int:
    """Run the bot until SIGTERM/SIGINT; returns the process exit code."""
    if token_of(settings) is None:
        return fail(f"DISCORD_TOKEN is not set; {README_HINT}", 2)
    point_at_endpoints(settings)
    logging.getLogger("discord.client").addFilter(_not_about_voice)
    try:
        return asyncio.run(serve(settings, build))
    except KeyboardInterrupt:  # a second Ctrl-C during shutdown
        return 130


async def serve(
    settings: Settings,
    build: AppFactory | None = None,
    *,
    stop: asyncio.Event | None = None,
    clock: Clock | None = None,
    bot: LimberBot | None = None,
    install_signals: bool = True,
) -> int:
    """Run until `stop` is set (by a signal, or by a test) or the connection ends for good."""
    token = token_of(settings)
    if token is None:
        return fail(f"DISCORD_TOKEN is not set; {README_HINT}", 2)
    stop = stop or asyncio.Event()
    if bot is None:
        if build is None:
            raise ValueError("serve() needs an app factory or a bot")
        bot = make_bot(settings, build, clock=clock)
    loop = asyncio.get_running_loop()
    signals = (signal.SIGTERM, signal.SIGINT) if install_signals else ()
    for sig in signals:
        loop.add_signal_handler(sig, stop.set)
    running = asyncio.create_task(bot.start(token), name="limber-discord")
    stopping = asyncio.create_task(stop.wait(), name="limber-stop")
    try:
        await asyncio.wait({running, stopping}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        stopping.cancel()
        for sig in signals:
            loop.remove_signal_handler(sig)
        await bot.close()
        with contextlib.suppress(asyncio.CancelledError):
            await stopping
    try:
        await running
    except discord.LoginFailure:
        return fail(f"Discord rejected DISCORD_TOKEN; check the token ({README_HINT})", 2)
    except (aiohttp.ClientError, OSError) as exc:
        return fail(f"could not reach Discord: {exc}", 1)
    except discord.PrivilegedIntentsRequired:
        return fail("Discord refused the gateway intents (Limber needs none privileged)", 1)
    log.info("Limber stopped")
    return 0
