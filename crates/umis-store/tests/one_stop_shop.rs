//! The one-stop-shop tables through the portable SQL seam, the same story on SQLite and
//! PostgreSQL: offices, accounts, sessions, cases with optimistic locking, receipt counters,
//! the work quota, documents, notifications and idempotency keys.

#![expect(clippy::unwrap_used, reason = "test code: a failure should stop the test")]

use umis_domain::case_state::StateName;
use umis_store::accounts::{self, OfficeRow, SessionRow, UserRow};
use umis_store::cases::{self, CaseFilter, CaseRow};
use umis_store::testing::TestDb;
use umis_store::{Store, StoreError, documents, jobs};

pub(crate) fn user(id: &str, name: &str) -> UserRow {
    UserRow {
        id: id.into(),
        username: name.into(),
        display_name: "Ада Ləman".into(),
        role: umis_domain::Role::Applicant,
        office_code: None,
        all_offices: false,
        email: None,
        lang: "az".into(),
        password_hash: "$argon2id$x".into(),
        totp_secret: None,
        totp_last_step: None,
        failed_logins: 0,
        locked_until_ns: None,
        disabled_at: None,
    }
}

pub(crate) fn case(id: &str, owner: &str, due: Option<&str>) -> CaseRow {
    CaseRow {
        fee_tier: "standard".into(),
        fee_minor: 6000,
        form: r#"{"surname":"O'Brien; DROP TABLE cases;--"}"#.into(),
        due_on: due.and_then(|d| umis_domain::Date::parse(d).ok()),
        ..CaseRow::new_draft(id, "trp_issue", "BAK1", owner, "2026-11-27T10:00:00Z")
    }
}

#[test]
fn the_one_stop_shop_story_runs_the_same_on_both_databases() {
    for db in TestDb::both().unwrap() {
        let store = Store::open(&db.url).unwrap();
        story(&store);
    }
}

fn story(store: &Store) {
    store
        .transact(|db| {
            accounts::ensure_office(
                db,
                &OfficeRow { code: "BAK1".into(), kind: "regional".into(), name: "Bakı".into() },
            )?;
            accounts::ensure_office(
                db,
                &OfficeRow { code: "BAK1".into(), kind: "regional".into(), name: "again".into() },
            )?;
            assert!(accounts::insert_user(db, &user("u1", "ada"), "now")?);
            assert!(!accounts::insert_user(db, &user("u2", "ada"), "now")?, "user names are unique");
            assert!(accounts::insert_user(db, &user("u2", "bob"), "now")?);
            Ok::<_, StoreError>(())
        })
        .unwrap();
    let offices = store.read(accounts::offices).unwrap();
    assert_eq!(offices.len(), 1);
    assert_eq!(offices[0].name, "Bakı");
    let ada = store.read(|db| accounts::user_by_name(db, "ada")).unwrap().unwrap();
    assert_eq!(ada.display_name, "Ада Ləman");

    // Sessions: stored by hash, touched, ended with the account's password change.
    store
        .transact(|db| {
            let s = SessionRow {
                id_hash: "h1".into(),
                user_id: "u1".into(),
                csrf_token: "c".into(),
                second_factor_done: false,
                created_ns: 1,
                last_seen_ns: 1,
            };
            accounts::insert_session(db, &s)?;
            accounts::touch_session(db, "h1", 5, true)?;
            let back = accounts::session(db, "h1")?.unwrap();
            assert!(back.second_factor_done && back.last_seen_ns == 5);
            assert!(accounts::use_totp_step(db, "u1", 10)?);
            assert!(!accounts::use_totp_step(db, "u1", 10)?, "a TOTP step is single use");
            accounts::set_password(db, "u1", "$argon2id$y", "later")?;
            assert!(accounts::session(db, "h1")?.is_none(), "a password change ends sessions");
            Ok::<_, StoreError>(())
        })
        .unwrap();

    // Cases: optimistic locking, deadline order with undated last, keyset paging.
    store
        .transact(|db| {
            cases::insert_case(db, &case("c1", "u1", Some("2026-12-10")))?;
            cases::insert_case(db, &case("c2", "u1", None))?;
            cases::insert_case(db, &case("c3", "u2", Some("2026-12-01")))?;
            Ok::<_, StoreError>(())
        })
        .unwrap();
    let mut c1 = store.read(|db| cases::case_by_id(db, "c1")).unwrap().unwrap();
    assert_eq!(c1.form, r#"{"surname":"O'Brien; DROP TABLE cases;--"}"#);
    c1.state = StateName::Submitted;
    c1.version = 2;
    store.transact(|db| cases::update_case(db, &c1)).unwrap();
    let stale = store.transact(|db| cases::update_case(db, &c1));
    assert!(matches!(stale, Err(StoreError::Conflict(_))), "a stale version writes nothing");
    let all =
        store.read(|db| cases::list_cases(db, &CaseFilter { limit: 10, ..CaseFilter::default() })).unwrap();
    assert_eq!(all.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(), ["c3", "c1", "c2"]);
    let mine = store
        .read(|db| {
            cases::list_cases(db, &CaseFilter { owner_id: Some("u1"), limit: 1, ..CaseFilter::default() })
        })
        .unwrap();
    assert_eq!(mine[0].id, "c1");
    let next = store
        .read(|db| {
            cases::list_cases(
                db,
                &CaseFilter {
                    owner_id: Some("u1"),
                    after: Some(("2026-12-10", "c1")),
                    limit: 5,
                    ..CaseFilter::default()
                },
            )
        })
        .unwrap();
    assert_eq!(next.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(), ["c2"]);

    // Receipt counters count per office and year; the quota never goes over.
    let seqs: Vec<i64> = (0..3)
        .map(|_| store.transact(|db| cases::next_receipt_sequence(db, "BAK1", 2026)).unwrap())
        .collect();
    assert_eq!(seqs, [1, 2, 3]);
    cases::set_work_quota_in(store, 2026, 1).unwrap();
    assert!(store.transact(|db| cases::take_work_quota(db, 2026)).unwrap());
    assert!(!store.transact(|db| cases::take_work_quota(db, 2026)).unwrap());
    assert!(!store.transact(|db| cases::take_work_quota(db, 2030)).unwrap(), "no quota set, none to take");

    // Documents keep their bytes exactly.
    let bytes: Vec<u8> = (0..=255).collect();
    store
        .transact(|db| {
            let d = documents::CaseDocumentRow {
                id: "d1".into(),
                case_id: "c1".into(),
                doc_type: "passport".into(),
                kind: "pdf".into(),
                size: 256,
                sha256: "x".into(),
                uploaded_by: "u1".into(),
                uploaded_at: "t".into(),
            };
            documents::insert_document(db, &d, &bytes)
        })
        .unwrap();
    let (_, back) = store.read(|db| documents::document(db, "c1", "d1")).unwrap().unwrap();
    assert_eq!(back, bytes);
    assert_eq!(store.read(|db| documents::documents_size(db, "c1")).unwrap(), 256);
    assert!(
        store.read(|db| documents::document(db, "c3", "d1")).unwrap().is_none(),
        "a document belongs to its case"
    );

    // Notifications and idempotency keys.
    store.transact(|db| jobs::enqueue_notification(db, "c1", "u1", "submitted", "t", 100)).unwrap();
    let due = store.read(|db| jobs::due_notifications(db, 100, 10)).unwrap();
    assert_eq!(due.len(), 1);
    assert!(store.read(|db| jobs::due_notifications(db, 99, 10)).unwrap().is_empty());
    store.transact(|db| jobs::finish_notification(db, due[0].id, "sent", 0, None, "t2")).unwrap();
    assert_eq!(store.read(jobs::notification_counts).unwrap(), [0, 1, 0]);
    store.transact(|db| jobs::store_idempotent_answer(db, "u1", "k", "h", 201, "{}", "t")).unwrap();
    assert_eq!(
        store.read(|db| jobs::idempotent_answer(db, "u1", "k")).unwrap(),
        Some(("h".into(), 201, "{}".into()))
    );
    assert!(store.transact(|db| jobs::store_idempotent_answer(db, "u1", "k", "h", 201, "{}", "t")).is_err());
}
