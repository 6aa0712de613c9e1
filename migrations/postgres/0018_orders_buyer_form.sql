-- A buyer's orders on one form, newest first (the form page's "already ordered" card, asked on
-- every reload once the sale is open): without it, SQLite walks every order of the form for the
-- buyer's few, and the form's orders grow fastest at the opening.
CREATE INDEX orders_buyer_form ON orders(buyer_id, form_id, id);
