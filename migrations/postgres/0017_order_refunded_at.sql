-- When the seller marked the refund of a paid order they cancelled as sent, NULL until then. A
-- refund still owed keeps both parties' accounts from being deleted.
ALTER TABLE orders ADD COLUMN refunded_at BIGINT;
