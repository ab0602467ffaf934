-- Limber core schema: users, clinics (per-server settings), guided sessions,
-- pain scores (numbers only, stored only with consent) and the consent log.
-- The PostgreSQL twin of bot/storage/sqlite/migrations/0001_core.sql: same version, same
-- tables and columns. Times are timestamptz (always UTC in and out); ids that appear in
-- buttons or keys are identity columns: a sequence never hands out an id twice.

CREATE TABLE users (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    platform         text NOT NULL,
    external_id      text NOT NULL,
    display_name     text NOT NULL DEFAULT '',
    timezone         text,
    clinic_key       text,
    consent_pain     text CHECK (consent_pain IN ('granted', 'declined')),
    screened_at      timestamptz,
    pending          text,
    dm_channel_id    text,
    unreachable_at   timestamptz,
    unreachable_told boolean NOT NULL DEFAULT false,
    created_at       timestamptz NOT NULL,
    last_seen_at     timestamptz NOT NULL,
    UNIQUE (platform, external_id)
);

CREATE TABLE clinics (
    key              text PRIMARY KEY,
    name             text,
    booking_url      text,
    emergency_number text,
    updated_at       timestamptz NOT NULL
);

CREATE TABLE sessions (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id          bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    routine_id       text NOT NULL,
    status           text NOT NULL,
    step_index       integer NOT NULL DEFAULT 0,
    step_deadline    timestamptz,
    paused_remaining double precision,
    origin           text NOT NULL DEFAULT 'command',
    started_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL,
    ended_at         timestamptz
);
CREATE INDEX sessions_by_user ON sessions (user_id, status);
CREATE INDEX sessions_by_start ON sessions (started_at);

CREATE TABLE pain_reports (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id     bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    score       integer NOT NULL CHECK (score BETWEEN 0 AND 10),
    context     text NOT NULL,
    session_id  bigint REFERENCES sessions(id) ON DELETE SET NULL,
    reported_at timestamptz NOT NULL
);
CREATE INDEX pain_by_user ON pain_reports (user_id, reported_at);

CREATE TABLE consents (
    id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id  bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind     text NOT NULL,
    granted  boolean NOT NULL,
    at       timestamptz NOT NULL
);
CREATE INDEX consents_by_user ON consents (user_id, at);
