//! Signed checkpoints against a database-level attacker, on SQLite and PostgreSQL: a rewritten
//! chain, a cut tail and a self-signed checkpoint are found; a chain that grew is fine.

#![expect(clippy::unwrap_used, reason = "test code: a failure should stop the test")]

use umis_core::audit::{
    CheckpointError, create_checkpoint, new_signing_key_hex, public_key_hex, verify_with_checkpoint,
};
use umis_store::AuditEntry;
use umis_store::testing::TestDb;

fn append(db: &TestDb, n: usize, who: &str) {
    for i in 0..n {
        let detail = format!(r#"{{"n":{i}}}"#);
        let e = AuditEntry {
            actor: who,
            action: "traveller.read",
            object: "DEU/C1",
            outcome: "ok",
            detail: &detail,
        };
        db.store.audit(&e).unwrap();
    }
}

fn raw(db: &TestDb, sql: &str) {
    match db.url.strip_prefix("sqlite://") {
        Some(path) => rusqlite::Connection::open(path).unwrap().execute_batch(sql).unwrap(),
        None => postgres::Client::connect(&db.url, postgres::NoTls).unwrap().batch_execute(sql).unwrap(),
    }
}

#[test]
fn checkpoints_catch_what_the_chain_alone_cannot() {
    let key = new_signing_key_hex();
    let trusted = public_key_hex(&key).unwrap();
    for db in TestDb::both().unwrap() {
        append(&db, 10, "officer-1");
        let cp = create_checkpoint(&db.store, &key, "2026-11-27T00:00:00Z").unwrap();
        assert_eq!(cp.records, 10);
        append(&db, 3, "officer-2");
        assert!(verify_with_checkpoint(&db.store, &cp, &trusted).is_ok(), "a chain that grew is consistent");

        let forger = new_signing_key_hex();
        let forged = create_checkpoint(&db.store, &forger, "2026-11-27T00:00:00Z").unwrap();
        let r = verify_with_checkpoint(&db.store, &forged, &trusted);
        assert!(matches!(r, Err(CheckpointError::BadSignature)), "a self-signed checkpoint: {r:?}");
        let altered = umis_core::audit::Checkpoint { records: 5, ..cp.clone() };
        assert!(matches!(
            verify_with_checkpoint(&db.store, &altered, &trusted),
            Err(CheckpointError::BadSignature)
        ));

        // Cut the tail back to before the checkpoint: the chain itself still verifies.
        raw(&db, "DELETE FROM audit_log WHERE id > 8");
        assert_eq!(db.store.verify_audit(None).unwrap().broken, None);
        let r = verify_with_checkpoint(&db.store, &cp, &trusted);
        assert!(matches!(r, Err(CheckpointError::Mismatch(_))), "a cut tail: {r:?}");

        // Rewrite the whole history with a valid chain of the same length.
        raw(&db, "DELETE FROM audit_log");
        append(&db, 10, "somebody");
        assert_eq!(db.store.verify_audit(None).unwrap().broken, None);
        let r = verify_with_checkpoint(&db.store, &cp, &trusted);
        assert!(matches!(r, Err(CheckpointError::Mismatch(_))), "a rewritten chain: {r:?}");
        assert!(matches!(
            verify_with_checkpoint(&db.store, &cp, "not a key"),
            Err(CheckpointError::Malformed(_))
        ));
    }
}
