//! The administrative procedure in the portal, on SQLite and PostgreSQL: every procedural step
//! the core offers an officer has a form on the case page (suspend, resume, extend the deadline,
//! exempt from the duty, terminate, forward, enter a decree, schedule and record interviews);
//! good input changes the case, bad input is refused with an error summary that keeps what was
//! typed and changes nothing, a stale version is refused, other roles and offices are refused;
//! the page shows the procedure's facts; the applicant's status page says what happens next in
//! each state of the procedure; the appeal board decides appeals on the same case page, a member
//! who took part in the act is refused, and the court stage is recorded through its form.

#![expect(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test code: a failure should stop the test"
)]

use crate::support;

use axum::http::StatusCode;
use serde_json::{Value, json};
use support::*;
use umis_domain::Date;
use umis_store::sql::Val;
use umis_store::testing::{self, TestDb};

fn case_path(id: &str) -> String {
    format!("/office/cases/{id}?lang=en")
}

/// The version the case page's forms carry.
fn version_of(html: &str) -> String {
    let at = html.find("name=\"version\" value=\"").expect("the page has an action form");
    let rest = &html[at + 22..];
    rest[..rest.find('"').unwrap()].to_owned()
}

/// The case page as `who` sees it, in English.
async fn case_page(w: &World, who: &str, id: &str) -> String {
    let a = page(w, Some(person(w, who)), &case_path(id)).await;
    assert_eq!(a.status, StatusCode::OK, "{who} opens {id}");
    a.text()
}

/// Posts a step through the case page as `who`, with the version their page shows.
async fn post_step(w: &World, who: &str, id: &str, fields: &[(&str, &str)]) -> Answer {
    let version = version_of(&case_page(w, who, id).await);
    let mut all = fields.to_vec();
    all.push(("version", &version));
    post_form(w, Some(person(w, who)), &format!("/office/cases/{id}/actions?lang=en"), &all).await
}

/// A step that must succeed: back to the case with a notice.
async fn taken(w: &World, who: &str, id: &str, fields: &[(&str, &str)]) {
    let a = post_step(w, who, id, fields).await;
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{who} {fields:?}: {}", a.text());
    assert!(a.location().unwrap().starts_with(&format!("/office/cases/{id}?done=")));
}

/// A step that must be refused with an error summary naming `message`, changing nothing; the
/// page it answers.
async fn refused_with(w: &World, who: &str, id: &str, fields: &[(&str, &str)], message: &str) -> String {
    let before = api_case(w, id).await;
    let a = post_step(w, who, id, fields).await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{who} {fields:?}");
    let text = a.text();
    assert!(text.contains("govuk-error-summary"), "an error summary for {fields:?}");
    let summary =
        text.find("govuk-error-summary__list").map_or("", |at| &text[at..(at + 600).min(text.len())]);
    assert!(text.contains(message), "{message:?} for {:?}: {summary}", fields.first());
    let after = api_case(w, id).await;
    assert_eq!(before["version"], after["version"], "nothing changed for {fields:?}");
    text
}

/// The case as its office's officer reads it through the API (an appeal: as the board).
async fn api_case(w: &World, id: &str) -> Value {
    for who in ["officer", "refugee_officer", "appeal_board"] {
        let a = call(w, Some(person(w, who)), "GET", &format!("/api/v1/cases/{id}"), "").await;
        if a.status == StatusCode::OK {
            return a.json;
        }
    }
    panic!("nobody reads {id}");
}

async fn state(w: &World, id: &str) -> String {
    api_case(w, id).await["state"].as_str().unwrap().to_owned()
}

/// The applicant's status page of their case, in English.
async fn status_page(w: &World, who: &str, id: &str) -> String {
    let a = page(w, Some(person(w, who)), &format!("/applications/{id}?lang=en")).await;
    assert_eq!(a.status, StatusCode::OK);
    a.text()
}

/// A case of `service` filed by `filer`, accepted and under review by `officer`.
async fn in_review(w: &World, filer: &str, service: &str, officer: &str, assigner: &str) -> String {
    let case = file(w, filer, service, &[]).await;
    let id = case["id"].as_str().unwrap().to_owned();
    ok(w, officer, &id, json!({ "action": "accept" })).await;
    ok(w, assigner, &id, json!({ "action": "assign", "officer": person(w, officer).id })).await;
    ok(w, officer, &id, json!({ "action": "start_review" })).await;
    id
}

/// The date-input fields of `name` for `d`.
fn date_fields(name: &str, d: Date) -> [(String, String); 3] {
    let iso = d.to_string();
    [
        (format!("{name}-day"), iso[8..10].trim_start_matches('0').to_owned()),
        (format!("{name}-month"), iso[5..7].trim_start_matches('0').to_owned()),
        (format!("{name}-year"), iso[..4].to_owned()),
    ]
}

fn with<'a>(fields: &'a [(&'a str, &'a str)], date: &'a [(String, String); 3]) -> Vec<(&'a str, &'a str)> {
    fields.iter().copied().chain(date.iter().map(|(k, v)| (k.as_str(), v.as_str()))).collect()
}

#[test]
fn suspension_extension_exemption_and_termination_are_taken_through_the_case_page() {
    on_both(|w| {
        Box::pin(async move {
            let id = in_review(w, "applicant", "trp_issue", "officer", "supervisor").await;
            let id = id.as_str();
            let text = case_page(w, "officer", id).await;
            for action in ["suspend", "extend_deadline", "exempt_from_duty", "terminate", "propose"] {
                assert!(text.contains(&format!("name=\"action\" value=\"{action}\"")), "a form to {action}");
            }
            for offered_elsewhere in ["forward", "record_decree", "schedule_interview", "resume"] {
                assert!(
                    !text.contains(&format!("value=\"{offered_elsewhere}\"")),
                    "no {offered_elsewhere} here"
                );
            }

            // Suspend: the note is required, plain and bounded; then the clock stands.
            refused_with(w, "officer", id, &[("action", "suspend"), ("suspend_note", "")], "Enter").await;
            let long = "x".repeat(4_001);
            let shown = refused_with(
                w,
                "officer",
                id,
                &[("action", "suspend"), ("suspend_note", &long)],
                "characters or fewer",
            )
            .await;
            assert!(shown.contains(&long), "what was typed is kept");
            let hostile = "<script>alert('umis-injected')</script> asked the border service";
            taken(w, "officer", id, &[("action", "suspend"), ("suspend_note", hostile)]).await;
            assert_eq!(state(w, id).await, "suspended");
            let text = case_page(w, "officer", id).await;
            assert!(
                text.contains("Deadline standing still") && text.contains("(0 days)"),
                "the clock's facts"
            );
            assert!(!text.contains("<script>alert"), "the note is text");
            assert!(text.contains("value=\"resume\"") && !text.contains("value=\"suspend\""));
            let status = status_page(w, "applicant", id).await;
            assert!(status.contains("The deadline stands still"), "the applicant is told the clock stands");

            // A version read before the last step is refused with the reload message.
            let stale = post_form(
                w,
                Some(person(w, "officer")),
                &format!("/office/cases/{id}/actions?lang=en"),
                &[("action", "resume"), ("version", "1")],
            )
            .await;
            assert_eq!(stale.status, StatusCode::UNPROCESSABLE_ENTITY);
            assert!(stale.text().contains("The case has changed since you opened it"));
            assert_eq!(state(w, id).await, "suspended");
            // Another officer of the office may not resume the case someone else holds.
            let version = version_of(&case_page(w, "officer", id).await);
            let other = post_form(
                w,
                Some(person(w, "officer2")),
                &format!("/office/cases/{id}/actions?lang=en"),
                &[("action", "resume"), ("version", &version)],
            )
            .await;
            assert_eq!(other.status, StatusCode::UNPROCESSABLE_ENTITY);
            assert!(other.text().contains("Only the officer the case is assigned to"));
            taken(w, "officer", id, &[("action", "resume")]).await;
            assert_eq!(state(w, id).await, "in_review");

            // Extend: a real date, later than the deadline and within the bound, and a reason.
            let due = Date::parse(api_case(w, id).await["due_on"].as_str().unwrap()).unwrap();
            let bad = [
                ("extend_on-day".to_owned(), "30".to_owned()),
                ("extend_on-month".to_owned(), "2".to_owned()),
                ("extend_on-year".to_owned(), "2027".to_owned()),
            ];
            let shown = refused_with(
                w,
                "officer",
                id,
                &with(&[("action", "extend_deadline"), ("extend_reason", "Interpol check")], &bad),
                "Enter a real date",
            )
            .await;
            assert!(
                shown.contains("value=\"30\"") && shown.contains("Interpol check"),
                "typed values are kept"
            );
            let later = date_fields("extend_on", due.add_days(5));
            refused_with(
                w,
                "officer",
                id,
                &with(&[("action", "extend_deadline"), ("extend_reason", "")], &later),
                "Enter",
            )
            .await;
            let earlier = date_fields("extend_on", due);
            refused_with(
                w,
                "officer",
                id,
                &with(&[("action", "extend_deadline"), ("extend_reason", "more")], &earlier),
                "must be later than the current one",
            )
            .await;
            let far = date_fields("extend_on", due.add_days(1_000));
            refused_with(
                w,
                "officer",
                id,
                &with(&[("action", "extend_deadline"), ("extend_reason", "more")], &far),
                "later than the law allows",
            )
            .await;
            taken(
                w,
                "officer",
                id,
                &with(&[("action", "extend_deadline"), ("extend_reason", "Interpol check")], &later),
            )
            .await;
            assert_eq!(api_case(w, id).await["due_on"], due.add_days(5).to_string().as_str());
            assert!(case_page(w, "officer", id).await.contains("Deadline extended"));
            let status = status_page(w, "applicant", id).await;
            assert!(status.contains("Deadline extended") && status.contains("Reason: Interpol check"));

            // Exempt from the duty: a coded exemption and the document seen.
            refused_with(
                w,
                "officer",
                id,
                &[("action", "exempt_from_duty"), ("exemption", "rich"), ("exempt_note", "x")],
                "Choose the exemption",
            )
            .await;
            refused_with(
                w,
                "officer",
                id,
                &[("action", "exempt_from_duty"), ("exemption", "refugee"), ("exempt_note", "")],
                "Enter",
            )
            .await;
            taken(
                w,
                "officer",
                id,
                &[("action", "exempt_from_duty"), ("exemption", "refugee"), ("exempt_note", "card AZ-1")],
            )
            .await;
            assert_eq!(api_case(w, id).await["duty_exemption"], "refugee");
            assert!(case_page(w, "officer", id).await.contains("A recognised refugee"));

            // Terminate: a coded reason in the reader's language.
            let az = page(w, Some(person(w, "officer")), &format!("/office/cases/{id}?lang=az")).await.text();
            assert!(az.contains("Ərizəçi ölkəni tərk edib"), "the reasons in Azerbaijani");
            refused_with(
                w,
                "officer",
                id,
                &[("action", "terminate"), ("terminate_reason", "")],
                "Choose why the proceedings end",
            )
            .await;
            taken(
                w,
                "officer",
                id,
                &[
                    ("action", "terminate"),
                    ("terminate_reason", "applicant_left"),
                    ("terminate_note", "exit 2026-12-01"),
                ],
            )
            .await;
            assert_eq!(state(w, id).await, "proceedings_terminated");
            let text = case_page(w, "officer", id).await;
            assert!(
                text.contains("Proceedings ended") && text.contains("The applicant has left the country")
            );
            assert!(text.contains("There is nothing to do on this case now."));
            let status = status_page(w, "applicant", id).await;
            assert!(status.contains(
                "The proceedings ended without a decision on your application: you have left the country."
            ));
            for lang in ["az", "ru"] {
                let other =
                    page(w, Some(person(w, "applicant")), &format!("/applications/{id}?lang={lang}")).await;
                assert!(other.text().contains("id=\"next-step\""), "what happens next in {lang}");
            }
        })
    });
}

#[test]
fn the_procedures_forms_refuse_other_roles_and_offices_and_unknown_steps() {
    on_both(|w| {
        Box::pin(async move {
            let id = in_review(w, "applicant", "trp_issue", "officer", "supervisor").await;
            let path = format!("/office/cases/{id}/actions?lang=en");
            let fields = [("action", "suspend"), ("suspend_note", "asked"), ("version", "4")];
            for who in ["applicant", "border_officer", "auditor"] {
                let a = post_form(w, Some(person(w, who)), &path, &fields).await;
                assert_eq!(a.status, StatusCode::FORBIDDEN, "{who}");
            }
            let a = post_form(w, Some(person(w, "officer_b")), &path, &fields).await;
            assert_eq!(a.status, StatusCode::NOT_FOUND, "another office's case does not exist for them");
            let a = post_form(w, Some(person(w, "appeal_board")), &path, &fields).await;
            assert_eq!(a.status, StatusCode::NOT_FOUND, "the board sees appeals only");
            let a =
                post_form(w, Some(person(w, "officer")), &path, &[("action", "fly"), ("version", "4")]).await;
            assert_eq!(a.status, StatusCode::BAD_REQUEST);
            // A step the state does not allow now is refused on the page, not by a server error.
            refused_with(w, "officer", &id, &[("action", "resume")], "This step is not possible in the case")
                .await;
            refused_with(
                w,
                "officer",
                &id,
                &[("action", "forward")],
                "This step is not possible in the case",
            )
            .await;
            assert_eq!(state(w, &id).await, "in_review");
        })
    });
}

#[test]
fn citizenship_is_forwarded_and_its_decree_entered_and_confirmed_through_the_page() {
    on_both(|w| {
        Box::pin(async move {
            let id = in_review(w, "applicant", "citizenship_acquisition", "officer", "supervisor").await;
            let id = id.as_str();
            let text = case_page(w, "officer", id).await;
            assert!(text.contains("value=\"forward\"") && !text.contains("value=\"propose\""));
            taken(w, "officer", id, &[("action", "forward"), ("forward_note", "to the Commission")]).await;
            assert_eq!(state(w, id).await, "forwarded");
            let queue = page(w, Some(person(w, "officer")), "/office/queue?lang=en").await.text();
            assert!(queue.contains(id), "a forwarded case stays in the queue until its decree is entered");
            let status = status_page(w, "applicant", id).await;
            assert!(
                status.contains("forwarded it to the authority that decides it")
                    && status.contains("Forwarded for decision on")
            );

            let text = case_page(w, "officer", id).await;
            assert!(text.contains("Forwarded for decision on") && text.contains("value=\"record_decree\""));
            let today = w.state.clock.today();
            let on = date_fields("decree_on", today);
            refused_with(
                w,
                "officer",
                id,
                &with(
                    &[("action", "record_decree"), ("decree_decision", "approve"), ("decree_number", "")],
                    &on,
                ),
                "number, at most",
            )
            .await;
            refused_with(
                w,
                "officer",
                id,
                &with(
                    &[("action", "record_decree"), ("decree_decision", "maybe"), ("decree_number", "2417")],
                    &on,
                ),
                "approve or refuse",
            )
            .await;
            let bad = [
                ("decree_on-day".to_owned(), "x".to_owned()),
                ("decree_on-month".to_owned(), "11".to_owned()),
                ("decree_on-year".to_owned(), "2026".to_owned()),
            ];
            let page_text = refused_with(
                w,
                "officer",
                id,
                &with(
                    &[("action", "record_decree"), ("decree_decision", "approve"), ("decree_number", "2417")],
                    &bad,
                ),
                "Enter a real date",
            )
            .await;
            assert!(page_text.contains("value=\"2417\""), "the number typed is kept");
            taken(
                w,
                "officer",
                id,
                &with(
                    &[("action", "record_decree"), ("decree_decision", "approve"), ("decree_number", "2417")],
                    &on,
                ),
            )
            .await;
            assert_eq!(state(w, id).await, "decision_proposed");
            let text = case_page(w, "officer", id).await;
            assert!(text.contains("Granted by decree No 2417"), "the decree in the page's words");
            assert!(text.contains("You proposed this decision."));
            taken(w, "officer2", id, &[("action", "confirm")]).await;
            let decided = state(w, id).await;
            assert!(["approved", "awaiting_payment"].contains(&decided.as_str()), "{decided}");
            let status = status_page(w, "applicant", id).await;
            assert!(status.contains("Granted by decree No 2417"), "the applicant reads the decree");
        })
    });
}

#[test]
fn refugee_interviews_are_scheduled_with_an_interpreter_and_recorded_through_the_page() {
    on_both(|w| {
        Box::pin(async move {
            let id = in_review(w, "applicant", "refugee_status", "refugee_officer", "refugee_officer").await;
            let id = id.as_str();
            let ro = "refugee_officer";
            let soon = date_fields("interview_on", w.state.clock.today().add_days(3));
            let fields = |lang: &'static str| {
                vec![
                    ("action", "schedule_interview"),
                    ("interview_milestone", "registration_interview"),
                    ("interpreter_language", lang),
                ]
            };
            refused_with(w, ro, id, &with(&fields("Farsi!"), &soon), "ISO 639 code").await;
            refused_with(
                w,
                ro,
                id,
                &with(
                    &[
                        ("action", "schedule_interview"),
                        ("interview_milestone", "tea"),
                        ("interpreter_language", ""),
                    ],
                    &soon,
                ),
                "Choose an interview",
            )
            .await;
            taken(w, ro, id, &with(&fields("fa"), &soon)).await;
            let text = case_page(w, ro, id).await;
            assert!(text.contains("interpreter: Persian (fa)"), "the interview's facts");
            let status = status_page(w, "applicant", id).await;
            assert!(status.contains("with an interpreter of Persian"), "the applicant is told the interview");

            let future = date_fields("held_on", w.state.clock.today().add_days(3));
            refused_with(
                w,
                ro,
                id,
                &with(
                    &[("action", "record_interview"), ("held_milestone", "registration_interview")],
                    &future,
                ),
                "cannot be in the future",
            )
            .await;
            let today = date_fields("held_on", w.state.clock.today());
            taken(
                w,
                ro,
                id,
                &with(
                    &[("action", "record_interview"), ("held_milestone", "registration_interview")],
                    &today,
                ),
            )
            .await;
            assert!(case_page(w, ro, id).await.contains("held on"));
        })
    });
}

/// Rewrites stored rows: on a blocking thread of the runtime, as the PostgreSQL driver blocks.
fn sql(w: &World, text: &str, params: &[Val<'_>]) {
    tokio::task::block_in_place(|| testing::exec(&w.state.store, text, params).unwrap());
}

#[test]
fn the_appeal_board_decides_an_appeal_on_the_case_page_and_records_the_court_stage() {
    on_both(|w| {
        Box::pin(async move {
            let id = in_review(w, "applicant2", "trp_issue", "officer", "supervisor").await;
            ok(w, "officer", &id, refuse(&["absence_90_in_180"], Some("abroad 120 days"))).await;
            ok(w, "officer2", &id, json!({ "action": "confirm" })).await;
            let status = status_page(w, "applicant2", &id).await;
            assert!(
                status.contains("You may appeal against the refusal"),
                "the applicant is told of the appeal"
            );
            let receipt = api_case(w, &id).await["receipt"].as_str().unwrap().to_owned();
            let appeal = file(w, "applicant2", "appeal", &[("appealed_receipt", &receipt)]).await;
            let appeal_id = appeal["id"].as_str().unwrap().to_owned();
            let aid = appeal_id.as_str();
            let appeal_receipt = appeal["receipt"].as_str().unwrap();

            // The board's queue holds the appeal; the office has no such page.
            let queue = page(w, Some(person(w, "appeal_board")), "/board/appeals?lang=en").await;
            assert_eq!(queue.status, StatusCode::OK);
            assert!(queue.text().contains(appeal_receipt) && queue.text().contains("Appeals to decide"));
            for lang in ["az", "ru"] {
                let q =
                    page(w, Some(person(w, "appeal_board")), &format!("/board/appeals?lang={lang}")).await;
                assert_eq!(q.status, StatusCode::OK);
            }
            assert_eq!(
                page(w, Some(person(w, "officer")), "/board/appeals").await.status,
                StatusCode::FORBIDDEN
            );
            let bad = page(w, Some(person(w, "appeal_board")), "/board/appeals?after=x%7C%3Cb%3E").await;
            assert!(bad.status.as_u16() < 500);

            let text = case_page(w, "appeal_board", aid).await;
            assert!(
                text.contains("Act under appeal") && text.contains("A refusal") && text.contains(&receipt)
            );
            assert!(text.contains("href=\"/board/appeals\""), "back to the board's queue");
            taken(w, "appeal_board", aid, &[("action", "accept")]).await;

            // The officer who confirmed the refusal has since joined the board: refused on the page.
            let officer2 = person(w, "officer2").id.clone();
            sql(
                w,
                "UPDATE users SET role = 'appeal_board', office_code = 'HQ' WHERE id = $1",
                &[Val::Text(&officer2)],
            );
            let me = [("action", "assign"), ("officer", officer2.as_str())];
            let a = post_step(w, "officer2", aid, &me).await;
            assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{:?}", a.location());
            let text = a.text();
            let summary = text.find("govuk-error-summary__list").map_or("", |at| &text[at..at + 400]);
            assert!(text.contains("took no part in the act under appeal"), "{summary}");
            assert_eq!(state(w, aid).await, "accepted");

            let board = person(w, "appeal_board").id.clone();
            taken(w, "appeal_board", aid, &[("action", "assign"), ("officer", &board)]).await;
            taken(w, "appeal_board", aid, &[("action", "start_review")]).await;
            assert!(
                !case_page(w, "appeal_board", aid).await.contains("/court\""),
                "no court form before the decision"
            );
            taken(
                w,
                "appeal_board",
                aid,
                &[("action", "propose"), ("decision", "refuse"), ("grounds", "act_lawful")],
            )
            .await;
            taken(w, "appeal_board2", aid, &[("action", "confirm")]).await;
            assert_eq!(state(w, aid).await, "refused");
            assert_eq!(state(w, &id).await, "closed", "the dismissed appeal closes the case");

            // The court stage, through its form: the claim, then the judgment.
            let court = format!("/office/cases/{aid}/court?lang=en");
            let text = case_page(w, "appeal_board", aid).await;
            assert!(text.contains("Court stage: a claim was filed"));
            let today = w.state.clock.today();
            let claim = date_fields("court_on", today);
            let post = |who: &'static str, fields: Vec<(&'static str, String)>| {
                let court = court.clone();
                async move {
                    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
                    post_form(w, Some(person(w, who)), &court, &fields).await
                }
            };
            let owned =
                |stage: &'static str, d: &[(String, String); 3], extra: &[(&'static str, &'static str)]| {
                    let mut v: Vec<(&'static str, String)> = vec![("stage", stage.to_owned())];
                    v.extend(extra.iter().map(|(k, x)| (*k, (*x).to_owned())));
                    for (k, x) in d {
                        let k: &'static str = match k.rsplit('-').next().unwrap() {
                            "day" => "court_on-day",
                            "month" => "court_on-month",
                            _ => "court_on-year",
                        };
                        v.push((k, x.clone()));
                    }
                    v
                };
            assert_eq!(
                post("officer", owned("claim_filed", &claim, &[])).await.status,
                StatusCode::FORBIDDEN
            );
            let future = date_fields("court_on", today.add_days(10));
            let a = post("appeal_board", owned("claim_filed", &future, &[])).await;
            assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
            assert!(a.text().contains("cannot be in the future"));
            let junk = [
                ("court_on-day".to_owned(), String::new()),
                ("court_on-month".to_owned(), "13".to_owned()),
                ("court_on-year".to_owned(), "20x6".to_owned()),
            ];
            let a = post("appeal_board", owned("claim_filed", &junk, &[])).await;
            assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
            assert!(a.text().contains("Enter a real date") && a.text().contains("value=\"20x6\""));
            let a = post("appeal_board", owned("claim_filed", &claim, &[])).await;
            assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.text());
            let text = case_page(w, "appeal_board", aid).await;
            assert!(text.contains("Claim filed in court on") && text.contains("Court stage: the judgment"));
            let a = post("appeal_board", owned("judgment", &claim, &[("result", "maybe")])).await;
            assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
            assert!(a.text().contains("Choose the court"));
            let a = post("appeal_board", owned("judgment", &claim, &[("result", "upheld")])).await;
            assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.text());
            let text = case_page(w, "appeal_board", aid).await;
            assert!(text.contains("Upheld: the act is annulled") && !text.contains("Record the court stage"));
            let again = post("appeal_board", owned("judgment", &claim, &[("result", "dismissed")])).await;
            assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY, "the judgment is recorded once");
            assert_eq!(state(w, &id).await, "accepted", "the court annulled the refusal");
        })
    });
}

#[test]
fn the_applicant_is_told_the_duty_to_pay_and_what_follows_if_it_is_not_paid() {
    for db in TestDb::both().unwrap() {
        let (w, secrets) =
            world_at(db, umis_core::clock::Clock::manual(umis_core::clock::Clock::System.now_ns()));
        let done = runtime().block_on(async {
            let w = signed_in(w, &secrets).await;
            let case = file(&w, "applicant", "trp_issue", &[("requested_term", "1_year")]).await;
            let id = case["id"].as_str().unwrap().to_owned();
            let approve = json!({ "action": "propose", "decision": "approve" });
            let decided = decide_unpaid(&w, &id, "officer", "officer2", "supervisor", approve).await;
            assert_eq!(decided["state"], "awaiting_payment");
            let number = decided["duty"]["payment_number"].as_str().unwrap();
            let status = status_page(&w, "applicant", &id).await;
            assert!(
                status.contains(number) && status.contains("If it is not paid by then, the grant lapses")
            );
            let officer = case_page(&w, "officer", &id).await;
            assert!(officer.contains("State duty after the decision") && officer.contains(number));

            // A request for information never answered, on a second case.
            let silent = in_review(&w, "applicant", "trp_issue", "officer", "supervisor").await;
            let asked =
                ok(&w, "officer", &silent, json!({ "action": "request_information", "note": "the lease" }))
                    .await;

            // The sweep after both periods: the grant lapses, the silent case is left aside.
            let day = |v: &Value| Date::parse(v.as_str().unwrap()).unwrap();
            let last = day(&decided["duty"]["due_by"]).max(day(&asked["reply_by"]));
            w.state.clock.advance_secs((i64::from(last.days_since(w.state.clock.today())) + 1) * 86_400);
            let st = w.state.clone();
            tokio::task::spawn_blocking(move || {
                umis_core::cases::sweep_deadlines(&st.store, &st.clock).unwrap()
            })
            .await
            .unwrap();
            // Sessions have ended meanwhile: the applicant signs in again.
            let me = sign_in(&w, "applicant", "").await;
            let read = |path: String| {
                let me = me.clone();
                let w = &w;
                async move { page(w, Some(&me), &path).await.text() }
            };
            let lapsed = read(format!("/applications/{id}?lang=en")).await;
            assert!(lapsed.contains("data-state=\"lapsed_unpaid\""), "{lapsed}");
            assert!(lapsed.contains("the grant lapsed on") && lapsed.contains("You may apply again"));
            let left = read(format!("/applications/{silent}?lang=en")).await;
            assert!(left.contains("data-state=\"left_without_consideration\""));
            assert!(left.contains("left without consideration. You may apply again."));
            for lang in ["az", "ru"] {
                assert!(read(format!("/applications/{id}?lang={lang}")).await.contains("id=\"next-step\""));
            }
            w
        });
        drop(done);
    }
}
