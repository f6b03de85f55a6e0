-- A review item of a new kind: `trp_absence`, a temporary residence permit whose holder was
-- abroad more than the pack's limit (90 days) within its window (180 days).
--
-- SQLite cannot change a CHECK constraint, so the table is rebuilt under the same name. Its
-- rows are kept aside, the table dropped and created again, and the rows put back; the
-- officers' resolutions refer to their findings by key, and the foreign-key check is deferred
-- to the commit, by which time every key they refer to is back.
PRAGMA defer_foreign_keys = ON;

CREATE TABLE findings_before_0006 AS SELECT * FROM findings;
DROP TABLE findings;

CREATE TABLE findings (
    finding_key TEXT PRIMARY KEY,
    pack TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('overstay', 'unregistered_stay', 'anomaly', 'trp_absence')),
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
  FROM findings_before_0006;
DROP TABLE findings_before_0006;

CREATE INDEX findings_traveller ON findings (issuing_state, document_number);
CREATE INDEX findings_open ON findings (status, finding_date);
