-- Stay control: what the border, the legacy permit system and hosts tell us, and what the
-- scan finds. Civil dates are ISO text; instants are UTC nanoseconds; hashes are xxh3-64.

-- The batch that stored each record. Records carry its id without a foreign key: the batch
-- row is written in the same transaction as its records, and a per-row foreign-key check
-- would dominate bulk-load time on PostgreSQL.
CREATE TABLE import_batches (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    record_kind TEXT NOT NULL CHECK (record_kind IN ('crossings', 'permits', 'registrations')),
    source TEXT NOT NULL,
    committed_at TEXT NOT NULL,
    imported INTEGER NOT NULL,
    duplicate INTEGER NOT NULL,
    conflict INTEGER NOT NULL,
    rejected INTEGER NOT NULL
);

-- A plain rowid table: bulk imports append, and only the two indexes (record_id, traveller)
-- take random inserts. The scan reads the table sequentially and orders rows in memory.
CREATE TABLE crossings (
    record_id TEXT NOT NULL UNIQUE,
    issuing_state TEXT NOT NULL,
    document_number TEXT NOT NULL,
    occurred_at_ns INTEGER NOT NULL,
    direction TEXT NOT NULL CHECK (direction IN ('entry', 'exit')),
    offset_seconds INTEGER NOT NULL,
    border_point TEXT NOT NULL,
    document_type TEXT NOT NULL,
    document_expiry TEXT,
    surname TEXT NOT NULL,
    given_names TEXT,
    date_of_birth TEXT NOT NULL,
    sex TEXT NOT NULL CHECK (sex IN ('M', 'F', 'X')),
    nationality TEXT NOT NULL,
    entry_basis TEXT,
    entry_basis_reference TEXT,
    stay_days INTEGER,
    content_hash INTEGER NOT NULL,
    batch_id INTEGER NOT NULL
);
CREATE INDEX crossings_traveller ON crossings (issuing_state, document_number);

CREATE TABLE permits (
    permit_number TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    issuing_state TEXT NOT NULL,
    document_number TEXT NOT NULL,
    valid_from TEXT NOT NULL,
    valid_until TEXT NOT NULL,
    employer_tin TEXT,
    status TEXT NOT NULL CHECK (status IN ('active', 'revoked')),
    content_hash INTEGER NOT NULL,
    batch_id INTEGER NOT NULL
);
CREATE INDEX permits_holder ON permits (issuing_state, document_number);

CREATE TABLE registrations (
    registration_id TEXT PRIMARY KEY,
    issuing_state TEXT NOT NULL,
    document_number TEXT NOT NULL,
    submitted_on TEXT NOT NULL,
    address TEXT NOT NULL,
    host_kind TEXT NOT NULL,
    stay_from TEXT NOT NULL,
    stay_until TEXT,
    content_hash INTEGER NOT NULL,
    batch_id INTEGER NOT NULL
);
CREATE INDEX registrations_holder ON registrations (issuing_state, document_number);

CREATE TABLE scan_runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    pack TEXT NOT NULL,
    as_of TEXT NOT NULL,
    finished_at TEXT NOT NULL,
    travellers INTEGER NOT NULL,
    findings INTEGER NOT NULL,
    opened INTEGER NOT NULL,
    resolved INTEGER NOT NULL
);

-- Review items for officers. The key is the finding's identity (kind, traveller, stay or
-- anomaly date), so a re-run updates rather than duplicates, and an obsolete finding is
-- resolved, never deleted.
CREATE TABLE findings (
    finding_key TEXT PRIMARY KEY,
    pack TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('overstay', 'unregistered_stay', 'anomaly')),
    issuing_state TEXT NOT NULL,
    document_number TEXT NOT NULL,
    finding_date TEXT NOT NULL,
    detail TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('open', 'resolved')),
    resolution TEXT,
    first_scan_id INTEGER NOT NULL REFERENCES scan_runs (id),
    last_scan_id INTEGER NOT NULL REFERENCES scan_runs (id),
    resolved_at TEXT
);
CREATE INDEX findings_traveller ON findings (issuing_state, document_number);
CREATE INDEX findings_open ON findings (status, finding_date);

CREATE TABLE api_tokens (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    role TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    revoked_at TEXT
);

-- Every change and every read of personal data, written in the transaction that does it.
-- A hash chain: each record's leaf hash covers the previous leaf, its own metadata and the hash
-- of its detail, so an edited, deleted, inserted or reordered record breaks the chain, while
-- erasing an expired detail (set to NULL, hash kept) does not. Ids are assigned by the writer,
-- one after the other, under the chain's lock.
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    object TEXT NOT NULL,
    outcome TEXT NOT NULL,
    detail TEXT,
    payload_hash TEXT NOT NULL,
    leaf_hash TEXT NOT NULL
);
