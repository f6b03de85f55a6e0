//! A registration at place of stay left running after its holder left the country, end to end
//! on both databases: the default scan output keeps the spec's contract (nothing new in it), the
//! finding is stored as a review item and listed in the findings queue, written to the output
//! only with `--extended`; a holder de-registered on the day of departure, and one who came back
//! while the registration ran, are not findings.

#![expect(clippy::unwrap_used, reason = "test code: a failure should stop the test")]

use super::trp_absence::{HEADER, load};
use umis_core::control::{FindingFilter, findings_page};
use umis_core::import::RecordKind;
use umis_core::scan::{ScanOptions, run_scan_with};
use umis_domain::{Date, FindingKind};
use umis_rules::Packs;
use umis_store::testing::TestDb;

/// L1 left on 2026-03-10 with REG-L1 running to 2026-04-30; D1 left the day its registration
/// ended; B1 went abroad and came back while REG-B1 ran (registered again for the new stay, as
/// the stay rules require) and left on the last day.
const CROSSINGS: &str =
    "L1-in,entry,2026-02-01T09:00:00+04:00,GYD,P,L1,TUR,ÖZTÜRK,1980-01-01,M,TUR,visa_free,
L1-out,exit,2026-03-10T09:00:00+04:00,GYD,P,L1,TUR,ÖZTÜRK,1980-01-01,M,TUR,,
D1-in,entry,2026-02-01T09:00:00+04:00,GYD,P,D1,TUR,DEMIR,1981-01-01,F,TUR,visa_free,
D1-out,exit,2026-03-10T09:00:00+04:00,GYD,P,D1,TUR,DEMIR,1981-01-01,F,TUR,,
B1-in,entry,2026-02-01T09:00:00+04:00,GYD,P,B1,TUR,BULUT,1982-01-01,M,TUR,visa_free,
B1-out,exit,2026-02-20T09:00:00+04:00,GYD,P,B1,TUR,BULUT,1982-01-01,M,TUR,,
B1-back,entry,2026-02-25T09:00:00+04:00,GYD,P,B1,TUR,BULUT,1982-01-01,M,TUR,visa_free,
B1-gone,exit,2026-04-30T09:00:00+04:00,GYD,P,B1,TUR,BULUT,1982-01-01,M,TUR,,
";
const REGISTRATIONS: &str =
    "registration_id,holder_issuing_state,holder_document_number,submitted_on,address,host_kind,stay_from,stay_until
REG-L1,TUR,L1,2026-02-02,\"Baku, Nizami 5\",hotel,2026-02-02,2026-04-30
REG-D1,TUR,D1,2026-02-02,\"Baku, Nizami 7\",private,2026-02-02,2026-03-10
REG-B1,TUR,B1,2026-02-02,\"Baku, Nizami 9\",hotel,2026-02-02,2026-04-30
REG-B2,TUR,B1,2026-02-26,\"Baku, Nizami 9\",hotel,2026-02-26,2026-04-30
";
const LINE: &str = r#"{"kind":"registration_not_ended","traveller":{"issuing_state":"TUR","document_number":"L1"},"registration_id":"REG-L1","registered_from":"2026-02-02","registered_until":"2026-04-30","exit_date":"2026-03-10"}"#;

#[test]
fn a_registration_left_running_after_departure_is_a_stored_review_item_and_an_extended_line() {
    let packs = Packs::builtin().unwrap();
    let (pack, as_of) = (packs.default_pack(), Date::parse("2026-07-10").unwrap());
    for db in TestDb::both().unwrap() {
        load(&db, RecordKind::Crossings, &format!("{HEADER}{CROSSINGS}"));
        load(&db, RecordKind::Registrations, REGISTRATIONS);
        let mut plain = Vec::new();
        let summary =
            run_scan_with(&db.store, pack, as_of, "test", &mut plain, ScanOptions::default()).unwrap();
        assert_eq!(
            String::from_utf8(plain).unwrap(),
            "",
            "{:?}: no finding of the spec's kinds",
            db.dialect()
        );
        assert_eq!((summary.findings, summary.registrations_not_ended, summary.opened), (0, 1, 1));
        let mut extended = Vec::new();
        run_scan_with(&db.store, pack, as_of, "test", &mut extended, ScanOptions { extended: true }).unwrap();
        assert_eq!(String::from_utf8(extended).unwrap(), format!("{LINE}\n"), "{:?}", db.dialect());
        let filter = FindingFilter {
            kind: Some(FindingKind::RegistrationNotEnded),
            status: None,
            after: None,
            limit: 10,
        };
        let page = findings_page(&db.store, "test", &filter).unwrap();
        let keys: Vec<_> = page.items.iter().map(|i| (i.key.as_str(), i.finding_date.to_string())).collect();
        assert_eq!(keys, vec![("az|registration_not_ended|TUR|L1|REG-L1", "2026-03-10".to_owned())]);
        assert_eq!(page.items[0].detail, LINE);
        // Before the registration's last day the holder might still come back: nothing yet.
        let early = Date::parse("2026-04-30").unwrap();
        let mut out = Vec::new();
        let s =
            run_scan_with(&db.store, pack, early, "test", &mut out, ScanOptions { extended: true }).unwrap();
        assert_eq!(s.registrations_not_ended, 0, "{:?}", db.dialect());
    }
}
