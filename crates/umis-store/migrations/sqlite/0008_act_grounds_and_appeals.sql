-- Coded grounds of acts, the cancellation of issued documents as a four-eyes procedure, and the
-- appeal's act and court stage.
--
-- A refusal now cites coded grounds (`ground_codes`, comma-separated codes of the services
-- catalogue) and keeps `grounds` as a note that only adds to them. A case refused before this
-- migration keeps its free text as the note, with no codes: nothing is rewritten.
ALTER TABLE cases ADD COLUMN ground_codes TEXT;
-- What an appeal challenges: `refusal`, `cancellation` or `inaction` (a missed deadline). Every
-- appeal filed before this migration challenged a refusal, the only appealable act then.
ALTER TABLE cases ADD COLUMN appealed_act TEXT;
UPDATE cases SET appealed_act = 'refusal' WHERE appeal_of IS NOT NULL;

-- A cancellation (revocation) of an issued document: proposed with coded grounds by one officer,
-- confirmed by another (only then is the document revoked and the holder notified), annulled
-- when an appeal or a court upholds the holder's challenge. Documents revoked before this
-- migration keep their free-text reason in issued_documents.revoke_reason and have no row here.
CREATE TABLE document_cancellations (
    number TEXT PRIMARY KEY REFERENCES issued_documents (number),
    case_id TEXT NOT NULL REFERENCES cases (id),
    ground_codes TEXT NOT NULL,
    note TEXT,
    proposed_by TEXT NOT NULL REFERENCES users (id),
    proposed_at TEXT NOT NULL,
    confirmed_by TEXT REFERENCES users (id),
    confirmed_on TEXT,
    annulled_on TEXT
);
CREATE INDEX document_cancellations_case ON document_cancellations (case_id);

-- The court stage of a challenged act (one per appeal): the claim filed and, later, the judgment.
CREATE TABLE court_stages (
    appeal_id TEXT PRIMARY KEY REFERENCES cases (id),
    claim_filed_on TEXT NOT NULL,
    judgment TEXT CHECK (judgment IN ('upheld', 'dismissed')),
    judgment_on TEXT,
    recorded_by TEXT NOT NULL REFERENCES users (id),
    recorded_at TEXT NOT NULL
);
