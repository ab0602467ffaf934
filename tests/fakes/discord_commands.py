"""Application-command registry of the fake and the option payloads of slash interactions.

Interactions are built from what the bot actually synced (PUT .../commands), the way the
Discord client does it: a test that names a command or option the bot never registered, or
passes a value Discord's UI would refuse (not a choice, out of range, missing required), fails
here instead of producing an interaction real Discord could never send.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .discord_models import FakeChannel, FakeUser

SUB_COMMAND = 1
SUB_COMMAND_GROUP = 2
STRING, INTEGER, BOOLEAN, USER, CHANNEL, ROLE, MENTIONABLE, NUMBER, ATTACHMENT = (
    3,
    4,
    5,
    6,
    7,
    8,
    9,
    10,
    11,
)
CONTEXT_GUILD, CONTEXT_BOT_DM = 0, 1


class CommandError(LookupError):
    """The interaction a test asked for is one the Discord client could not produce."""


class CommandRegistry:
    """Synced commands per scope (None = global, else guild id), with IDs stable across syncs."""

    def __init__(self, app_id: int, new_id: Callable[[], int]) -> None:
        self.app_id = app_id
        self._new_id = new_id
        self.scopes: dict[int | None, dict[str, dict[str, Any]]] = {}
        self._ids: dict[tuple[int | None, int, str], int] = {}

    def put(self, scope: int | None, commands: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Bulk overwrite, echoing each command back the way Discord does."""
        stored: dict[str, dict[str, Any]] = {}
        for raw in commands:
            cmd = self._complete(scope, raw)
            stored[f"{cmd['type']}:{cmd['name']}"] = cmd
        self.scopes[scope] = stored
        return list(stored.values())

    def add(self, scope: int | None, raw: dict[str, Any]) -> dict[str, Any]:
        cmd = self._complete(scope, raw)
        self.scopes.setdefault(scope, {})[f"{cmd['type']}:{cmd['name']}"] = cmd
        return cmd

    def delete(self, scope: int | None, command_id: int) -> bool:
        cmds = self.scopes.get(scope, {})
        for key, cmd in list(cmds.items()):
            if int(cmd["id"]) == command_id:
                del cmds[key]
                return True
        return False

    def get(self, scope: int | None) -> list[dict[str, Any]]:
        return list(self.scopes.get(scope, {}).values())

    def _complete(self, scope: int | None, raw: dict[str, Any]) -> dict[str, Any]:
        ctype = int(raw.get("type", 1))
        key = (scope, ctype, raw["name"])
        if key not in self._ids:
            self._ids[key] = self._new_id()
        cmd = {
            "type": 1,
            "description": "",
            "options": [],
            "default_member_permissions": None,
            "nsfw": False,
            "integration_types": [0],
            "contexts": None,
            **raw,
        }
        cmd.update(
            id=str(self._ids[key]),
            application_id=str(self.app_id),
            version=str(self._new_id()),
        )
        if scope is not None:
            cmd["guild_id"] = str(scope)
        else:
            cmd.setdefault("dm_permission", True)
        return cmd

    def find(self, name: str, guild_id: int | None) -> dict[str, Any]:
        """A chat-input command as the client offers it: guild commands first, then global."""
        scopes: list[int | None] = [guild_id, None] if guild_id is not None else [None]
        for scope in scopes:
            cmd = self.scopes.get(scope, {}).get(f"1:{name}")
            if cmd is not None:
                if guild_id is None and not _allowed_in_dm(cmd):
                    raise CommandError(f"/{name} is not available in DMs")
                return cmd
        known = sorted(n.split(":", 1)[1] for s in scopes for n in self.scopes.get(s, {}))
        where = f"guild {guild_id}" if guild_id else "DMs"
        raise CommandError(f"no synced command /{name} in {where}; known: {known}")


def _allowed_in_dm(cmd: dict[str, Any]) -> bool:
    if cmd.get("guild_id") is not None:
        return False
    contexts = cmd.get("contexts")
    if contexts is not None:
        return CONTEXT_BOT_DM in contexts
    return cmd.get("dm_permission") is not False


def build_command_data(
    cmd: dict[str, Any],
    path: list[str],
    options: dict[str, Any],
    *,
    focused: str | None = None,
    guild_members: Callable[[FakeUser], dict[str, Any] | None] | None = None,
) -> dict[str, Any]:
    """Resolve ``path`` (subcommand group / subcommand names) and type-check ``options``.

    ``focused`` names the option being typed for autocomplete: its value is sent as the raw
    partial string and required-option checks are skipped, as the client does.
    """
    resolved: dict[str, dict[str, Any]] = {}
    level: list[dict[str, Any]] = cmd.get("options") or []
    chain: list[dict[str, Any]] = []
    for name in path:
        sub = next(
            (
                o
                for o in level
                if o["name"] == name and o["type"] in (SUB_COMMAND, SUB_COMMAND_GROUP)
            ),
            None,
        )
        if sub is None:
            subs = [o["name"] for o in level if o["type"] in (SUB_COMMAND, SUB_COMMAND_GROUP)]
            raise CommandError(f"/{cmd['name']}: no subcommand {name!r}; have {subs}")
        chain.append(sub)
        level = sub.get("options") or []
    if any(o["type"] in (SUB_COMMAND, SUB_COMMAND_GROUP) for o in level):
        subs = [o["name"] for o in level]
        raise CommandError(f"/{cmd['name']} {' '.join(path)}: pick a subcommand from {subs}")

    leaf: list[dict[str, Any]] = []
    by_name = {o["name"]: o for o in level}
    for name in options:
        if name not in by_name:
            raise CommandError(f"unknown option {name!r}; command has {sorted(by_name)}")
    for spec in level:
        name = spec["name"]
        if name not in options:
            if spec.get("required") and focused is None:
                raise CommandError(f"missing required option {name!r}")
            continue
        value = options[name]
        if name == focused:
            leaf.append({"name": name, "type": spec["type"], "value": str(value), "focused": True})
            continue
        leaf.append(
            {
                "name": name,
                "type": spec["type"],
                "value": _convert(spec, value, resolved, guild_members),
            }
        )
    if focused is not None and focused not in options:
        raise CommandError(f"focused option {focused!r} needs a value")

    nested: list[dict[str, Any]] = leaf
    for sub in reversed(chain):
        nested = [{"name": sub["name"], "type": sub["type"], "options": nested}]
    data: dict[str, Any] = {"id": cmd["id"], "name": cmd["name"], "type": 1, "options": nested}
    if cmd.get("guild_id") is not None:
        data["guild_id"] = cmd["guild_id"]
    if resolved:
        data["resolved"] = resolved
    return data


def _convert(
    spec: dict[str, Any],
    value: Any,
    resolved: dict[str, dict[str, Any]],
    guild_members: Callable[[FakeUser], dict[str, Any] | None] | None,
) -> Any:
    otype = spec["type"]
    name = spec["name"]
    out: Any
    if otype == STRING:
        out = str(value)
        if "min_length" in spec and len(out) < spec["min_length"]:
            raise CommandError(f"{name}: shorter than {spec['min_length']}")
        if "max_length" in spec and len(out) > spec["max_length"]:
            raise CommandError(f"{name}: longer than {spec['max_length']}")
    elif otype in (INTEGER, NUMBER):
        out = int(value) if otype == INTEGER else float(value)
        if spec.get("min_value") is not None and out < spec["min_value"]:
            raise CommandError(f"{name}: below {spec['min_value']}")
        if spec.get("max_value") is not None and out > spec["max_value"]:
            raise CommandError(f"{name}: above {spec['max_value']}")
    elif otype == BOOLEAN:
        out = bool(value)
    elif otype in (USER, MENTIONABLE) and isinstance(value, FakeUser):
        out = str(value.id)
        resolved.setdefault("users", {})[out] = value.payload()
        member = guild_members(value) if guild_members else None
        if member is not None:
            member = {k: v for k, v in member.items() if k != "user"}
            resolved.setdefault("members", {})[out] = member
    elif otype == CHANNEL and isinstance(value, FakeChannel):
        out = str(value.id)
        chan = value.payload()
        chan.setdefault("permissions", str((1 << 53) - 1))
        resolved.setdefault("channels", {})[out] = chan
    else:
        raise CommandError(f"{name}: option type {otype} with {value!r} is not supported by fake")
    choices = spec.get("choices")
    if choices and out not in [c["value"] for c in choices]:
        raise CommandError(f"{name}: {out!r} is not one of {[c['value'] for c in choices]}")
    return out
