-- Several processes on one database (issue 11): a pending delivery is claimed by one
-- dispatcher (`FOR UPDATE SKIP LOCKED`) for a short lease before it is sent
-- (lease_owner, lease_until); a process that dies mid-burst leaves leases that expire,
-- and another process sends those rows under the same key and nonce.
-- `send_budget` counts the requests the bot token has spent per platform and second,
-- shared by every process (the 50/s budget is per token, not per process); old slots
-- are deleted as new ones are taken. Unlogged: a lost second of counts after a crash
-- costs nothing. The PostgreSQL twin of bot/storage/sqlite/migrations/0008_delivery_leases.sql.
ALTER TABLE deliveries ADD COLUMN lease_owner text;
ALTER TABLE deliveries ADD COLUMN lease_until timestamptz;

CREATE UNLOGGED TABLE send_budget (
    bucket  text NOT NULL,
    slot    bigint NOT NULL,
    used    integer NOT NULL,
    granted integer NOT NULL DEFAULT 0,
    PRIMARY KEY (bucket, slot)
);
