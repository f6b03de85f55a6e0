//! The values that cross the store's boundary: what goes in, what comes out.

use umis_domain::records::{Crossing, Permit, Registration};
use umis_domain::{Date, Direction, EntryBasisKind, PermitKind, PermitStatus};

/// The records of one import batch.
#[derive(Debug, Clone, Copy)]
pub enum Records<'a> {
    /// Border crossings.
    Crossings(&'a [Crossing]),
    /// Legacy permits.
    Permits(&'a [Permit]),
    /// Registrations at place of stay.
    Registrations(&'a [Registration]),
}

impl Records<'_> {
    /// How many records.
    pub fn len(&self) -> usize {
        match self {
            Records::Crossings(r) => r.len(),
            Records::Permits(r) => r.len(),
            Records::Registrations(r) => r.len(),
        }
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The record kind as the CLI and the batch log name it.
    pub fn kind(&self) -> &'static str {
        match self {
            Records::Crossings(_) => "crossings",
            Records::Permits(_) => "permits",
            Records::Registrations(_) => "registrations",
        }
    }

    /// The source identifier of record `i`.
    pub fn id(&self, i: usize) -> &str {
        match self {
            Records::Crossings(r) => &r[i].record_id,
            Records::Permits(r) => &r[i].permit_number,
            Records::Registrations(r) => &r[i].registration_id,
        }
    }
}

/// One batch of an import, committed as a whole.
#[derive(Debug, Clone, Copy)]
pub struct Batch<'a> {
    /// Where the rows came from (file name, `stdin`, `api:<token name>`).
    pub source: &'a str,
    /// The valid records; their identifiers are unique within the batch.
    pub records: Records<'a>,
    /// The content hash of each record, same order.
    pub hashes: &'a [i64],
    /// Rows of this stretch of the input refused before reaching the store.
    pub rejected: u64,
    /// Who imports (`cli`, `token:<name>`), for the audit record.
    pub actor: &'a str,
}

/// What became of one record of a batch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Stored now.
    Imported,
    /// Already stored with the same content.
    Duplicate,
    /// Already stored with other content (whose hash this is); the stored record is kept.
    Conflict {
        /// Content hash of the stored record.
        stored_hash: i64,
    },
}

/// A traveller's identity: the travel document.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TravellerKey {
    /// The document's issuing state (country code).
    pub issuing_state: String,
    /// The document number, upper-cased.
    pub document_number: String,
}

/// A crossing as the scan reads it, borrowed from the row being stepped.
#[derive(Debug, Clone, Copy)]
#[expect(missing_docs, reason = "fields are the stored columns of the same name")]
pub struct ScanCrossing<'a> {
    pub issuing_state: &'a str,
    pub document_number: &'a str,
    pub occurred_at_ns: i64,
    pub record_id: &'a str,
    pub direction: Direction,
    pub entry_basis: Option<EntryBasisKind>,
    pub stay_days: Option<u16>,
    pub nationality: &'a str,
}

/// A permit with its holder, as the scan reads it.
#[derive(Debug, Clone)]
#[expect(missing_docs, reason = "fields are the stored columns of the same name")]
pub struct HolderPermit {
    pub holder: TravellerKey,
    pub permit_number: String,
    pub kind: PermitKind,
    pub valid_from: Date,
    pub valid_until: Date,
    pub status: PermitStatus,
}

/// A registration with its holder, as the scan reads it.
#[derive(Debug, Clone)]
#[expect(missing_docs, reason = "fields are the stored columns of the same name")]
pub struct HolderRegistration {
    pub holder: TravellerKey,
    pub submitted_on: Date,
    pub registration_id: String,
    pub stay_from: Date,
    pub stay_until: Option<Date>,
}

/// A scan run's header.
#[derive(Debug, Clone, Copy)]
pub struct ScanRun<'a> {
    /// The rule pack used.
    pub pack: &'a str,
    /// The evaluation date.
    pub as_of: Date,
    /// Travellers evaluated.
    pub travellers: u64,
    /// Who ran it.
    pub actor: &'a str,
}

/// A finding to store as a review item.
#[derive(Debug, Clone)]
pub struct NewFinding {
    /// Identity of the finding across scans (pack, kind, traveller, date).
    pub key: String,
    /// What was found.
    pub kind: umis_domain::FindingKind,
    /// Whose finding.
    pub traveller: TravellerKey,
    /// The stay's entry date, or the anomaly's date.
    pub date: Date,
    /// The finding as one JSON object (the scan's output line).
    pub detail: String,
}

/// What a scan changed among the review items.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ScanCounts {
    /// The scan run's id.
    pub scan_id: i64,
    /// Findings new, or found again after having been resolved.
    pub opened: u64,
    /// Open findings found again (detail refreshed).
    pub still_open: u64,
    /// Open findings not found again: resolved as obsolete.
    pub resolved: u64,
    /// False when the run was dated before an earlier run of the same pack: a look into the
    /// past changes no review item (it would resolve findings that still stand today).
    pub review_items_updated: bool,
}

/// Everything stored about one traveller.
#[derive(Debug, Clone, Default)]
pub struct TravellerRecords {
    /// Crossings in order of time, then record id.
    pub crossings: Vec<umis_domain::records::Crossing>,
    /// Permits by valid_from.
    pub permits: Vec<Permit>,
    /// Registrations by submission date.
    pub registrations: Vec<Registration>,
    /// Review items of every pack, by date, with their keys.
    pub findings: Vec<crate::control::FindingListRow>,
}

/// An API token to store; the secret itself is never stored.
#[derive(Debug, Clone, Copy)]
pub struct NewToken<'a> {
    /// Random identifier.
    pub id: &'a str,
    /// Unique human name.
    pub name: &'a str,
    /// The role it carries.
    pub role: umis_domain::Role,
    /// SHA-256 of the secret, hex.
    pub token_hash: &'a str,
}

/// A live API token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenRow {
    /// Identifier.
    pub id: String,
    /// Human name.
    pub name: String,
    /// Role.
    pub role: umis_domain::Role,
}

/// One audit record.
#[derive(Debug, Clone, Copy)]
pub struct AuditEntry<'a> {
    /// Who (`cli`, `token:<name>`, `public`).
    pub actor: &'a str,
    /// What (`import.batch`, `traveller.read`, `token.create`, `scan.run`, `access.denied`).
    pub action: &'a str,
    /// On what (a traveller key, a token name, a file).
    pub object: &'a str,
    /// `ok` or `denied`.
    pub outcome: &'a str,
    /// A short JSON object with the rest; never a secret.
    pub detail: &'a str,
}

impl<'a> AuditEntry<'a> {
    /// A successful action with nothing more to record than who, what and on what.
    pub fn ok(actor: &'a str, action: &'a str, object: &'a str) -> AuditEntry<'a> {
        AuditEntry { actor, action, object, outcome: "ok", detail: "{}" }
    }
}

/// Row counts of the main tables.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[expect(missing_docs, reason = "one field per table")]
pub struct TableCounts {
    pub crossings: u64,
    pub permits: u64,
    pub registrations: u64,
    pub findings_open: u64,
    pub findings_resolved: u64,
    pub import_batches: u64,
    pub audit_log: u64,
}
