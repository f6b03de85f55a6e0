//! The audit chain against a database-level attacker (T9), on SQLite and PostgreSQL: every edit,
//! deletion, insertion and reordering is found; erasing an expired detail is not a break.

#![expect(clippy::unwrap_used, reason = "test code: a failure should stop the test")]

use umis_store::AuditEntry;
use umis_store::testing::TestDb;

const RECORDS: usize = 12;

fn fill(db: &TestDb) {
    for i in 0..RECORDS {
        let object = format!("DEU/C{i}");
        let detail = format!(r#"{{"n":{i}}}"#);
        db.store
            .audit(&AuditEntry {
                actor: "test",
                action: "traveller.read",
                object: &object,
                outcome: "ok",
                detail: &detail,
            })
            .unwrap();
    }
}

/// Runs one SQL statement directly on the database, as an attacker with database access would.
fn tamper(db: &TestDb, sql: &str) {
    match db.url.strip_prefix("sqlite://") {
        Some(path) => {
            rusqlite::Connection::open(path).unwrap().execute_batch(sql).unwrap();
        }
        None => {
            postgres::Client::connect(&db.url, postgres::NoTls).unwrap().batch_execute(sql).unwrap();
        }
    }
}

#[test]
fn every_tampering_is_found_and_erasure_is_not() {
    let attacks: &[(&str, &str)] = &[
        ("edit a field", "UPDATE audit_log SET actor = 'someone else' WHERE id = 5"),
        ("edit a detail", "UPDATE audit_log SET detail = '{\"n\":99}' WHERE id = 5"),
        ("change a timestamp", "UPDATE audit_log SET at = '2020-01-01T00:00:00Z' WHERE id = 5"),
        ("delete a record", "DELETE FROM audit_log WHERE id = 5"),
        (
            "swap two records",
            "UPDATE audit_log SET id = -1 WHERE id = 4; UPDATE audit_log SET id = 4 WHERE id = 5; UPDATE audit_log SET id = 5 WHERE id = -1",
        ),
        (
            "insert a forged record",
            "UPDATE audit_log SET id = id + 100 WHERE id >= 5; UPDATE audit_log SET id = id - 99 WHERE id >= 105; INSERT INTO audit_log (id, at, actor, action, object, outcome, detail, payload_hash, leaf_hash) VALUES (5, '2026-01-01T00:00:00Z', 'x', 'x', 'x', 'ok', NULL, 'x', 'x')",
        ),
        (
            "edit a detail and its hash",
            "UPDATE audit_log SET detail = NULL, payload_hash = 'ab' WHERE id = 5",
        ),
    ];
    for (name, sql) in attacks {
        for db in TestDb::both().unwrap() {
            fill(&db);
            let clean = db.store.verify_audit(None).unwrap();
            assert_eq!(
                (clean.records, clean.broken.clone()),
                (RECORDS as u64, None),
                "untampered chain verifies"
            );
            tamper(&db, sql);
            let report = db.store.verify_audit(None).unwrap();
            assert!(report.broken.is_some(), "{name} on {:?} went unnoticed", db.dialect());
            assert!(report.broken.as_ref().is_some_and(|(id, _)| *id <= 6), "{name}: {:?}", report.broken);
        }
    }
    for db in TestDb::both().unwrap() {
        fill(&db);
        tamper(&db, "UPDATE audit_log SET detail = NULL WHERE id IN (2, 3)");
        let report = db.store.verify_audit(None).unwrap();
        assert_eq!(
            (report.broken, report.erased),
            (None, 2),
            "erasing expired details keeps the chain valid"
        );
    }
}
