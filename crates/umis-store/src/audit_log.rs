//! Appending to the audit log, in portable SQL: one record at the chain head. The hashing is
//! `audit_chain`'s; reading the whole chain back for verification stays native in each
//! dialect (it streams up to millions of rows straight into records).

use crate::StoreError;
use crate::audit_chain;
use crate::rows::AuditEntry;
use crate::sql::{Val, WriteDb};

/// Serialises appends to the audit chain across PostgreSQL sessions ("audt" in ASCII).
const AUDIT_LOCK: i64 = 0x6175_6474;

/// Appends a record to the audit chain. Writers take turns at the chain head: SQLite's writer
/// holds the database lock (`BEGIN IMMEDIATE`), PostgreSQL's takes a transaction-scoped
/// advisory lock first, so reading the head and appending cannot interleave.
pub(crate) fn append(db: &mut dyn WriteDb, e: &AuditEntry<'_>) -> Result<(), StoreError> {
    db.lock_for_turn(AUDIT_LOCK)?;
    let head = db.row("SELECT id, leaf_hash FROM audit_log ORDER BY id DESC LIMIT 1", &[])?;
    let (prev_id, prev_leaf) = match head {
        Some(r) => (r.int(0)?, r.text(1)?),
        None => (0, audit_chain::GENESIS.to_owned()),
    };
    let r = audit_chain::next_record(prev_id, &prev_leaf, e);
    db.exec(
        "INSERT INTO audit_log (id, at, actor, action, object, outcome, detail, payload_hash, leaf_hash) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        &[
            Val::Int(r.id),
            Val::Text(&r.at),
            Val::Text(e.actor),
            Val::Text(e.action),
            Val::Text(e.object),
            Val::Text(e.outcome),
            Val::Text(e.detail),
            Val::Text(&r.payload_hash),
            Val::Text(&r.leaf_hash),
        ],
    )?;
    Ok(())
}
