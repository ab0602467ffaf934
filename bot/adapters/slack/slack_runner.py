"""`limber slack`: the Slack app as a process, with a clean start and a clean stop.

- SIGTERM/SIGINT stop it gracefully: in-flight handlers finish, the app closes (running
  sessions become resumable, the database is closed), then the Socket Mode connection.
- A missing or rejected token ends in one line on stderr pointing at the README (exit
  2), never a traceback: it is the most common first-run mistake. An unreachable Slack
  (wrong SLACK_API_URL, no network) ends in one line too (exit 1).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import sys

import aiohttp
from slack_sdk.errors import SlackApiError

from bot.adapters.slack.slack_app import LimberSlack, app_token_of
from bot.config import Settings
from bot.core.app import AppFactory
from bot.core.clock import Clock

log = logging.getLogger(__name__)

README_HINT = "see README, 'Run it on Slack'"
TOKEN_ERRORS = frozenset(
    {
        "invalid_auth",
        "not_authed",
        "token_revoked",
        "token_expired",
        "account_inactive",
        "not_allowed_token_type",
        "missing_scope",
    }
)


def fail(message: str, code: int) -> int:
    print(f"limber: {message}", file=sys.stderr)
    return code


def missing_token(settings: Settings) -> str | None:
    """The first token that is not set, as its variable name."""
    bot = settings.slack_bot_token.get_secret_value().strip() if settings.slack_bot_token else ""
    if not bot:
        return "SLACK_BOT_TOKEN"
    if app_token_of(settings) is None:
        return "SLACK_APP_TOKEN"
    return None


def run(settings: Settings, build: AppFactory) -> int:
    """Run the Slack app until SIGTERM/SIGINT; returns the process exit code."""
    missing = missing_token(settings)
    if missing is not None:
        return fail(f"{missing} is not set; put it in .env ({README_HINT})", 2)
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
    slack: LimberSlack | None = None,
    install_signals: bool = True,
) -> int:
    """Run until `stop` is set (by a signal, or by a test)."""
    missing = missing_token(settings)
    if missing is not None:
        return fail(f"{missing} is not set; put it in .env ({README_HINT})", 2)
    stop = stop or asyncio.Event()
    if slack is None:
        if build is None:
            raise ValueError("serve() needs an app factory or a LimberSlack")
        slack = LimberSlack(settings, build, clock=clock)
    loop = asyncio.get_running_loop()
    signals = (signal.SIGTERM, signal.SIGINT) if install_signals else ()
    for sig in signals:
        loop.add_signal_handler(sig, stop.set)
    try:
        code = await _start(slack, settings, stop)
        if code is None:
            await stop.wait()
            log.info("Limber is stopping")
            code = 0
    finally:
        for sig in signals:
            loop.remove_signal_handler(sig)
        await slack.close()
    if code == 0:
        log.info("Limber stopped")
    return code


async def _start(slack: LimberSlack, settings: Settings, stop: asyncio.Event) -> int | None:
    """Start unless a stop comes first; an exit code when start-up failed or was stopped."""
    starting = asyncio.create_task(slack.start(), name="limber-slack-start")
    stopping = asyncio.create_task(stop.wait(), name="limber-stop")
    try:
        await asyncio.wait({starting, stopping}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        stopping.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await stopping
    if not starting.done():
        starting.cancel()
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await starting
        return 0
    try:
        starting.result()
    except SlackApiError as exc:
        error = str(exc.response.get("error", "")) if exc.response is not None else ""
        which = "SLACK_BOT_TOKEN" if slack.team_id is None else "SLACK_APP_TOKEN"
        if error in TOKEN_ERRORS:
            return fail(f"Slack rejected {which} ({error}); check the token ({README_HINT})", 2)
        return fail(f"Slack answered {error or 'an error'} at start-up ({README_HINT})", 1)
    except (aiohttp.ClientError, OSError, TimeoutError) as exc:
        url = settings.slack_api_url
        return fail(f"could not reach Slack at {url}: {exc or type(exc).__name__}", 1)
    return None
