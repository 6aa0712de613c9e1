-- Coupons a seller hands out first come, first served: exactly `quantity`, one per user.
CREATE TABLE coupons (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    form_id         INTEGER NOT NULL REFERENCES forms(id),
    name            TEXT NOT NULL,
    discount        INTEGER NOT NULL CHECK (discount > 0),
    quantity        INTEGER NOT NULL CHECK (quantity >= 1),
    issued          INTEGER NOT NULL DEFAULT 0 CHECK (issued >= 0 AND issued <= quantity),
    claim_opens_at  INTEGER NOT NULL,
    claim_closes_at INTEGER NOT NULL,
    created_at      INTEGER NOT NULL,
    CHECK (claim_opens_at < claim_closes_at)
);
CREATE INDEX coupons_form ON coupons(form_id, id);

-- A user's claim; unique per coupon and user. Status AVAILABLE or USED (by order_id).
CREATE TABLE user_coupons (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    coupon_id  INTEGER NOT NULL REFERENCES coupons(id),
    user_id    INTEGER NOT NULL REFERENCES users(id),
    status     TEXT NOT NULL,
    order_id   INTEGER,
    claimed_at INTEGER NOT NULL,
    UNIQUE (coupon_id, user_id)
);
CREATE INDEX user_coupons_user ON user_coupons(user_id, id);

ALTER TABLE orders ADD COLUMN discount INTEGER NOT NULL DEFAULT 0;
ALTER TABLE orders ADD COLUMN user_coupon_id INTEGER;
