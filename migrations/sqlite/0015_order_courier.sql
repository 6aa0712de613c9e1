-- The courier a shipped order went with (a code of the couriers the API lists), NULL when the
-- seller gave only a tracking number. Orders shipped before this column existed take it from
-- their "shipped" event, where it was kept.
ALTER TABLE orders ADD COLUMN courier TEXT;

UPDATE orders SET courier = (
    SELECT json_extract(e.payload, '$.courier.code') FROM outbox e
    WHERE e.kind = 'shipped' AND json_extract(e.payload, '$.order_id') = orders.id
    ORDER BY e.id DESC LIMIT 1)
WHERE tracking_number IS NOT NULL;
