//! Permanent residence asks for temporary residence without interruption, not more than 90 days
//! abroad in any 180 (review 1.5): the officer's eligibility trace judges it from the
//! applicant's border crossings by the stay pack's absence rule, on SQLite and PostgreSQL.

#![expect(clippy::unwrap_used, reason = "test code: a failure should stop the test")]

use crate::support;

use support::{World, call, file, person, runtime, signed_in, world};
use umis_core::import::{Format, ImportRequest, RecordKind, run_import};
use umis_domain::Date;
use umis_store::testing::TestDb;

/// Exits and entries of the test applicant (RUS 751234567), alternating from an exit, at noon
/// in Baku on each day.
fn trips(w: &World, days: &[Date]) {
    let lines: Vec<String> = days
        .iter()
        .enumerate()
        .map(|(i, day)| {
            let dir = if i.is_multiple_of(2) { "exit" } else { "entry" };
            let basis = if dir == "entry" { r#","entry_basis":{"kind":"residence_permit"}"# } else { "" };
            format!(
                r#"{{"record_id":"P{i}","direction":"{dir}","occurred_at":"{day}T08:00:00Z","border_point":"GYD","document":{{"type":"P","number":"751234567","issuing_state":"RUS"}},"person":{{"surname":"TESTOV","date_of_birth":"1990-05-04","sex":"M","nationality":"RUS"}}{basis}}}"#
            )
        })
        .collect();
    let req = ImportRequest {
        kind: RecordKind::Crossings,
        format: Format::Jsonl,
        source: "test",
        actor: "test",
        batch_rows: 100,
    };
    let s = run_import(&w.state.store, lines.join("\n").as_bytes(), req, &mut |_| Ok(()), &mut |_, _| {})
        .unwrap();
    assert_eq!(s.rejected, 0);
}

/// The officer's eligibility lines of a freshly filed `prp_issue` case.
async fn eligibility(w: &World) -> Vec<String> {
    let case = file(w, "applicant", "prp_issue", &[]).await;
    let id = case["id"].as_str().unwrap();
    let a = call(w, Some(person(w, "officer")), "GET", &format!("/api/v1/cases/{id}"), "").await;
    let lines = a.json["staff"]["eligibility"].as_array().cloned().unwrap_or_default();
    lines.iter().map(|l| l.as_str().unwrap_or("").to_owned()).collect()
}

fn line<'a>(lines: &'a [String], rule: &str) -> &'a str {
    lines.iter().find(|l| l.starts_with(&format!("[{rule}]"))).map_or("", String::as_str)
}

#[test]
fn the_officer_sees_continuity_judged_from_the_crossings() {
    for (absent, kept) in [(100, false), (90, true)] {
        for db in TestDb::both().unwrap() {
            let (w, secrets) = world(db);
            let today = w.state.clock.today();
            // Left 400 days ago, back after `absent` days abroad.
            trips(&w, &[today.add_days(-400), today.add_days(-400 + absent + 1)]);
            let rt = runtime();
            let (w, lines) = rt.block_on(async {
                let w = signed_in(w, &secrets).await;
                let lines = eligibility(&w).await;
                (w, lines)
            });
            // The world's database connections close outside the runtime.
            drop(rt);
            drop(w);
            let rule = line(&lines, "trp_without_interruption");
            let verdict = if kept { "yes; must be yes: met" } else { "no; must be yes: not met" };
            assert!(rule.contains(verdict), "{absent} days: {lines:?}");
            let why = lines.iter().find(|l| l.starts_with("[absence.continuity]")).unwrap();
            if kept {
                assert!(why.contains("without interruption"), "{why}");
            } else {
                let first = today.add_days(-400 + 91);
                assert!(why.contains("91 days abroad in the 180-day window"), "{why}");
                assert!(why.contains(&first.to_string()), "{why}");
            }
        }
    }
}

#[test]
fn without_any_crossing_continuity_is_unknown_and_not_met() {
    for db in TestDb::both().unwrap() {
        let (w, secrets) = world(db);
        let rt = runtime();
        let (w, lines) = rt.block_on(async {
            let w = signed_in(w, &secrets).await;
            let lines = eligibility(&w).await;
            (w, lines)
        });
        drop(rt);
        drop(w);
        let rule = line(&lines, "trp_without_interruption");
        assert!(rule.contains("unknown; must be yes: not met"), "{lines:?}");
        assert!(lines.iter().all(|l| !l.starts_with("[absence.continuity]")));
    }
}
