-- The service-centre counter: the state duty taken in person for a case, once per case, with
-- how it was paid and the payment's own receipt number (the cash register's or the card
-- terminal's slip), who took it and when. A receipt number is recorded once per office, so a
-- slip typed twice for two cases is caught.

CREATE TABLE case_payments (
    case_id TEXT PRIMARY KEY REFERENCES cases (id),
    amount_minor BIGINT NOT NULL CHECK (amount_minor > 0),
    method TEXT NOT NULL CHECK (method IN ('cash', 'card')),
    reference TEXT NOT NULL,
    office_code TEXT NOT NULL REFERENCES offices (code),
    taken_by TEXT NOT NULL REFERENCES users (id),
    taken_at TEXT NOT NULL
);
CREATE UNIQUE INDEX case_payments_reference ON case_payments (office_code, reference);
CREATE INDEX case_payments_office ON case_payments (office_code, taken_at);
CREATE INDEX cases_office_created ON cases (office_code, created_at);
