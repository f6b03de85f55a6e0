//! `kill -9` in the middle of an import, again and again, then a run to completion: nothing
//! lost, nothing doubled, the database sound. On SQLite and PostgreSQL.

#![expect(clippy::unwrap_used, reason = "test code: a failure should stop the test")]

use std::io::Write;
use std::os::unix::process::ExitStatusExt as _;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use umis_store::testing::TestDb;

const ROWS: usize = 50_000;
const KILLS: u64 = 6;
const BATCH_ROWS: u64 = 500;

fn write_rows(path: &std::path::Path) {
    let mut f = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    writeln!(f, "record_id,direction,occurred_at,border_point,document_type,document_number,document_issuing_state,person_surname,person_date_of_birth,person_sex,person_nationality,entry_basis_kind").unwrap();
    for i in 0..ROWS {
        let (dir, basis) = if i % 2 == 0 { ("entry", "visa_free") } else { ("exit", "") };
        let day = 1 + (i / 2) % 28;
        writeln!(
            f,
            "CR-{i:08},{dir},2026-02-{day:02}T{:02}:00:00+04:00,GYD,P,D{:06},GEO,Ბერიძე,1980-01-01,M,GEO,{basis}",
            i % 24,
            i / 8
        )
        .unwrap();
    }
}

fn import(url: &str, file: &std::path::Path) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_umis"))
        .args([
            "import",
            "crossings",
            file.to_str().unwrap(),
            "--batch-rows",
            &BATCH_ROWS.to_string(),
            "--json",
        ])
        .env("UMIS_DATABASE_URL", url)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// Rows committed so far.
fn stored(db: &TestDb) -> u64 {
    db.store.counts().unwrap().crossings
}

/// Starts an import and kills it once it has committed `batches` batches of its own, so that
/// the kill lands in the middle of the work, never before it starts or after it ends. Returns
/// whether it did: the process was still running when killed, died of the signal, and left
/// the file part imported.
fn kill_mid_way(db: &TestDb, file: &std::path::Path, batches: u64) -> bool {
    let before = stored(db);
    let mut child = import(&db.url, file);
    let deadline = Instant::now() + Duration::from_secs(120);
    while stored(db) < before + batches * BATCH_ROWS && Instant::now() < deadline {
        if child.try_wait().unwrap().is_some() {
            return false;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    let running = child.try_wait().unwrap().is_none();
    if running {
        child.kill().unwrap();
    }
    let status = child.wait().unwrap();
    let after = stored(db);
    running && status.signal() == Some(9) && after > before && after < ROWS as u64
}

#[test]
fn kill_9_during_import_loses_and_doubles_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("crossings.csv");
    write_rows(&file);
    for db in TestDb::both().unwrap() {
        let mut killed_mid_way = 0;
        for k in 0..KILLS {
            // Kill points spread over one to three committed batches of each run.
            if kill_mid_way(&db, &file, 1 + k % 3) {
                killed_mid_way += 1;
            }
        }
        assert_eq!(killed_mid_way, KILLS, "{:?}: every kill landed in the middle of an import", db.dialect());
        let out = import(&db.url, &file).wait_with_output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let summary: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let stored = db.store.counts().unwrap().crossings;
        assert_eq!(stored, ROWS as u64, "{:?}: nothing lost, nothing doubled", db.dialect());
        assert_eq!(summary["read"], ROWS);
        assert_eq!(summary["rejected"], 0);
        assert_eq!(summary["conflict"], 0);
        assert_eq!(db.store.integrity_problems().unwrap(), Vec::<String>::new());
        println!(
            "{:?}: {killed_mid_way} kills during import of {ROWS} records: 0 missing, 0 duplicated, integrity ok",
            db.dialect()
        );
    }
}
