//! Throw-away databases for tests and benchmarks: a fresh SQLite file, and a fresh PostgreSQL
//! database on the server named by `UMIS_TEST_POSTGRES_URL` (default: the local server),
//! dropped again when the handle goes. Storage tests run every story on both.
//!
//! Built only with the `testing` feature (tests and the benchmark harness turn it on), so the
//! server carries none of it. Tests that look at or tamper with stored rows directly do so
//! through [`rows`] and [`exec`] here, never through a transaction of the store's own API.
//!
//! PostgreSQL is part of the test plan, not an option: when the server cannot be reached the
//! test fails. `UMIS_TEST_POSTGRES=skip` opts out explicitly (for a machine without one), but
//! never under CI (`CI=true`) or `scripts/test.sh` (`UMIS_TEST_REQUIRE_POSTGRES=1`): there a
//! skipped PostgreSQL run would pass vacuously, so the opt-out is ignored and the test fails
//! if the server cannot be reached.

use crate::sql::{Row, Val};
use crate::{Dialect, Store, StoreError, create_postgres_database, database_url, drop_postgres_database};
use std::path::PathBuf;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};

/// The default PostgreSQL server of tests.
pub const DEFAULT_POSTGRES_URL: &str = "postgres://postgres@127.0.0.1:5432/postgres";

static COUNTER: AtomicU64 = AtomicU64::new(0);

fn unique(prefix: &str) -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() % 1_000_000_000_000)
        .unwrap_or(0);
    format!("{prefix}_{}_{}_{}", std::process::id(), nanos, COUNTER.fetch_add(1, Ordering::Relaxed))
}

/// A database that disappears when dropped.
pub struct TestDb {
    /// The migrated store.
    pub store: Store,
    /// Its URL.
    pub url: String,
    cleanup: Cleanup,
}

enum Cleanup {
    Files(PathBuf),
    Postgres { admin_url: String, name: String },
}

impl TestDb {
    /// A fresh, migrated SQLite database in the temp directory.
    pub fn sqlite() -> Result<TestDb, StoreError> {
        let path = std::env::temp_dir().join(format!("{}.db", unique("umis_test")));
        let url = format!("sqlite://{}", path.display());
        Ok(TestDb { store: Store::open(&url)?, url, cleanup: Cleanup::Files(path) })
    }

    /// A fresh, migrated PostgreSQL database, or `None` when tests opted out of PostgreSQL.
    pub fn postgres() -> Result<Option<TestDb>, StoreError> {
        if postgres_skipped() {
            return Ok(None);
        }
        let admin_url =
            std::env::var("UMIS_TEST_POSTGRES_URL").unwrap_or_else(|_| DEFAULT_POSTGRES_URL.to_owned());
        let name = unique("umis_test");
        let url = match template(&admin_url) {
            Some(template) => copy_postgres_database(&admin_url, &name, template)?,
            None => create_postgres_database(&admin_url, &name)?,
        };
        let store = Store::open(&url)?;
        Ok(Some(TestDb { store, url, cleanup: Cleanup::Postgres { admin_url, name } }))
    }

    /// One fresh database of each dialect (PostgreSQL unless opted out).
    pub fn both() -> Result<Vec<TestDb>, StoreError> {
        let mut dbs = vec![TestDb::sqlite()?];
        dbs.extend(TestDb::postgres()?);
        Ok(dbs)
    }

    /// Which dialect.
    pub fn dialect(&self) -> Dialect {
        self.store.dialect()
    }
}

/// Runs a query for a test that checks what was stored (in a read transaction).
pub fn rows(store: &Store, sql: &str, params: &[Val<'_>]) -> Result<Vec<Row>, StoreError> {
    store.read(|db| db.rows(sql, params))
}

/// Runs a statement for a test that changes stored rows behind umis's back (tampering, clock
/// games); returns the number of rows changed.
pub fn exec(store: &Store, sql: &str, params: &[Val<'_>]) -> Result<u64, StoreError> {
    store.transact(|db| db.exec(sql, params))
}

/// The migrated database this process copies its PostgreSQL test databases from: copying one
/// (`CREATE DATABASE … TEMPLATE`) is much cheaper than migrating each. Made once per process,
/// named after it; those of processes that have ended are dropped then. `None` when it cannot
/// be made: every database is then migrated on its own, as before.
fn template(admin_url: &str) -> Option<&'static str> {
    static TEMPLATE: OnceLock<Option<String>> = OnceLock::new();
    TEMPLATE
        .get_or_init(|| {
            drop_ended_templates(admin_url);
            let name = unique("umis_template");
            let url = create_postgres_database(admin_url, &name).ok()?;
            // Migrates, then closes every connection: a template must have none.
            drop(Store::open(&url).ok()?);
            Some(name)
        })
        .as_deref()
}

/// Drops the templates of test processes that are no longer running (their name holds the pid).
fn drop_ended_templates(admin_url: &str) {
    let Ok(mut client) = postgres::Client::connect(admin_url, postgres::NoTls) else { return };
    let Ok(rows) = client.query("SELECT datname FROM pg_database WHERE datname LIKE 'umis_template_%'", &[])
    else {
        return;
    };
    for row in rows {
        let name: String = row.get(0);
        let pid = name.split('_').nth(2).unwrap_or_default();
        if !std::path::Path::new("/proc").join(pid).exists() {
            let _ = drop_postgres_database(admin_url, &name);
        }
    }
}

/// Creates database `name` as a copy of `template`. A connection to the template that has not
/// quite ended yet makes PostgreSQL refuse the copy for a moment: tried a few times.
fn copy_postgres_database(admin_url: &str, name: &str, template: &str) -> Result<String, StoreError> {
    let mut client = postgres::Client::connect(admin_url, postgres::NoTls)?;
    let mut tries = 0;
    loop {
        match client.batch_execute(&format!("CREATE DATABASE {name} TEMPLATE {template}")) {
            Ok(()) => return Ok(database_url(admin_url, name)),
            Err(_) if tries < 20 => {
                tries += 1;
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
            Err(e) => return Err(e.into()),
        }
    }
}

/// Whether PostgreSQL is left out: only on request, and never where the whole suite must run.
fn postgres_skipped() -> bool {
    let set = |name: &str, value: &str| std::env::var(name).is_ok_and(|v| v == value);
    if !set("UMIS_TEST_POSTGRES", "skip") {
        return false;
    }
    let required = set("CI", "true") || set("UMIS_TEST_REQUIRE_POSTGRES", "1");
    if required {
        eprintln!("UMIS_TEST_POSTGRES=skip ignored: this run must test PostgreSQL too");
    }
    !required
}

impl Drop for TestDb {
    fn drop(&mut self) {
        match &self.cleanup {
            Cleanup::Files(path) => {
                for suffix in ["", "-wal", "-shm"] {
                    let mut p = path.clone().into_os_string();
                    p.push(suffix);
                    let _ = std::fs::remove_file(p);
                }
            }
            Cleanup::Postgres { admin_url, name } => {
                // Connections of the store's pool are closed by DROP … WITH (FORCE).
                let _ = drop_postgres_database(admin_url, name);
            }
        }
    }
}
