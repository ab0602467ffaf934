-- Reminders (schedules) and deliveries (one row per occurrence, written before sending).
-- A reminder's next occurrence is stored in UTC (next_at) with its slot, the nominal local
-- date and time (next_slot, e.g. 2026-03-29T09:00); the dispatcher wakes at the smallest
-- next_at of active reminders. deliveries.key = '<reminder id>:<slot>' is UNIQUE: that is
-- what makes a reminder fire once per occurrence across crashes and restarts.

CREATE TABLE reminders (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id       INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    days          TEXT NOT NULL,
    times         TEXT NOT NULL,
    routine_id    TEXT,
    state         TEXT NOT NULL DEFAULT 'active'
                  CHECK (state IN ('active', 'paused', 'disabled')),
    paused_until  TEXT,
    next_at       TEXT NOT NULL,
    next_slot     TEXT NOT NULL,
    created_at    TEXT NOT NULL
);
CREATE INDEX reminders_due ON reminders (next_at) WHERE state = 'active';
CREATE INDEX reminders_by_user ON reminders (user_id);

CREATE TABLE deliveries (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    key          TEXT NOT NULL UNIQUE,
    reminder_id  INTEGER REFERENCES reminders(id) ON DELETE SET NULL,
    user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    routine_id   TEXT,
    occurs_at    TEXT NOT NULL,
    due_at       TEXT NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'late', 'missed',
                   'skipped', 'snoozed', 'failed', 'unreachable')),
    late         INTEGER NOT NULL DEFAULT 0,
    attempts     INTEGER NOT NULL DEFAULT 0,
    snoozes      INTEGER NOT NULL DEFAULT 0,
    action       TEXT,
    message_id   TEXT,
    error        TEXT,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE INDEX deliveries_pending ON deliveries (due_at) WHERE status = 'pending';
CREATE INDEX deliveries_by_user ON deliveries (user_id, occurs_at);
CREATE INDEX deliveries_by_reminder ON deliveries (reminder_id);
CREATE INDEX deliveries_by_time ON deliveries (occurs_at);
