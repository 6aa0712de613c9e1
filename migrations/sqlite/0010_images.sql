-- Pictures of a form (its cover gallery, product_id NULL) and of its products, in the seller's
-- order. The encoded bytes live in files under the data directory, named by the id.
CREATE TABLE images (
    id         TEXT PRIMARY KEY,
    form_id    INTEGER NOT NULL REFERENCES forms(id),
    product_id INTEGER REFERENCES products(id),
    position   INTEGER NOT NULL,
    width      INTEGER NOT NULL,
    height     INTEGER NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX images_form ON images(form_id, product_id, position);
