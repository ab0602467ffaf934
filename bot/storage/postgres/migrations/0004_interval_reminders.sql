-- Interval reminders ("every 45m from 09:00 to 17:00 weekdays"): the interval in whole
-- minutes and the daily window (local wall times 'HH:MM', start < end, end inclusive).
-- All three are NULL for a fixed-time reminder, whose times stay in `times`; an interval
-- reminder stores `times` as '' (empty). Plain additive: existing rows are fixed-time.

ALTER TABLE reminders ADD COLUMN every_minutes INTEGER;
ALTER TABLE reminders ADD COLUMN window_start TEXT;
ALTER TABLE reminders ADD COLUMN window_end TEXT;
