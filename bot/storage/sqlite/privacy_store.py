"""Every row about one person, found from the schema itself: export, erase, retention.

Tables are discovered from `sqlite_master` at run time, not listed by hand, so a table a
later migration adds is exported and erased without anyone remembering to update this
file. The rules (what makes a table personal, what retention deletes) are shared with the
PostgreSQL backend in `bot.storage.personal`; tests/test_privacy.py opens the real schema
and fails on a table with no path to `users` that is not declared non-personal.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import aiosqlite

from bot.storage.personal import (
    KEPT_UNTIL_ERASURE,
    NON_PERSONAL,
    RETENTION,
    USERS,
    ForeignKey,
    Link,
    RetentionRule,
    UnmappedTableError,
    deletion_order,
    jsonable,
    link_tables,
    quote,
    unclassified_for_retention,
)
from bot.storage.sqlite.connection import Database, to_db

__all__ = [
    "KEPT_UNTIL_ERASURE",
    "NON_PERSONAL",
    "RETENTION",
    "USERS",
    "Link",
    "PrivacyRepo",
    "RetentionRule",
    "UnmappedTableError",
    "discover",
    "unclassified_for_retention",
]


async def _tables(conn: aiosqlite.Connection) -> list[str]:
    async with conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "ORDER BY name"
    ) as cur:
        return [row[0] for row in await cur.fetchall()]


async def _columns(conn: aiosqlite.Connection, table: str) -> list[str]:
    async with conn.execute(f"PRAGMA table_info({quote(table)})") as cur:
        return [row["name"] for row in await cur.fetchall()]


async def _foreign_keys(conn: aiosqlite.Connection, table: str) -> list[ForeignKey]:
    """(column, parent table, parent column) of each single-column foreign key."""
    async with conn.execute(f"PRAGMA foreign_key_list({quote(table)})") as cur:
        rows = await cur.fetchall()
    return [(row["from"], row["table"], row["to"] or "rowid") for row in rows]


async def discover(db: Database) -> dict[str, Link]:
    """The link of every personal table; raises UnmappedTableError for unknown ones."""
    conn = db.conn
    tables = await _tables(conn)
    columns = {t: await _columns(conn, t) for t in tables}
    fks = {t: await _foreign_keys(conn, t) for t in tables}
    return link_tables(tables, columns, fks, "?")


class PrivacyRepo:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def links(self) -> dict[str, Link]:
        return await discover(self.db)

    async def rows_about(self, user_id: int) -> dict[str, list[dict[str, Any]]]:
        """Every row about the person, table by table (rows as column → value)."""
        links = await discover(self.db)
        result: dict[str, list[dict[str, Any]]] = {}
        for table in sorted(links):
            link = links[table]
            async with self.db.read(
                f"SELECT * FROM {quote(table)} WHERE {link.where} ORDER BY rowid",
                link.args(user_id),
            ) as cur:
                rows = await cur.fetchall()
            result[table] = [{k: jsonable(row[k]) for k in row.keys()} for row in rows]  # noqa: SIM118
        return result

    async def erase(self, user_id: int) -> dict[str, int]:
        """Delete every row about the person in one transaction; rows deleted per table.

        Explicit deletes, children first, rather than trusting ON DELETE CASCADE: a
        future table whose foreign key forgets the cascade is still covered.
        """
        links = await discover(self.db)
        order = deletion_order(links)
        counts: dict[str, int] = {}
        async with self.db.transaction() as conn:
            await conn.execute("PRAGMA defer_foreign_keys = ON")
            for table in order:
                link = links[table]
                cur = await conn.execute(
                    f"DELETE FROM {quote(table)} WHERE {link.where}", link.args(user_id)
                )
                counts[table] = cur.rowcount
        return counts

    async def purge_older_than(self, cutoff: datetime) -> dict[str, int]:
        """The retention job: delete old history (see RETENTION) in one transaction;
        rows deleted per table. Tables a deployment does not have yet are skipped."""
        present = set(await _tables(self.db.conn))
        counts: dict[str, int] = {}
        async with self.db.transaction() as conn:
            for rule in RETENTION:
                if rule.table not in present:
                    continue
                extra = f" AND ({rule.extra})" if rule.extra else ""
                cur = await conn.execute(
                    f"DELETE FROM {quote(rule.table)} WHERE {quote(rule.column)} < ?{extra}",
                    (to_db(cutoff),),
                )
                counts[rule.table] = cur.rowcount
        return counts
