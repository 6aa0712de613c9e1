-- Pictures of a form (its cover gallery, product_id NULL) and of its products, in the seller's
-- order.
CREATE TABLE images (
    id         TEXT PRIMARY KEY,
    form_id    BIGINT NOT NULL REFERENCES forms(id),
    product_id BIGINT REFERENCES products(id),
    position   BIGINT NOT NULL,
    width      BIGINT NOT NULL,
    height     BIGINT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX images_form ON images(form_id, product_id, position);

-- The encoded bytes of each image's sizes, in the database so that every instance serves every
-- image without a shared disk. Written before the image's row and removed after it.
CREATE TABLE image_bytes (
    image_id TEXT NOT NULL,
    size     TEXT NOT NULL,
    bytes    BYTEA NOT NULL,
    PRIMARY KEY (image_id, size)
);
