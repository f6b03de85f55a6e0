//! `kill -9` in the middle of an import, again and again, then a run to completion: nothing
//! lost, nothing doubled, the database sound. On SQLite and PostgreSQL.

#![expect(clippy::unwrap_used, reason = "test code: a failure should stop the test")]

use std::io::Write;
use std::process::{Command, Stdio};
use std::time::Duration;
use umis_store::testing::TestDb;

const ROWS: usize = 50_000;
const KILLS: u64 = 6;

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
        .args(["import", "crossings", file.to_str().unwrap(), "--batch-rows", "500", "--json"])
        .env("UMIS_DATABASE_URL", url)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

#[test]
fn kill_9_during_import_loses_and_doubles_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("crossings.csv");
    write_rows(&file);
    for db in TestDb::both().unwrap() {
        let mut killed_mid_way = 0;
        for k in 0..KILLS {
            let mut child = import(&db.url, &file);
            // Deterministic spread of kill moments, from before the first batch to late.
            std::thread::sleep(Duration::from_millis(40 + (k * 7_919) % 900));
            if child.try_wait().unwrap().is_none() {
                child.kill().unwrap();
                killed_mid_way += 1;
            }
            child.wait().unwrap();
        }
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
