-- A person's chosen dose for hold exercises (within each exercise's prescribed range,
-- e.g. hold 15-30 s, 3-4 times): remembered on the user, and kept on each session so a
-- restart rebuilds the same steps. skipped_seconds: timed seconds skipped with Next, so
-- a session counts as completed only when enough of it was done.

ALTER TABLE users ADD COLUMN dose TEXT;
ALTER TABLE sessions ADD COLUMN dose TEXT;
ALTER TABLE sessions ADD COLUMN skipped_seconds REAL NOT NULL DEFAULT 0;
