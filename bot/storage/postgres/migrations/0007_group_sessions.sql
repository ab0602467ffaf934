-- Group stretch-alongs in a server channel (issue 15): one row per group session, who
-- joined it, recurring schedules set by server admins, and the server's time zone.
-- PostgreSQL twin of the SQLite migration of the same number and name.
-- group_sessions.occurrence_key is UNIQUE: '<schedule id>:<local slot>', so a recurring
-- group session is created (and announced) once per occurrence, across restarts.
-- No row names who created a group or a schedule: erasing a person never removes a
-- channel's stretch-along; only group_members is about a person.

ALTER TABLE clinics ADD COLUMN timezone TEXT;

CREATE TABLE group_schedules (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    platform      TEXT NOT NULL,
    clinic_key    TEXT NOT NULL,
    channel_id    TEXT NOT NULL,
    routine_id    TEXT NOT NULL,
    days          TEXT NOT NULL,
    at_time       TEXT NOT NULL,
    next_at       TIMESTAMPTZ NOT NULL,
    next_slot     TEXT NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL
);
CREATE INDEX group_schedules_due ON group_schedules (next_at);
CREATE INDEX group_schedules_by_clinic ON group_schedules (clinic_key);

CREATE TABLE group_sessions (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    platform        TEXT NOT NULL,
    clinic_key      TEXT,
    channel_id      TEXT NOT NULL,
    routine_id      TEXT NOT NULL,
    starts_at       TIMESTAMPTZ NOT NULL,
    status          TEXT NOT NULL DEFAULT 'scheduled'
                    CHECK (status IN ('scheduled', 'running', 'completed', 'cancelled',
                                      'missed', 'interrupted')),
    step_index      INTEGER NOT NULL DEFAULT 0,
    step_deadline   TIMESTAMPTZ,
    announcement_id TEXT,
    message_id      TEXT,
    schedule_id     BIGINT REFERENCES group_schedules(id) ON DELETE SET NULL,
    occurrence_key  TEXT UNIQUE,
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX group_sessions_live ON group_sessions (status, starts_at);

CREATE TABLE group_members (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    group_id    BIGINT NOT NULL REFERENCES group_sessions(id) ON DELETE CASCADE,
    user_id     BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    status      TEXT NOT NULL DEFAULT 'joined' CHECK (status IN ('joined', 'left', 'hurt')),
    joined_at   TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL,
    UNIQUE (group_id, user_id)
);
CREATE INDEX group_members_by_user ON group_members (user_id, status);
