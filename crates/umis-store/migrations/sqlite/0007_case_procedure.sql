-- Administrative procedure (review 2026-12 §4, X1): the state duty ordered after a positive
-- decision against a payment number, and its payment or lapse; refunds of duty wrongly taken;
-- the statutory clock's stops (information requested, suspended) with the reply deadline; the
-- coded exemption from the duty; recorded extensions of a deadline; notices to other
-- authorities a decision hands off to (a recognised citizenship to the identity-document
-- authority), kept until the interagency exchange sends them; interviews of the refugee
-- procedure, scheduled with an interpreter language and recorded as held on their actual date.
--
-- Existing cases keep every column they had. A case waiting for the applicant's answer today
-- gets its clock row, stopped on the day of its latest request for information, so the days
-- it has stood are added to its deadline when the answer comes.

CREATE TABLE case_duties (
    case_id TEXT PRIMARY KEY REFERENCES cases (id),
    payment_number TEXT NOT NULL UNIQUE,
    amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
    ordered_on TEXT NOT NULL,
    due_by TEXT NOT NULL,
    paid_amount_minor INTEGER,
    paid_reference TEXT,
    paid_at TEXT,
    recorded_by TEXT,
    lapsed_on TEXT
);
CREATE INDEX case_duties_due ON case_duties (due_by);

CREATE TABLE payment_number_counters (
    year INTEGER PRIMARY KEY,
    last_sequence INTEGER NOT NULL
);

CREATE TABLE case_refunds (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id TEXT NOT NULL REFERENCES cases (id),
    amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
    reason TEXT NOT NULL,
    recorded_by TEXT NOT NULL REFERENCES users (id),
    recorded_at TEXT NOT NULL
);
CREATE INDEX case_refunds_case ON case_refunds (case_id, id);

CREATE TABLE case_clock (
    case_id TEXT PRIMARY KEY REFERENCES cases (id),
    stopped_on TEXT,
    reply_by TEXT,
    duty_exemption TEXT CHECK (duty_exemption IN ('refugee', 'humanitarian'))
);
CREATE INDEX case_clock_reply ON case_clock (reply_by);

CREATE TABLE case_extensions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id TEXT NOT NULL REFERENCES cases (id),
    previous_due_on TEXT NOT NULL,
    new_due_on TEXT NOT NULL,
    reason TEXT NOT NULL,
    extended_by TEXT NOT NULL REFERENCES users (id),
    extended_at TEXT NOT NULL
);
CREATE INDEX case_extensions_case ON case_extensions (case_id, id);

CREATE TABLE outbound_notices (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id TEXT NOT NULL REFERENCES cases (id),
    recipient TEXT NOT NULL,
    kind TEXT NOT NULL,
    created_at TEXT NOT NULL,
    sent_at TEXT
);
CREATE INDEX outbound_notices_unsent ON outbound_notices (sent_at, id);

CREATE TABLE case_interviews (
    case_id TEXT NOT NULL REFERENCES cases (id),
    milestone TEXT NOT NULL,
    scheduled_on TEXT,
    interpreter_language TEXT,
    held_on TEXT,
    recorded_by TEXT NOT NULL REFERENCES users (id),
    PRIMARY KEY (case_id, milestone)
);

INSERT INTO case_clock (case_id, stopped_on)
SELECT c.id, substr(max(e.at), 1, 10)
FROM cases c JOIN case_events e ON e.case_id = c.id AND e.to_state = 'information_requested'
WHERE c.state = 'information_requested'
GROUP BY c.id;
