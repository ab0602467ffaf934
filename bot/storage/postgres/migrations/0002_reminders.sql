-- Reminders (schedules) and deliveries (one row per occurrence, written before sending).
-- The PostgreSQL twin of bot/storage/sqlite/migrations/0002_reminders.sql.
-- A reminder's next occurrence is stored in UTC (next_at) with its slot, the nominal local
-- date and time (next_slot, e.g. 2026-03-29T09:00); the dispatcher wakes at the smallest
-- next_at of active reminders. deliveries.key = '<reminder id>:<slot>' is UNIQUE: that is
-- what makes a reminder fire once per occurrence across crashes and restarts.

CREATE TABLE reminders (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id       bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    days          text NOT NULL,
    times         text NOT NULL,
    routine_id    text,
    state         text NOT NULL DEFAULT 'active'
                  CHECK (state IN ('active', 'paused', 'disabled')),
    paused_until  timestamptz,
    next_at       timestamptz NOT NULL,
    next_slot     text NOT NULL,
    created_at    timestamptz NOT NULL
);
CREATE INDEX reminders_due ON reminders (next_at, id) WHERE state = 'active';
CREATE INDEX reminders_by_user ON reminders (user_id);

CREATE TABLE deliveries (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    key          text NOT NULL UNIQUE,
    reminder_id  bigint REFERENCES reminders(id) ON DELETE SET NULL,
    user_id      bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    routine_id   text,
    occurs_at    timestamptz NOT NULL,
    due_at       timestamptz NOT NULL,
    status       text NOT NULL CHECK (status IN ('pending', 'sent', 'late', 'missed',
                   'skipped', 'snoozed', 'failed', 'unreachable')),
    late         boolean NOT NULL DEFAULT false,
    attempts     integer NOT NULL DEFAULT 0,
    snoozes      integer NOT NULL DEFAULT 0,
    action       text,
    message_id   text,
    error        text,
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL
);
CREATE INDEX deliveries_pending ON deliveries (due_at) WHERE status = 'pending';
CREATE INDEX deliveries_by_user ON deliveries (user_id, occurs_at);
CREATE INDEX deliveries_by_reminder ON deliveries (reminder_id);
CREATE INDEX deliveries_by_time ON deliveries (occurs_at);
