//! The TRP absence finding end to end on both databases: the spec's `az` worked examples plus a
//! residence-permit holder abroad 91 days. The default scan output stays exactly the spec's;
//! the finding is stored as a review item, listed in the findings queue, shown in the
//! traveller status, and written to the output only with `--extended`.

#![expect(clippy::unwrap_used, clippy::panic, reason = "test code: a failure should stop the test")]

use umis_core::control::findings_page;
use umis_core::import::{Format, ImportRequest, RecordKind, run_import};
use umis_core::scan::{ScanOptions, ScanSummary, run_scan, run_scan_with};
use umis_core::traveller::traveller_status;
use umis_domain::Date;
use umis_domain::{FindingKind, FindingStatus};
use umis_rules::{Lang, Packs};
use umis_store::TravellerKey;
use umis_store::control::FindingFilter;
use umis_store::testing::TestDb;

pub(crate) const HEADER: &str = "record_id,direction,occurred_at,border_point,document_type,document_number,document_issuing_state,person_surname,person_date_of_birth,person_sex,person_nationality,entry_basis_kind,entry_basis_stay_days\n";
const SPEC: &str = "A1-in,entry,2026-03-01T22:30:00Z,GYD,P,A1,DEU,MÜLLER,1990-05-04,F,DEU,e_visa,30
A1-out,exit,2026-04-05T10:00:00+04:00,GYD,P,A1,DEU,MÜLLER,1990-05-04,F,DEU,,
T1-in,entry,2026-01-10T09:00:00+04:00,GYD,P,T1,TUR,YILMAZ,1985-01-01,M,TUR,visa_free,
K1-in,entry,2026-05-01T09:00:00+04:00,GYD,P,K1,KAZ,ИВАНОВ,1980-00-00,M,KAZ,visa_free,
K1-out,exit,2026-05-28T09:00:00+04:00,GYD,P,K1,KAZ,ИВАНОВ,1980-00-00,M,KAZ,,
R1-in,entry,2026-02-01T09:00:00+04:00,GYD,P,R1,IND,SHARMA,1991-02-03,F,IND,residence_permit,
E1-out,exit,2026-03-03T09:00:00+04:00,GYD,P,E1,RUS,PETROV,1975-07-07,M,RUS,,
";
/// G1 is abroad 2026-01-02 … 2026-04-02 (91 days) on a TRP; G2 2026-01-02 … 2026-04-01 (90).
const HOLDERS: &str =
    "G1-in,entry,2025-12-05T09:00:00+04:00,GYD,P,G1,GEO,BERIDZE,1988-03-03,M,GEO,residence_permit,
G1-out,exit,2026-01-01T09:00:00+04:00,GYD,P,G1,GEO,BERIDZE,1988-03-03,M,GEO,,
G1-back,entry,2026-04-03T09:00:00+04:00,GYD,P,G1,GEO,BERIDZE,1988-03-03,M,GEO,residence_permit,
G2-in,entry,2025-12-05T09:00:00+04:00,GYD,P,G2,GEO,KAPANADZE,1989-04-04,F,GEO,residence_permit,
G2-out,exit,2026-01-01T09:00:00+04:00,GYD,P,G2,GEO,KAPANADZE,1989-04-04,F,GEO,,
G2-back,entry,2026-04-02T09:00:00+04:00,GYD,P,G2,GEO,KAPANADZE,1989-04-04,F,GEO,residence_permit,
";
const PERMITS: &str = "permit_number,kind,holder_issuing_state,holder_document_number,valid_from,valid_until
TRP-1,temporary_residence,IND,R1,2025-06-01,2026-05-31
TRP-G1,temporary_residence,GEO,G1,2025-12-01,2027-11-30
TRP-G2,temporary_residence,GEO,G2,2025-12-01,2027-11-30
";
const REGISTRATIONS: &str =
    "registration_id,holder_issuing_state,holder_document_number,submitted_on,address,host_kind,stay_from
REG-1,TUR,T1,2026-01-20,\"Baku, Nizami 5\",hotel,2026-01-10
";
/// The spec's worked examples, exactly (stay-rules.md, "The scan's output").
const EXPECTED: &str = r#"{"kind":"overstay","traveller":{"issuing_state":"DEU","document_number":"A1"},"entry_date":"2026-03-02","last_day":"2026-04-05","overstay_days":5,"first_unlawful_day":"2026-04-01"}
{"kind":"unregistered_stay","traveller":{"issuing_state":"DEU","document_number":"A1"},"entry_date":"2026-03-02","deadline":"2026-03-17"}
{"kind":"overstay","traveller":{"issuing_state":"IND","document_number":"R1"},"entry_date":"2026-02-01","last_day":"2026-07-10","overstay_days":40,"first_unlawful_day":"2026-06-01"}
{"kind":"anomaly","traveller":{"issuing_state":"RUS","document_number":"E1"},"anomaly":"exit_without_entry","date":"2026-03-03"}
{"kind":"overstay","traveller":{"issuing_state":"TUR","document_number":"T1"},"entry_date":"2026-01-10","last_day":"2026-07-10","overstay_days":92,"first_unlawful_day":"2026-04-10"}
"#;
const ABSENCE: &str = r#"{"kind":"trp_absence","traveller":{"issuing_state":"GEO","document_number":"G1"},"permit_number":"TRP-G1","first_exceeded_day":"2026-04-02","window_start":"2025-10-05","days_abroad":91,"limit_days":90,"window_days":180}"#;

pub(crate) fn load(db: &TestDb, kind: RecordKind, csv: &str) {
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

fn loaded() -> Vec<TestDb> {
    let dbs = TestDb::both().unwrap();
    for db in &dbs {
        load(db, RecordKind::Crossings, &format!("{HEADER}{SPEC}{HOLDERS}"));
        load(db, RecordKind::Permits, PERMITS);
        load(db, RecordKind::Registrations, REGISTRATIONS);
    }
    dbs
}

fn scan(db: &TestDb, extended: bool) -> (String, ScanSummary) {
    let packs = Packs::builtin().unwrap();
    let (pack, as_of) = (packs.default_pack(), Date::parse("2026-07-10").unwrap());
    let mut out = Vec::new();
    let summary = if extended {
        run_scan_with(&db.store, pack, as_of, "test", &mut out, ScanOptions { extended: true }).unwrap()
    } else {
        run_scan(&db.store, pack, as_of, "test", &mut out).unwrap()
    };
    (String::from_utf8(out).unwrap(), summary)
}

#[test]
fn the_default_output_stays_the_spec_s_and_the_absence_is_stored_for_review() {
    for db in loaded() {
        let (out, summary) = scan(&db, false);
        assert_eq!(out, EXPECTED, "{:?}: the contract's output, byte for byte", db.dialect());
        assert_eq!((summary.findings, summary.trp_absences, summary.opened), (5, 1, 6), "{:?}", db.dialect());
        let filter = FindingFilter {
            kind: FindingKind::parse("trp_absence"),
            status: FindingStatus::parse("open"),
            after: None,
            limit: 10,
        };
        let page = findings_page(&db.store, "test", &filter).unwrap();
        assert_eq!(page.items.len(), 1, "{:?}", db.dialect());
        let item = &page.items[0];
        assert_eq!(
            (item.key.as_str(), item.finding_date.to_string().as_str()),
            ("az|trp_absence|GEO|G1|TRP-G1", "2026-04-02")
        );
        assert_eq!(item.detail, ABSENCE);
        // A re-run opens nothing new and resolves nothing.
        let (_, again) = scan(&db, false);
        assert_eq!((again.opened, again.resolved), (0, 0));
    }
}

#[test]
fn the_extended_output_adds_the_absence_after_the_traveller_s_lines() {
    for db in loaded() {
        let (out, _) = scan(&db, true);
        let mut want: Vec<&str> = EXPECTED.lines().collect();
        want.insert(2, ABSENCE);
        assert_eq!(out.lines().collect::<Vec<_>>(), want, "{:?}", db.dialect());
    }
}

#[test]
fn the_traveller_status_shows_the_absence_and_why() {
    for db in loaded() {
        scan(&db, false);
        let packs = Packs::builtin().unwrap();
        let as_of = Date::parse("2026-07-10").unwrap();
        let key = |doc: &str| TravellerKey { issuing_state: "GEO".into(), document_number: doc.into() };
        let status =
            traveller_status(&db.store, packs.default_pack(), &key("G1"), as_of, "test", Lang::En).unwrap();
        let json = serde_json::to_value(&status).unwrap();
        assert_eq!(json["findings"], serde_json::json!([]), "no spec finding for G1");
        assert_eq!(
            json["trp_absences"],
            serde_json::json!([serde_json::from_str::<serde_json::Value>(ABSENCE).unwrap()])
        );
        assert_eq!(json["review_items"][0]["kind"], "trp_absence");
        let trace = json["trace"].as_array().unwrap();
        assert!(
            trace.iter().any(|l| l.as_str().unwrap_or("").starts_with(
                "[absence.trp] temporary residence permit TRP-G1: 91 days abroad in the 180-day window 2025-10-05…2026-04-02"
            )),
            "{trace:?}"
        );
        let g2 =
            traveller_status(&db.store, packs.default_pack(), &key("G2"), as_of, "test", Lang::En).unwrap();
        let g2 = serde_json::to_value(&g2).unwrap();
        assert_eq!(g2["trp_absences"], serde_json::json!([]), "90 days abroad are allowed");
    }
}
