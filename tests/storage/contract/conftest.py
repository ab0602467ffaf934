"""The storage contract suite: every test runs on each backend (test_x[sqlite],
test_x[postgres]) through the `storage` fixture, a freshly migrated, empty database."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.core.ports import Storage
from bot.storage import open_storage
from tests.support.backends import BACKENDS, Raw

NOW = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


@pytest.fixture(params=BACKENDS)
def storage_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "postgres":
        return str(request.getfixturevalue("postgres_url"))
    return f"sqlite:///{tmp_path}/contract.sqlite3"


@pytest.fixture
async def storage(storage_url: str) -> AsyncIterator[Storage]:
    store = await open_storage(storage_url)
    yield store
    await store.close()


@pytest.fixture
def raw(storage: Storage) -> Raw:
    return Raw(storage)
