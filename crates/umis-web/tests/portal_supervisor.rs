//! The supervisor's dashboard, on SQLite and PostgreSQL: workload, overdue cases (linked to
//! the case page) and decisions within the deadline of their own office only, without asylum
//! cases; other roles are refused; every language renders.

#![expect(clippy::unwrap_used, reason = "test code: a failure should stop the test")]

use crate::support;

use axum::http::StatusCode;
use std::sync::atomic::Ordering;
use support::*;
use umis_core::clock::Clock;
use umis_store::testing::TestDb;

#[test]
fn the_dashboard_shows_the_offices_workload_and_overdue_cases() {
    for db in TestDb::both().unwrap() {
        let now = umis_core::clock::Clock::System.now_ns();
        let clock = Clock::manual(now);
        let Clock::Manual(hand) = &clock else { unreachable!() };
        let hand = hand.clone();
        let (w, secrets) = world_at(db, clock);
        let done = runtime().block_on(async {
            let w = signed_in(w, &secrets).await;
            let late = file(&w, "applicant", "trp_issue", &[]).await;
            let late_id = late["id"].as_str().unwrap().to_owned();
            let decided = file(&w, "applicant", "trp_issue", &[]).await;
            decide(&w, decided["id"].as_str().unwrap(), false, approve_for("trp_issue")).await;
            let elsewhere = file_at(&w, "applicant", "trp_issue", "GNJ1", &[]).await;
            let asylum = file(&w, "applicant", "refugee_status", &[]).await;
            // A year later every open case is past its deadline.
            hand.fetch_add(400 * 86_400 * 1_000_000_000, Ordering::SeqCst);
            let w = signed_in(w, &secrets).await;
            for lang in ["az", "en", "ru"] {
                let a =
                    page(&w, Some(person(&w, "supervisor")), &format!("/office/dashboard?lang={lang}")).await;
                assert_eq!(a.status, StatusCode::OK, "{lang}");
                assert!(a.text().contains(&format!("lang=\"{lang}\"")));
            }
            let a = page(&w, Some(person(&w, "supervisor")), "/office/dashboard?lang=en").await;
            let html = a.text();
            assert!(html.contains(&format!("href=\"/office/cases/{late_id}\"")), "{html}");
            assert!(!html.contains(elsewhere["id"].as_str().unwrap()), "another office's case");
            assert!(!html.contains(asylum["id"].as_str().unwrap()), "an asylum case");
            assert!(html.contains("id=\"timeliness\"") && html.contains("role=\"img\""));
            for who in ["officer", "applicant", "auditor"] {
                let a = page(&w, Some(person(&w, who)), "/office/dashboard").await;
                assert_eq!(a.status, StatusCode::FORBIDDEN, "{who}");
            }
            w
        });
        drop(done);
    }
}
