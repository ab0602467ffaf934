-- A red flag or severe pain is remembered for a while (issue: triage that fails safe):
-- the next /stretch start and the next reminder within a day ask whether the person
-- has been checked. `alert_level` is 'redflag' or 'severe'; both NULL when cleared.
ALTER TABLE users ADD COLUMN alert_level TEXT;
ALTER TABLE users ADD COLUMN alert_at TEXT;
