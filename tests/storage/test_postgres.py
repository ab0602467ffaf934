"""What only the PostgreSQL backend has to get right: column types (timestamptz, identity),
its own transaction plumbing on a pool, and URLs that never leak the password."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta, timezone

import pytest

from bot.core.models import UserRef
from bot.storage.postgres.backend import PostgresStorage
from bot.storage.postgres.connection import describe_url, rowcount, utc
from tests.support.backends import Raw

NOW = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


@pytest.fixture
async def store(postgres_url: str) -> AsyncIterator[PostgresStorage]:
    storage = await PostgresStorage.open(postgres_url)
    yield storage
    await storage.close()


async def test_times_are_timestamptz_and_ids_are_identity_columns(store: PostgresStorage) -> None:
    raw = Raw(store)
    columns = await raw.rows(
        """SELECT table_name, column_name, data_type, is_identity
           FROM information_schema.columns WHERE table_schema = current_schema()"""
    )
    times = {
        (t, c): d
        for t, c, d, _ in columns
        if c.endswith("_at") or c in {"at", "step_deadline", "paused_until"}
    }
    assert times and set(times.values()) == {"timestamp with time zone"}, times
    ids = {t: (d, ident) for t, c, d, ident in columns if c == "id"}
    assert ids == {
        t: ("bigint", "YES")
        for t in (
            "users",
            "sessions",
            "pain_reports",
            "consents",
            "reminders",
            "deliveries",
            "group_sessions",
            "group_members",
            "group_schedules",
        )
    }


async def test_other_zones_come_back_as_the_same_instant_in_utc(store: PostgresStorage) -> None:
    berlin = timezone(timedelta(hours=1))
    user = await store.users.ensure(UserRef("t", "a"), NOW.astimezone(berlin))
    assert user.created_at == NOW and user.created_at.tzinfo == UTC
    with pytest.raises(ValueError, match="naive"):
        utc(datetime(2026, 1, 1))  # noqa: DTZ001


async def test_a_task_started_inside_a_transaction_does_not_join_it(store: PostgresStorage) -> None:
    async with store.db.transaction():
        await store.users.ensure(UserRef("t", "inside"), NOW)
        # A task spawned here inherits the context, but must use its own connection
        # (one asyncpg connection cannot run two queries at once) and see committed rows only.
        seen = await asyncio.create_task(store.users.by_ref(UserRef("t", "inside")))
        assert seen is None
    assert await store.users.by_ref(UserRef("t", "inside")) is not None


async def test_connections_go_back_to_the_pool_outside_any_transaction(
    store: PostgresStorage,
) -> None:
    with pytest.raises(RuntimeError):
        async with store.db.transaction() as conn:
            await conn.execute("SELECT 1")
            raise RuntimeError("boom")
    async with store.db.pool.acquire() as conn:
        assert not conn.is_in_transaction()
    await asyncio.gather(*(store.users.ensure(UserRef("t", f"u{n}"), NOW) for n in range(30)))
    assert store.db.pool.get_size() <= 10
    assert await Raw(store).value("SELECT COUNT(*) FROM users") == 30


def test_urls_are_described_without_the_password() -> None:
    assert describe_url("postgresql://limber:s3cret@db:5433/bot") == "limber@db:5433/bot"
    assert describe_url("postgres://db/bot") == "db/bot"
    assert describe_url("postgresql://me@/") == "me@localhost/me"
    assert (rowcount("UPDATE 3"), rowcount("INSERT 0 1"), rowcount("SELECT")) == (3, 1, 0)
