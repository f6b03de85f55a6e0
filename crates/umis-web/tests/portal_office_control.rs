//! The stay-control pages on SQLite and PostgreSQL: the findings queue and its filters, an
//! officer's resolution of a finding (kept, audited, never deleted), the traveller search
//! across scripts, the traveller's file; applicants refused; hostile and overlong input
//! answered cleanly.

#![expect(clippy::unwrap_used, reason = "test code: a failure should stop the test")]

use crate::support;

use axum::http::StatusCode;
use support::*;
use umis_core::import::{Format, ImportRequest, RecordKind, run_import};
use umis_store::testing::TestDb;

fn crossing(id: &str, dir: &str, at: &str, doc: &str, state: &str, surname: &str, given: &str) -> String {
    let basis = if dir == "entry" { r#","entry_basis":{"kind":"e_visa","stay_days":30}"# } else { "" };
    format!(
        r#"{{"record_id":"{id}","direction":"{dir}","occurred_at":"{at}","border_point":"GYD","document":{{"type":"P","number":"{doc}","issuing_state":"{state}"}},"person":{{"surname":"{surname}","given_names":"{given}","date_of_birth":"1980-02-03","sex":"M","nationality":"{state}"}}{basis}}}"#
    )
}

fn load(w: &World) {
    let lines = [
        crossing("C1", "entry", "2026-01-05T10:00:00Z", "R1234567", "RUS", "ИВАНОВ", "ИВАН"),
        crossing("C2", "entry", "2026-02-01T10:00:00Z", "A7654321", "AZE", "MƏMMƏDOV", "ƏLİ"),
        crossing("C3", "entry", "2026-03-01T10:00:00Z", "D555", "DEU", "MÜLLER", "ANNA"),
        crossing("C4", "exit", "2026-03-10T10:00:00Z", "D555", "DEU", "MÜLLER", "ANNA"),
        crossing("C5", "entry", "2026-01-07T10:00:00Z", "R7777777", "RUS", "ПЕТРОВ", "ПЁТР"),
    ]
    .join("\n");
    let store = &w.state.store;
    run_import(
        store,
        lines.as_bytes(),
        ImportRequest {
            kind: RecordKind::Crossings,
            format: Format::Jsonl,
            source: "test",
            actor: "test",
            batch_rows: 100,
        },
        &mut |_| Ok(()),
        &mut |_, _| {},
    )
    .unwrap();
    let as_of = umis_domain::Date::parse("2026-07-10").unwrap();
    umis_core::scan::run_scan(store, w.state.packs.default_pack(), as_of, "test", &mut std::io::sink())
        .unwrap();
}

fn on_every_database(test: impl Fn(TestDb)) {
    test(TestDb::sqlite().unwrap());
    if let Some(db) = TestDb::postgres().unwrap() {
        test(db);
    }
}

fn enc(s: &str) -> String {
    form_urlencoded_body(&[("q", s)]).trim_start_matches("q=").to_owned()
}

#[test]
fn officers_search_open_resolve_and_applicants_cannot() {
    on_every_database(|db| {
        let (w, secrets) = world(db);
        load(&w);
        let rt = runtime();
        let w = rt.block_on(async {
            let w = signed_in(w, &secrets).await;
            let officer = person(&w, "officer");

            // Search by name in another script, and with a typo.
            for q in ["Ivanov", "İvanov", "ivanov ivan", "Ivnaov"] {
                let a = page(&w, Some(officer), &format!("/office/travellers?name={}", enc(q))).await;
                assert_eq!(a.status, StatusCode::OK, "{q}");
                let t = a.text();
                assert!(t.contains("/office/travellers/RUS/R1234567"), "{q}: {t}");
                assert!(!t.contains("R7777777"), "{q}");
            }
            for q in ["Mammadov", "Мамедов", "Məmmədov", "mamedov ali"] {
                let a = page(&w, Some(officer), &format!("/office/travellers?name={}", enc(q))).await;
                assert!(a.text().contains("/office/travellers/AZE/A7654321"), "{q}");
            }
            // By document, with and without the issuing state.
            let a = page(&w, Some(officer), "/office/travellers?document_number=d555").await;
            assert!(a.text().contains("/office/travellers/DEU/D555"));
            let a =
                page(&w, Some(officer), "/office/travellers?document_number=D555&issuing_state=RUS").await;
            assert!(!a.text().contains("/office/travellers/DEU/D555"));

            // Hostile, empty and overlong queries: clean answers, nothing executed.
            for q in [
                "<script>alert(1)</script>",
                "' OR 1=1 --",
                "",
                &"Ы".repeat(500),
                "\u{7}bell",
                "Robert'); DROP TABLE crossings;--",
            ] {
                let a = page(&w, Some(officer), &format!("/office/travellers?name={}", enc(q))).await;
                assert!(a.status == StatusCode::OK || a.status == StatusCode::UNPROCESSABLE_ENTITY, "{q}");
                assert!(!a.text().contains("<script>alert"), "{q}");
            }
            let a = page(&w, Some(officer), "/office/travellers?document_number=%3Cscript%3E").await;
            assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
            assert!(a.text().contains("govuk-error-summary"));
            let a = page(&w, Some(officer), "/office/travellers?issuing_state=RUS").await;
            assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);

            // The queue, filtered, linking to the traveller.
            let a = page(&w, Some(officer), "/office/findings?kind=overstay&status=open").await;
            assert_eq!(a.status, StatusCode::OK);
            assert!(a.text().contains("/office/travellers/RUS/R1234567"), "{}", a.text());
            for bad in ["/office/findings?kind=%3Cx%3E", "/office/findings?status=deleted"] {
                assert_eq!(page(&w, Some(officer), bad).await.status, StatusCode::BAD_REQUEST);
            }

            // The traveller's file, with a form to resolve the open finding.
            let a = page(&w, Some(officer), "/office/travellers/RUS/R1234567").await;
            assert_eq!(a.status, StatusCode::OK);
            let t = a.text();
            let start = t.find("action=\"/office/findings/").unwrap() + "action=\"".len();
            let action = t[start..start + t[start..].find('"').unwrap()].to_owned();
            assert!(action.ends_with("/resolve"));
            assert_eq!(
                page(&w, Some(officer), "/office/travellers/RUS/NOSUCH1").await.status,
                StatusCode::NOT_FOUND
            );
            assert_eq!(
                page(&w, Some(officer), "/office/travellers/ZZZZ/%3Cx%3E").await.status,
                StatusCode::NOT_FOUND
            );

            // Refused resolutions: error summary, nothing changed.
            for fields in [
                vec![("resolution", "fined"), ("note", "")],
                vec![("resolution", "deleted"), ("note", "x")],
                vec![("resolution", "fined"), ("note", &"x".repeat(1_001))],
                vec![("resolution", "fined"), ("note", "a\u{0}b")],
            ] {
                let a = post_form(&w, Some(officer), &action, &fields).await;
                assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{fields:?}");
                assert!(a.text().contains("govuk-error-summary"));
            }
            // An applicant may not resolve, nor search.
            let applicant = person(&w, "applicant");
            let a = post_form(&w, Some(applicant), &action, &[("resolution", "fined"), ("note", "x")]).await;
            assert_eq!(a.status, StatusCode::FORBIDDEN);
            assert_eq!(
                page(&w, Some(applicant), "/office/travellers?name=ivanov").await.status,
                StatusCode::FORBIDDEN
            );
            assert_eq!(page(&w, Some(applicant), "/office/findings").await.status, StatusCode::FORBIDDEN);
            // A border officer searches and reads, but does not resolve.
            let border = person(&w, "border_officer");
            assert_eq!(page(&w, Some(border), "/office/travellers?name=ivanov").await.status, StatusCode::OK);
            let a = page(&w, Some(border), "/office/travellers/RUS/R1234567").await;
            assert!(!a.text().contains("/resolve"));
            assert_eq!(
                post_form(&w, Some(border), &action, &[("resolution", "fined"), ("note", "x")]).await.status,
                StatusCode::FORBIDDEN
            );

            // Resolved, with a hostile note shown escaped; a second resolution is refused.
            let note = "<script>alert(1)</script> receipt 42";
            let a = post_form(&w, Some(officer), &action, &[("resolution", "fined"), ("note", note)]).await;
            assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.text());
            let to = a.location().unwrap();
            assert_eq!(to, "/office/travellers/RUS/R1234567?resolved=1");
            let t = page(&w, Some(officer), &to).await.text();
            assert!(t.contains("&#60;script&#62;alert(1)") && t.contains("receipt 42"));
            assert!(!t.contains("<script>alert"));
            assert!(t.contains("Test officer"));
            let a = post_form(&w, Some(officer), &action, &[("resolution", "no_action"), ("note", "again")])
                .await;
            assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
            let a = page(&w, Some(officer), "/office/findings?kind=overstay&status=resolved").await;
            assert!(a.text().contains("/office/travellers/RUS/R1234567"));

            // Searches, reads and the resolution are audited.
            let state = w.state.clone();
            let audit = tokio::task::spawn_blocking(move || {
                umis_store::testing::rows(&state.store, "SELECT action FROM audit_log ORDER BY id", &[])
            })
            .await
            .unwrap();
            let actions: Vec<String> = audit.unwrap().iter().map(|r| r.text(0).unwrap()).collect();
            for want in ["traveller.search", "traveller.read", "findings.list", "finding.resolve"] {
                assert!(actions.iter().any(|a| a == want), "{want}");
            }
            w
        });
        drop(rt);
        drop(w);
    });
}

/// A residence-permit holder abroad 91 days within 180: the queue lists the `trp_absence` item
/// under its own filter, and the traveller's file says which permit, how many days, and that
/// the officer checks the highly-qualified exemption before cancelling.
#[test]
fn a_trp_holder_abroad_too_long_is_in_the_queue_and_the_file() {
    on_every_database(|db| {
        let (w, secrets) = world(db);
        let resident = |id: &str, dir: &str, at: &str| {
            let basis = if dir == "entry" { r#","entry_basis":{"kind":"residence_permit"}"# } else { "" };
            format!(
                r#"{{"record_id":"{id}","direction":"{dir}","occurred_at":"{at}","border_point":"GYD","document":{{"type":"P","number":"G1","issuing_state":"GEO"}},"person":{{"surname":"BERIDZE","given_names":"GIORGI","date_of_birth":"1988-03-03","sex":"M","nationality":"GEO"}}{basis}}}"#
            )
        };
        let lines = [
            resident("G1-in", "entry", "2025-12-05T08:00:00Z"),
            resident("G1-out", "exit", "2026-01-01T08:00:00Z"),
            resident("G1-back", "entry", "2026-04-03T08:00:00Z"),
        ]
        .join("\n");
        let permits = "permit_number,kind,holder_issuing_state,holder_document_number,valid_from,valid_until\n\
                       TRP-G1,temporary_residence,GEO,G1,2025-12-01,2027-11-30\n";
        let store = &w.state.store;
        for (kind, format, text) in [
            (RecordKind::Crossings, Format::Jsonl, lines.as_str()),
            (RecordKind::Permits, Format::Csv, permits),
        ] {
            let req = ImportRequest { kind, format, source: "test", actor: "test", batch_rows: 100 };
            let s = run_import(store, text.as_bytes(), req, &mut |_| Ok(()), &mut |_, _| {}).unwrap();
            assert_eq!(s.rejected, 0);
        }
        let as_of = umis_domain::Date::parse("2026-07-10").unwrap();
        umis_core::scan::run_scan(store, w.state.packs.default_pack(), as_of, "test", &mut std::io::sink())
            .unwrap();
        let rt = runtime();
        let w = rt.block_on(async {
            let w = signed_in(w, &secrets).await;
            let officer = person(&w, "officer");
            let a = page(&w, Some(officer), "/office/findings?kind=trp_absence&status=open").await;
            assert_eq!(a.status, StatusCode::OK);
            let t = a.text();
            assert!(t.contains("/office/travellers/GEO/G1") && t.contains("TRP-G1"), "{t}");
            assert!(t.contains("value=\"trp_absence\" selected"), "the filter offers the kind");
            let t = page(&w, Some(officer), "/office/travellers/GEO/G1").await.text();
            assert!(t.contains("TRP-G1") && t.contains("91") && t.contains("180"), "{t}");
            assert!(t.contains("[absence.trp]"), "the trace says why");
            assert!(!t.contains("control-kind-trp_absence"), "every word has a translation");
            w
        });
        drop(rt);
        drop(w);
    });
}
