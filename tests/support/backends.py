"""The tests' own view of a storage backend's tables, the same for SQLite and PostgreSQL.

Tests that check what is stored (rather than what the app answers) read the tables
directly, independent of the code under test: `raw = Raw(app.store)`, then
`await raw.rows("SELECT key, status FROM deliveries ORDER BY id")`. SQL is written with `?`
placeholders and turned into `$1, $2, ...` for PostgreSQL; times compare through
`raw.time(moment)` (UTC text in SQLite, timestamptz in PostgreSQL). `fail_on` plants a
trigger that makes one kind of statement fail, in each backend's dialect, to play a
failure in the middle of a transaction.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from bot.core.ports import Storage
from bot.storage.postgres.backend import PostgresStorage
from bot.storage.sqlite.backend import SqliteStorage
from bot.storage.sqlite.connection import to_db

BACKENDS = ("sqlite", "postgres")
_QMARK = re.compile(r"\?")


class Raw:
    def __init__(self, store: Storage) -> None:
        if isinstance(store, PostgresStorage):
            self.backend = "postgres"
        elif isinstance(store, SqliteStorage):
            self.backend = "sqlite"
        else:  # pragma: no cover - a new backend must teach this helper its dialect
            raise TypeError(f"no raw access for {type(store).__name__}")
        self.store: Any = store

    @property
    def postgres(self) -> bool:
        return self.backend == "postgres"

    @property
    def id_column(self) -> str:
        """An auto-numbered primary key in this dialect (for tables a test creates)."""
        if self.postgres:
            return "bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY"
        return "INTEGER PRIMARY KEY"

    def _sql(self, sql: str) -> str:
        if not self.postgres:
            return sql
        counter = iter(range(1, 1000))
        return _QMARK.sub(lambda _: f"${next(counter)}", sql)

    def time(self, moment: datetime) -> object:
        """A moment as this backend stores it (for parameters and comparisons)."""
        return moment if self.postgres else to_db(moment)

    async def fetch(self, sql: str, *args: object) -> list[dict[str, Any]]:
        if self.postgres:
            async with self.store.db.pool.acquire() as conn:
                return [dict(r) for r in await conn.fetch(self._sql(sql), *args)]
        async with self.store.db.conn.execute(sql, args) as cur:
            return [dict(r) for r in await cur.fetchall()]

    async def rows(self, sql: str, *args: object) -> list[tuple[Any, ...]]:
        if self.postgres:
            async with self.store.db.pool.acquire() as conn:
                return [tuple(r) for r in await conn.fetch(self._sql(sql), *args)]
        async with self.store.db.conn.execute(sql, args) as cur:
            return [tuple(r) for r in await cur.fetchall()]

    async def value(self, sql: str, *args: object) -> Any:
        [row] = await self.rows(sql, *args)
        return row[0]

    async def execute(self, sql: str, *args: object) -> None:
        if self.postgres:
            async with self.store.db.pool.acquire() as conn:
                await conn.execute(self._sql(sql), *args)
        else:
            await self.store.db.conn.execute(sql, args)

    async def tables(self) -> list[str]:
        if self.postgres:
            rows = await self.rows(
                "SELECT table_name FROM information_schema.tables "
                "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
            )
        else:
            rows = await self.rows(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        return sorted(r[0] for r in rows)

    async def snapshot(self) -> dict[str, list[tuple[Any, ...]]]:
        """Every row of every table, ordered by the first column (the id)."""
        return {t: await self.rows(f'SELECT * FROM "{t}" ORDER BY 1') for t in await self.tables()}

    async def fail_on(self, table: str, op: str) -> None:
        """From now on, every `op` (INSERT, UPDATE, DELETE) of a row of `table` fails with
        'injected failure'."""
        name = f"fail_{op.lower()}_{table}"
        if self.postgres:
            await self.execute(
                "CREATE OR REPLACE FUNCTION limber_injected_failure() RETURNS trigger "
                "LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'injected failure'; END $$"
            )
            await self.execute(
                f"CREATE TRIGGER {name} BEFORE {op} ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION limber_injected_failure()"
            )
        else:
            await self.execute(
                f"CREATE TRIGGER {name} BEFORE {op} ON {table} "
                "BEGIN SELECT RAISE(ABORT, 'injected failure'); END"
            )
