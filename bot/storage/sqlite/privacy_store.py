"""Every row about one person, found from the schema itself: export, erase, retention.

Tables are discovered from `sqlite_master` at run time, not listed by hand, so a table a
later migration adds is exported and erased without anyone remembering to update this
file. A table is about a person when it has a `user_id` column or a foreign key to
`users`, directly or through a parent table that is (deliveries → reminders → users).
A table with no such path must be named in `NON_PERSONAL` with a reason; anything else
raises `UnmappedTableError`, so a new table cannot silently escape `/privacy delete`
(tests/test_privacy.py opens the real schema and fails on such a table).

Retention is the one place with per-table knowledge (which timestamp says "old"), and
it is checked the same way: every personal table is either in `RETENTION` or in
`KEPT_UNTIL_ERASURE` with a reason.
"""

from __future__ import annotations

import base64
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import aiosqlite

from bot.storage.sqlite.connection import Database, to_db

USERS = "users"

# Tables that hold nothing about an individual, with the reason.
NON_PERSONAL: dict[str, str] = {
    "clinics": "per-server settings (booking link, clinic name, emergency number, zone)",
    "group_sessions": "a channel's stretch-along: routine, channel, time; names no one",
    "group_schedules": "a server's recurring stretch-along: channel, days, time; names no one",
}


@dataclass(frozen=True)
class RetentionRule:
    """Rows of `table` whose `column` is older than the cutoff are deleted, if `extra`
    (an SQL condition on the same row, or "") also holds."""

    table: str
    column: str
    extra: str = ""


# What the daily housekeeping deletes once older than DATA_RETENTION_DAYS.
RETENTION: tuple[RetentionRule, ...] = (
    RetentionRule("pain_reports", "reported_at"),
    # Only finished sessions: a session still running or offered for resume is live data.
    RetentionRule(
        "sessions",
        "started_at",
        "status NOT IN ('running', 'paused', 'interrupted')",
    ),
    # A pending delivery is still to be sent (a snooze or a retry): not history yet.
    RetentionRule("deliveries", "occurs_at", "status != 'pending'"),
    # Who took part in a group stretch-along (the session counted for them is in sessions).
    RetentionRule(
        "group_members",
        "joined_at",
        "group_id NOT IN (SELECT id FROM group_sessions WHERE status IN ('scheduled', 'running'))",
    ),
)

# Personal tables the retention job leaves alone, with the reason. They go on erasure.
KEPT_UNTIL_ERASURE: dict[str, str] = {
    USERS: "the account itself: settings, time zone and the current consent choice",
    "consents": "proof of what the person agreed to and when (GDPR Art. 7(1))",
    "reminders": "schedules the person set up and still expects to run",
}


class UnmappedTableError(RuntimeError):
    """A table has no known relation to users and is not declared non-personal."""


@dataclass(frozen=True)
class Link:
    """How to select one person's rows of a table: `WHERE {where}` with the user id bound
    `binds` times (once per user column, or once per parent path). `parents` are the
    personal tables it has foreign keys to: they are deleted after it."""

    table: str
    where: str
    binds: int
    parents: tuple[str, ...] = ()

    def args(self, user_id: int) -> tuple[int, ...]:
        return (user_id,) * self.binds


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


async def _tables(conn: aiosqlite.Connection) -> list[str]:
    async with conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "ORDER BY name"
    ) as cur:
        return [row[0] for row in await cur.fetchall()]


async def _columns(conn: aiosqlite.Connection, table: str) -> list[str]:
    async with conn.execute(f"PRAGMA table_info({_quote(table)})") as cur:
        return [row["name"] for row in await cur.fetchall()]


async def _foreign_keys(conn: aiosqlite.Connection, table: str) -> list[tuple[str, str, str]]:
    """(column, parent table, parent column) of each single-column foreign key."""
    async with conn.execute(f"PRAGMA foreign_key_list({_quote(table)})") as cur:
        rows = await cur.fetchall()
    found = []
    for row in rows:
        parent_column = row["to"] or "rowid"
        found.append((row["from"], row["table"], parent_column))
    return found


async def discover(db: Database) -> dict[str, Link]:
    """The link of every personal table; raises UnmappedTableError for unknown ones."""
    conn = db.conn
    tables = await _tables(conn)
    columns = {t: await _columns(conn, t) for t in tables}
    fks = {t: await _foreign_keys(conn, t) for t in tables}
    links: dict[str, Link] = {USERS: Link(USERS, "id = ?", 1)}
    # Direct links: a user_id column or foreign keys to users.
    for table in tables:
        if table == USERS:
            continue
        user_columns = {c for c, parent, _ in fks[table] if parent == USERS}
        if "user_id" in columns[table]:
            user_columns.add("user_id")
        if user_columns:
            where = " OR ".join(f"{_quote(c)} = ?" for c in sorted(user_columns))
            links[table] = Link(table, where, len(user_columns))
    # Indirect links through a personal parent, until nothing new is found.
    changed = True
    while changed:
        changed = False
        for table in tables:
            if table in links or table in NON_PERSONAL:
                continue
            paths = [
                (column, parent, parent_column)
                for column, parent, parent_column in fks[table]
                if parent in links and parent != table
            ]
            if not paths:
                continue
            parts = []
            binds = 0
            for column, parent, parent_column in paths:
                link = links[parent]
                parts.append(
                    f"{_quote(column)} IN (SELECT {_quote(parent_column)} "
                    f"FROM {_quote(parent)} WHERE {link.where})"
                )
                binds += link.binds
            links[table] = Link(table, " OR ".join(parts), binds)
            changed = True
    # For the deletion order: every foreign-key parent that is itself personal.
    for table, link in list(links.items()):
        parents = {parent for _, parent, _ in fks[table] if parent in links and parent != table}
        links[table] = Link(link.table, link.where, link.binds, tuple(sorted(parents)))
    unmapped = [t for t in tables if t not in links and t not in NON_PERSONAL]
    if unmapped:
        raise UnmappedTableError(
            f"tables {', '.join(unmapped)} have no user_id column or foreign key to users; "
            "add one, or list them in privacy_store.NON_PERSONAL with a reason, so "
            "/privacy export and delete stay complete"
        )
    return links


def _deletion_order(links: dict[str, Link]) -> list[str]:
    """Children before parents (users last), so foreign keys hold at every step."""
    order: list[str] = []
    seen: set[str] = set()

    def visit(table: str, path: frozenset[str]) -> None:
        if table in seen or table in path:
            return
        for child, link in links.items():
            if table in link.parents:
                visit(child, path | {table})
        seen.add(table)
        order.append(table)

    for table in sorted(links, key=lambda t: (t == USERS, t)):
        visit(table, frozenset())
    return order


def _jsonable(value: Any) -> Any:
    if isinstance(value, bytes):
        return {"base64": base64.b64encode(value).decode("ascii")}
    return value


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
                f"SELECT * FROM {_quote(table)} WHERE {link.where} ORDER BY rowid",
                link.args(user_id),
            ) as cur:
                rows = await cur.fetchall()
            result[table] = [{k: _jsonable(row[k]) for k in row.keys()} for row in rows]  # noqa: SIM118
        return result

    async def erase(self, user_id: int) -> dict[str, int]:
        """Delete every row about the person in one transaction; rows deleted per table.

        Explicit deletes, children first, rather than trusting ON DELETE CASCADE: a
        future table whose foreign key forgets the cascade is still covered.
        """
        links = await discover(self.db)
        order = _deletion_order(links)
        counts: dict[str, int] = {}
        async with self.db.transaction() as conn:
            await conn.execute("PRAGMA defer_foreign_keys = ON")
            for table in order:
                link = links[table]
                cur = await conn.execute(
                    f"DELETE FROM {_quote(table)} WHERE {link.where}", link.args(user_id)
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
                    f"DELETE FROM {_quote(rule.table)} WHERE {_quote(rule.column)} < ?{extra}",
                    (to_db(cutoff),),
                )
                counts[rule.table] = cur.rowcount
        return counts


def unclassified_for_retention(links: Iterable[str]) -> list[str]:
    """Personal tables with no retention decision (neither purged nor knowingly kept)."""
    ruled = {r.table for r in RETENTION} | set(KEPT_UNTIL_ERASURE)
    return sorted(t for t in links if t not in ruled)
