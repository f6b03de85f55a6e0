//! Migration 0005 (coded grounds, cancellations, appeals' acts and court stage) keeps every
//! existing case as it was, on SQLite and PostgreSQL: a refusal decided with free-text grounds
//! keeps its text as the note, with no codes; an appeal filed before acts were named is recorded
//! as challenging a refusal (the only appealable act then).

#![expect(clippy::unwrap_used, reason = "test code: a failure should stop the test")]

use umis_domain::case_state::StateName;
use umis_store::Store;
use umis_store::accounts::{self, OfficeRow};
use umis_store::cases::{self, CaseRow};
use umis_store::testing::{self, TestDb};

fn case(id: &str, state: StateName, grounds: Option<&str>, appeal_of: Option<&str>) -> CaseRow {
    let service = if appeal_of.is_some() { "appeal" } else { "trp_issue" };
    CaseRow {
        state,
        state_actor: Some("o1".into()),
        proposal: grounds.map(|_| "refuse".into()),
        grounds: grounds.map(Into::into),
        fee_tier: "standard".into(),
        appeal_of: appeal_of.map(Into::into),
        submitted_on: umis_domain::Date::parse("2026-11-27").ok(),
        due_on: umis_domain::Date::parse("2026-12-27").ok(),
        decided_on: grounds.and_then(|_| umis_domain::Date::parse("2026-12-01").ok()),
        version: 3,
        ..CaseRow::new_draft(id, service, "BAK1", "u1", "2026-11-27T10:00:00Z")
    }
}

/// Takes a migrated database back to the schema before 0005.
fn undo_0005(store: &Store) {
    for sql in [
        "DROP TABLE court_stages",
        "DROP TABLE document_cancellations",
        "ALTER TABLE cases DROP COLUMN appealed_act",
        "ALTER TABLE cases DROP COLUMN ground_codes",
        "DELETE FROM schema_migrations WHERE name = '0008_act_grounds_and_appeals'",
    ] {
        testing::exec(store, sql, &[]).unwrap();
    }
}

#[test]
fn cases_decided_before_coded_grounds_keep_their_text_and_appeals_their_act() {
    for db in TestDb::both().unwrap() {
        let store = Store::open(&db.url).unwrap();
        store
            .transact(|db| {
                let office = OfficeRow { code: "BAK1".into(), kind: "regional".into(), name: "Bakı".into() };
                accounts::ensure_office(db, &office)?;
                accounts::insert_user(
                    db,
                    &super::one_stop_shop::user("u1", "holder"),
                    "2026-11-27T10:00:00Z",
                )?;
                cases::insert_case(
                    db,
                    &case("c1", StateName::Appealed, Some("Art. 50.1.3: no housing"), None),
                )?;
                cases::insert_case(db, &case("c2", StateName::Submitted, None, Some("c1")))?;
                cases::insert_case(db, &case("c3", StateName::Refused, Some("Art. 45"), None))?;
                Ok::<_, umis_store::StoreError>(())
            })
            .unwrap();
        let before: Vec<CaseRow> = ["c1", "c2", "c3"]
            .iter()
            .map(|id| store.read(|db| cases::case_by_id(db, id)).unwrap().unwrap())
            .collect();
        undo_0005(&store);
        drop(store);
        let store = Store::open(&db.url).unwrap();
        let after = |id: &str| store.read(|db| cases::case_by_id(db, id)).unwrap().unwrap();
        let refused = after("c1");
        assert_eq!(
            refused.grounds.as_deref(),
            Some("Art. 50.1.3: no housing"),
            "the text is kept as the note"
        );
        assert!(refused.ground_codes.is_empty(), "with no codes");
        assert_eq!(after("c2").appealed_act.as_deref(), Some("refusal"), "the appeal challenged a refusal");
        assert_eq!(after("c3").appealed_act, None, "a case that is no appeal names no act");
        // Nothing else moved.
        for old in before {
            let new = after(&old.id);
            assert_eq!(CaseRow { appealed_act: old.appealed_act.clone(), ..new }, old, "{}", old.id);
        }
    }
}
