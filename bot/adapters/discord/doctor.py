"""`limber doctor`'s Discord checks: is the token accepted, what may the bot do where.

Plain REST calls against DISCORD_API_URL (Discord itself by default, the fake in tests):
`GET /users/@me` (the token) and `GET /users/@me/guilds` (each server the bot is in, with
its permissions there). Each finding is `(status, line)`, status "ok", "warn" or "fail",
and a failing line says what to do. The token is never printed.
"""

from __future__ import annotations

from typing import Any

import aiohttp

from bot.config import Settings

DISCORD_API = "https://discord.com/api/v10"
ADMINISTRATOR = 1 << 3
REQUIRED = {
    1 << 11: "Send Messages",
    1 << 14: "Embed Links",
    1 << 15: "Attach Files",
    1 << 16: "Read Message History",
}
"""The invite's permissions=116736 (README, 'Run it on Discord')."""
INVITE = (
    "https://discord.com/oauth2/authorize?client_id={app}"
    "&scope=bot+applications.commands&permissions=116736"
)

Finding = tuple[str, str]


def missing_permissions(permissions: int) -> list[str]:
    if permissions & ADMINISTRATOR:
        return []
    return [name for bit, name in REQUIRED.items() if not permissions & bit]


async def check_discord(settings: Settings, *, seconds: float = 10.0) -> list[Finding]:
    token = settings.discord_token.get_secret_value().strip() if settings.discord_token else ""
    if not token:
        return [("skip", "discord: DISCORD_TOKEN is not set; token and server checks skipped")]
    base = settings.discord_api_url or DISCORD_API
    headers = {"Authorization": f"Bot {token}", "User-Agent": "Limber doctor"}
    try:
        async with aiohttp.ClientSession(
            headers=headers, timeout=aiohttp.ClientTimeout(total=seconds)
        ) as http:
            me = await _get(http, f"{base}/users/@me")
            if isinstance(me, int):
                return [_token_problem(me)]
            guilds = await _get(http, f"{base}/users/@me/guilds")
    except (aiohttp.ClientError, TimeoutError, OSError) as exc:
        reason = str(exc) or type(exc).__name__
        return [("fail", f"discord: could not reach {base} ({reason}); check the network")]
    findings: list[Finding] = [
        ("ok", f"discord: token accepted (bot {me.get('username', '?')}, id {me.get('id')})")
    ]
    if isinstance(guilds, int):
        findings.append(("fail", f"discord: listing the bot's servers failed (HTTP {guilds})"))
        return findings
    return findings + _guild_findings(settings, me, guilds)


def _guild_findings(
    settings: Settings, me: dict[str, Any], guilds: list[dict[str, Any]]
) -> list[Finding]:
    invite = INVITE.format(app=me.get("id", "YOUR_APPLICATION_ID"))
    found: list[Finding] = []
    if not guilds:
        found.append(("warn", f"discord: the bot is in no server yet; invite it: {invite}"))
    for guild in guilds:
        name = f"server {guild.get('name', '?')!r} ({guild.get('id')})"
        missing = missing_permissions(int(guild.get("permissions") or 0))
        if missing:
            found.append(
                (
                    "fail",
                    f"discord: {name} lacks {', '.join(missing)}; give the bot's role these "
                    f"permissions or re-invite it: {invite}",
                )
            )
        else:
            found.append(("ok", f"discord: {name}: permissions OK"))
    present = {str(g.get("id")) for g in guilds}
    for guild_id in settings.discord_guild_ids:
        if str(guild_id) not in present:
            found.append(
                (
                    "fail",
                    f"discord: DISCORD_GUILD_IDS lists {guild_id}, but the bot is not in that "
                    f"server; invite it ({invite}) or remove the id",
                )
            )
    return found


def _token_problem(status: int) -> Finding:
    if status == 401:
        return (
            "fail",
            "discord: Discord rejected DISCORD_TOKEN (401); reset it in the developer portal "
            "(Bot → Reset Token) and put the new one in .env",
        )
    return ("fail", f"discord: checking the token failed (HTTP {status}); try again later")


async def _get(http: aiohttp.ClientSession, url: str) -> Any:
    """The JSON body, or the HTTP status when it is not 200."""
    async with http.get(url) as response:
        if response.status != 200:
            return response.status
        return await response.json()
