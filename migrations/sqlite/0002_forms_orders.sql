-- Times are milliseconds since the Unix epoch (UTC); money is integer won.
CREATE TABLE forms (
    id                     INTEGER PRIMARY KEY AUTOINCREMENT,
    seller_id              INTEGER NOT NULL REFERENCES users(id),
    title                  TEXT NOT NULL,
    description            TEXT NOT NULL,
    opens_at               INTEGER NOT NULL,
    closes_at              INTEGER NOT NULL,
    deposit_deadline_hours INTEGER NOT NULL,
    bank                   TEXT NOT NULL,
    account_number         TEXT NOT NULL,
    holder_name            TEXT NOT NULL,
    closed_at              INTEGER,
    likes                  INTEGER NOT NULL DEFAULT 0,
    created_at             INTEGER NOT NULL,
    CHECK (opens_at < closes_at)
);

CREATE TABLE products (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    form_id         INTEGER NOT NULL REFERENCES forms(id),
    position        INTEGER NOT NULL,
    name            TEXT NOT NULL,
    price           INTEGER NOT NULL CHECK (price >= 0),
    stock_total     INTEGER NOT NULL CHECK (stock_total >= 0),
    stock_remaining INTEGER NOT NULL CHECK (stock_remaining >= 0 AND stock_remaining <= stock_total),
    per_buyer_limit INTEGER CHECK (per_buyer_limit IS NULL OR per_buyer_limit >= 1)
);
CREATE INDEX products_form ON products(form_id, position);

CREATE TABLE orders (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    form_id          INTEGER NOT NULL REFERENCES forms(id),
    buyer_id         INTEGER NOT NULL REFERENCES users(id),
    status           TEXT NOT NULL,
    total            INTEGER NOT NULL,
    depositor_name   TEXT NOT NULL,
    deposit_deadline INTEGER NOT NULL,
    tracking_number  TEXT,
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL
);
CREATE INDEX orders_buyer ON orders(buyer_id, id);
CREATE INDEX orders_form ON orders(form_id, id);
CREATE INDEX orders_unpaid ON orders(deposit_deadline) WHERE status = 'CREATED';

CREATE TABLE order_items (
    order_id   INTEGER NOT NULL REFERENCES orders(id),
    product_id INTEGER NOT NULL REFERENCES products(id),
    quantity   INTEGER NOT NULL CHECK (quantity > 0),
    unit_price INTEGER NOT NULL,
    PRIMARY KEY (order_id, product_id)
);

-- What each buyer holds of each product in active orders: the per-buyer limit is enforced by a
-- conditional update of this row, in the order's transaction.
CREATE TABLE buyer_product_totals (
    buyer_id   INTEGER NOT NULL,
    product_id INTEGER NOT NULL,
    quantity   INTEGER NOT NULL CHECK (quantity >= 0),
    PRIMARY KEY (buyer_id, product_id)
);

CREATE TABLE idempotency_keys (
    user_id      INTEGER NOT NULL,
    key          TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    order_id     INTEGER NOT NULL REFERENCES orders(id),
    created_at   INTEGER NOT NULL,
    PRIMARY KEY (user_id, key)
);

-- Refused order attempts, aggregated per user, form, product, reason and minute.
CREATE TABLE order_failures (
    user_id    INTEGER NOT NULL,
    form_id    INTEGER NOT NULL,
    product_id INTEGER NOT NULL DEFAULT 0,
    reason     TEXT NOT NULL,
    minute     INTEGER NOT NULL,
    attempts   INTEGER NOT NULL,
    PRIMARY KEY (form_id, product_id, reason, minute, user_id)
);
