-- When the seller marked the refund of a paid order they cancelled as sent, NULL until then, and
-- the buyer's refund account it went to, as it was then (NULL when they had none). A refund
-- still owed keeps both parties' accounts from being deleted.
ALTER TABLE orders ADD COLUMN refunded_at INTEGER;
ALTER TABLE orders ADD COLUMN refunded_bank TEXT;
ALTER TABLE orders ADD COLUMN refunded_account_number TEXT;
ALTER TABLE orders ADD COLUMN refunded_holder_name TEXT;
