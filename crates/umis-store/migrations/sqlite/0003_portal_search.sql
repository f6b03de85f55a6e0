-- Officers' resolutions of review items: who closed a finding, how, and why. Append-only: a
-- finding reopened by a later scan and resolved again keeps every earlier resolution.
CREATE TABLE finding_resolutions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    finding_key TEXT NOT NULL REFERENCES findings (finding_key),
    issuing_state TEXT NOT NULL,
    document_number TEXT NOT NULL,
    resolution TEXT NOT NULL CHECK (resolution IN ('fined', 'departed', 'registered_late', 'data_error', 'no_action')),
    note TEXT NOT NULL,
    resolved_by TEXT NOT NULL,
    resolved_at TEXT NOT NULL
);
CREATE INDEX finding_resolutions_traveller ON finding_resolutions (issuing_state, document_number, id);
