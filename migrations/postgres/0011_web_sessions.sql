-- Browser sessions: the web app signs in to an HttpOnly cookie that names one of these rows. The
-- cookie is a short-lived signed token (checked without the store on every request); renewing it
-- reads the row, so signing out (revoked_at), inactivity (last_seen_at) and the absolute limit
-- (created_at) end a session within one cookie lifetime, and revocation ends it at once. Times are
-- seconds since the epoch. generation is the user's token generation at sign-in: signing out
-- everywhere ends the session too.
CREATE TABLE web_sessions (
    id           TEXT PRIMARY KEY,
    user_id      BIGINT NOT NULL REFERENCES users(id),
    generation   BIGINT NOT NULL,
    created_at   BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL,
    revoked_at   BIGINT
);
CREATE INDEX web_sessions_user ON web_sessions(user_id);
CREATE INDEX web_sessions_revoked ON web_sessions(revoked_at) WHERE revoked_at IS NOT NULL;
