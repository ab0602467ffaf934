"""Which tables hold rows about a person, worked out from a schema: shared by every backend.

A backend reads its own catalogue (SQLite: `sqlite_master` and PRAGMAs; PostgreSQL:
`information_schema` and `pg_constraint`) into plain lists and hands them to `link_tables`;
the rules below are the same for both, so `/privacy export` and `/privacy delete` cover the
same tables whatever the database.

A table is about a person when it has a `user_id` column or a foreign key to `users`,
directly or through a parent table that is (deliveries → reminders → users). A table with
no such path must be named in `NON_PERSONAL` with a reason; anything else raises
`UnmappedTableError`, so a new table cannot silently escape `/privacy delete`.

Retention is the one place with per-table knowledge (which timestamp says "old"), and it
is checked the same way: every personal table is either in `RETENTION` or in
`KEPT_UNTIL_ERASURE` with a reason.
"""

from __future__ import annotations

import base64
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

USERS = "users"

# Tables that hold nothing about an individual, with the reason.
NON_PERSONAL: dict[str, str] = {
    "clinics": "per-server settings (booking link, clinic name, emergency number, zone)",
    "group_sessions": "a channel's stretch-along: routine, channel, time; names no one",
    "group_schedules": "a server's recurring stretch-along: channel, days, time; names no one",
    "schema_migrations": "the migration versions applied (PostgreSQL's schema version)",
    "send_budget": "requests the bot token spent per second (counts only, no ids)",
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
    `binds` times (once per user column, or once per parent path; a backend whose
    placeholder is numbered, like PostgreSQL's `$1`, binds it once). `parents` are the
    personal tables it has foreign keys to: they are deleted after it."""

    table: str
    where: str
    binds: int
    parents: tuple[str, ...] = ()
    numbered: bool = False

    def args(self, user_id: int) -> tuple[int, ...]:
        return (user_id,) if self.numbered else (user_id,) * self.binds


ForeignKey = tuple[str, str, str]
"""(column, parent table, parent column) of a single-column foreign key."""


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def link_tables(
    tables: Sequence[str],
    columns: Mapping[str, Sequence[str]],
    fks: Mapping[str, Sequence[ForeignKey]],
    placeholder: str = "?",
) -> dict[str, Link]:
    """The link of every personal table; raises UnmappedTableError for unknown ones.

    `placeholder` is the backend's parameter for the user id: `?` (bound once per use) or
    `$1` (one numbered parameter, however often it appears)."""
    numbered = placeholder != "?"
    links: dict[str, Link] = {USERS: Link(USERS, f"id = {placeholder}", 1, (), numbered)}
    # Direct links: a user_id column or foreign keys to users.
    for table in tables:
        if table == USERS:
            continue
        user_columns = {c for c, parent, _ in fks.get(table, ()) if parent == USERS}
        if "user_id" in columns.get(table, ()):
            user_columns.add("user_id")
        if user_columns:
            where = " OR ".join(f"{quote(c)} = {placeholder}" for c in sorted(user_columns))
            links[table] = Link(table, where, len(user_columns), (), numbered)
    # Indirect links through a personal parent, until nothing new is found.
    changed = True
    while changed:
        changed = False
        for table in tables:
            if table in links or table in NON_PERSONAL:
                continue
            paths = [
                (column, parent, parent_column)
                for column, parent, parent_column in fks.get(table, ())
                if parent in links and parent != table
            ]
            if not paths:
                continue
            parts = []
            binds = 0
            for column, parent, parent_column in paths:
                link = links[parent]
                parts.append(
                    f"{quote(column)} IN (SELECT {quote(parent_column)} "
                    f"FROM {quote(parent)} WHERE {link.where})"
                )
                binds += link.binds
            links[table] = Link(table, " OR ".join(parts), binds, (), numbered)
            changed = True
    # For the deletion order: every foreign-key parent that is itself personal.
    for table, link in list(links.items()):
        parents = {
            parent for _, parent, _ in fks.get(table, ()) if parent in links and parent != table
        }
        links[table] = Link(link.table, link.where, link.binds, tuple(sorted(parents)), numbered)
    unmapped = [t for t in tables if t not in links and t not in NON_PERSONAL]
    if unmapped:
        raise UnmappedTableError(
            f"tables {', '.join(unmapped)} have no user_id column or foreign key to users; "
            "add one, or list them in bot.storage.personal.NON_PERSONAL with a reason, so "
            "/privacy export and delete stay complete"
        )
    return links


def deletion_order(links: dict[str, Link]) -> list[str]:
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


def jsonable(value: Any) -> Any:
    if isinstance(value, bytes):
        return {"base64": base64.b64encode(value).decode("ascii")}
    return value


def unclassified_for_retention(links: Iterable[str]) -> list[str]:
    """Personal tables with no retention decision (neither purged nor knowingly kept)."""
    ruled = {r.table for r in RETENTION} | set(KEPT_UNTIL_ERASURE)
    return sorted(t for t in links if t not in ruled)
