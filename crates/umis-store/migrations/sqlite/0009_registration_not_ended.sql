-- A review item of a new kind: `registration_not_ended`, a registration at place of stay still
-- running after its holder left the country (no return while it ran, its last day passed).
--
-- SQLite cannot change a CHECK constraint: the table is rebuilt under the same name as in 0006,
-- its rows and the officers' resolutions kept (the foreign-key check deferred to the commit).
PRAGMA defer_foreign_keys = ON;

CREATE TABLE findings_before_0009 AS SELECT * FROM findings;
DROP TABLE findings;

CREATE TABLE findings (
    finding_key TEXT PRIMARY KEY,
    pack TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('overstay', 'unregistered_stay', 'anomaly', 'trp_absence',
                                        'registration_not_ended')),
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

INSERT INTO findings (finding_key, pack, kind, issuing_state, document_number, finding_date, detail,
                      status, resolution, first_scan_id, last_scan_id, resolved_at)
SELECT finding_key, pack, kind, issuing_state, document_number, finding_date, detail,
       status, resolution, first_scan_id, last_scan_id, resolved_at
  FROM findings_before_0009;
DROP TABLE findings_before_0009;

CREATE INDEX findings_traveller ON findings (issuing_state, document_number);
CREATE INDEX findings_open ON findings (status, finding_date);
