//! The administrative procedure's records (review 2026-12 §4, X1) on SQLite and PostgreSQL: the
//! migration that adds them keeps every existing case and stops the clock of a case waiting for
//! an answer on the day it was asked; duties and payment numbers are written and read back the
//! same on both (refunds, the clock and extensions are exercised through the case API's tests).

#![expect(clippy::unwrap_used, reason = "test code: a failure should stop the test")]

use crate::one_stop_shop::{case, user};
use umis_domain::case_state::StateName;
use umis_store::accounts::{self, OfficeRow};
use umis_store::cases::{self, CaseEventRow};
use umis_store::procedure::{self, ClockRow, DutyRow};
use umis_store::testing::{self, TestDb};
use umis_store::{Store, StoreError};

const TABLES: [&str; 7] = [
    "case_interviews",
    "outbound_notices",
    "case_extensions",
    "case_clock",
    "case_refunds",
    "payment_number_counters",
    "case_duties",
];

/// A database as it stood before the procedure migration, with a case waiting for an answer.
fn before_the_migration(store: &Store) {
    for table in TABLES {
        testing::exec(store, &format!("DROP TABLE {table}"), &[]).unwrap();
    }
    testing::exec(store, "DELETE FROM schema_migrations WHERE name = '0007_case_procedure'", &[]).unwrap();
    store
        .transact(|db| {
            accounts::ensure_office(
                db,
                &OfficeRow { code: "BAK1".into(), kind: "regional".into(), name: "B".into() },
            )?;
            accounts::insert_user(db, &user("u1", "ada"), "now")?;
            for (id, state) in
                [("waiting", StateName::InformationRequested), ("examined", StateName::InReview)]
            {
                let mut c = case(id, "u1", Some("2026-12-20"));
                c.state = state;
                cases::insert_case(db, &c)?;
                for (at, to) in [
                    ("2026-11-02T09:00:00Z", StateName::InformationRequested),
                    ("2026-11-10T09:00:00Z", StateName::InReview),
                    ("2026-11-16T09:00:00Z", state),
                ] {
                    let e = CaseEventRow {
                        at: at.into(),
                        actor_id: "o1".into(),
                        actor_role: "officer".into(),
                        event: "step".into(),
                        from_state: StateName::InReview,
                        to_state: to,
                        note: None,
                    };
                    cases::insert_event(db, id, &e)?;
                }
            }
            Ok::<_, StoreError>(())
        })
        .unwrap();
}

#[test]
fn the_migration_keeps_every_case_and_stops_the_clock_of_one_waiting_for_an_answer() {
    for db in TestDb::both().unwrap() {
        let store = Store::open(&db.url).unwrap();
        before_the_migration(&store);
        assert_eq!(store.migrate().unwrap(), ["0007_case_procedure"]);
        let waiting = store.read(|db| procedure::clock(db, "waiting")).unwrap();
        assert_eq!(waiting.stopped_on.as_deref(), Some("2026-11-16"), "stopped on the latest request");
        assert_eq!(store.read(|db| procedure::clock(db, "examined")).unwrap(), ClockRow::default());
        for id in ["waiting", "examined"] {
            let row = store.read(|db| cases::case_by_id(db, id)).unwrap().unwrap();
            assert_eq!(row.due_on.map(|d| d.to_string()).as_deref(), Some("2026-12-20"), "nothing lost");
            assert_eq!(store.read(|db| cases::events(db, id)).unwrap().len(), 3);
        }
    }
}

#[test]
fn duties_and_payment_numbers_read_back_the_same_on_both_databases() {
    for db in TestDb::both().unwrap() {
        let store = Store::open(&db.url).unwrap();
        store
            .transact(|db| {
                accounts::ensure_office(
                    db,
                    &OfficeRow { code: "BAK1".into(), kind: "regional".into(), name: "B".into() },
                )?;
                accounts::insert_user(db, &user("u1", "ada"), "now")?;
                let mut c = case("c1", "u1", Some("2026-12-20"));
                c.state = StateName::AwaitingPayment;
                cases::insert_case(db, &c)?;
                assert_eq!(procedure::next_payment_sequence(db, 2026)?, 1);
                assert_eq!(procedure::next_payment_sequence(db, 2026)?, 2);
                assert_eq!(procedure::next_payment_sequence(db, 2027)?, 1);
                let duty = DutyRow {
                    case_id: "c1".into(),
                    payment_number: "2026-00000001-24".into(),
                    amount_minor: 12_000,
                    ordered_on: "2026-12-01".into(),
                    due_by: "2027-01-19".into(),
                    paid_amount_minor: None,
                    paid_reference: None,
                    paid_at: None,
                    recorded_by: None,
                    lapsed_on: None,
                };
                procedure::insert_duty(db, &duty)?;
                assert_eq!(procedure::unpaid_past(db, "2027-01-19", 10)?, Vec::<String>::new());
                assert_eq!(procedure::unpaid_past(db, "2027-01-20", 10)?, ["c1"]);
                let mut paid = duty.clone();
                paid.paid_amount_minor = Some(12_000);
                paid.paid_at = Some("2026-12-05T10:00:00+04:00".into());
                procedure::update_duty(db, &paid)?;
                assert_eq!(procedure::duty_by_number(db, "2026-00000001-24")?, Some(paid));
                assert!(procedure::unpaid_past(db, "2027-01-20", 10)?.is_empty());
                Ok::<_, StoreError>(())
            })
            .unwrap();
    }
}
