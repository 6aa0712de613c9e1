-- Whether the form's likers were told it opens soon; set once, in the transaction that tells them.
ALTER TABLE forms ADD COLUMN opening_soon_sent INTEGER NOT NULL DEFAULT 0;
CREATE INDEX forms_opening_soon ON forms(opens_at) WHERE opening_soon_sent = 0;

-- One row per user with notifications: storing a notification locks it first, so one user's
-- notification ids become visible in increasing order and a stream can resume after any id.
CREATE TABLE notification_heads (
    user_id BIGINT PRIMARY KEY
);

-- Single-use tickets that open a notification stream without a token in the URL; the hash of
-- the ticket is kept, never the ticket.
CREATE TABLE stream_tickets (
    ticket_hash TEXT PRIMARY KEY,
    user_id     BIGINT NOT NULL,
    expires_at  BIGINT NOT NULL
);
CREATE INDEX stream_tickets_expiry ON stream_tickets(expires_at);
