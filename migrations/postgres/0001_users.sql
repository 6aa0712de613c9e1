CREATE TABLE users (
    id                    BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name                  TEXT NOT NULL,
    email                 TEXT NOT NULL,
    email_key             TEXT NOT NULL UNIQUE,
    phone                 TEXT NOT NULL,
    password_hash         TEXT NOT NULL,
    address1              TEXT,
    address2              TEXT,
    zipcode               TEXT,
    refund_bank           TEXT,
    refund_account_number TEXT,
    refund_holder_name    TEXT,
    created_at            TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at            TIMESTAMPTZ NOT NULL DEFAULT now()
);
