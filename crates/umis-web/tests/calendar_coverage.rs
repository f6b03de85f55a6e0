//! A deadline that runs beyond the years the business-day calendar covers, on SQLite and
//! PostgreSQL: filing is refused with the year named (409 through the API, the check page again
//! with the message in the reader's language in the portal), the case stays a draft, and a
//! deadline inside the covered years is filed as before.

#![expect(clippy::unwrap_used, reason = "test code: a failure should stop the test")]

use crate::support;

use axum::http::StatusCode;
use serde_json::{Value, json};
use support::*;
use umis_core::clock::Clock;
use umis_domain::Date;
use umis_rules::services::Catalogue;
use umis_store::testing::TestDb;

/// Noon UTC on `day`, as the manual clock counts it.
fn noon(day: &str) -> Clock {
    let days = i64::from(Date::parse(day).unwrap().days());
    Clock::manual((days * 86_400 + 12 * 3600) * 1_000_000_000)
}

/// A draft of `service` by the applicant with its documents, not yet submitted.
async fn draft(w: &World, service: &str) -> String {
    let cat = Catalogue::builtin().unwrap();
    let svc = cat.get(service).unwrap();
    let form = valid_form(svc, w.state.clock.today());
    let body = json!({ "service": service, "office": "BAK1", "form": form }).to_string();
    let a = call(w, Some(person(w, "applicant")), "POST", "/api/v1/cases", body).await;
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.json);
    let id = a.json["id"].as_str().unwrap().to_owned();
    for d in svc.documents().iter().filter(|d| d.required) {
        let uri = format!("/api/v1/cases/{id}/documents?doc_type={}", d.code);
        let a = call(w, Some(person(w, "applicant")), "POST", &uri, pdf()).await;
        assert_eq!(a.status, StatusCode::CREATED, "{}: {}", d.code, a.json);
    }
    id
}

async fn state_of(w: &World, id: &str) -> Value {
    call(w, Some(person(w, "applicant")), "GET", &format!("/api/v1/cases/{id}"), "").await.json["state"]
        .clone()
}

#[test]
fn a_deadline_beyond_the_calendar_is_refused_with_the_year() {
    for db in TestDb::both().unwrap() {
        // 60 business days from mid-November 2027 run into 2028, which the calendar does not cover.
        let (w, secrets) = world_at(db, noon("2027-11-15"));
        let done = runtime().block_on(async {
            let w = signed_in(w, &secrets).await;
            let id = draft(&w, "prp_issue").await;
            let a = act(&w, "applicant", &id, json!({ "action": "submit" })).await;
            assert_eq!(a.status, StatusCode::CONFLICT, "{}", a.json);
            let detail = a.json["detail"].as_str().unwrap();
            assert!(detail.contains("2028") && detail.contains("2024–2027"), "{detail}");
            assert_eq!(state_of(&w, &id).await, "draft", "nothing was filed");

            let me = person(&w, "applicant").clone();
            let page = post_form(&w, Some(&me), &format!("/applications/{id}/submit?lang=ru"), &[]).await;
            assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", page.text());
            let html = page.text();
            assert!(html.contains("govuk-error-summary") && html.contains("приходится на 2028 г."), "{html}");
            assert_eq!(state_of(&w, &id).await, "draft");

            // Three business days stay inside 2027: filed as before.
            let short = draft(&w, "stay_extension").await;
            let a = act(&w, "applicant", &short, json!({ "action": "submit" })).await;
            assert_eq!(a.status, StatusCode::OK, "{}", a.json);
            assert_eq!(a.json["due_on"], "2027-11-18");
            w
        });
        drop(done); // outside the runtime: the PostgreSQL driver blocks when closing
    }
}
