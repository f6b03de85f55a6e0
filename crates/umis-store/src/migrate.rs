//! Migrations, one folder per dialect with the same file names, embedded at compile time.
//!
//! A migration is applied once, in a transaction with its bookkeeping row, so a crash leaves
//! either none or all of it. Shipped migrations are never edited; new ones are added in pairs.

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
pub const SQLITE: &[Migration] =
    migrations!("sqlite": "0001_stay_control", "0002_one_stop_shop", "0003_portal_search", "0004_counter");
/// PostgreSQL migrations, in order; the same names as [`SQLITE`].
pub const POSTGRES: &[Migration] =
    migrations!("postgres": "0001_stay_control", "0002_one_stop_shop", "0003_portal_search", "0004_counter");

/// The table that records which migrations ran (same DDL in both dialects).
pub(crate) const BOOKKEEPING: &str =
    "CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)";

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
