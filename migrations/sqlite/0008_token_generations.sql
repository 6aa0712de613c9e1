-- Signing out everywhere raises the user's session generation: every token carries the generation
-- it was signed in, and one below the user's is refused. Exact where the issue time in whole
-- seconds was not (two sign-outs and a sign-in within one second). revoked_before now dates the
-- last raise: every token it refuses was signed before then, so it stops mattering an hour later.
ALTER TABLE token_revocations ADD COLUMN generation INTEGER NOT NULL DEFAULT 0;
-- Users who signed out before this change: their earlier tokens carry no generation (0); refuse
-- them all, as the time cutoff did.
UPDATE token_revocations SET generation = 1;

-- A stream ticket stands for the access token it was issued with, and carries its generation, so
-- that signing out reaches a stream the ticket opens. Tickets live 60 s.
ALTER TABLE stream_tickets ADD COLUMN token_generation INTEGER NOT NULL DEFAULT 0;
