-- Tokens a user revoked (signing out everywhere; later a password change, a block or a deletion):
-- every token of the user issued at or before revoked_before (seconds since the epoch) is refused.
-- One row per user; a row older than the longest token lifetime no longer refuses anything.
CREATE TABLE token_revocations (
    user_id        INTEGER PRIMARY KEY REFERENCES users(id),
    revoked_before INTEGER NOT NULL
);
CREATE INDEX token_revocations_recent ON token_revocations(revoked_before);
