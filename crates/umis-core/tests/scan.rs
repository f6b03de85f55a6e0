//! The scan end to end on both databases: the spec's `az` worked examples imported as files,
//! scanned as of 2026-07-10, compared line by line; re-runs keep review items unique and
//! resolve the ones new data makes obsolete.

#![expect(clippy::unwrap_used, clippy::panic, reason = "test code: a failure should stop the test")]

use umis_core::import::{Format, ImportRequest, RecordKind, run_import};
use umis_core::scan::run_scan;
use umis_domain::Date;
use umis_rules::Packs;
use umis_store::testing::TestDb;

const CROSSINGS: &str = "record_id,direction,occurred_at,border_point,document_type,document_number,document_issuing_state,person_surname,person_date_of_birth,person_sex,person_nationality,entry_basis_kind,entry_basis_stay_days
A1-in,entry,2026-03-01T22:30:00Z,GYD,P,A1,DEU,MÜLLER,1990-05-04,F,DEU,e_visa,30
A1-out,exit,2026-04-05T10:00:00+04:00,GYD,P,A1,DEU,MÜLLER,1990-05-04,F,DEU,,
T1-in,entry,2026-01-10T09:00:00+04:00,GYD,P,T1,TUR,YILMAZ,1985-01-01,M,TUR,visa_free,
K1-in,entry,2026-05-01T09:00:00+04:00,GYD,P,K1,KAZ,ИВАНОВ,1980-00-00,M,KAZ,visa_free,
K1-out,exit,2026-05-28T09:00:00+04:00,GYD,P,K1,KAZ,ИВАНОВ,1980-00-00,M,KAZ,,
R1-in,entry,2026-02-01T09:00:00+04:00,GYD,P,R1,IND,SHARMA,1991-02-03,F,IND,residence_permit,
E1-out,exit,2026-03-03T09:00:00+04:00,GYD,P,E1,RUS,PETROV,1975-07-07,M,RUS,,
";
const PERMITS: &str = "permit_number,kind,holder_issuing_state,holder_document_number,valid_from,valid_until
TRP-1,temporary_residence,IND,R1,2025-06-01,2026-05-31
";
const REGISTRATIONS: &str =
    "registration_id,holder_issuing_state,holder_document_number,submitted_on,address,host_kind,stay_from
REG-1,TUR,T1,2026-01-20,\"Baku, Nizami 5\",hotel,2026-01-10
";
const EXPECTED: &str = r#"{"kind":"overstay","traveller":{"issuing_state":"DEU","document_number":"A1"},"entry_date":"2026-03-02","last_day":"2026-04-05","overstay_days":5,"first_unlawful_day":"2026-04-01"}
{"kind":"unregistered_stay","traveller":{"issuing_state":"DEU","document_number":"A1"},"entry_date":"2026-03-02","deadline":"2026-03-17"}
{"kind":"overstay","traveller":{"issuing_state":"IND","document_number":"R1"},"entry_date":"2026-02-01","last_day":"2026-07-10","overstay_days":40,"first_unlawful_day":"2026-06-01"}
{"kind":"anomaly","traveller":{"issuing_state":"RUS","document_number":"E1"},"anomaly":"exit_without_entry","date":"2026-03-03"}
{"kind":"overstay","traveller":{"issuing_state":"TUR","document_number":"T1"},"entry_date":"2026-01-10","last_day":"2026-07-10","overstay_days":92,"first_unlawful_day":"2026-04-10"}
"#;

fn load(db: &TestDb, kind: RecordKind, csv: &str) {
    let req = ImportRequest { kind, format: Format::Csv, source: "test", actor: "test", batch_rows: 100 };
    let s = run_import(
        &db.store,
        csv.as_bytes(),
        req,
        &mut |r| panic!("unexpected reject {r:?}"),
        &mut |_, _| {},
    )
    .unwrap();
    assert_eq!(s.rejected + s.conflict, 0);
}

fn scan(db: &TestDb, as_of: &str) -> (String, umis_core::scan::ScanSummary) {
    let packs = Packs::builtin().unwrap();
    let mut out = Vec::new();
    let summary =
        run_scan(&db.store, packs.default_pack(), Date::parse(as_of).unwrap(), "test", &mut out).unwrap();
    (String::from_utf8(out).unwrap(), summary)
}

#[test]
fn the_az_worked_examples_give_the_specified_findings() {
    for db in TestDb::both().unwrap() {
        load(&db, RecordKind::Crossings, CROSSINGS);
        load(&db, RecordKind::Permits, PERMITS);
        load(&db, RecordKind::Registrations, REGISTRATIONS);
        let (out, summary) = scan(&db, "2026-07-10");
        assert_eq!(out, EXPECTED, "{:?}", db.dialect());
        assert_eq!((summary.travellers, summary.findings, summary.opened), (5, 5, 5));

        let (again, summary) = scan(&db, "2026-07-10");
        assert_eq!(again, EXPECTED);
        assert_eq!((summary.opened, summary.resolved), (0, 0), "a re-run duplicates nothing");
        assert_eq!(db.store.counts().unwrap().findings_open, 5);

        // New data: T1 left on 2026-04-01, inside the 90 days; the overstay is obsolete.
        let exit = "record_id,direction,occurred_at,border_point,document_type,document_number,document_issuing_state,person_surname,person_date_of_birth,person_sex,person_nationality\n\
                    T1-out,exit,2026-04-01T09:00:00+04:00,GYD,P,T1,TUR,YILMAZ,1985-01-01,M,TUR\n";
        load(&db, RecordKind::Crossings, exit);
        let (out, summary) = scan(&db, "2026-07-10");
        assert_eq!(out.lines().count(), 4);
        assert_eq!((summary.opened, summary.resolved), (0, 1));
        let counts = db.store.counts().unwrap();
        assert_eq!((counts.findings_open, counts.findings_resolved), (4, 1), "resolved, not deleted");

        // A look into the past reports as of then but leaves today's review items alone.
        let (_, summary) = scan(&db, "2026-03-01");
        assert!(!summary.review_items_updated);
        let after = db.store.counts().unwrap();
        assert_eq!((after.findings_open, after.findings_resolved), (4, 1));
    }
}

#[test]
fn crossings_after_the_evaluation_date_are_ignored() {
    for db in TestDb::both().unwrap() {
        load(&db, RecordKind::Crossings, CROSSINGS);
        load(&db, RecordKind::Permits, PERMITS);
        load(&db, RecordKind::Registrations, REGISTRATIONS);
        // As of 2026-03-02 (Baku), A1 has just entered and E1's exit is yet to come.
        let (out, summary) = scan(&db, "2026-03-02");
        assert_eq!(out, "", "no finding yet");
        assert_eq!(summary.travellers, 3, "T1, R1 and A1 had crossed by then");
    }
}

/// A `visa` entry without `stay_days`: once refused at import, which hid the traveller from stay
/// control and made their exit an anomaly. Re-importing the same file recovers the entry, the
/// pack's default (30 days) applies, and the anomaly the gap caused is resolved.
#[test]
fn a_visa_entry_without_stay_days_is_recovered_by_reimport_and_gets_the_default() {
    const FILE: &str = "record_id,direction,occurred_at,border_point,document_type,document_number,document_issuing_state,person_surname,person_date_of_birth,person_sex,person_nationality,entry_basis_kind,entry_basis_stay_days
V1-in,entry,2026-05-01T09:00:00+04:00,GYD,P,V1,CHN,WANG,1990-01-01,M,CHN,visa,
V1-out,exit,2026-06-09T09:00:00+04:00,GYD,P,V1,CHN,WANG,1990-01-01,M,CHN,,
";
    let exit_only: String =
        FILE.lines().filter(|l| !l.starts_with("V1-in")).map(|l| format!("{l}\n")).collect();
    for db in TestDb::both().unwrap() {
        // What the old rule left in the store: the exit only.
        load(&db, RecordKind::Crossings, &exit_only);
        let (out, _) = scan(&db, "2026-07-10");
        assert!(out.contains("exit_without_entry"), "{out}");

        let req = ImportRequest {
            kind: RecordKind::Crossings,
            format: Format::Csv,
            source: "t",
            actor: "t",
            batch_rows: 10,
        };
        let s =
            run_import(&db.store, FILE.as_bytes(), req, &mut |r| panic!("{r:?}"), &mut |_, _| {}).unwrap();
        assert_eq!((s.imported, s.duplicate, s.rejected), (1, 1, 0), "the entry is recovered");

        let (out, summary) = scan(&db, "2026-07-10");
        let expected = r#"{"kind":"overstay","traveller":{"issuing_state":"CHN","document_number":"V1"},"entry_date":"2026-05-01","last_day":"2026-06-09","overstay_days":10,"first_unlawful_day":"2026-05-31"}
{"kind":"unregistered_stay","traveller":{"issuing_state":"CHN","document_number":"V1"},"entry_date":"2026-05-01","deadline":"2026-05-16"}
"#;
        assert_eq!(out, expected, "{:?}", db.dialect());
        assert_eq!(summary.resolved, 1, "the anomaly the missing entry caused is resolved");
    }
}
