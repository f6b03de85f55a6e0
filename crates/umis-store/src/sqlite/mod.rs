//! SQLite: the embedded default. Every connection runs in WAL mode with `synchronous=FULL`
//! (in WAL, NORMAL may lose acknowledged commits on power loss) and foreign keys on; writers
//! take the write lock up front (`BEGIN IMMEDIATE`) so a transaction never fails half-way on a
//! lock upgrade.

mod import;
pub(crate) mod portable;
mod read;

use crate::migrate::{BOOKKEEPING, SQLITE};
use crate::pool::Pool;
use crate::rows::{AuditEntry, NewToken, TableCounts, TokenRow};
use crate::{StoreError, audit_chain, now_rfc3339};
use rusqlite::{Connection, OpenFlags, OptionalExtension, Transaction, TransactionBehavior};

pub(crate) struct SqliteStore {
    pool: Pool<Connection>,
    /// Writers of this process queue here rather than in SQLite's busy handler, which sleeps
    /// and retries (in steps up to 100 ms) and so turns a short queue into long tail latency.
    writer: std::sync::Mutex<()>,
}

fn connect(path: &str) -> Result<Connection, StoreError> {
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
        | OpenFlags::SQLITE_OPEN_CREATE
        | OpenFlags::SQLITE_OPEN_NO_MUTEX
        | OpenFlags::SQLITE_OPEN_URI;
    let conn = Connection::open_with_flags(path, flags)?;
    conn.busy_timeout(std::time::Duration::from_secs(30))?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    // A 64 MiB page cache keeps the traveller-clustered table's hot pages in memory during
    // bulk import; temp B-trees stay in memory.
    conn.pragma_update(None, "cache_size", -65_536)?;
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    // Reads through a memory map skip a copy per page; the scan reads the whole table. (The
    // mapped file counts towards resident memory, but it is the page cache, not the heap.)
    conn.pragma_update(None, "mmap_size", 1_i64 << 30)?;
    conn.set_prepared_statement_cache_capacity(64);
    Ok(conn)
}

impl SqliteStore {
    pub(crate) fn open(path: &str) -> Result<SqliteStore, StoreError> {
        let path = path.to_owned();
        let first = connect(&path)?;
        let pool = Pool::new(Box::new(move || connect(&path)), 8);
        drop(first);
        Ok(SqliteStore { pool, writer: std::sync::Mutex::new(()) })
    }

    pub(crate) fn write<T, E: From<StoreError>>(
        &self,
        f: impl FnOnce(&Transaction<'_>) -> Result<T, E>,
    ) -> Result<T, E> {
        let mut conn = self.pool.get().map_err(E::from)?;
        let _turn = self.writer.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let result = (|| {
            let tx =
                conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(StoreError::from)?;
            let value = f(&tx)?;
            tx.commit().map_err(StoreError::from)?;
            Ok(value)
        })();
        if result.is_err() {
            conn.discard();
        }
        result
    }

    /// A deferred transaction for reads: it takes no write lock, and it is rolled back.
    pub(crate) fn read<T, E: From<StoreError>>(
        &self,
        f: impl FnOnce(&Transaction<'_>) -> Result<T, E>,
    ) -> Result<T, E> {
        let mut conn = self.pool.get().map_err(E::from)?;
        let result = (|| {
            let tx =
                conn.transaction_with_behavior(TransactionBehavior::Deferred).map_err(StoreError::from)?;
            f(&tx)
        })();
        if result.is_err() {
            conn.discard();
        }
        result
    }

    pub(crate) fn migrate(&self) -> Result<Vec<String>, StoreError> {
        self.write(|tx| {
            tx.execute_batch(BOOKKEEPING)?;
            let mut applied = Vec::new();
            for m in SQLITE {
                let done: Option<String> = tx
                    .query_row("SELECT name FROM schema_migrations WHERE name = ?1", [m.name], |r| r.get(0))
                    .optional()?;
                if done.is_none() {
                    tx.execute_batch(m.sql)?;
                    tx.execute(
                        "INSERT INTO schema_migrations (name, applied_at) VALUES (?1, ?2)",
                        [m.name, &now_rfc3339()],
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
                "INSERT INTO api_tokens (id, name, role, token_hash, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                [t.id, t.name, t.role, t.token_hash, &now_rfc3339()],
            )?;
            append_audit(tx, audit)
        })
    }

    pub(crate) fn revoke_token(&self, name: &str, audit: &AuditEntry<'_>) -> Result<bool, StoreError> {
        self.write(|tx| {
            let n = tx.execute(
                "UPDATE api_tokens SET revoked_at = ?1 WHERE name = ?2 AND revoked_at IS NULL",
                [&now_rfc3339(), name],
            )?;
            if n > 0 {
                append_audit(tx, audit)?;
            }
            Ok(n > 0)
        })
    }

    pub(crate) fn token_by_hash(&self, token_hash: &str) -> Result<Option<TokenRow>, StoreError> {
        let conn = self.pool.get()?;
        let row = conn
            .prepare_cached(
                "SELECT id, name, role FROM api_tokens WHERE token_hash = ?1 AND revoked_at IS NULL",
            )?
            .query_row([token_hash], |r| Ok(TokenRow { id: r.get(0)?, name: r.get(1)?, role: r.get(2)? }))
            .optional()?;
        Ok(row)
    }

    pub(crate) fn audit_rows(&self) -> Result<Vec<audit_chain::AuditRow>, StoreError> {
        let conn = self.pool.get()?;
        let mut stmt = conn.prepare(
            "SELECT id, at, actor, action, object, outcome, detail, payload_hash, leaf_hash FROM audit_log ORDER BY id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(audit_chain::AuditRow {
                id: r.get(0)?,
                at: r.get(1)?,
                actor: r.get(2)?,
                action: r.get(3)?,
                object: r.get(4)?,
                outcome: r.get(5)?,
                detail: r.get(6)?,
                payload_hash: r.get(7)?,
                leaf_hash: r.get(8)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub(crate) fn audit(&self, entry: &AuditEntry<'_>) -> Result<(), StoreError> {
        self.write(|tx| append_audit(tx, entry))
    }

    pub(crate) fn counts(&self) -> Result<TableCounts, StoreError> {
        let conn = self.pool.get()?;
        let count = |sql: &str| -> Result<u64, StoreError> {
            let n: i64 = conn.query_row(sql, [], |r| r.get(0))?;
            Ok(u64::try_from(n).unwrap_or(0))
        };
        Ok(TableCounts {
            crossings: count("SELECT COUNT(*) FROM crossings")?,
            permits: count("SELECT COUNT(*) FROM permits")?,
            registrations: count("SELECT COUNT(*) FROM registrations")?,
            findings_open: count("SELECT COUNT(*) FROM findings WHERE status = 'open'")?,
            findings_resolved: count("SELECT COUNT(*) FROM findings WHERE status = 'resolved'")?,
            import_batches: count("SELECT COUNT(*) FROM import_batches")?,
            audit_log: count("SELECT COUNT(*) FROM audit_log")?,
        })
    }

    pub(crate) fn integrity_problems(&self) -> Result<Vec<String>, StoreError> {
        let conn = self.pool.get()?;
        let mut problems = Vec::new();
        let mut stmt = conn.prepare("PRAGMA integrity_check")?;
        for row in stmt.query_map([], |r| r.get::<_, String>(0))? {
            let line = row?;
            if line != "ok" {
                problems.push(line);
            }
        }
        let mut stmt = conn.prepare("PRAGMA foreign_key_check")?;
        for row in stmt.query_map([], |r| r.get::<_, String>(0))? {
            problems.push(format!("foreign key violation in {}", row?));
        }
        Ok(problems)
    }

    pub(crate) fn durability_settings(&self) -> Result<Vec<(String, String)>, StoreError> {
        let conn = self.pool.get()?;
        let mut out = Vec::new();
        for name in ["journal_mode", "synchronous", "foreign_keys"] {
            let v: rusqlite::types::Value = conn.query_row(&format!("PRAGMA {name}"), [], |r| r.get(0))?;
            let text = match v {
                rusqlite::types::Value::Integer(i) => i.to_string(),
                rusqlite::types::Value::Text(t) => t,
                other => format!("{other:?}"),
            };
            out.push((name.to_owned(), text));
        }
        Ok(out)
    }
}

/// Appends a record to the audit chain. The caller's transaction holds SQLite's write lock
/// (`BEGIN IMMEDIATE`), so reading the chain head and appending cannot interleave.
pub(crate) fn append_audit(tx: &Transaction<'_>, e: &AuditEntry<'_>) -> Result<(), StoreError> {
    let head: Option<(i64, String)> = tx
        .prepare_cached("SELECT id, leaf_hash FROM audit_log ORDER BY id DESC LIMIT 1")?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let (prev_id, prev_leaf) = head.unwrap_or_else(|| (0, audit_chain::GENESIS.to_owned()));
    let r = audit_chain::next_record(prev_id, &prev_leaf, e);
    tx.prepare_cached(
        "INSERT INTO audit_log (id, at, actor, action, object, outcome, detail, payload_hash, leaf_hash) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(rusqlite::params![
        r.id,
        r.at,
        e.actor,
        e.action,
        e.object,
        e.outcome,
        e.detail,
        r.payload_hash,
        r.leaf_hash
    ])?;
    Ok(())
}
