//! One storage story, run on SQLite and on PostgreSQL: both must answer alike.

#![expect(clippy::unwrap_used, clippy::expect_used, reason = "test code: a failure should stop the test")]

use umis_domain::records::{Crossing, CrossingFields, IntField};
use umis_store::testing::TestDb;
use umis_store::*;

fn crossing(id: &str, state: &str, doc: &str, at: &str, dir: &str) -> Crossing {
    Crossing::from_fields(&CrossingFields {
        record_id: Some(id),
        direction: Some(dir),
        occurred_at: Some(at),
        border_point: Some("GYD"),
        document_type: Some("P"),
        document_number: Some(doc),
        document_issuing_state: Some(state),
        person_surname: Some("MÜLLER; DROP TABLE crossings;--"),
        person_date_of_birth: Some("1990-00-00"),
        person_sex: Some("F"),
        person_nationality: Some(state),
        entry_basis_kind: (dir == "entry").then_some("e_visa"),
        entry_basis_stay_days: (dir == "entry").then_some(IntField::Text("30")),
        ..CrossingFields::default()
    })
    .expect("valid crossing")
}

fn batch<'a>(records: &'a [Crossing], hashes: &'a [i64]) -> Batch<'a> {
    Batch { source: "test", records: Records::Crossings(records), hashes, rejected: 0, actor: "test" }
}

fn story(db: &TestDb) {
    let s = &db.store;
    assert!(s.migrate().unwrap().is_empty(), "{:?}: migrations run once", db.dialect());

    let rows = vec![
        crossing("R3", "DEU", "C01X00T47", "2026-03-01T22:30:00Z", "entry"),
        crossing("R1", "DEU", "C01<X", "2026-03-01T10:00:00+04:00", "entry"),
        crossing("R2", "AZE", "99", "2026-01-01T00:00:00Z", "exit"),
    ];
    let hashes = [1, 2, 3];
    assert_eq!(s.import_batch(&batch(&rows, &hashes)).unwrap(), vec![Outcome::Imported; 3]);
    let again = s.import_batch(&batch(&rows, &[1, 20, 3])).unwrap();
    assert_eq!(
        again,
        vec![Outcome::Duplicate, Outcome::Conflict { stored_hash: 2 }, Outcome::Duplicate],
        "{:?}",
        db.dialect()
    );

    let mut seen = Vec::new();
    s.for_each_scan_crossing(i64::MAX, &mut |c| {
        seen.push(format!("{}/{}/{}", c.issuing_state, c.document_number, c.record_id))
    })
    .unwrap();
    // Bytewise order: '0'-'9' < '<' < 'A'-'Z'.
    assert_eq!(seen, ["AZE/99/R2", "DEU/C01<X/R1", "DEU/C01X00T47/R3"], "{:?}", db.dialect());

    let key = TravellerKey { issuing_state: "DEU".into(), document_number: "C01X00T47".into() };
    let audit = AuditEntry::ok("test", "traveller.read", "DEU/C01X00T47");
    let before = s.counts().unwrap().audit_log;
    let rec = s.traveller(&key, &audit).unwrap();
    assert_eq!(rec.crossings, vec![rows[0].clone()], "a stored crossing reads back whole");
    assert_eq!(s.counts().unwrap().audit_log, before + 1, "the read is audited");

    let finding = |date: &str| NewFinding {
        key: format!("az|overstay|DEU|C01X00T47|{date}"),
        kind: umis_domain::FindingKind::Overstay,
        traveller: key.clone(),
        date: umis_domain::Date::parse(date).unwrap(),
        detail: "{}".into(),
    };
    let run = ScanRun {
        pack: "az",
        as_of: umis_domain::Date::parse("2026-07-10").unwrap(),
        travellers: 1,
        actor: "test",
    };
    let c1 = s.record_scan(&run, &[finding("2026-03-02"), finding("2026-05-01")]).unwrap();
    assert_eq!((c1.opened, c1.still_open, c1.resolved), (2, 0, 0));
    let c2 = s.record_scan(&run, &[finding("2026-03-02")]).unwrap();
    assert_eq!(
        (c2.opened, c2.still_open, c2.resolved),
        (0, 1, 1),
        "re-run updates; the obsolete one is resolved"
    );
    let c3 = s.record_scan(&run, &[finding("2026-03-02"), finding("2026-05-01")]).unwrap();
    assert_eq!((c3.opened, c3.still_open, c3.resolved), (1, 1, 0), "found again: reopened, not duplicated");
    let counts = s.counts().unwrap();
    assert_eq!((counts.findings_open, counts.findings_resolved), (2, 0));

    // An officer's resolution survives a scan that finds the same facts; changed facts reopen it.
    let fined = finding("2026-03-02").key;
    let closed = s
        .transact(|db| {
            umis_store::control::close_finding(
                db,
                &fined,
                umis_domain::Resolution::Fined,
                "2026-07-10T12:00:00Z",
            )
        })
        .unwrap();
    assert!(closed);
    let c4 = s.record_scan(&run, &[finding("2026-03-02"), finding("2026-05-01")]).unwrap();
    assert_eq!((c4.opened, c4.still_open, c4.resolved), (0, 1, 0), "the fined finding stays resolved");
    let counts = s.counts().unwrap();
    assert_eq!((counts.findings_open, counts.findings_resolved), (1, 1));
    let mut longer = finding("2026-03-02");
    longer.detail = r#"{"overstay_days":40}"#.into();
    let c5 = s.record_scan(&run, &[longer, finding("2026-05-01")]).unwrap();
    assert_eq!((c5.opened, c5.still_open), (1, 1), "new facts put it before an officer again");

    let token = NewToken { id: "t1", name: "feed", role: umis_domain::Role::BorderFeed, token_hash: "abc" };
    s.create_token(&token, &audit).unwrap();
    assert_eq!(
        s.token_by_hash("abc").unwrap().map(|t| t.role.as_str().to_owned()),
        Some("border-feed".to_owned())
    );
    assert_eq!(s.token_by_hash("abd").unwrap(), None);
    assert!(s.create_token(&token, &audit).is_err(), "token names are unique");
    assert!(s.revoke_token("feed", &audit).unwrap());
    assert_eq!(s.token_by_hash("abc").unwrap(), None, "a revoked token is refused at once");
    assert!(!s.revoke_token("feed", &audit).unwrap(), "nothing left to revoke");
}

#[test]
fn the_same_story_on_both_databases() {
    for db in TestDb::both().expect("test databases (set UMIS_TEST_POSTGRES=skip to run without PostgreSQL)")
    {
        story(&db);
    }
}

#[test]
fn every_connection_is_durable() {
    for db in TestDb::both().unwrap() {
        let settings = db.store.durability_settings().unwrap();
        let expected: &[(&str, &str)] = match db.dialect() {
            Dialect::Sqlite => &[("journal_mode", "wal"), ("synchronous", "2"), ("foreign_keys", "1")],
            Dialect::Postgres => &[("fsync", "on"), ("synchronous_commit", "on"), ("full_page_writes", "on")],
        };
        let got: Vec<(&str, &str)> = settings.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
        assert_eq!(got, expected);
    }
}

#[test]
fn bad_urls_are_refused() {
    for url in ["mysql://x", "", "sqlite://", "file:umis.db"] {
        assert!(matches!(Store::open(url), Err(StoreError::Url(_))), "{url:?}");
    }
    assert_eq!(redact("postgres://u:secret@h/db"), "postgres://u:***@h/db");
}

#[test]
fn more_callers_than_connections_all_get_their_turn() {
    for db in TestDb::both().unwrap() {
        let s = &db.store;
        let audit =
            AuditEntry { actor: "test", action: "probe", object: "pool", outcome: "ok", detail: "{}" };
        let before = s.counts().unwrap().audit_log;
        // Four times as many callers as the pool holds, half of them writing.
        std::thread::scope(|scope| {
            for i in 0..64 {
                scope.spawn(move || {
                    for _ in 0..3 {
                        if i % 2 == 0 {
                            s.audit(&audit).unwrap();
                        } else {
                            s.counts().unwrap();
                        }
                    }
                });
            }
        });
        assert_eq!(s.counts().unwrap().audit_log, before + 96, "{:?}: every write landed", db.dialect());
        assert_eq!(s.verify_audit(None).unwrap().broken, None, "{:?}: the chain stayed whole", db.dialect());
    }
}
