-- Who liked which form; forms.likes counts these rows, updated in the same transaction.
CREATE TABLE likes (
    form_id    BIGINT NOT NULL REFERENCES forms(id),
    user_id    BIGINT NOT NULL REFERENCES users(id),
    created_at BIGINT NOT NULL,
    PRIMARY KEY (form_id, user_id)
);
CREATE INDEX likes_user ON likes(user_id, created_at);
