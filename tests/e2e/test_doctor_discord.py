"""`limber doctor`'s Discord checks against the fake Discord: the token, the bot's
permissions in each server, DISCORD_GUILD_IDS, an unreachable API."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.adapters.discord.doctor import check_discord
from bot.config import Settings
from tests.fakes.discord_models import MEMBER_PERMISSIONS
from tests.fakes.discord_server import FakeDiscord
from tests.ops.test_doctor import settings_at, statuses, texts


def discord_settings(tmp_path: Path, fake: FakeDiscord, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "discord_token": "fake-bot-token",
        "discord_api_url": fake.http_base,
    }
    values.update(overrides)
    return settings_at(tmp_path, **values)


async def test_without_a_token_the_discord_checks_are_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    found = await check_discord(settings_at(tmp_path))
    assert statuses(found) == ["skip"]


async def test_an_accepted_token_and_enough_permissions_are_ok(
    fake_discord: FakeDiscord, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    guild = fake_discord.add_guild("Clinic")
    found = await check_discord(
        discord_settings(tmp_path, fake_discord, discord_guild_ids=str(guild.id))
    )
    assert statuses(found) == ["ok", "ok"]
    assert "token accepted" in found[0][1] and "'Clinic'" in found[1][1]
    assert "fake-bot-token" not in texts(found)


async def test_a_rejected_token_fails_with_what_to_do(
    fake_discord: FakeDiscord, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    fake_discord.reject_token()
    found = await check_discord(discord_settings(tmp_path, fake_discord))
    assert statuses(found) == ["fail"]
    assert "rejected DISCORD_TOKEN" in found[0][1] and "Reset Token" in found[0][1]


async def test_missing_permissions_and_a_server_the_bot_is_not_in_fail(
    fake_discord: FakeDiscord, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    guild = fake_discord.add_guild("Clinic")
    guild.bot_permissions = MEMBER_PERMISSIONS & ~(1 << 14) & ~(1 << 15)
    found = await check_discord(
        discord_settings(tmp_path, fake_discord, discord_guild_ids=f"{guild.id},42")
    )
    assert statuses(found) == ["ok", "fail", "fail"]
    assert "lacks Embed Links, Attach Files" in found[1][1]
    assert "permissions=116736" in found[1][1]
    assert "DISCORD_GUILD_IDS lists 42" in found[2][1]


async def test_an_administrator_has_every_permission(
    fake_discord: FakeDiscord, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    fake_discord.add_guild("Clinic").bot_permissions = 1 << 3
    assert statuses(await check_discord(discord_settings(tmp_path, fake_discord))) == ["ok"] * 2


async def test_a_bot_in_no_server_is_a_warning(
    fake_discord: FakeDiscord, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    found = await check_discord(discord_settings(tmp_path, fake_discord))
    assert statuses(found) == ["ok", "warn"] and "invite it" in found[1][1]


async def test_an_unreachable_api_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    settings = settings_at(
        tmp_path, discord_token="t" * 20, discord_api_url="http://127.0.0.1:9/api/v10"
    )
    found = await check_discord(settings, seconds=5)
    assert statuses(found) == ["fail"] and "could not reach" in found[0][1]
