-- Transactional outbox: events written in the same transaction as the change they describe,
-- published to the bus by a relay and marked only after the bus acknowledged them.
CREATE TABLE outbox (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    kind         TEXT NOT NULL,
    receiver_id  INTEGER NOT NULL,
    payload      TEXT NOT NULL,
    dedup_key    TEXT,
    created_at   INTEGER NOT NULL,
    published_at INTEGER
);
CREATE INDEX outbox_unpublished ON outbox(id) WHERE published_at IS NULL;
-- Only events that deduplicate (most have no key) pay for this index.
CREATE UNIQUE INDEX outbox_dedup ON outbox(dedup_key) WHERE dedup_key IS NOT NULL;

-- Notifications as users read them; one per outbox event, whatever the bus redelivers.
CREATE TABLE notifications (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id   INTEGER NOT NULL UNIQUE,
    user_id    INTEGER NOT NULL,
    kind       TEXT NOT NULL,
    data       TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    read       INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX notifications_user ON notifications(user_id, id);
