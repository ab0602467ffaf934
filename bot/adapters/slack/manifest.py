"""The Slack app manifest (YAML), generated from the core's command registry.

A workspace admin pastes `slack-manifest.yaml` into https://api.slack.com/apps → *Create
New App* → *From a manifest* and gets the whole app in one go: one slash command per
command group (`/stretch`, `/reminders`, ...; Slack commands carry free text, which the
core's typed parser reads), the bot scopes, Socket Mode, interactivity (buttons) and the
`message.im` event. The committed file is this module's output (a test keeps them
equal); regenerate it with `limber slack --manifest > slack-manifest.yaml`.

`BOT_SCOPES` says why each scope is needed (the README repeats it for admins).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import yaml

from bot.core.commands import CommandSpec

APP_NAME = "Limber"
APP_DESCRIPTION = "A stretch coach for low back pain and sciatica: reminders, guided sessions"
LONG_DESCRIPTION = (
    "Limber keeps people with low back pain and sciatica stretching. Members set their own "
    "reminder times with slash commands, get a direct message when it is time, and are "
    "guided through the stretches step by step with hold timers. When someone reports "
    "severe pain, Limber stops coaching and answers with the clinic's booking link; a "
    "red-flag symptom gets urgent-care advice. Limber is not medical advice and never "
    "diagnoses."
)
BOT_SCOPES: dict[str, str] = {
    "chat:write": "send reminders and session steps to members' DMs with the app",
    "commands": "the slash commands (/stretch, /reminders, ...)",
    "files:write": "send files a member asked for (progress chart, data export) to their DM",
    "im:history": "read what members write to Limber in its DM (answers, pain reports)",
    "im:write": "open the DM with a member to send reminders and sessions",
    "users:read": "tell workspace admins and owners apart for /clinic setup and /clinic stats",
}
BOT_EVENTS = ("message.im",)
GROUP_DESCRIPTIONS = {
    "stretch": "Guided stretch sessions and the routine library",
    "reminders": "Your stretch reminders",
    "timezone": "Your time zone, for reminders",
    "pain": "Tell Limber how much pain you have, 0–10",
    "progress": "Your streak, sessions this week and pain trend",
    "privacy": "Your data: see, export or delete it",
    "clinic": "This workspace's clinic: booking link, name, emergency number",
    "help": "What Limber does, its commands, and the safety note",
}
MAX_DESCRIPTION = 100
MAX_HINT = 100


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def command_groups(specs: Sequence[CommandSpec]) -> dict[str, list[CommandSpec]]:
    """The first word of each command, in registry order, with its commands."""
    groups: dict[str, list[CommandSpec]] = {}
    for spec in specs:
        groups.setdefault(spec.path[0], []).append(spec)
    return groups


def usage_hint(group: str, specs: Sequence[CommandSpec]) -> str:
    """`add time [days] [routine] | list | ...`: what may follow `/group` (without it)."""
    parts = [spec.usage.removeprefix(f"/{group}").strip() for spec in specs]
    return _clip(" | ".join(p for p in parts if p), MAX_HINT)


def slash_commands(specs: Sequence[CommandSpec]) -> list[dict[str, Any]]:
    out = []
    for group, members in command_groups(specs).items():
        description = GROUP_DESCRIPTIONS.get(group) or members[0].description
        entry: dict[str, Any] = {
            "command": f"/{group}",
            "description": _clip(description, MAX_DESCRIPTION),
        }
        hint = usage_hint(group, members)
        if hint:
            entry["usage_hint"] = hint
        entry["should_escape"] = False
        out.append(entry)
    return out


def build_manifest(specs: Sequence[CommandSpec]) -> dict[str, Any]:
    """The manifest as a dict (Slack's app manifest schema, Socket Mode, no URLs)."""
    return {
        "display_information": {
            "name": APP_NAME,
            "description": APP_DESCRIPTION,
            "long_description": LONG_DESCRIPTION,
            "background_color": "#2e6b4f",
        },
        "features": {
            "app_home": {
                "home_tab_enabled": False,
                "messages_tab_enabled": True,
                "messages_tab_read_only_enabled": False,
            },
            "bot_user": {"display_name": APP_NAME, "always_online": True},
            "slash_commands": slash_commands(specs),
        },
        "oauth_config": {"scopes": {"bot": sorted(BOT_SCOPES)}},
        "settings": {
            "event_subscriptions": {"bot_events": list(BOT_EVENTS)},
            "interactivity": {"is_enabled": True},
            "org_deploy_enabled": False,
            "socket_mode_enabled": True,
            "token_rotation_enabled": False,
        },
    }


def manifest_yaml(specs: Sequence[CommandSpec]) -> str:
    header = (
        "# Limber's Slack app manifest: paste it at https://api.slack.com/apps →\n"
        "# Create New App → From a manifest (see README, 'Run it on Slack').\n"
        "# Generated from the command registry: limber slack --manifest > slack-manifest.yaml\n"
    )
    body = yaml.safe_dump(
        build_manifest(specs), sort_keys=False, allow_unicode=True, default_flow_style=False
    )
    return header + body
