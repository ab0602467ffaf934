"""Pytest fixtures for a real PostgreSQL: one cluster per test session, one database per test.

    async def test_claims(postgres_url: str) -> None:
        conn = await asyncpg.connect(postgres_url)

The cluster starts the first time a test asks for `postgres_server` or `postgres_url`, so a
run that needs no database never starts one. With pytest-xdist each worker has its own.

When the server binaries are missing the fixture errors (it does not skip), saying how to
install them; `scripts/ensure-postgres` does that on Debian when run as root.

Use them from a conftest.py: `pytest_plugins = ["tests.support.pg_fixtures"]` in the
top-level one, or import both names into a nested one.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest

from tests.support.postgres_server import PostgresServer


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """A running throwaway cluster, shared by the whole session. Tests should not stop it."""
    server = PostgresServer().start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def postgres_url(postgres_server: PostgresServer) -> Iterator[str]:
    """postgresql://limber@127.0.0.1:PORT/<fresh database> for this test alone; dropped after,
    even if the test left connections open."""
    name = f"test_{uuid.uuid4().hex[:16]}"
    url = postgres_server.create_database(name)
    try:
        yield url
    finally:
        postgres_server.drop_database(name)
