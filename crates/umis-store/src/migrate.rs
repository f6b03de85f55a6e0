//! Migrations, one folder per dialect with the same file names, embedded at compile time.
//!
//! A migration is applied once, in a transaction with its bookkeeping row, so a crash leaves
//! either none or all of it. Shipped migrations are never edited; new ones are added in pairs.

use crate::sql::{Val, WriteDb};
use crate::{StoreError, now_rfc3339};

/// A migration: its name (the file name without `.sql`) and its SQL.
pub struct Migration {
    /// `0001_stay_control` and so on; applied in this order.
    pub name: &'static str,
    /// The statements, separated by semicolons.
    pub sql: &'static str,
}

macro_rules! migrations {
    ($dialect:literal: $($name:literal),+ $(,)?) => {
        &[$(Migration { name: $name, sql: include_str!(concat!("../migrations/", $dialect, "/", $name, ".sql")) }),+]
    };
}

/// SQLite migrations, in order.
pub const SQLITE: &[Migration] = migrations!("sqlite": "0001_stay_control", "0002_one_stop_shop", "0003_portal_search", "0004_counter",
        "0005_act_grounds_and_appeals");
/// PostgreSQL migrations, in order; the same names as [`SQLITE`].
pub const POSTGRES: &[Migration] = migrations!("postgres": "0001_stay_control", "0002_one_stop_shop", "0003_portal_search", "0004_counter",
        "0005_act_grounds_and_appeals");

/// The table that records which migrations ran (same DDL in both dialects).
const BOOKKEEPING: &str =
    "CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)";

/// Serialises concurrent `umis migrate` runs on PostgreSQL (an arbitrary constant, "umis" in
/// ASCII); SQLite's writer holds the database lock already.
const MIGRATION_LOCK: i64 = 0x756d_6973;

/// Applies the migrations of `list` not yet recorded, each with its bookkeeping row, in the
/// caller's write transaction; returns the names applied now.
pub(crate) fn apply(db: &mut dyn WriteDb, list: &[Migration]) -> Result<Vec<String>, StoreError> {
    db.lock_for_turn(MIGRATION_LOCK)?;
    db.exec_batch(BOOKKEEPING)?;
    let mut applied = Vec::new();
    for m in list {
        if db.row("SELECT name FROM schema_migrations WHERE name = $1", &[Val::Text(m.name)])?.is_none() {
            db.exec_batch(m.sql)?;
            db.exec(
                "INSERT INTO schema_migrations (name, applied_at) VALUES ($1, $2)",
                &[Val::Text(m.name), Val::Text(&now_rfc3339())],
            )?;
            applied.push(m.name.to_owned());
        }
    }
    Ok(applied)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_dialects_list_the_same_migrations() {
        let names = |m: &[Migration]| m.iter().map(|m| m.name).collect::<Vec<_>>();
        assert_eq!(names(SQLITE), names(POSTGRES));
        let on_disk = |d: &str| {
            let mut v: Vec<String> =
                std::fs::read_dir(format!("{}/migrations/{d}", env!("CARGO_MANIFEST_DIR")))
                    .into_iter()
                    .flatten()
                    .flatten()
                    .map(|e| e.file_name().to_string_lossy().trim_end_matches(".sql").to_owned())
                    .collect();
            v.sort();
            v
        };
        assert_eq!(on_disk("sqlite"), names(SQLITE));
        assert_eq!(on_disk("postgres"), names(POSTGRES));
    }
}
