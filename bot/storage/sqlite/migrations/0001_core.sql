-- Limber core schema: users, clinics (per-server settings), guided sessions,
-- pain scores (numbers only, stored only with consent) and the consent log.
-- Times are UTC text from bot.storage.db.to_db (fixed width, sorts like time).
-- Ids that appear in buttons or keys are AUTOINCREMENT: never reused after a delete.

CREATE TABLE users (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    platform        TEXT NOT NULL,
    external_id     TEXT NOT NULL,
    display_name    TEXT NOT NULL DEFAULT '',
    timezone        TEXT,
    clinic_key      TEXT,
    consent_pain    TEXT CHECK (consent_pain IN ('granted', 'declined')),
    screened_at     TEXT,
    pending         TEXT,
    dm_channel_id   TEXT,
    unreachable_at  TEXT,
    unreachable_told INTEGER NOT NULL DEFAULT 0,
    created_at      TEXT NOT NULL,
    last_seen_at    TEXT NOT NULL,
    UNIQUE (platform, external_id)
);

CREATE TABLE clinics (
    key              TEXT PRIMARY KEY,
    name             TEXT,
    booking_url      TEXT,
    emergency_number TEXT,
    updated_at       TEXT NOT NULL
);

CREATE TABLE sessions (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id          INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    routine_id       TEXT NOT NULL,
    status           TEXT NOT NULL,
    step_index       INTEGER NOT NULL DEFAULT 0,
    step_deadline    TEXT,
    paused_remaining REAL,
    origin           TEXT NOT NULL DEFAULT 'command',
    started_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    ended_at         TEXT
);
CREATE INDEX sessions_by_user ON sessions (user_id, status);
CREATE INDEX sessions_by_start ON sessions (started_at);

CREATE TABLE pain_reports (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    score       INTEGER NOT NULL CHECK (score BETWEEN 0 AND 10),
    context     TEXT NOT NULL,
    session_id  INTEGER REFERENCES sessions(id) ON DELETE SET NULL,
    reported_at TEXT NOT NULL
);
CREATE INDEX pain_by_user ON pain_reports (user_id, reported_at);

CREATE TABLE consents (
    id       INTEGER PRIMARY KEY,
    user_id  INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind     TEXT NOT NULL,
    granted  INTEGER NOT NULL,
    at       TEXT NOT NULL
);
CREATE INDEX consents_by_user ON consents (user_id, at);
