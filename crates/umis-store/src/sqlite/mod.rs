//! SQLite: the embedded default. Every connection runs in WAL mode with `synchronous=FULL`
//! (in WAL, NORMAL may lose acknowledged commits on power loss) and foreign keys on; writers
//! take the write lock up front (`BEGIN IMMEDIATE`) so a transaction never fails half-way on a
//! lock upgrade.

mod import;
pub(crate) mod portable;
mod read;

use crate::pool::{Limits, Pool};
use crate::rows::AuditEntry;
use crate::{StoreError, audit_chain};
use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};
use std::time::Duration;

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
        drop(first);
        // SQLite has no connection limit of its own; the bound keeps file handles and page
        // caches (64 MiB each) in check under a load spike.
        let limits =
            Limits { max_size: 16, wait: Duration::from_secs(30), check_after_idle: Duration::from_secs(10) };
        let healthy = |c: &mut Connection| c.query_row("SELECT 1", [], |_| Ok(())).is_ok();
        let pool = Pool::new(Box::new(move || connect(&path)), Box::new(healthy), limits);
        Ok(SqliteStore { pool, writer: std::sync::Mutex::new(()) })
    }

    pub(crate) fn write<T, E: From<StoreError>>(
        &self,
        f: impl FnOnce(&Transaction<'_>) -> Result<T, E>,
    ) -> Result<T, E> {
        // The turn first, then a connection: writers queued for their turn hold none, so
        // readers are not starved of connections by a queue of writers.
        let _turn = self.writer.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let mut conn = self.pool.get().map_err(E::from)?;
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

    /// A deferred transaction for reads: it takes no write lock, and it is rolled back. The
    /// connection is `query_only` meanwhile, so SQLite refuses a write as PostgreSQL does in a
    /// read-only transaction, rather than rolling it back silently.
    pub(crate) fn read<T, E: From<StoreError>>(
        &self,
        f: impl FnOnce(&Transaction<'_>) -> Result<T, E>,
    ) -> Result<T, E> {
        let mut conn = self.pool.get().map_err(E::from)?;
        let result = (|| {
            conn.pragma_update(None, "query_only", true).map_err(StoreError::from)?;
            let tx =
                conn.transaction_with_behavior(TransactionBehavior::Deferred).map_err(StoreError::from)?;
            let value = f(&tx)?;
            drop(tx);
            conn.pragma_update(None, "query_only", false).map_err(StoreError::from)?;
            Ok(value)
        })();
        if result.is_err() {
            conn.discard();
        }
        result
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

/// Appends a record to the audit chain from a native write transaction (import, scan).
pub(crate) fn append_audit(tx: &Transaction<'_>, e: &AuditEntry<'_>) -> Result<(), StoreError> {
    crate::audit_log::append(&mut portable::SqliteDb(tx), e)
}
