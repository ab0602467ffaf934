"""The core's CommandSpecs as discord.py application commands, generated, never rewritten.

Each spec's pydantic options model becomes a callback with a generated
`inspect.Signature`, so discord.py's own parameter extraction sees typed parameters:
`Range[int, lo, hi]` for `ge`/`le`, `Range[str, min, max]` for lengths, `Optional` with
a `None` default for options that are not required, field descriptions as parameter
descriptions, and an autocomplete callback where a field carries `autocomplete`
metadata. Discord then validates input at the edge, and the core validates again.

`("stretch", "start")` lands in the `/stretch` group; one-word paths are top-level
commands. Because this walks the registry, a feature that adds specs (reminders,
privacy, ...) shows up on Discord with no change here.

Admin-only specs get `default_member_permissions = Manage Server`. Discord only honours
that on top-level commands and groups, not on single subcommands, so a group receives it
only when all its subcommands are admin-only; otherwise (e.g. `/clinic setup` next to
`/clinic show`) the core's check, fed by `Scope.is_admin`, is what refuses non-admins.
"""

from __future__ import annotations

import hashlib
import inspect
import json
import types
import typing
from collections.abc import Awaitable, Callable, Sequence
from typing import Any, Literal, cast, get_args, get_origin

import annotated_types
import discord
from discord import app_commands
from pydantic.fields import FieldInfo

from bot.config import Settings
from bot.core.commands import CommandSpec, field_extra

RunCommand = Callable[[discord.Interaction[Any], CommandSpec, dict[str, Any]], Awaitable[None]]
Complete = Callable[[discord.Interaction[Any], str, str], Awaitable[list[tuple[str, str]]]]
AppCommand = app_commands.Command[Any, ..., Any] | app_commands.Group

MAX_DESCRIPTION = 100
MAX_CHOICES = 25
ADMIN_PERMISSIONS = discord.Permissions(manage_guild=True)
GROUP_DESCRIPTIONS = {
    "stretch": "Guided stretch sessions and the routine library",
    "reminders": "Your stretch reminders",
    "timezone": "Your time zone, for reminders",
    "privacy": "Your data: export or delete it",
    "clinic": "This server's clinic: booking link, name, emergency number, time zone",
    "group": "Recurring group stretch-alongs in a channel",
}
# Range is `Annotated` to type checkers; at runtime it is subscripted with values.
_Range = cast(Any, app_commands.Range)


def clip(text: str, limit: int = MAX_DESCRIPTION) -> str:
    text = " ".join(text.split()) or "…"
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _bounds(info: FieldInfo) -> tuple[Any, Any, Any, Any]:
    """(ge, le, min_length, max_length) from pydantic's field metadata; None when absent."""
    ge = le = min_len = max_len = None
    for item in info.metadata:
        if isinstance(item, annotated_types.Ge):
            ge = item.ge
        elif isinstance(item, annotated_types.Gt):
            ge = cast(Any, item.gt) + 1
        elif isinstance(item, annotated_types.Le):
            le = item.le
        elif isinstance(item, annotated_types.Lt):
            le = cast(Any, item.lt) - 1
        elif isinstance(item, annotated_types.MinLen):
            min_len = item.min_length
        elif isinstance(item, annotated_types.MaxLen):
            max_len = item.max_length
    return ge, le, min_len, max_len


def _base_type(annotation: Any) -> Any:
    """`int | None` → int; `Optional[str]` → str; anything else unchanged."""
    origin = get_origin(annotation)
    if origin is typing.Union or origin is types.UnionType:
        args = [a for a in get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return args[0]
    return annotation


def option_annotation(info: FieldInfo) -> Any:
    """The discord.py annotation for one option field (without the Optional wrapper).

    Unknown types fall back to `str`: the core parses and validates the text.
    """
    base = _base_type(info.annotation)
    ge, le, min_len, max_len = _bounds(info)
    if base is bool:
        return bool
    if base in (int, float):
        if ge is not None or le is not None:
            return _Range[base, ge, le]
        return base
    if get_origin(base) is Literal:
        return base
    if min_len is not None or max_len is not None:
        return _Range[str, min_len, max_len]
    return str


def _autocompleter(source: str, complete: Complete) -> Callable[..., Awaitable[Any]]:
    async def autocomplete(
        interaction: discord.Interaction[Any], current: str
    ) -> list[app_commands.Choice[str]]:
        pairs = await complete(interaction, source, current)
        return [
            app_commands.Choice(name=clip(label), value=value[:MAX_DESCRIPTION])
            for label, value in pairs[:MAX_CHOICES]
        ]

    return autocomplete


def make_callback(spec: CommandSpec, run: RunCommand, complete: Complete) -> Callable[..., Any]:
    """A coroutine function whose signature mirrors `spec.options`, for app_commands."""

    async def callback(interaction: discord.Interaction[Any], **options: Any) -> None:
        await run(interaction, spec, options)

    params = [
        inspect.Parameter(
            "interaction",
            inspect.Parameter.POSITIONAL_OR_KEYWORD,
            annotation=discord.Interaction,
        )
    ]
    descriptions: dict[str, str] = {}
    autocompletes: dict[str, Callable[..., Awaitable[Any]]] = {}
    for name, info in spec.option_fields():
        annotation = option_annotation(info)
        required = info.is_required()
        params.append(
            inspect.Parameter(
                name,
                inspect.Parameter.KEYWORD_ONLY,
                annotation=annotation if required else typing.Optional[annotation],  # noqa: UP045
                default=inspect.Parameter.empty if required else None,
            )
        )
        descriptions[name] = clip(info.description or name.replace("_", " "))
        source = field_extra(info, "autocomplete")
        if isinstance(source, str):
            autocompletes[name] = _autocompleter(source, complete)
    fn = cast(Any, callback)
    fn.__signature__ = inspect.Signature(params)
    fn.__discord_app_commands_param_description__ = descriptions
    if autocompletes:
        fn.__discord_app_commands_param_autocomplete__ = autocompletes
    fn.__name__ = "_".join(spec.path)
    return callback


def build_command(
    spec: CommandSpec, run: RunCommand, complete: Complete, parent: app_commands.Group | None
) -> app_commands.Command[Any, ..., Any]:
    command: app_commands.Command[Any, ..., Any] = app_commands.Command(
        name=spec.path[-1],
        description=clip(spec.description),
        callback=make_callback(spec, run, complete),
        parent=parent,
    )
    if parent is None and spec.admin_only:
        command.default_permissions = ADMIN_PERMISSIONS
    return command


def build_commands(
    specs: Sequence[CommandSpec], run: RunCommand, complete: Complete
) -> list[AppCommand]:
    """Top-level commands and groups (at most two levels of nesting, as Discord allows)."""
    top: dict[str, AppCommand] = {}
    members: dict[tuple[str, ...], list[CommandSpec]] = {}
    for spec in specs:
        if not 1 <= len(spec.path) <= 3:
            raise ValueError(f"/{spec.name}: Discord allows 1 to 3 words in a command")
        for depth in range(1, len(spec.path)):
            members.setdefault(spec.path[:depth], []).append(spec)
    groups: dict[tuple[str, ...], app_commands.Group] = {}
    for prefix in sorted(members, key=len):
        inner = members[prefix]
        parent = groups.get(prefix[:-1]) if len(prefix) > 1 else None
        everyone_admin = all(s.admin_only for s in inner)
        group = app_commands.Group(
            name=prefix[-1],
            description=clip(GROUP_DESCRIPTIONS.get(prefix[-1]) or f"/{' '.join(prefix)} commands"),
            parent=parent,
            default_permissions=ADMIN_PERMISSIONS if everyone_admin and parent is None else None,
        )
        groups[prefix] = group
        if parent is None:
            top[prefix[0]] = group
        else:
            parent.add_command(group)
    for spec in specs:
        if len(spec.path) == 1:
            if spec.path in members:
                raise ValueError(f"/{spec.name} is both a command and a group")
            top[spec.path[0]] = build_command(spec, run, complete, None)
        else:
            group = groups[spec.path[:-1]]
            group.add_command(build_command(spec, run, complete, group))
    return list(top.values())


# sync ----------------------------------------------------------------------------------
COMMANDS_HASH_FILE = "limber-commands.sha256"


def commands_digest(tree: app_commands.CommandTree[Any], application_id: int | None) -> str:
    """A hash of the global command payloads (and the application they belong to)."""
    payload = sorted((c.to_dict(tree) for c in tree.get_commands()), key=lambda d: d["name"])
    blob = json.dumps(
        {"application_id": application_id, "commands": payload},
        sort_keys=True,
        separators=(",", ":"),
        default=str,
    )
    return hashlib.sha256(blob.encode()).hexdigest()


async def sync_commands(
    tree: app_commands.CommandTree[Any], settings: Settings, application_id: int | None
) -> str:
    """Register the commands with Discord; returns what was done ("guilds"/"global"/"unchanged").

    With DISCORD_GUILD_IDS the commands are copied to those servers and synced there on
    every start (guild commands update instantly; for trying things out). Otherwise they
    are synced globally only when they changed since the last sync, which is remembered
    as a hash in a file next to the database: Discord rate-limits command registration
    and a global update takes a while to reach every client.
    """
    if settings.discord_guild_ids:
        for guild_id in settings.discord_guild_ids:
            guild = discord.Object(guild_id)
            tree.copy_global_to(guild=guild)
            await tree.sync(guild=guild)
        return "guilds"
    path = settings.state_dir / COMMANDS_HASH_FILE
    digest = commands_digest(tree, application_id)
    if path.is_file() and path.read_text().strip() == digest:
        return "unchanged"
    await tree.sync()
    path.write_text(digest + "\n")
    return "global"
