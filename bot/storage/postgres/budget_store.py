"""The request budget of a bot token, shared by every process on this database.

Discord's 50 requests/s are per bot token, not per process: each process takes its
requests in small chunks from one row per (platform, second) and never more than the
limit of that second in total, whatever the number of processes. One statement per
chunk (an upsert that grants what is left); slots older than a minute are deleted
now and then.
"""

from __future__ import annotations

from bot.storage.postgres.connection import Database

KEEP_SLOTS = 60


class BudgetRepo:
    def __init__(self, db: Database) -> None:
        self.db = db
        self._swept: dict[str, int] = {}

    async def take(self, bucket: str, slot: int, want: int, limit: int) -> int:
        """Up to `want` of the `limit` requests of second `slot` for `bucket`; how many
        were granted (0 once the second is spent)."""
        granted = await self.db.fetchval(
            """INSERT INTO send_budget AS b (bucket, slot, used, granted)
               VALUES ($1::text, $2::bigint, LEAST($3::int, $4::int), LEAST($3::int, $4::int))
               ON CONFLICT (bucket, slot) DO UPDATE
                 SET granted = LEAST($3::int, GREATEST(0, $4::int - b.used)),
                     used = b.used + LEAST($3::int, GREATEST(0, $4::int - b.used))
               RETURNING granted""",
            bucket,
            slot,
            want,
            limit,
        )
        if slot - self._swept.get(bucket, 0) >= KEEP_SLOTS:
            self._swept[bucket] = slot
            await self.db.execute(
                "DELETE FROM send_budget WHERE bucket = $1 AND slot < $2", bucket, slot - KEEP_SLOTS
            )
        return int(granted or 0)
