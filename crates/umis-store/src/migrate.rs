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
pub const SQLITE: &[Migration] = migrations!("sqlite": "0001_stay_control", "0002_one_stop_shop", "0003_portal_search", "0004_counter", "0005_refugee_stay", "0006_trp_absence_findings", "0007_case_procedure", "0008_act_grounds_and_appeals", "0009_registration_not_ended");
/// PostgreSQL migrations, in order; the same names as [`SQLITE`].
pub const POSTGRES: &[Migration] = migrations!("postgres": "0001_stay_control", "0002_one_stop_shop", "0003_portal_search", "0004_counter", "0005_refugee_stay", "0006_trp_absence_findings", "0007_case_procedure", "0008_act_grounds_and_appeals", "0009_registration_not_ended");

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

    /// The SQLite rebuilds of `findings` for a new kind (`trp_absence`, then
    /// `registration_not_ended`) keep every review item and every officer's resolution of one,
    /// with foreign keys on as umis runs them.
    #[test]
    fn the_findings_rebuilds_keep_items_and_their_resolutions() -> Result<(), rusqlite::Error> {
        for (name, kind) in [
            ("0006_trp_absence_findings", "trp_absence"),
            ("0009_registration_not_ended", "registration_not_ended"),
        ] {
            findings_rebuild_keeps_items(name, kind)?;
        }
        Ok(())
    }

    fn findings_rebuild_keeps_items(name: &str, kind: &str) -> Result<(), rusqlite::Error> {
        let mut conn = rusqlite::Connection::open_in_memory()?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        let at = SQLITE.iter().position(|m| m.name == name).unwrap_or(SQLITE.len() - 1);
        let (before, rebuild) = SQLITE.split_at(at);
        let tx = conn.transaction()?;
        for m in before {
            tx.execute_batch(m.sql)?;
        }
        tx.execute_batch(
            "INSERT INTO scan_runs (pack, as_of, finished_at, travellers, findings, opened, resolved)
                 VALUES ('az', '2026-07-10', '2026-07-10T00:00:00Z', 1, 1, 1, 0);
             INSERT INTO findings (finding_key, pack, kind, issuing_state, document_number, finding_date,
                 detail, status, first_scan_id, last_scan_id)
                 VALUES ('az|overstay|TUR|T1|2026-01-10', 'az', 'overstay', 'TUR', 'T1', '2026-01-10',
                 '{}', 'resolved', 1, 1);
             INSERT INTO finding_resolutions (finding_key, issuing_state, document_number, resolution,
                 note, resolved_by, resolved_at)
                 VALUES ('az|overstay|TUR|T1|2026-01-10', 'TUR', 'T1', 'fined', 'n', 'o', 'now');",
        )?;
        tx.commit()?;
        let tx = conn.transaction()?;
        tx.execute_batch(rebuild[0].sql)?;
        tx.commit()?;
        let count = |sql: &str| conn.query_row(sql, [], |r| r.get::<_, i64>(0));
        assert_eq!(count("SELECT COUNT(*) FROM findings WHERE status = 'resolved'")?, 1);
        assert_eq!(count("SELECT COUNT(*) FROM finding_resolutions")?, 1);
        assert_eq!(count("SELECT COUNT(*) FROM pragma_foreign_key_check")?, 0);
        let names =
            "SELECT COUNT(*) FROM sqlite_master WHERE name IN ('findings_traveller', 'findings_open')";
        assert_eq!(count(names)?, 2, "the indexes are back");
        assert_eq!(count("SELECT COUNT(*) FROM sqlite_master WHERE name LIKE 'findings_before_%'")?, 0);
        let insert = |kind: &str| {
            conn.execute(
                "INSERT INTO findings (finding_key, pack, kind, issuing_state, document_number, finding_date,
                     detail, status, first_scan_id, last_scan_id)
                     VALUES (?1, 'az', ?1, 'GEO', 'G1', '2026-04-02', '{}', 'open', 1, 1)",
                [kind],
            )
        };
        assert!(insert(kind).is_ok());
        assert!(insert("bogus").is_err(), "the kind is still checked");
        // The resolutions still refer to the findings table by name.
        let orphan = conn.execute(
            "INSERT INTO finding_resolutions (finding_key, issuing_state, document_number, resolution,
                 note, resolved_by, resolved_at) VALUES ('nope', 'TUR', 'T1', 'fined', 'n', 'o', 'now')",
            [],
        );
        assert!(orphan.is_err());
        Ok(())
    }
}
