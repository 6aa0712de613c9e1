-- Who sees a form: DRAFT (its seller alone), PUBLIC (listed), UNLISTED (by its link).
ALTER TABLE forms ADD COLUMN visibility TEXT NOT NULL DEFAULT 'PUBLIC';
CREATE INDEX forms_seller ON forms(seller_id, id);

-- Option groups: the products of one group are the options of one thing, each with its own
-- stock; a buyer holds at most group_limit of the group together (the same on each of them).
ALTER TABLE products ADD COLUMN group_name TEXT NOT NULL DEFAULT '';
ALTER TABLE products ADD COLUMN option_name TEXT NOT NULL DEFAULT '';
ALTER TABLE products ADD COLUMN group_limit INTEGER CHECK (group_limit IS NULL OR group_limit >= 1);

-- What the seller asks every buyer, and a CHOICE's choices in the seller's order.
CREATE TABLE form_questions (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    form_id  INTEGER NOT NULL REFERENCES forms(id),
    position INTEGER NOT NULL,
    label    TEXT NOT NULL,
    kind     TEXT NOT NULL,
    required INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX form_questions_form ON form_questions(form_id, position);
CREATE TABLE question_choices (
    question_id INTEGER NOT NULL REFERENCES form_questions(id),
    position    INTEGER NOT NULL,
    label       TEXT NOT NULL,
    PRIMARY KEY (question_id, position)
);

-- A buyer's answers, frozen on the order with the question as it was asked.
CREATE TABLE order_answers (
    order_id    INTEGER NOT NULL REFERENCES orders(id),
    question_id INTEGER NOT NULL,
    position    INTEGER NOT NULL,
    label       TEXT NOT NULL,
    value       TEXT NOT NULL,
    PRIMARY KEY (order_id, question_id)
);

-- Search over titles and descriptions, Korean included: trigrams match any part of a word, so
-- "포토카" finds "포토카드". Kept in step with forms by triggers; a like (an update of other
-- columns) does not touch it.
CREATE VIRTUAL TABLE forms_search USING fts5(
    title, description, content = 'forms', content_rowid = 'id', tokenize = 'trigram'
);
INSERT INTO forms_search (rowid, title, description) SELECT id, title, description FROM forms;
CREATE TRIGGER forms_search_insert AFTER INSERT ON forms BEGIN
    INSERT INTO forms_search (rowid, title, description) VALUES (new.id, new.title, new.description);
END;
CREATE TRIGGER forms_search_delete AFTER DELETE ON forms BEGIN
    INSERT INTO forms_search (forms_search, rowid, title, description)
        VALUES ('delete', old.id, old.title, old.description);
END;
CREATE TRIGGER forms_search_update AFTER UPDATE OF title, description ON forms BEGIN
    INSERT INTO forms_search (forms_search, rowid, title, description)
        VALUES ('delete', old.id, old.title, old.description);
    INSERT INTO forms_search (rowid, title, description) VALUES (new.id, new.title, new.description);
END;
