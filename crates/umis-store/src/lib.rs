//! The only crate of umis that knows SQL.
//!
//! One [`Store`] over SQLite (the embedded default) and PostgreSQL (production). Both are
//! reached through synchronous drivers (rusqlite, postgres): the hot paths — bulk import and the
//! scan's sequential read of every crossing — step rows directly, several times faster than
//! an async driver's row channel, and the web layer calls the store from blocking threads.
//! Dialect differences live only in the `sqlite` and `postgres` modules; both implement the
//! same methods, and one conformance suite (`tests/conformance.rs`) runs on both.

pub mod accounts;
pub mod acts;
pub mod audit_chain;
mod audit_log;
pub mod audit_page;
mod bookkeeping;
pub mod cases;
pub mod casework;
mod columns;
pub mod control;
mod decode;
pub mod documents;
pub mod jobs;
mod migrate;
pub mod payments;
mod pool;
mod postgres;
pub mod procedure;
mod rows;
mod scan_order;
pub mod sql;
mod sqlite;
pub mod stats;
#[cfg(feature = "testing")]
pub mod testing;
mod tokens;
pub mod traveller;

pub use migrate::{Migration, POSTGRES as POSTGRES_MIGRATIONS, SQLITE as SQLITE_MIGRATIONS};
#[cfg(feature = "testing")]
pub use postgres::admin::{create_postgres_database, database_url, drop_postgres_database};
pub use rows::*;

/// Which database a store talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    /// Embedded SQLite file.
    Sqlite,
    /// PostgreSQL server.
    Postgres,
}

/// A storage failure. Messages name the database operation, never the data.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database URL is not `sqlite://PATH` or `postgres://…`.
    #[error("unsupported database URL (expected sqlite://PATH or postgres://...): {0}")]
    Url(String),
    /// SQLite reported an error.
    #[error("SQLite: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// PostgreSQL reported an error.
    #[error("PostgreSQL: {0}")]
    Postgres(#[from] ::postgres::Error),
    /// A SQLite value had an unexpected type.
    #[error("SQLite value: {0}")]
    SqliteValue(#[from] rusqlite::types::FromSqlError),
    /// Every connection of the pool stayed in use for as long as a caller may wait.
    #[error("database busy: {0}")]
    Busy(String),
    /// Someone else changed the row first (optimistic locking); nothing was written.
    #[error("{0}")]
    Conflict(String),
    /// A stored value is not what the schema promises (edited outside umis).
    #[error("stored data is corrupt: {0}")]
    Corrupt(String),
}

enum Backend {
    Sqlite(sqlite::SqliteStore),
    Postgres(postgres::PgStore),
}

/// The database of umis, SQLite or PostgreSQL, behind one set of methods.
pub struct Store {
    backend: Backend,
}

macro_rules! dispatch {
    ($self:ident, $b:ident => $call:expr) => {
        match &$self.backend {
            Backend::Sqlite($b) => $call,
            Backend::Postgres($b) => $call,
        }
    };
}

impl Store {
    /// Opens the database at `url` and applies pending migrations.
    pub fn open(url: &str) -> Result<Store, StoreError> {
        let store = Store::open_unmigrated(url)?;
        store.migrate()?;
        Ok(store)
    }

    /// Opens the database without touching its schema.
    pub fn open_unmigrated(url: &str) -> Result<Store, StoreError> {
        let backend = if let Some(path) = url.strip_prefix("sqlite://") {
            if path.is_empty() {
                return Err(StoreError::Url(url.to_owned()));
            }
            Backend::Sqlite(sqlite::SqliteStore::open(path)?)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Backend::Postgres(postgres::PgStore::open(url)?)
        } else {
            return Err(StoreError::Url(redact(url)));
        };
        Ok(Store { backend })
    }

    /// Which database this is.
    pub fn dialect(&self) -> Dialect {
        match self.backend {
            Backend::Sqlite(_) => Dialect::Sqlite,
            Backend::Postgres(_) => Dialect::Postgres,
        }
    }

    /// Applies pending migrations; returns the names applied now.
    pub fn migrate(&self) -> Result<Vec<String>, StoreError> {
        let list = match self.dialect() {
            Dialect::Sqlite => migrate::SQLITE,
            Dialect::Postgres => migrate::POSTGRES,
        };
        self.transact(|db| migrate::apply(db, list))
    }

    /// Stores one batch of imported records in one transaction, with its batch log row and
    /// audit record, and says of each record whether it was new, a duplicate or a conflict.
    pub fn import_batch(&self, batch: &Batch<'_>) -> Result<Vec<Outcome>, StoreError> {
        if batch.records.len() != batch.hashes.len() {
            return Err(StoreError::Corrupt("batch hashes do not match its records".into()));
        }
        dispatch!(self, b => b.import_batch(batch))
    }

    /// Streams every crossing before `until_ns`, ordered by traveller (issuing state, document
    /// number, bytewise), then instant, then record id.
    pub fn for_each_scan_crossing(
        &self,
        until_ns: i64,
        f: &mut dyn FnMut(ScanCrossing<'_>),
    ) -> Result<(), StoreError> {
        dispatch!(self, b => b.for_each_scan_crossing(until_ns, f))
    }

    /// Every permit and registration, for the scan.
    pub fn scan_permits_and_registrations(
        &self,
    ) -> Result<(Vec<HolderPermit>, Vec<HolderRegistration>), StoreError> {
        dispatch!(self, b => b.scan_permits_and_registrations())
    }

    /// Records a scan run and its findings as review items, in one transaction: new findings
    /// open, known ones updated, findings of this pack not found again resolved as obsolete.
    pub fn record_scan(&self, run: &ScanRun<'_>, findings: &[NewFinding]) -> Result<ScanCounts, StoreError> {
        dispatch!(self, b => b.record_scan(run, findings))
    }

    /// Everything stored about one traveller, read in one transaction that also writes the
    /// audit record of the read.
    pub fn traveller(
        &self,
        key: &TravellerKey,
        audit: &AuditEntry<'_>,
    ) -> Result<TravellerRecords, StoreError> {
        self.transact(|db| {
            db.audit(audit)?;
            traveller::records(db, key)
        })
    }

    /// Stores a new API token (only its hash) and audits it.
    pub fn create_token(&self, token: &NewToken<'_>, audit: &AuditEntry<'_>) -> Result<(), StoreError> {
        self.transact(|db| tokens::create(db, token, audit))
    }

    /// Revokes the live token named `name`, with its audit record; `false` if there is none.
    pub fn revoke_token(&self, name: &str, audit: &AuditEntry<'_>) -> Result<bool, StoreError> {
        self.transact(|db| tokens::revoke(db, name, audit))
    }

    /// The live (not revoked) token with this hash.
    pub fn token_by_hash(&self, token_hash: &str) -> Result<Option<TokenRow>, StoreError> {
        self.read(|db| tokens::by_hash(db, token_hash))
    }

    /// Writes one audit record on its own (for events with no other change, such as a denial).
    pub fn audit(&self, entry: &AuditEntry<'_>) -> Result<(), StoreError> {
        self.transact(|db| db.audit(entry))
    }

    /// Checks the audit chain from its first record to its head, noting the head after the
    /// first `mark` records (to compare with a signed checkpoint).
    pub fn verify_audit(&self, mark: Option<u64>) -> Result<audit_chain::AuditReport, StoreError> {
        let rows = dispatch!(self, b => b.audit_rows())?;
        Ok(audit_chain::verify(rows, mark))
    }

    /// Runs `f` in one write transaction, committed when it returns `Ok` and rolled back
    /// otherwise. Writers are serialised (SQLite takes its write lock up front), so `f` sees a
    /// stable snapshot and its audit record joins the chain in order.
    pub fn transact<T, E: From<StoreError>>(
        &self,
        f: impl FnOnce(&mut dyn sql::WriteDb) -> Result<T, E>,
    ) -> Result<T, E> {
        match &self.backend {
            Backend::Sqlite(b) => b.write(|tx| f(&mut sqlite::portable::SqliteDb(tx))),
            Backend::Postgres(b) => b.write(|tx| f(&mut postgres::portable::PgDb(tx))),
        }
    }

    /// Runs `f` in a read transaction. It is handed a [`sql::Db`], which cannot write or
    /// audit: a read path that needs an audit record uses [`Store::transact`].
    pub fn read<T, E: From<StoreError>>(
        &self,
        f: impl FnOnce(&mut dyn sql::Db) -> Result<T, E>,
    ) -> Result<T, E> {
        match &self.backend {
            Backend::Sqlite(b) => b.read(|tx| f(&mut sqlite::portable::SqliteDb(tx))),
            Backend::Postgres(b) => b.read(|tx| f(&mut postgres::portable::PgDb(tx))),
        }
    }

    /// Row counts of the main tables.
    pub fn counts(&self) -> Result<TableCounts, StoreError> {
        let row = self.read(|db| {
            db.row(
                "SELECT (SELECT COUNT(*) FROM crossings), (SELECT COUNT(*) FROM permits), \
                 (SELECT COUNT(*) FROM registrations), (SELECT COUNT(*) FROM findings WHERE status = 'open'), \
                 (SELECT COUNT(*) FROM findings WHERE status = 'resolved'), (SELECT COUNT(*) FROM import_batches), \
                 (SELECT COUNT(*) FROM audit_log)",
                &[],
            )
        })?;
        let row = row.ok_or_else(|| StoreError::Corrupt("counting returned no row".into()))?;
        let n = |i: usize| row.int(i).map(|v| u64::try_from(v).unwrap_or(0));
        Ok(TableCounts {
            crossings: n(0)?,
            permits: n(1)?,
            registrations: n(2)?,
            findings_open: n(3)?,
            findings_resolved: n(4)?,
            import_batches: n(5)?,
            audit_log: n(6)?,
        })
    }

    /// Problems found by the database's own consistency checks (SQLite `integrity_check` and
    /// `foreign_key_check`; PostgreSQL keeps its own invariants); empty when sound.
    pub fn integrity_problems(&self) -> Result<Vec<String>, StoreError> {
        dispatch!(self, b => b.integrity_problems())
    }

    /// The durability settings every connection runs with, as (name, value) pairs.
    pub fn durability_settings(&self) -> Result<Vec<(String, String)>, StoreError> {
        dispatch!(self, b => b.durability_settings())
    }
}

/// A URL safe to print: the password, if any, replaced.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => {
            let creds = &url[s + 3..at];
            match creds.find(':') {
                Some(c) => format!("{}{}:***{}", &url[..s + 3], &creds[..c], &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

/// The current time as RFC 3339 UTC, for bookkeeping columns.
pub fn now_rfc3339() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_nanos()).unwrap_or(i64::MAX))
        .unwrap_or(0);
    umis_domain::Instant::from_parts(nanos - nanos % 1_000_000, 0).to_string()
}
