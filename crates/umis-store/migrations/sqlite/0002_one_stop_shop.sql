-- The one-stop shop: offices, accounts and sessions, cases of every e-service with their
-- events and documents, issued credentials, the work-permit quota, notifications and
-- idempotency keys. Ids of people, cases and documents are random 128-bit hex (never
-- sequential, so guessing one finds nothing); instants are UTC nanoseconds or RFC 3339 text,
-- civil dates ISO text, money integer qəpik.

CREATE TABLE offices (
    code TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('headquarters', 'regional', 'service_centre')),
    name TEXT NOT NULL
);

CREATE TABLE users (
    id TEXT PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL,
    office_code TEXT REFERENCES offices (code),
    all_offices INTEGER NOT NULL DEFAULT 0,
    email TEXT,
    lang TEXT NOT NULL DEFAULT 'az',
    password_hash TEXT NOT NULL,
    totp_secret TEXT,
    totp_last_step INTEGER,
    failed_logins INTEGER NOT NULL DEFAULT 0,
    locked_until_ns INTEGER,
    disabled_at TEXT,
    created_at TEXT NOT NULL,
    password_changed_at TEXT NOT NULL
);

-- Only a hash of the session id is stored: a copy of the database cannot be used to sign in.
CREATE TABLE sessions (
    id_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users (id),
    csrf_token TEXT NOT NULL,
    second_factor_done INTEGER NOT NULL,
    created_ns INTEGER NOT NULL,
    last_seen_ns INTEGER NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE cases (
    id TEXT PRIMARY KEY,
    receipt TEXT UNIQUE,
    service TEXT NOT NULL,
    office_code TEXT NOT NULL REFERENCES offices (code),
    owner_id TEXT NOT NULL REFERENCES users (id),
    state TEXT NOT NULL,
    state_actor TEXT,
    proposal TEXT,
    grounds TEXT,
    outcome TEXT,
    fee_tier TEXT NOT NULL,
    fee_minor INTEGER NOT NULL,
    fee_paid INTEGER NOT NULL DEFAULT 0,
    form TEXT NOT NULL,
    holder_state TEXT,
    holder_document TEXT,
    holder_birth_date TEXT,
    employer_tin TEXT,
    appeal_of TEXT REFERENCES cases (id),
    sensitive INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    submitted_on TEXT,
    due_on TEXT,
    decided_on TEXT,
    version INTEGER NOT NULL
);
CREATE INDEX cases_queue ON cases (office_code, state, due_on);
CREATE INDEX cases_owner ON cases (owner_id);
CREATE INDEX cases_holder ON cases (holder_state, holder_document);

-- The last receipt sequence number per office and year.
CREATE TABLE receipt_counters (
    office_code TEXT NOT NULL REFERENCES offices (code),
    year INTEGER NOT NULL,
    last_sequence INTEGER NOT NULL,
    PRIMARY KEY (office_code, year)
);

CREATE TABLE case_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id TEXT NOT NULL REFERENCES cases (id),
    at TEXT NOT NULL,
    actor_id TEXT NOT NULL,
    actor_role TEXT NOT NULL,
    event TEXT NOT NULL,
    from_state TEXT NOT NULL,
    to_state TEXT NOT NULL,
    note TEXT
);
CREATE INDEX case_events_case ON case_events (case_id, id);

-- Uploaded files live in the database, in the transaction that records them: a crash leaves
-- no orphan file and no row without its bytes.
CREATE TABLE case_documents (
    id TEXT PRIMARY KEY,
    case_id TEXT NOT NULL REFERENCES cases (id),
    doc_type TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('pdf', 'jpeg', 'png')),
    size INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    content BLOB NOT NULL,
    uploaded_by TEXT NOT NULL,
    uploaded_at TEXT NOT NULL
);
CREATE INDEX case_documents_case ON case_documents (case_id);

-- Permits, certificates and decisions issued from cases, with their signed credential.
CREATE TABLE issued_documents (
    number TEXT PRIMARY KEY,
    case_id TEXT NOT NULL REFERENCES cases (id),
    doc_type TEXT NOT NULL,
    kind TEXT NOT NULL,
    credential TEXT NOT NULL,
    issued_on TEXT NOT NULL,
    valid_from TEXT,
    valid_until TEXT,
    revoked_on TEXT,
    revoke_reason TEXT
);
CREATE INDEX issued_documents_case ON issued_documents (case_id);

CREATE TABLE work_quota (
    year INTEGER PRIMARY KEY,
    quota INTEGER NOT NULL,
    used INTEGER NOT NULL CHECK (used <= quota)
);

-- Jobs: queued in the transaction of the change they announce, delivered by a worker.
CREATE TABLE notifications (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id TEXT NOT NULL REFERENCES cases (id),
    user_id TEXT NOT NULL REFERENCES users (id),
    message TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('queued', 'sent', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_ns INTEGER NOT NULL,
    last_error TEXT,
    created_at TEXT NOT NULL,
    sent_at TEXT
);
CREATE INDEX notifications_due ON notifications (status, next_attempt_ns);

-- A creating POST with an Idempotency-Key header answers a repeat with the first answer.
CREATE TABLE idempotency_keys (
    user_id TEXT NOT NULL,
    key TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    status INTEGER NOT NULL,
    body TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (user_id, key)
);
