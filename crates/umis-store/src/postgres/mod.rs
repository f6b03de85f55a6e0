//! PostgreSQL: the production database. Bulk import streams batches through `COPY` into a
//! per-session staging table and moves them with one `INSERT … SELECT`; the rest is plain
//! parameterised SQL. Text keys use the "C" collation so ordering is bytewise, as on SQLite.

#[cfg(feature = "testing")]
pub(crate) mod admin;
mod import;
pub(crate) mod portable;
mod read;

use crate::pool::{Limits, Pool};
use crate::rows::AuditEntry;
use crate::{StoreError, audit_chain};
use postgres::{Client, NoTls, Transaction};
use std::time::Duration;

pub(crate) struct PgStore {
    pool: Pool<Client>,
}

/// Most connections one store opens, when the server allows that many.
const MAX_POOL: i64 = 16;

impl PgStore {
    pub(crate) fn open(url: &str) -> Result<PgStore, StoreError> {
        let url = url.to_owned();
        let mut first = Client::connect(&url, NoTls)?;
        let max_size = pool_size(&mut first)?;
        drop(first);
        let limits =
            Limits { max_size, wait: Duration::from_secs(30), check_after_idle: Duration::from_secs(10) };
        // A server restart or an idle timeout breaks connections silently; the check finds
        // that before a caller's statement does.
        let healthy = |c: &mut Client| !c.is_closed() && c.is_valid(Duration::from_secs(5)).is_ok();
        let open = move || Ok(Client::connect(&url, NoTls)?);
        Ok(PgStore { pool: Pool::new(Box::new(open), Box::new(healthy), limits) })
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

/// How many connections the pool may open: [`MAX_POOL`], or half of what the server lets
/// ordinary roles open (`max_connections` less the superuser reserve) when that is less,
/// leaving the rest to other clients (a second server, migrations, an operator's psql).
fn pool_size(conn: &mut Client) -> Result<usize, StoreError> {
    let row = conn.query_one(
        "SELECT CAST(current_setting('max_connections') AS BIGINT) \
         - CAST(current_setting('superuser_reserved_connections') AS BIGINT)",
        &[],
    )?;
    let allowed: i64 = row.try_get(0)?;
    Ok(usize::try_from((allowed / 2).clamp(1, MAX_POOL)).unwrap_or(1))
}

/// Appends a record to the audit chain from a native write transaction (import, scan).
pub(crate) fn append_audit(tx: &mut Transaction<'_>, e: &AuditEntry<'_>) -> Result<(), StoreError> {
    crate::audit_log::append(&mut portable::PgDb(tx), e)
}
