//! Reading the audit trail page by page (metadata only: the detail stays in the database).

use crate::StoreError;
use crate::sql::{Db, Val};

/// One audit record's metadata.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct AuditMeta {
    /// Position in the chain.
    pub id: i64,
    /// When (RFC 3339, UTC).
    pub at: String,
    /// Who, in which role, at which office.
    pub actor: String,
    /// What.
    pub action: String,
    /// On what.
    pub object: String,
    /// `ok` or `denied`.
    pub outcome: String,
    /// Hash of the detail (the detail itself is not shown).
    pub payload_hash: String,
    /// The record's chain hash.
    pub leaf_hash: String,
}

/// Records after `after_id`, at most `limit`, oldest first; optionally one action only.
pub fn audit_page(
    db: &mut dyn Db,
    after_id: i64,
    limit: i64,
    action: Option<&str>,
) -> Result<Vec<AuditMeta>, StoreError> {
    db.rows(
        "SELECT id, at, actor, action, object, outcome, payload_hash, leaf_hash FROM audit_log \
         WHERE id > $1 AND (CAST($3 AS TEXT) IS NULL OR action = $3) ORDER BY id LIMIT $2",
        &[Val::Int(after_id), Val::Int(limit), action.into()],
    )?
    .iter()
    .map(|r| {
        Ok(AuditMeta {
            id: r.int(0)?,
            at: r.text(1)?,
            actor: r.text(2)?,
            action: r.text(3)?,
            object: r.text(4)?,
            outcome: r.text(5)?,
            payload_hash: r.text(6)?,
            leaf_hash: r.text(7)?,
        })
    })
    .collect()
}
