//! The audit log's hash chain: how a record's hashes are made and how a chain is checked.
//!
//! `leaf = SHA-256(previous leaf ‖ id ‖ at ‖ actor ‖ action ‖ object ‖ outcome ‖ payload hash)`,
//! each field length-prefixed, the first previous leaf being 64 zeros. The detail itself enters
//! only through its hash, so a detail can be erased (retention) without breaking the chain.
//! A chain alone cannot reveal a rewrite by someone who recomputes every later leaf, nor a
//! truncated tail: signed checkpoints held by a witness close those gaps.

use sha2::{Digest, Sha256};

/// The previous leaf of the first record.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

// The `hex` crate's table encoder: verification hexes two digests per record, a million records
// at a time. umis-core spells its ids and keys with the same crate.
fn hex(bytes: &[u8]) -> String {
    ::hex::encode(bytes)
}

/// SHA-256 of a detail, hex.
pub(crate) fn payload_hash(detail: &str) -> String {
    hex(&Sha256::digest(detail.as_bytes()))
}

/// The metadata of one record, as hashed.
pub(crate) struct LeafInput<'a> {
    pub id: i64,
    pub at: &'a str,
    pub actor: &'a str,
    pub action: &'a str,
    pub object: &'a str,
    pub outcome: &'a str,
    pub payload_hash: &'a str,
}

/// The leaf hash of a record after `prev`.
pub(crate) fn leaf_hash(prev: &str, r: &LeafInput<'_>) -> String {
    let mut h = Sha256::new();
    h.update(prev.as_bytes());
    let id = r.id.to_string();
    for field in [id.as_str(), r.at, r.actor, r.action, r.object, r.outcome, r.payload_hash] {
        h.update((field.len() as u32).to_le_bytes());
        h.update(field.as_bytes());
    }
    hex(&h.finalize())
}

/// The chain values of a record about to be appended after (`prev_id`, `prev_leaf`).
pub(crate) struct NextRecord {
    pub id: i64,
    pub at: String,
    pub payload_hash: String,
    pub leaf_hash: String,
}

/// Numbers, timestamps and hashes the record `e` that follows the chain head.
pub(crate) fn next_record(prev_id: i64, prev_leaf: &str, e: &crate::rows::AuditEntry<'_>) -> NextRecord {
    let at = crate::now_rfc3339();
    let payload_hash = payload_hash(e.detail);
    let input = LeafInput {
        id: prev_id + 1,
        at: &at,
        actor: e.actor,
        action: e.action,
        object: e.object,
        outcome: e.outcome,
        payload_hash: &payload_hash,
    };
    let leaf_hash = leaf_hash(prev_leaf, &input);
    NextRecord { id: prev_id + 1, at, payload_hash, leaf_hash }
}

/// A stored audit record, as the verifier reads it.
#[derive(Debug, Clone)]
pub struct AuditRow {
    /// Position in the chain (1, 2, 3 …).
    pub id: i64,
    /// When (RFC 3339, UTC).
    pub at: String,
    /// Who.
    pub actor: String,
    /// What.
    pub action: String,
    /// On what.
    pub object: String,
    /// `ok` or `denied`.
    pub outcome: String,
    /// The detail, `None` once erased.
    pub detail: Option<String>,
    /// SHA-256 of the detail as written.
    pub payload_hash: String,
    /// The chain hash.
    pub leaf_hash: String,
}

/// The outcome of checking a chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditReport {
    /// Records checked.
    pub records: u64,
    /// Details erased (hash kept), which is allowed.
    pub erased: u64,
    /// The latest leaf hash (the chain head), to compare with a witness's checkpoint.
    pub head: String,
    /// The first record that does not verify, and why.
    pub broken: Option<(i64, String)>,
    /// The head after the first `mark` records, when a mark was asked for and reached.
    pub marked_head: Option<String>,
}

/// Checks records given in id order; notes the head after `mark` records.
pub(crate) fn verify(rows: impl IntoIterator<Item = AuditRow>, mark: Option<u64>) -> AuditReport {
    let mut report =
        AuditReport { records: 0, erased: 0, head: GENESIS.to_owned(), broken: None, marked_head: None };
    if mark == Some(0) {
        report.marked_head = Some(GENESIS.to_owned());
    }
    for (expected_id, r) in (1..).zip(rows) {
        report.records += 1;
        let problem = if r.id != expected_id {
            Some(format!("expected record {expected_id} here: a record was deleted, inserted or moved"))
        } else if r.detail.as_deref().is_some_and(|d| payload_hash(d) != r.payload_hash) {
            Some("the detail does not match its hash: it was edited".to_owned())
        } else {
            let input = LeafInput {
                id: r.id,
                at: &r.at,
                actor: &r.actor,
                action: &r.action,
                object: &r.object,
                outcome: &r.outcome,
                payload_hash: &r.payload_hash,
            };
            (leaf_hash(&report.head, &input) != r.leaf_hash).then(|| {
                "the record or its predecessor was altered: the chain hash does not match".to_owned()
            })
        };
        if let Some(p) = problem {
            report.broken = Some((r.id, p));
            return report;
        }
        report.erased += u64::from(r.detail.is_none());
        report.head = r.leaf_hash;
        if mark == Some(report.records) {
            report.marked_head = Some(report.head.clone());
        }
    }
    report
}
