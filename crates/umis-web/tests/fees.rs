//! The fee a case stores and shows is the one the Law on State Duty sets for what the form asks,
//! through the API, on SQLite and PostgreSQL: a 60-day stay extension is billed 60 days (review
//! X3), a minor and a full-time student pay their scales, a work permit its term, and a work
//! permit for the liberated territories has its own amount, a deadline 5 working days shorter
//! and takes nothing from the quota. An answer the law prices nowhere is a 422 naming the field.

#![expect(clippy::unwrap_used, reason = "test code: a failure should stop the test")]

use crate::support;

use axum::http::StatusCode;
use serde_json::{Value, json};
use support::{
    World, act, approve_for, call, decide, page, pdf, person, post_form, runtime, signed_in, valid_form,
    world_at,
};
use umis_core::clock::Clock;
use umis_domain::Date;
use umis_rules::services::Catalogue;
use umis_store::testing::TestDb;

/// 2026-12-08 09:00 UTC: inside the liberated-territory regime (2023-2028).
const NOW_NS: i64 = 1_796_720_400 * 1_000_000_000;

/// Opens a draft of `service` at tier `tier` with the sample form changed by `answers`.
async fn draft(
    w: &World,
    who: &str,
    service: &str,
    tier: &str,
    answers: &[(&str, &str)],
) -> (StatusCode, Value) {
    let cat = Catalogue::builtin().unwrap();
    let mut form = valid_form(cat.get(service).unwrap(), w.state.clock.today());
    for (k, v) in answers {
        form.insert((*k).to_owned(), (*v).to_owned());
    }
    let body = json!({ "service": service, "fee_tier": tier, "office": "BAK1", "form": form }).to_string();
    let a = call(w, Some(person(w, who)), "POST", "/api/v1/cases", body).await;
    (a.status, a.json)
}

/// Files (drafts, uploads every required document, submits) and answers the submitted case.
async fn filed(w: &World, who: &str, service: &str, tier: &str, answers: &[(&str, &str)]) -> Value {
    let (status, case) = draft(w, who, service, tier, answers).await;
    assert_eq!(status, StatusCode::CREATED, "{service}: {case}");
    let id = case["id"].as_str().unwrap().to_owned();
    let cat = Catalogue::builtin().unwrap();
    for d in cat.get(service).unwrap().documents().iter().filter(|d| d.required) {
        let uri = format!("/api/v1/cases/{id}/documents?doc_type={}", d.code);
        let a = call(w, Some(person(w, who)), "POST", &uri, pdf()).await;
        assert_eq!(a.status, StatusCode::CREATED, "{}: {}", d.code, a.json);
    }
    let a = act(w, who, &id, json!({ "action": "submit" })).await;
    assert_eq!(a.status, StatusCode::OK, "{service} submit: {}", a.json);
    a.json
}

/// The fee stored for the case, read back from the API.
async fn stored(w: &World, who: &str, case: &Value) -> (i64, Value) {
    let id = case["id"].as_str().unwrap();
    let a = call(w, Some(person(w, who)), "GET", &format!("/api/v1/cases/{id}"), "").await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.json);
    (a.json["fee_minor"].as_i64().unwrap(), a.json["fee_basis"].clone())
}

fn business_days_after(days: u32, from: &str) -> String {
    let cat = Catalogue::builtin().unwrap();
    cat.calendar().add_business_days(Date::parse(from).unwrap(), days).unwrap().to_string()
}

#[test]
fn the_stored_fee_is_the_one_the_law_sets_for_the_form() {
    for db in TestDb::both().unwrap() {
        let (w, secrets) = world_at(db, Clock::manual(NOW_NS));
        let done = runtime().block_on(async {
            let w = signed_in(w, &secrets).await;
            // X3: 60 days of extension are 60 AZN (standard) and 100 AZN (urgent), not 30 / 50.
            for (tier, want) in [("standard", 6000), ("urgent", 10000)] {
                let case = filed(&w, "applicant", "stay_extension", tier, &[("extension_days", "60")]).await;
                assert_eq!(case["fee_minor"], want, "{tier}: {case}");
                let (fee, basis) = stored(&w, "applicant", &case).await;
                assert_eq!(fee, want);
                assert_eq!(basis, json!({ "scale": "adult", "term": "60", "periods": 2, "regime": null }));
            }
            // A minor (from the date of birth) pays the minor scale; nobody asked.
            let young = [("extension_days", "60"), ("date_of_birth", "2012-01-01")];
            let case = filed(&w, "applicant", "stay_extension", "urgent", &young).await;
            assert_eq!(stored(&w, "applicant", &case).await.0, 6000);
            assert_eq!(case["fee_basis"]["scale"], "minor");
            // TRP by term and scale (3 years: an investor's term; other grounds allow one year).
            let investor = [("requested_term", "3_years"), ("ground", "investment")];
            let case = filed(&w, "applicant", "trp_issue", "standard", &investor).await;
            assert_eq!(stored(&w, "applicant", &case).await.0, 36000);
            let student = [("requested_term", "1_year"), ("full_time_student", "yes")];
            let case = filed(&w, "applicant", "trp_issue", "urgent", &student).await;
            assert_eq!(
                stored(&w, "applicant", &case).await,
                (
                    6000,
                    json!({
                        "scale": "student", "term": "1_year", "periods": null, "regime": null
                    })
                )
            );
            let minor = [("requested_term", "6_months"), ("date_of_birth", "2015-06-01")];
            let case = filed(&w, "applicant", "trp_extension", "standard", &minor).await;
            assert_eq!(stored(&w, "applicant", &case).await.0, 3000);
            // A work permit for 6 months.
            let case = filed(&w, "employer", "work_permit", "fast", &[("requested_term", "6_months")]).await;
            assert_eq!(stored(&w, "employer", &case).await.0, 70000);
            w
        });
        drop(done);
    }
}

#[test]
fn an_answer_the_law_prices_nowhere_is_refused_naming_the_field() {
    for db in TestDb::both().unwrap() {
        let (w, secrets) = world_at(db, Clock::manual(NOW_NS));
        let done = runtime().block_on(async {
            let w = signed_in(w, &secrets).await;
            // Two years are for the liberated territories only.
            let (status, body) =
                draft(&w, "employer", "work_permit", "standard", &[("requested_term", "2_years")]).await;
            assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
            assert_eq!(body["errors"][0]["field"], "form.requested_term", "{body}");
            assert_eq!(body["errors"][0]["code"], "no_fee_for_term", "{body}");
            w
        });
        drop(done);
    }
}

#[test]
fn a_liberated_territory_work_permit_is_decided_5_working_days_sooner_and_outside_the_quota() {
    for db in TestDb::both().unwrap() {
        let (w, secrets) = world_at(db, Clock::manual(NOW_NS));
        // The year's quota is used up (set outside the runtime: the PostgreSQL driver blocks).
        umis_store::cases::set_work_quota_in(&w.state.store, 2026, 0).unwrap();
        let done = runtime().block_on(async {
            let w = signed_in(w, &secrets).await;
            let liberated = [
                ("requested_term", "2_years"),
                ("work_location", "liberated_territories"),
                ("contract_until", "2030-12-31"),
            ];
            let case = filed(&w, "employer", "work_permit", "standard", &liberated).await;
            assert_eq!(case["fee_minor"], 140000, "{case}");
            assert_eq!(case["fee_basis"]["regime"], "liberated_territories");
            let on = case["submitted_on"].as_str().unwrap();
            assert_eq!(case["due_on"].as_str().unwrap(), business_days_after(15, on), "20 - 5 working days");
            let id = case["id"].as_str().unwrap().to_owned();
            let done = decide(&w, &id, false, approve_for("work_permit")).await;
            assert_eq!(done["state"], "approved", "outside the quota: {done}");
            // Granted for the 2 years paid for (from the decision, 2026-12-08).
            let permit =
                done["issued"].as_array().unwrap().iter().find(|d| d["doc_type"] == "permit").unwrap();
            assert_eq!(permit["valid_until"], "2028-12-07", "{permit}");
            // The same permit elsewhere: the ordinary deadline, and the spent quota refuses it.
            let case = filed(&w, "employer", "work_permit", "urgent", &[("requested_term", "1_year")]).await;
            let on = case["submitted_on"].as_str().unwrap();
            assert_eq!(case["due_on"].as_str().unwrap(), business_days_after(10, on));
            let id = case["id"].as_str().unwrap().to_owned();
            for (who, step) in [
                ("officer", json!({ "action": "accept" })),
                ("supervisor", json!({ "action": "assign", "officer": person(&w, "officer").id })),
                ("officer", json!({ "action": "start_review" })),
                ("officer", approve_for("work_permit")),
            ] {
                assert_eq!(act(&w, who, &id, step).await.status, StatusCode::OK);
            }
            let refused = act(&w, "officer2", &id, json!({ "action": "confirm" })).await;
            assert_eq!(refused.status, StatusCode::CONFLICT, "the quota is spent: {}", refused.json);
            w
        });
        let quota = umis_core::hosting::work_quota(&done.state.store, 2026).unwrap();
        assert_eq!(quota, Some((0, 0)), "nothing taken from the quota");
        drop(done);
    }
}

#[test]
fn the_portal_shows_a_60_day_extension_at_its_fee_with_the_basis() {
    for db in TestDb::both().unwrap() {
        let (w, secrets) = world_at(db, Clock::manual(NOW_NS));
        let done = runtime().block_on(async {
            let w = signed_in(w, &secrets).await;
            let me = person(&w, "applicant").clone();
            let a = post_form(&w, Some(&me), "/services/stay_extension/start", &[("office", "BAK1")]).await;
            assert_eq!(a.status, StatusCode::SEE_OTHER);
            let draft = a.location().unwrap();
            let (y, m, d) = w.state.clock.today().add_days(20).ymd();
            let (y, m, d) = (y.to_string(), m.to_string(), d.to_string());
            let details = [
                ("current_stay_until-day", d.as_str()),
                ("current_stay_until-month", m.as_str()),
                ("current_stay_until-year", y.as_str()),
                ("extension_days", "60"),
                ("address", "Baku, Nizami 1"),
                ("reason", "Treatment"),
            ];
            let saved = post_form(&w, Some(&me), &format!("{draft}/section/details"), &details).await;
            assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.text());
            let tasks = page(&w, Some(&me), &format!("{draft}?lang=en")).await.text();
            assert!(tasks.contains("₼60.00"), "the task list shows 60 days' fee");
            let fee = page(&w, Some(&me), &format!("{draft}/fee?lang=en")).await.text();
            assert!(fee.contains("Adult rate · 2 × 30 days"), "the basis");
            assert!(fee.contains("₼100.00"), "the urgent tier priced for 60 days");
            let ru = page(&w, Some(&me), &format!("{draft}/fee?lang=ru")).await.text();
            assert!(ru.contains("Ставка для взрослых"), "the basis in Russian");
            w
        });
        drop(done);
    }
}
