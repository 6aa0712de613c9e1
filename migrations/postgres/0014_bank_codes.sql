-- Banks are named by their standard codes (금융결제원 표준 은행코드) instead of the names the
-- API used before; the same eight banks, so every stored value gets its code. Running it again
-- changes nothing.
CREATE TEMP TABLE bank_codes (name TEXT PRIMARY KEY, code TEXT NOT NULL);
INSERT INTO bank_codes (name, code) VALUES
    ('KB_KOOKMIN', '004'), ('SHINHAN', '088'), ('KAKAO', '090'), ('WOORI', '020'),
    ('KEB_HANA', '081'), ('NH_NONGHYUP', '011'), ('IBK', '003'), ('K_BANK', '089');

UPDATE users SET refund_bank = (SELECT code FROM bank_codes WHERE name = users.refund_bank)
    WHERE refund_bank IN (SELECT name FROM bank_codes);
UPDATE forms SET bank = (SELECT code FROM bank_codes WHERE name = forms.bank)
    WHERE bank IN (SELECT name FROM bank_codes);

DROP TABLE bank_codes;
