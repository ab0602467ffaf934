"""`limber doctor` reads a PostgreSQL database's schema state without changing it."""

from __future__ import annotations

from bot.storage import open_storage
from bot.storage.postgres.connection import bundled_migrations
from bot.storage.status import database_status


async def test_doctor_sees_pending_migrations_then_none_after_a_start(postgres_url: str) -> None:
    latest = bundled_migrations()[-1].version
    before = await database_status(postgres_url)
    assert (before.version, before.latest) == (0, latest)
    assert len(before.pending) == latest
    assert "@" not in before.location or ":" not in before.location.split("@")[0]
    storage = await open_storage(postgres_url)
    await storage.ping()
    await storage.close()
    after = await database_status(postgres_url)
    assert (after.version, after.pending) == (latest, [])
