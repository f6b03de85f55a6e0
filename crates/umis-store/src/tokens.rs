//! API tokens, in portable SQL: only the SHA-256 of a secret is ever stored.

use crate::rows::{AuditEntry, NewToken, TokenRow};
use crate::sql::{Db, Val, WriteDb};
use crate::{StoreError, now_rfc3339};

/// Stores a new token (its hash) with its audit record.
pub(crate) fn create(
    db: &mut dyn WriteDb,
    t: &NewToken<'_>,
    audit: &AuditEntry<'_>,
) -> Result<(), StoreError> {
    db.exec(
        "INSERT INTO api_tokens (id, name, role, token_hash, created_at) VALUES ($1, $2, $3, $4, $5)",
        &[
            Val::Text(t.id),
            Val::Text(t.name),
            Val::Text(t.role.as_str()),
            Val::Text(t.token_hash),
            Val::Text(&now_rfc3339()),
        ],
    )?;
    db.audit(audit)
}

/// Revokes the live token named `name`, audited; `false` (and no audit) if there is none.
pub(crate) fn revoke(db: &mut dyn WriteDb, name: &str, audit: &AuditEntry<'_>) -> Result<bool, StoreError> {
    let n = db.exec(
        "UPDATE api_tokens SET revoked_at = $1 WHERE name = $2 AND revoked_at IS NULL",
        &[Val::Text(&now_rfc3339()), Val::Text(name)],
    )?;
    if n > 0 {
        db.audit(audit)?;
    }
    Ok(n > 0)
}

/// The live (not revoked) token with this hash.
pub(crate) fn by_hash(db: &mut dyn Db, token_hash: &str) -> Result<Option<TokenRow>, StoreError> {
    let row = db.row(
        "SELECT id, name, role FROM api_tokens WHERE token_hash = $1 AND revoked_at IS NULL",
        &[Val::Text(token_hash)],
    )?;
    row.map(|r| Ok(TokenRow { id: r.text(0)?, name: r.text(1)?, role: r.word(2, umis_domain::Role::parse)? }))
        .transpose()
}
