//! The officers' pages: the work queue shows the office's cases only (asylum cases only to
//! refugee-status officers); a case is decided through its page by two officers; the proposer
//! cannot confirm; a refusal needs grounds; hostile, overlong and malformed input in every
//! field is answered with an error summary, never a server error or a reflected script; a
//! step on a case that changed meanwhile is refused with a reload message; an issued document
//! is revoked after a confirmation step. On SQLite and PostgreSQL.

#![expect(clippy::unwrap_used, clippy::expect_used, reason = "test code: a failure should stop the test")]

use crate::support;

use axum::http::StatusCode;
use support::*;

const HOSTILE: &[&str] = &[
    "<script>alert('umis-injected')</script>",
    "\"><img src=x onerror=alert('umis-injected')>",
    "'; DROP TABLE cases; --",
    "Иванов Иван ქართული 漢字",
];

/// The version the case page's forms carry.
fn version_of(html: &str) -> String {
    let at = html.find("name=\"version\" value=\"").expect("the page has an action form");
    let rest = &html[at + 22..];
    rest[..rest.find('"').unwrap()].to_owned()
}

fn case_path(id: &str) -> String {
    format!("/office/cases/{id}?lang=en")
}

fn actions_path(id: &str) -> String {
    format!("/office/cases/{id}/actions?lang=en")
}

/// Takes a step through the case page as `who`, with the version their page shows.
async fn step(w: &World, who: &str, id: &str, fields: &[(&str, &str)]) -> Answer {
    let p = person(w, who);
    let page = page(w, Some(p), &case_path(id)).await;
    assert_eq!(page.status, StatusCode::OK, "{who} opens the case");
    let version = version_of(&page.text());
    let mut all = fields.to_vec();
    all.push(("version", &version));
    post_form(w, Some(p), &actions_path(id), &all).await
}

/// A step that must succeed: the answer sends the officer back to the case with a notice.
async fn done(w: &World, who: &str, id: &str, fields: &[(&str, &str)]) {
    let a = step(w, who, id, fields).await;
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{who} {fields:?}: {}", a.text());
    assert!(a.location().unwrap().starts_with(&format!("/office/cases/{id}?done=")));
}

/// A step that must be refused with an error summary naming `message`.
async fn refused(w: &World, who: &str, id: &str, fields: &[(&str, &str)], message: &str) {
    let a = step(w, who, id, fields).await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{who} {fields:?}");
    let text = a.text();
    assert!(text.contains("govuk-error-summary"), "an error summary for {fields:?}");
    assert!(text.contains(message), "{message:?} for {fields:?}");
    assert!(!text.contains("<script>alert") && !text.contains("<img src=x"), "input is escaped");
}

async fn state_of(w: &World, id: &str) -> String {
    let a = call(w, Some(person(w, "officer")), "GET", &format!("/api/v1/cases/{id}"), "").await;
    a.json["state"].as_str().unwrap_or_default().to_owned()
}

#[test]
fn the_queue_shows_the_offices_cases_and_asylum_cases_only_to_refugee_officers() {
    on_both(|w| {
        Box::pin(async move {
            let here = file(w, "employer", "work_permit", &[]).await;
            let elsewhere = file_at(w, "applicant", "trp_issue", "GNJ1", &[]).await;
            let asylum = file(w, "applicant", "refugee_status", &[]).await;
            let (here_id, here_receipt) = (here["id"].as_str().unwrap(), here["receipt"].as_str().unwrap());
            let elsewhere_receipt = elsewhere["receipt"].as_str().unwrap();
            let (asylum_id, asylum_receipt) =
                (asylum["id"].as_str().unwrap(), asylum["receipt"].as_str().unwrap());

            for who in ["officer", "supervisor"] {
                let q = page(w, Some(person(w, who)), "/office/queue?lang=en").await;
                assert_eq!(q.status, StatusCode::OK);
                let text = q.text();
                assert!(text.contains(here_receipt), "{who} sees the office's case");
                assert!(!text.contains(elsewhere_receipt), "{who} does not see another office's case");
                assert!(!text.contains(asylum_receipt), "{who} does not see the asylum case");
                assert!(text.contains("Open cases at your office"));
                let a = page(w, Some(person(w, who)), &case_path(asylum_id)).await;
                assert_eq!(a.status, StatusCode::NOT_FOUND, "{who} cannot open the asylum case");
            }
            let q = page(w, Some(person(w, "refugee_officer")), "/office/queue?lang=en").await;
            assert!(q.text().contains(asylum_receipt), "the refugee officer sees the asylum case");
            let a = page(w, Some(person(w, "refugee_officer")), &case_path(asylum_id)).await;
            assert_eq!(a.status, StatusCode::OK);
            let q = page(w, Some(person(w, "officer_b")), "/office/queue?lang=en").await;
            assert!(q.text().contains(elsewhere_receipt) && !q.text().contains(here_receipt));
            let a = page(w, Some(person(w, "officer_b")), &case_path(here_id)).await;
            assert_eq!(a.status, StatusCode::NOT_FOUND, "another office's case is not found");

            // Filters: a service narrows the list; hostile or malformed values are ignored.
            let q = page(w, Some(person(w, "officer")), "/office/queue?lang=en&service=trp_issue").await;
            assert!(!q.text().contains(here_receipt));
            for bad in HOSTILE.iter().chain(&["x|y", "2026-01-01|<b>", &"9".repeat(500)]) {
                let enc =
                    form_urlencoded_body(&[("service", bad), ("state", bad), ("after", bad), ("mine", bad)]);
                let q = page(w, Some(person(w, "officer")), &format!("/office/queue?lang=en&{enc}")).await;
                assert_eq!(q.status, StatusCode::OK, "{bad}");
                assert!(!q.text().contains("<script>alert") && !q.text().contains("<img src=x"));
            }
            let q = page(w, Some(person(w, "officer")), "/office/queue?lang=en&mine=1&overdue=1").await;
            assert!(q.text().contains("No cases match these filters."));
            // Every page of the queue in every language.
            for lang in ["az", "en", "ru"] {
                let q = page(w, Some(person(w, "officer")), &format!("/office/queue?lang={lang}")).await;
                assert_eq!(q.status, StatusCode::OK);
                let c = page(w, Some(person(w, "officer")), &format!("/office/cases/{here_id}?lang={lang}"))
                    .await;
                assert_eq!(c.status, StatusCode::OK);
            }
            // Server render time, measured in this (unoptimised) build.
            for path in ["/office/queue?lang=en".to_owned(), case_path(here_id)] {
                let started = std::time::Instant::now();
                let a = page(w, Some(person(w, "officer")), &path).await;
                let took = started.elapsed();
                println!("{path}: {took:?}");
                assert_eq!(a.status, StatusCode::OK);
                assert!(took < std::time::Duration::from_millis(500), "{path} took {took:?}");
            }
            let a = page(w, Some(person(w, "officer")), "/office/cases/..%2F..%2Fetc").await;
            assert_eq!(a.status, StatusCode::NOT_FOUND);
        })
    });
}

#[test]
fn two_officers_decide_a_case_through_its_page_and_the_document_is_revoked() {
    on_both(|w| {
        Box::pin(async move {
            let case = file(w, "applicant", "stay_extension", &[]).await;
            let id = case["id"].as_str().unwrap();
            let officer_id = person(w, "officer").id.clone();

            let page_text = page(w, Some(person(w, "officer")), &case_path(id)).await.text();
            for part in ["Application", "Documents", "Eligibility", "Stays in the country", "History"] {
                assert!(page_text.contains(part), "the case page shows {part}");
            }
            assert!(page_text.contains(&format!("/api/v1/cases/{id}/documents/")), "download links");
            assert!(
                page_text.contains("Accept the application") && !page_text.contains("Confirm the decision")
            );

            done(w, "officer", id, &[("action", "accept")]).await;
            assert_eq!(state_of(w, id).await, "accepted");
            // An officer takes a case themselves; only a supervisor gives it to someone else.
            refused(
                w,
                "officer2",
                id,
                &[("action", "assign"), ("officer", &officer_id)],
                "Choose an officer",
            )
            .await;
            done(w, "supervisor", id, &[("action", "assign"), ("officer", &officer_id)]).await;
            // Only the assigned officer starts the review.
            let other = page(w, Some(person(w, "officer2")), &case_path(id)).await.text();
            assert!(!other.contains("Start review"));
            done(w, "officer", id, &[("action", "start_review")]).await;
            done(w, "officer", id, &[("action", "propose"), ("decision", "approve")]).await;
            assert_eq!(state_of(w, id).await, "decision_proposed");

            let own = page(w, Some(person(w, "officer")), &case_path(id)).await.text();
            assert!(own.contains("You proposed this decision."));
            refused(w, "officer", id, &[("action", "confirm")], "another officer must confirm it").await;
            refused(w, "officer", id, &[("action", "send_back")], "another officer must confirm it").await;
            assert_eq!(state_of(w, id).await, "decision_proposed", "the proposer changed nothing");
            done(w, "officer2", id, &[("action", "confirm")]).await;
            assert_eq!(state_of(w, id).await, "approved");

            let decided =
                page(w, Some(person(w, "officer")), &format!("{}&done=confirm", case_path(id))).await;
            let text = decided.text();
            assert!(text.contains("The decision has been confirmed."));
            let at = text.find("/office/issued/").expect("a revoke link for the permit");
            let number = text[at + 15..].split('/').next().unwrap().to_owned();
            let revoke = format!("/office/issued/{number}/revoke?lang=en");

            // Cancellation: coded grounds required, the note checked, then a check step; a
            // second officer confirms (the contract changed: grounds are codes, four eyes).
            let p = person(w, "officer");
            assert_eq!(page(w, Some(p), &revoke).await.status, StatusCode::OK);
            for (grounds, bad) in
                [("", ""), ("", "x"), ("issued_in_error", &"x".repeat(1_001)), ("issued_in_error", "a\u{7}b")]
            {
                let a = post_form(w, Some(p), &revoke, &[("grounds", grounds), ("reason", bad)]).await;
                assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{grounds:?} {bad:?}");
                assert!(a.text().contains("govuk-error-summary"));
            }
            let grounds = HOSTILE[0];
            let fields = [("grounds", "false_information"), ("reason", grounds)];
            let check = post_form(w, Some(p), &revoke, &fields).await;
            assert_eq!(check.status, StatusCode::OK);
            assert!(
                check.text().contains("Propose the cancellation") && !check.text().contains("<script>alert")
            );
            let unknown =
                post_form(w, Some(p), &revoke, &[("grounds", "quota_exhausted"), ("confirm", "yes")]).await;
            assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY, "not a cancellation ground");
            let a = post_form(w, Some(p), &revoke, &[fields[0], fields[1], ("confirm", "yes")]).await;
            assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.text());
            let own = post_form(w, Some(p), &revoke, &[("step", "confirm")]).await;
            assert_eq!(own.status, StatusCode::UNPROCESSABLE_ENTITY, "four eyes");
            let second = person(w, "officer2");
            let pending = page(w, Some(second), &revoke).await.text();
            assert!(pending.contains("awaits confirmation") && pending.contains("proposed-grounds"));
            let a = post_form(w, Some(second), &revoke, &[("step", "confirm")]).await;
            assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.text());
            let after = page(w, Some(p), &case_path(id)).await.text();
            assert!(after.contains("Revoked on"));
            let again = page(w, Some(p), &revoke).await;
            assert_eq!(again.status, StatusCode::SEE_OTHER, "a revoked document goes back to its case");
            // Another office's officer cannot even see the document.
            let a = page(w, Some(person(w, "officer_b")), &revoke).await;
            assert_eq!(a.status, StatusCode::NOT_FOUND);
            let a = post_form(
                w,
                Some(person(w, "officer_b")),
                &revoke,
                &[("grounds", "false_information"), ("confirm", "yes")],
            )
            .await;
            assert_eq!(a.status, StatusCode::NOT_FOUND);
        })
    });
}

#[test]
fn refusals_need_grounds_and_bad_input_gets_an_error_summary() {
    on_both(|w| {
        Box::pin(async move {
            let case = file(w, "applicant", "stay_extension", &[]).await;
            let id = case["id"].as_str().unwrap();
            let officer_id = person(w, "officer").id.clone();
            let long = "x".repeat(4_001);

            for bad in ["", long.as_str(), "a\u{1}b"] {
                refused(
                    w,
                    "officer",
                    id,
                    &[("action", "return_for_correction"), ("return_note", bad)],
                    "There is a problem",
                )
                .await;
            }
            done(w, "officer", id, &[("action", "accept")]).await;
            for bad in HOSTILE.iter().chain(&["", "nobody"]) {
                refused(w, "supervisor", id, &[("action", "assign"), ("officer", bad)], "Choose an officer")
                    .await;
            }
            done(w, "supervisor", id, &[("action", "assign"), ("officer", &officer_id)]).await;
            done(w, "officer", id, &[("action", "start_review")]).await;

            for bad in ["", long.as_str(), "a\u{1}b"] {
                refused(
                    w,
                    "officer",
                    id,
                    &[("action", "request_information"), ("request_note", bad)],
                    "There is a problem",
                )
                .await;
            }
            // Grounds are coded: a refusal ticks at least one of the service's (the free-text
            // grounds of old are now a note that only adds to them).
            refused(
                w,
                "officer",
                id,
                &[("action", "propose"), ("decision", "refuse")],
                "Choose at least one of the legal grounds",
            )
            .await;
            refused(
                w,
                "officer",
                id,
                &[
                    ("action", "propose"),
                    ("decision", "refuse"),
                    ("grounds", "   "),
                    ("grounds_note", "Art. 5"),
                ],
                "Choose at least one of the legal grounds",
            )
            .await;
            for bad in HOSTILE.iter().chain(&["quota_exhausted"]) {
                refused(
                    w,
                    "officer",
                    id,
                    &[("action", "propose"), ("decision", "refuse"), ("grounds", bad)],
                    "There is a problem",
                )
                .await;
            }
            refused(
                w,
                "officer",
                id,
                &[
                    ("action", "propose"),
                    ("decision", "refuse"),
                    ("grounds", "no_extension_reason"),
                    ("grounds_note", &long),
                ],
                "characters or fewer",
            )
            .await;
            for bad in HOSTILE {
                refused(
                    w,
                    "officer",
                    id,
                    &[("action", "propose"), ("decision", bad)],
                    "Choose whether to approve or refuse",
                )
                .await;
            }
            refused(
                w,
                "officer",
                id,
                &[("action", "propose"), ("decision", "approve"), ("outcome", "recognised")],
                "There is a problem",
            )
            .await;
            // Hostile text that is otherwise fine is kept as text and shown escaped.
            done(w, "officer", id, &[("action", "request_information"), ("request_note", HOSTILE[1])]).await;
            let text = page(w, Some(person(w, "officer")), &case_path(id)).await.text();
            assert!(text.contains("img src=x onerror"), "escaped");
            assert!(!text.contains("<img src=x"));
            // The case waits for the applicant: the officer has no step to take.
            assert!(text.contains("The case is waiting for the applicant."));
            let current =
                call(w, Some(person(w, "officer")), "GET", &format!("/api/v1/cases/{id}"), "").await;
            let version = current.json["version"].to_string();
            let a = post_form(
                w,
                Some(person(w, "officer")),
                &actions_path(id),
                &[("action", "accept"), ("version", &version)],
            )
            .await;
            assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
            assert!(a.text().contains("not possible in the case"));

            // Unknown steps and missing versions are refused cleanly.
            let p = person(w, "officer");
            let a =
                post_form(w, Some(p), &actions_path(id), &[("action", "<script>"), ("version", "1")]).await;
            assert_eq!(a.status, StatusCode::BAD_REQUEST);
            let a =
                post_form(w, Some(p), &actions_path(id), &[("action", "accept"), ("version", "' OR '1'='1")])
                    .await;
            assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
            assert!(a.text().contains("The case has changed since you opened it."));
            let a = post_form(
                w,
                Some(p),
                "/office/cases/0000/actions?lang=en",
                &[("action", "accept"), ("version", "1")],
            )
            .await;
            assert_eq!(a.status, StatusCode::NOT_FOUND);
        })
    });
}

#[test]
fn a_step_on_a_case_changed_meanwhile_asks_to_reload() {
    on_both(|w| {
        Box::pin(async move {
            let case = file(w, "applicant", "stay_extension", &[]).await;
            let id = case["id"].as_str().unwrap();
            let p = person(w, "officer");
            let first = page(w, Some(p), &case_path(id)).await.text();
            let seen = version_of(&first);
            // Someone else accepts the case after the officer opened it.
            done(w, "officer2", id, &[("action", "accept")]).await;
            let a = post_form(
                w,
                Some(p),
                &actions_path(id),
                &[("action", "return_for_correction"), ("return_note", "fix it"), ("version", &seen)],
            )
            .await;
            assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
            let text = a.text();
            assert!(text.contains("The case has changed since you opened it."));
            assert!(text.contains("Reload the case"));
            assert_eq!(state_of(w, id).await, "accepted", "nothing was written");
        })
    });
}
