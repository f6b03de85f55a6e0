//! PostgreSQL: the production database. Bulk import streams batches through `COPY` into a
//! per-session staging table and moves them with one `INSERT … SELECT`; the rest is plain
//! parameterised SQL. Text keys use the "C" collation so ordering is bytewise, as on SQLite.

mod import;
pub(crate) mod portable;
mod read;

use crate::migrate::{BOOKKEEPING, POSTGRES};
use crate::pool::Pool;
use crate::rows::{AuditEntry, NewToken, TableCounts, TokenRow};
use crate::{StoreError, audit_chain, now_rfc3339};
use postgres::{Client, NoTls, Transaction};

pub(crate) struct PgStore {
    pool: Pool<Client>,
}

/// Serialises concurrent `umis migrate` runs (an arbitrary constant, "umis" in ASCII).
const MIGRATION_LOCK: i64 = 0x756d_6973;

impl PgStore {
    pub(crate) fn open(url: &str) -> Result<PgStore, StoreError> {
        let url = url.to_owned();
        let first = Client::connect(&url, NoTls)?;
        drop(first);
        Ok(PgStore { pool: Pool::new(Box::new(move || Ok(Client::connect(&url, NoTls)?)), 8) })
    }

    pub(crate) fn write<T, E: From<StoreError>>(
        &self,
        f: impl FnOnce(&mut Transaction<'_>) -> Result<T, E>,
    ) -> Result<T, E> {
        let mut conn = self.pool.get().map_err(E::from)?;
        let result = (|| {
            let mut tx = conn.transaction().map_err(StoreError::from)?;
            let value = f(&mut tx)?;
            tx.commit().map_err(StoreError::from)?;
            Ok(value)
        })();
        if result.is_err() {
            conn.discard();
        }
        result
    }

    /// A read-only transaction, rolled back at the end.
    pub(crate) fn read<T, E: From<StoreError>>(
        &self,
        f: impl FnOnce(&mut Transaction<'_>) -> Result<T, E>,
    ) -> Result<T, E> {
        let mut conn = self.pool.get().map_err(E::from)?;
        let result = (|| {
            let mut tx = conn.build_transaction().read_only(true).start().map_err(StoreError::from)?;
            f(&mut tx)
        })();
        if result.is_err() {
            conn.discard();
        }
        result
    }

    pub(crate) fn migrate(&self) -> Result<Vec<String>, StoreError> {
        self.write(|tx| {
            tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])?;
            tx.batch_execute(BOOKKEEPING)?;
            let mut applied = Vec::new();
            for m in POSTGRES {
                let done = tx.query_opt("SELECT name FROM schema_migrations WHERE name = $1", &[&m.name])?;
                if done.is_none() {
                    tx.batch_execute(m.sql)?;
                    tx.execute(
                        "INSERT INTO schema_migrations (name, applied_at) VALUES ($1, $2)",
                        &[&m.name, &now_rfc3339()],
                    )?;
                    applied.push(m.name.to_owned());
                }
            }
            Ok(applied)
        })
    }

    pub(crate) fn create_token(&self, t: &NewToken<'_>, audit: &AuditEntry<'_>) -> Result<(), StoreError> {
        self.write(|tx| {
            tx.execute(
                "INSERT INTO api_tokens (id, name, role, token_hash, created_at) VALUES ($1, $2, $3, $4, $5)",
                &[&t.id, &t.name, &t.role, &t.token_hash, &now_rfc3339()],
            )?;
            append_audit(tx, audit)
        })
    }

    pub(crate) fn revoke_token(&self, name: &str, audit: &AuditEntry<'_>) -> Result<bool, StoreError> {
        self.write(|tx| {
            let n = tx.execute(
                "UPDATE api_tokens SET revoked_at = $1 WHERE name = $2 AND revoked_at IS NULL",
                &[&now_rfc3339(), &name],
            )?;
            if n > 0 {
                append_audit(tx, audit)?;
            }
            Ok(n > 0)
        })
    }

    pub(crate) fn token_by_hash(&self, token_hash: &str) -> Result<Option<TokenRow>, StoreError> {
        let mut conn = self.pool.get()?;
        let row = conn.query_opt(
            "SELECT id, name, role FROM api_tokens WHERE token_hash = $1 AND revoked_at IS NULL",
            &[&token_hash],
        )?;
        Ok(row.map(|r| TokenRow { id: r.get(0), name: r.get(1), role: r.get(2) }))
    }

    pub(crate) fn audit_rows(&self) -> Result<Vec<audit_chain::AuditRow>, StoreError> {
        let mut conn = self.pool.get()?;
        let rows = conn.query(
            "SELECT id, at, actor, action, object, outcome, detail, payload_hash, leaf_hash FROM audit_log ORDER BY id",
            &[],
        )?;
        rows.iter()
            .map(|r| {
                Ok(audit_chain::AuditRow {
                    id: r.try_get(0)?,
                    at: r.try_get(1)?,
                    actor: r.try_get(2)?,
                    action: r.try_get(3)?,
                    object: r.try_get(4)?,
                    outcome: r.try_get(5)?,
                    detail: r.try_get(6)?,
                    payload_hash: r.try_get(7)?,
                    leaf_hash: r.try_get(8)?,
                })
            })
            .collect()
    }

    pub(crate) fn audit(&self, entry: &AuditEntry<'_>) -> Result<(), StoreError> {
        self.write(|tx| append_audit(tx, entry))
    }

    pub(crate) fn counts(&self) -> Result<TableCounts, StoreError> {
        let mut conn = self.pool.get()?;
        let row = conn.query_one(
            "SELECT (SELECT COUNT(*) FROM crossings), (SELECT COUNT(*) FROM permits), \
             (SELECT COUNT(*) FROM registrations), (SELECT COUNT(*) FROM findings WHERE status = 'open'), \
             (SELECT COUNT(*) FROM findings WHERE status = 'resolved'), (SELECT COUNT(*) FROM import_batches), \
             (SELECT COUNT(*) FROM audit_log)",
            &[],
        )?;
        let n = |i: usize| u64::try_from(row.get::<_, i64>(i)).unwrap_or(0);
        Ok(TableCounts {
            crossings: n(0),
            permits: n(1),
            registrations: n(2),
            findings_open: n(3),
            findings_resolved: n(4),
            import_batches: n(5),
            audit_log: n(6),
        })
    }

    pub(crate) fn integrity_problems(&self) -> Result<Vec<String>, StoreError> {
        // Constraints are enforced on every write; check that the server answers.
        self.pool.get()?.query_one("SELECT 1", &[])?;
        Ok(Vec::new())
    }

    pub(crate) fn durability_settings(&self) -> Result<Vec<(String, String)>, StoreError> {
        let mut conn = self.pool.get()?;
        let mut out = Vec::new();
        for name in ["fsync", "synchronous_commit", "full_page_writes"] {
            let row = conn.query_one("SELECT current_setting($1)", &[&name])?;
            out.push((name.to_owned(), row.get::<_, String>(0)));
        }
        Ok(out)
    }
}

/// Serialises appends to the audit chain across sessions ("audt" in ASCII).
const AUDIT_LOCK: i64 = 0x6175_6474;

/// Appends a record to the audit chain, under a transaction-scoped lock so that concurrent
/// writers take turns at the chain head.
pub(crate) fn append_audit(tx: &mut Transaction<'_>, e: &AuditEntry<'_>) -> Result<(), StoreError> {
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&AUDIT_LOCK])?;
    let head = tx.query_opt("SELECT id, leaf_hash FROM audit_log ORDER BY id DESC LIMIT 1", &[])?;
    let (prev_id, prev_leaf): (i64, String) =
        head.map_or_else(|| (0, audit_chain::GENESIS.to_owned()), |r| (r.get(0), r.get(1)));
    let r = audit_chain::next_record(prev_id, &prev_leaf, e);
    tx.execute(
        "INSERT INTO audit_log (id, at, actor, action, object, outcome, detail, payload_hash, leaf_hash) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        &[&r.id, &r.at, &e.actor, &e.action, &e.object, &e.outcome, &e.detail, &r.payload_hash, &r.leaf_hash],
    )?;
    Ok(())
}
