-- How a form delivers (택배, 편의점 택배, 직접 수령), in the order the seller lists them; fees in won.
CREATE TABLE delivery_options (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    form_id     INTEGER NOT NULL REFERENCES forms(id),
    position    INTEGER NOT NULL,
    kind        TEXT NOT NULL,
    label       TEXT NOT NULL,
    fee         INTEGER NOT NULL CHECK (fee >= 0),
    pickup_note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX delivery_options_form ON delivery_options(form_id, position);

-- Orders whose items reach this total pay no fee.
ALTER TABLE forms ADD COLUMN free_shipping_over INTEGER;

-- The delivery frozen on an order when it was placed: the option as it was then and the recipient
-- as given (later changes to the form or the profile leave it be). NULL on orders of forms
-- without delivery options. The buyer transfers total + shipping_fee - discount.
ALTER TABLE orders ADD COLUMN shipping_fee INTEGER NOT NULL DEFAULT 0;
ALTER TABLE orders ADD COLUMN delivery_option_id INTEGER;
ALTER TABLE orders ADD COLUMN delivery_kind TEXT;
ALTER TABLE orders ADD COLUMN delivery_label TEXT;
ALTER TABLE orders ADD COLUMN delivery_fee INTEGER;  -- the option's fee then; shipping_fee is what is charged
ALTER TABLE orders ADD COLUMN pickup_note TEXT;
ALTER TABLE orders ADD COLUMN recipient_name TEXT;
ALTER TABLE orders ADD COLUMN recipient_phone TEXT;
ALTER TABLE orders ADD COLUMN address1 TEXT;
ALTER TABLE orders ADD COLUMN address2 TEXT;
ALTER TABLE orders ADD COLUMN zipcode TEXT;
