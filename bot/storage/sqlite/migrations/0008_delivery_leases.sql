-- Several processes on one database (issue 11): a pending delivery is claimed by one
-- dispatcher for a short lease before it is sent (lease_owner, lease_until); a process
-- that dies mid-burst leaves leases that expire, and another process sends those rows
-- under the same key and nonce. SQLite serves one process, but keeps the same columns
-- so both backends share one history. `send_budget` counts the requests the bot token
-- has spent per platform and second, shared by every process (the 50/s budget is per
-- token, not per process). Plain additive: existing pending rows have no lease.
ALTER TABLE deliveries ADD COLUMN lease_owner TEXT;
ALTER TABLE deliveries ADD COLUMN lease_until TEXT;

CREATE TABLE send_budget (
    bucket  TEXT NOT NULL,
    slot    INTEGER NOT NULL,
    used    INTEGER NOT NULL,
    granted INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (bucket, slot)
);
