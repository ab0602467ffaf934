-- One active (running, paused or interrupted) session per person, enforced by the
-- database: two quick /stretch start (or a double click on Start) cannot both create
-- one. Older duplicates, if any, are closed as abandoned first, keeping the newest.
-- The PostgreSQL twin of bot/storage/sqlite/migrations/0003_one_active_session.sql.

UPDATE sessions SET status = 'abandoned', ended_at = COALESCE(ended_at, updated_at)
WHERE status IN ('running', 'paused', 'interrupted')
  AND id NOT IN (
      SELECT MAX(id) FROM sessions
      WHERE status IN ('running', 'paused', 'interrupted')
      GROUP BY user_id
  );

CREATE UNIQUE INDEX sessions_one_active
    ON sessions (user_id)
    WHERE status IN ('running', 'paused', 'interrupted');
