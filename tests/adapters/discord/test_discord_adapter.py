"""The Discord adapter without the network: spec → app_commands mapping, rendering,
and delivery-error mapping. (End-to-end behaviour is in tests/e2e/test_limber_discord.py.)
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from types import SimpleNamespace
from typing import Any

import aiohttp
import discord
import pytest
from discord import app_commands
from pydantic import BaseModel, ConfigDict, Field

from bot.adapters.discord.discord_chat import chunk_nonce, delivery_error
from bot.adapters.discord.discord_render import MAX_CONTENT, render, split_content, timer_line
from bot.adapters.discord.slash import build_commands, commands_digest
from bot.core.clock import SystemClock
from bot.core.commands import CommandSpec, NoOptions
from bot.core.features import build_registry
from bot.core.messages import Action, Attachment, Kind, Message, Reply, Timer
from bot.core.pacing import TokenBucket
from bot.core.ports import PermanentDeliveryError, RecipientUnreachable, TransientDeliveryError

ADMIN = discord.Permissions(manage_guild=True).value


async def _run(interaction: Any, spec: CommandSpec, options: dict[str, Any]) -> None:
    return None


async def _complete(interaction: Any, source: str, current: str) -> list[tuple[str, str]]:
    return []


async def _handler(ctx: Any, options: Any) -> Reply:
    return Reply()


def payloads(specs: list[CommandSpec]) -> dict[str, dict[str, Any]]:
    """What would be synced to Discord for these specs, by top-level name."""
    tree = app_commands.CommandTree(discord.Client(intents=discord.Intents(guilds=True)))
    for command in build_commands(specs, _run, _complete):
        tree.add_command(command)
    return {c.name: c.to_dict(tree) for c in tree.get_commands()}


def option(payload: dict[str, Any], *path: str) -> dict[str, Any]:
    level = payload
    for name in path:
        level = next(o for o in level["options"] if o["name"] == name)
    return level


class Every(BaseModel):
    model_config = ConfigDict(extra="forbid")
    count: int = Field(ge=1, le=5, description="How many")
    label: str = Field(min_length=2, max_length=30, description="A label")
    note: str | None = Field(default=None, max_length=500, description="Optional note")
    zone: str | None = Field(
        default=None, description="Zone", json_schema_extra={"autocomplete": "timezone"}
    )
    plain: int | None = None


def spec(path: str, options: type[BaseModel] = NoOptions, admin: bool = False) -> CommandSpec:
    return CommandSpec(tuple(path.split()), f"Do {path}", options, _handler, admin)


def test_option_types_ranges_required_and_descriptions_follow_the_spec() -> None:
    cmd = payloads([spec("thing add", Every)])["thing"]
    add = option(cmd, "add")
    assert [o["name"] for o in add["options"]] == ["count", "label", "note", "zone", "plain"]
    assert option(cmd, "add", "count") == {
        "type": 4,
        "name": "count",
        "description": "How many",
        "required": True,
        "min_value": 1,
        "max_value": 5,
    }
    label = option(cmd, "add", "label")
    assert (label["type"], label["min_length"], label["max_length"]) == (3, 2, 30)
    note = option(cmd, "add", "note")
    assert (note["required"], note["max_length"], note["description"]) == (
        False,
        500,
        "Optional note",
    )
    zone = option(cmd, "add", "zone")
    assert zone["autocomplete"] is True and zone["required"] is False
    plain = option(cmd, "add", "plain")
    assert plain["type"] == 4 and "min_value" not in plain and plain["description"] == "plain"


def test_admin_only_sets_default_permissions_where_discord_honours_them() -> None:
    synced = payloads(
        [
            spec("setup", admin=True),  # top-level command
            spec("staff add", admin=True),  # group of admin-only subcommands
            spec("staff remove", admin=True),
            spec("clinic setup", admin=True),  # mixed group: the core's check refuses
            spec("clinic show"),
            spec("help"),
        ]
    )
    assert synced["setup"]["default_member_permissions"] == ADMIN
    assert synced["staff"]["default_member_permissions"] == ADMIN
    assert synced["clinic"]["default_member_permissions"] is None
    assert synced["help"]["default_member_permissions"] is None


def test_every_registry_command_maps_to_discord() -> None:
    registry = build_registry()
    synced = payloads(registry.specs())
    for command in registry.specs():
        payload = synced[command.path[0]]
        leaf = option(payload, *command.path[1:]) if len(command.path) > 1 else payload
        assert leaf["description"] and len(leaf["description"]) <= 100
        names = [name for name, _ in command.option_fields()]
        assert sorted(o["name"] for o in leaf["options"]) == sorted(names)
    start = option(synced["stretch"], "start", "routine")
    assert start["autocomplete"] is True and start["required"] is False
    level = option(synced["pain"], "level")
    assert (level["min_value"], level["max_value"], level["required"]) == (0, 1000, True)


def test_a_command_and_a_group_of_the_same_name_are_refused() -> None:
    with pytest.raises(ValueError, match="both a command and a group"):
        payloads([spec("stretch"), spec("stretch start")])


def test_command_digest_changes_with_the_commands_and_the_application() -> None:
    def digest(specs: list[CommandSpec], app_id: int) -> str:
        tree = app_commands.CommandTree(discord.Client(intents=discord.Intents(guilds=True)))
        for command in build_commands(specs, _run, _complete):
            tree.add_command(command)
        return commands_digest(tree, app_id)

    base = digest([spec("help"), spec("pain")], 1)
    assert base == digest([spec("pain"), spec("help")], 1)
    assert base != digest([spec("help")], 1)
    assert base != digest([spec("help"), spec("pain")], 2)


# rendering ------------------------------------------------------------------------------
def test_a_timer_is_a_relative_timestamp() -> None:
    ends = datetime(2026, 3, 2, 8, 0, 30, 500_000, tzinfo=UTC)
    line = timer_line(Timer(ends, 30, "Hold"))
    assert line == f"⏱ Hold: done <t:{int(ends.timestamp()) + 1}:R>"


@pytest.mark.parametrize("size", [10, 1999, 2000, 2001, 4500, 12_345])
def test_long_text_is_split_under_the_limit_without_losing_words(size: int) -> None:
    words = ("stretch " * (size // 8 + 1))[:size]
    chunks = split_content(words)
    assert all(len(c) <= MAX_CONTENT for c in chunks)
    assert " ".join(c.strip() for c in chunks).split() == words.split()


def test_a_bold_span_cut_in_two_stays_bold_on_both_sides() -> None:
    text = "intro " + "**" + "word " * 600 + "**"
    chunks = split_content(text)
    assert len(chunks) == 2
    assert all(c.count("**") % 2 == 0 for c in chunks)
    assert chunks[1].startswith("**")


async def test_buttons_file_and_timer_go_on_the_last_part() -> None:
    ends = datetime(2026, 3, 2, 8, 0, 30, tzinfo=UTC)
    message = Message(
        "para\n\n" * 600,
        actions=(Action("limber:session:1:0:next", "Next"),),
        timer=Timer(ends, 30, "Hold"),
        attachment=Attachment("week.png", b"png", "image/png"),
        title="Step 1/3 · Clam",
        kind=Kind.STEP,
    )
    parts = render(message)
    assert len(parts) > 1
    assert parts[0].content.startswith("**Step 1/3 · Clam**")
    assert all(not p.actions and p.attachment is None for p in parts[:-1])
    last = parts[-1]
    assert "<t:" in last.content and last.attachment is not None
    kwargs = last.send_kwargs()
    assert kwargs["allowed_mentions"].to_dict() == {"parse": []}
    view = kwargs["view"]
    assert view.is_finished()  # a serializer only: discord.py keeps no state per message
    assert view.to_components()[0]["components"][0]["custom_id"] == "limber:session:1:0:next"
    assert last.edit_kwargs()["view"] is not None
    assert render(Message("done", actions=()))[0].edit_kwargs()["view"] is None


def test_urgent_and_error_messages_are_marked() -> None:
    assert render(Message("Call 911", kind=Kind.URGENT))[0].content == "🚨 Call 911"
    assert render(Message("⚠ already marked", kind=Kind.ERROR))[0].content == "⚠ already marked"


# delivery errors ------------------------------------------------------------------------
def http_error(
    kind: type[discord.HTTPException], status: int, code: int = 0
) -> discord.HTTPException:
    response = SimpleNamespace(status=status, reason="x", headers={"Retry-After": "2"})
    return kind(response, {"code": code, "message": "x"})  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (http_error(discord.Forbidden, 403, 50007), RecipientUnreachable),
        (http_error(discord.Forbidden, 403, 50001), PermanentDeliveryError),
        (http_error(discord.HTTPException, 429), TransientDeliveryError),
        (http_error(discord.DiscordServerError, 502), TransientDeliveryError),
        (http_error(discord.NotFound, 404, 10003), PermanentDeliveryError),
        (http_error(discord.HTTPException, 400, 50035), PermanentDeliveryError),
        (aiohttp.ServerDisconnectedError(), TransientDeliveryError),
        (TimeoutError(), TransientDeliveryError),
    ],
)
def test_discord_failures_map_to_the_chat_port_errors(
    error: Exception, expected: type[Exception]
) -> None:
    assert type(delivery_error(error)) is expected


def test_a_429_carries_retry_after() -> None:
    mapped = delivery_error(http_error(discord.HTTPException, 429))
    assert isinstance(mapped, TransientDeliveryError) and mapped.retry_after == 2.0


def test_split_messages_get_their_own_nonces() -> None:
    assert chunk_nonce("rem-42", 0) == "rem-42"
    second = chunk_nonce("rem-42", 1)
    assert second is not None and second != "rem-42" and len(second) <= 25
    assert chunk_nonce(None, 3) is None


async def test_the_pacer_spreads_calls_beyond_the_burst() -> None:
    pacer = TokenBucket(rate=50, capacity=2, clock=SystemClock())
    loop = asyncio.get_running_loop()
    start = loop.time()
    for _ in range(5):
        await pacer.acquire()
    assert loop.time() - start >= 0.05  # 3 calls past the burst at 50/s
