"""Every row about one person, found from the schema itself: export, erase, retention.

The PostgreSQL twin of bot/storage/sqlite/privacy_store.py: tables and columns come from
`information_schema` (the current schema only), single-column foreign keys from
`pg_constraint`, and the shared rules of `bot.storage.personal` decide which tables are
personal. A table with no path to `users` that is not declared non-personal raises
`UnmappedTableError`; the contract suite checks this against the real schema.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from bot.storage.personal import (
    RETENTION,
    ForeignKey,
    Link,
    deletion_order,
    jsonable,
    link_tables,
    quote,
)
from bot.storage.postgres.connection import Database, rowcount, utc


def _exported(value: Any) -> Any:
    """Times as the same UTC text SQLite stores (`2026-03-02T08:00:00.000000Z`)."""
    if isinstance(value, datetime):
        return utc(value).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    return jsonable(value)


async def _tables(db: Database) -> list[str]:
    rows = await db.fetch(
        """SELECT table_name FROM information_schema.tables
           WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'
           ORDER BY table_name"""
    )
    return [r["table_name"] for r in rows]


async def _columns(db: Database) -> dict[str, list[str]]:
    rows = await db.fetch(
        """SELECT table_name, column_name FROM information_schema.columns
           WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position"""
    )
    found: dict[str, list[str]] = {}
    for r in rows:
        found.setdefault(r["table_name"], []).append(r["column_name"])
    return found


async def _foreign_keys(db: Database) -> dict[str, list[ForeignKey]]:
    """(column, parent table, parent column) of each single-column foreign key."""
    rows = await db.fetch(
        """SELECT child.relname AS child, a.attname AS column_name,
                  parent.relname AS parent, pa.attname AS parent_column
           FROM pg_constraint c
           JOIN pg_class child ON child.oid = c.conrelid
           JOIN pg_namespace n ON n.oid = child.relnamespace
           JOIN pg_class parent ON parent.oid = c.confrelid
           JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
           JOIN pg_attribute pa ON pa.attrelid = c.confrelid AND pa.attnum = c.confkey[1]
           WHERE c.contype = 'f' AND n.nspname = current_schema()
             AND cardinality(c.conkey) = 1
           ORDER BY child.relname, c.conname"""
    )
    found: dict[str, list[ForeignKey]] = {}
    for r in rows:
        found.setdefault(r["child"], []).append((r["column_name"], r["parent"], r["parent_column"]))
    return found


async def discover(db: Database) -> dict[str, Link]:
    """The link of every personal table; raises UnmappedTableError for unknown ones."""
    tables = await _tables(db)
    return link_tables(tables, await _columns(db), await _foreign_keys(db), "$1")


class PrivacyRepo:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def links(self) -> dict[str, Link]:
        return await discover(self.db)

    async def rows_about(self, user_id: int) -> dict[str, list[dict[str, Any]]]:
        """Every row about the person, table by table (rows as column → value), in
        insertion order (by id where the table has one)."""
        links = await discover(self.db)
        columns = await _columns(self.db)
        result: dict[str, list[dict[str, Any]]] = {}
        for table in sorted(links):
            link = links[table]
            order = "id" if "id" in columns.get(table, ()) else "ctid"
            rows = await self.db.fetch(
                f"SELECT * FROM {quote(table)} WHERE {link.where} ORDER BY {order}",
                *link.args(user_id),
            )
            result[table] = [{k: _exported(v) for k, v in row.items()} for row in rows]
        return result

    async def erase(self, user_id: int) -> dict[str, int]:
        """Delete every row about the person in one transaction; rows deleted per table,
        children first (explicit deletes, not trusting ON DELETE CASCADE)."""
        links = await discover(self.db)
        counts: dict[str, int] = {}
        async with self.db.transaction() as conn:
            for table in deletion_order(links):
                link = links[table]
                status = await conn.execute(
                    f"DELETE FROM {quote(table)} WHERE {link.where}", *link.args(user_id)
                )
                counts[table] = rowcount(status)
        return counts

    async def purge_older_than(self, cutoff: datetime) -> dict[str, int]:
        """The retention job: delete old history (see RETENTION) in one transaction;
        rows deleted per table. Tables a deployment does not have yet are skipped."""
        present = set(await _tables(self.db))
        counts: dict[str, int] = {}
        async with self.db.transaction() as conn:
            for rule in RETENTION:
                if rule.table not in present:
                    continue
                extra = f" AND ({rule.extra})" if rule.extra else ""
                status = await conn.execute(
                    f"DELETE FROM {quote(rule.table)} WHERE {quote(rule.column)} < $1{extra}",
                    utc(cutoff),
                )
                counts[rule.table] = rowcount(status)
        return counts
