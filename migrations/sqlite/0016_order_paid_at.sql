-- When the seller confirmed the order's deposit, NULL while unpaid. A cancelled order that had
-- been paid owes the buyer a refund. Orders paid before this column existed take the time of
-- their "deposit_confirmed" event.
ALTER TABLE orders ADD COLUMN paid_at INTEGER;

UPDATE orders SET paid_at = (
    SELECT e.created_at FROM outbox e
    WHERE e.kind = 'deposit_confirmed' AND json_extract(e.payload, '$.order_id') = orders.id
    ORDER BY e.id DESC LIMIT 1)
WHERE status <> 'CREATED' AND status <> 'EXPIRED';
