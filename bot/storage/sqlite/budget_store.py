"""The request budget of a bot token (see bot/storage/postgres/budget_store.py).

SQLite serves one process, so the shared table is only a formality here; it is kept
with the same statement so both backends behave alike under the contract suite.
"""

from __future__ import annotations

from bot.storage.sqlite.connection import Database

KEEP_SLOTS = 60


class BudgetRepo:
    def __init__(self, db: Database) -> None:
        self.db = db
        self._swept: dict[str, int] = {}

    async def take(self, bucket: str, slot: int, want: int, limit: int) -> int:
        """Up to `want` of the `limit` requests of second `slot` for `bucket`; how many
        were granted (0 once the second is spent)."""
        rows = await self.db.execute_returning(
            """INSERT INTO send_budget (bucket, slot, used, granted)
               VALUES (?1, ?2, MIN(?3, ?4), MIN(?3, ?4))
               ON CONFLICT (bucket, slot) DO UPDATE
                 SET granted = MIN(?3, MAX(0, ?4 - send_budget.used)),
                     used = send_budget.used + MIN(?3, MAX(0, ?4 - send_budget.used))
               RETURNING granted""",
            (bucket, slot, want, limit),
        )
        if slot - self._swept.get(bucket, 0) >= KEEP_SLOTS:
            self._swept[bucket] = slot
            await self.db.execute(
                "DELETE FROM send_budget WHERE bucket = ? AND slot < ?", (bucket, slot - KEEP_SLOTS)
            )
        return int(rows[0][0]) if rows else 0
