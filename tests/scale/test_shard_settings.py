"""SHARD_COUNT and SHARD_IDS: validated at start-up with one clear line each."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import ConfigError, load_settings


@pytest.fixture(autouse=True)
def _no_env_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def test_shards_are_off_by_default() -> None:
    settings = load_settings()
    assert (settings.shard_count, settings.shard_ids, settings.discord_rate_limit) == (None, [], 50)


def test_shard_ids_take_lists_and_ranges() -> None:
    settings = load_settings(shard_count="6", shard_ids="0, 2-4")
    assert (settings.shard_count, settings.shard_ids) == (6, [0, 2, 3, 4])


@pytest.mark.parametrize(
    ("options", "line"),
    [
        ({"shard_count": "0"}, "SHARD_COUNT: must be a whole number of shards, 1 or more"),
        ({"shard_count": "two"}, "SHARD_COUNT: must be a whole number of shards"),
        ({"shard_ids": "0,1"}, "SHARD_IDS: needs SHARD_COUNT"),
        ({"shard_count": "2", "shard_ids": "0,2"}, "SHARD_IDS: shard 2 is outside 0..1"),
        ({"shard_count": "2", "shard_ids": "a"}, "SHARD_IDS: must be shard numbers"),
        ({"shard_count": "3", "shard_ids": "1,1"}, "SHARD_IDS: lists a shard twice"),
    ],
)
def test_a_wrong_shard_setting_is_one_line(options: dict[str, str], line: str) -> None:
    with pytest.raises(ConfigError) as caught:
        load_settings(**options)
    assert str(caught.value).startswith(line)
    assert "\n" not in str(caught.value)
