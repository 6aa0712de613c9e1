-- A stream ticket stands for the access token it was issued with: revoking that token (a cutoff in
-- token_revocations) must reach a stream the ticket opens, so the ticket keeps the token's issue
-- time (seconds since the epoch). Tickets live 60 s; any left from before count as issued at 0.
ALTER TABLE stream_tickets ADD COLUMN issued_at INTEGER NOT NULL DEFAULT 0;
