-- Refresh tokens: a bearer client keeps a 15-minute access token and trades a refresh token for a
-- new pair. Only the SHA-256 of a refresh token is kept. Each use spends the row (used_at) and
-- adds its successor to the same family (one per sign-in); presenting a spent one again is reuse,
-- and ends the family (revoked_at on every row). access_jti is the id of the access token issued
-- with the row, so ending a family also revokes its access tokens. generation is the user's token
-- generation at sign-in, as in web_sessions. Times are seconds since the epoch.
CREATE TABLE refresh_tokens (
    token_hash TEXT PRIMARY KEY,
    family_id  TEXT NOT NULL,
    user_id    BIGINT NOT NULL REFERENCES users(id),
    generation BIGINT NOT NULL,
    access_jti TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at    BIGINT,
    revoked_at BIGINT
);
CREATE INDEX refresh_tokens_family ON refresh_tokens(family_id);
CREATE INDEX refresh_tokens_user ON refresh_tokens(user_id);
CREATE INDEX refresh_tokens_access ON refresh_tokens(access_jti);

-- Access tokens revoked alone (signing out one API client) by their jti, until they would have
-- expired anyway (expires_at, seconds since the epoch); every instance holds the live ones in
-- memory.
CREATE TABLE revoked_tokens (
    jti        TEXT PRIMARY KEY,
    user_id    BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX revoked_tokens_expiry ON revoked_tokens(expires_at);
CREATE INDEX revoked_tokens_user ON revoked_tokens(user_id, expires_at);

-- When the account was deleted (seconds since the epoch); NULL while it lives. A deleted user's
-- row keeps its id for the orders that name it, with its personal data erased.
ALTER TABLE users ADD COLUMN deleted_at BIGINT;
