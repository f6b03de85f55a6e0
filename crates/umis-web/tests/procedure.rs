//! The case lifecycle as administrative law has it (review 2026-12 §4, X1, 1.8), on SQLite and
//! PostgreSQL: a residence permit's duty is paid after the decision against a payment number and
//! the grant takes effect on payment, or lapses unpaid; an exemption skips the payment; refunds
//! are recorded; the statutory clock stops while the applicant or another authority must act;
//! an unanswered request leaves the application without consideration; an extension is bounded
//! and notified; citizenship is forwarded and decided by decree with four eyes.

#![expect(clippy::unwrap_used, reason = "test code: a failure should stop the test")]

use crate::support;

use axum::http::StatusCode;
use serde_json::{Value, json};
use support::{World, act, call, decide_unpaid, file, gateway, ok, person, runtime, signed_in, world_at};
use umis_core::actor::Actor;
use umis_core::cases::{self, CaseAction, CaseError, FeeRefusal, PaymentReport, Refund};
use umis_core::clock::Clock;
use umis_domain::payment_number::PaymentNumber;
use umis_domain::{Date, Role};
use umis_store::testing::TestDb;

const DAY: i64 = 86_400;

/// A world whose clock the test moves (at the system's now, so sample forms stay valid).
fn manual_world(db: TestDb) -> (World, std::collections::BTreeMap<String, String>) {
    world_at(db, Clock::manual(Clock::System.now_ns()))
}

fn actor(w: &World, name: &str) -> Actor {
    let p = person(w, name);
    let office = match p.role.as_str() {
        "applicant" | "host" | "employer" => None,
        _ => Some("BAK1".to_owned()),
    };
    Actor { id: p.id.clone(), role: Role::parse(&p.role).unwrap(), office, all_offices: false }
}

/// Runs core work off the async runtime (the PostgreSQL driver blocks).
async fn blocking<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    tokio::task::spawn_blocking(f).await.unwrap()
}

async fn read(w: &World, who: &str, id: &str) -> cases::CaseView {
    let (st, a, id) = (w.state.clone(), actor(w, who), id.to_owned());
    blocking(move || cases::get_case(&st.store, st.packs.catalogue(), &st.clock, &a, &id, "test").unwrap())
        .await
}

async fn step(w: &World, who: &str, id: &str, action: CaseAction) -> Result<cases::CaseView, CaseError> {
    let (st, a, id) = (w.state.clone(), actor(w, who), id.to_owned());
    blocking(move || cases::act(&st.store, st.packs.catalogue(), &st.clock, &st.keys, &a, &id, action)).await
}

async fn sweep(w: &World) -> cases::SweepReport {
    let st = w.state.clone();
    blocking(move || cases::sweep_deadlines(&st.store, &st.clock).unwrap()).await
}

fn advance_days(w: &World, days: i64) {
    w.state.clock.advance_secs(days * DAY);
}

fn report(case: &Value, amount: i64, reference: &str) -> PaymentReport {
    PaymentReport {
        payment_number: case["duty"]["payment_number"].as_str().unwrap().to_owned(),
        amount_minor: amount,
        reference: reference.into(),
        paid_at: "2026-12-01T09:30:00+04:00".into(),
    }
}

async fn record(w: &World, who: Actor, r: PaymentReport) -> Result<cases::PaymentRecorded, CaseError> {
    let st = w.state.clone();
    blocking(move || cases::record_payment(&st.store, st.packs.catalogue(), &st.clock, &st.keys, &who, &r))
        .await
}

async fn public_status(w: &World, case: &Value) -> Value {
    let body =
        json!({ "receipt": case["receipt"], "birth_date": case["form"]["date_of_birth"], "lang": "en" });
    let a = call(w, None, "POST", "/api/v1/status", body.to_string()).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.json);
    a.json
}

async fn notifications(w: &World, id: &str) -> Vec<String> {
    let (st, id) = (w.state.clone(), id.to_owned());
    blocking(move || {
        let sql = "SELECT message FROM notifications WHERE case_id = $1 ORDER BY id";
        let rows = umis_store::testing::rows(&st.store, sql, &[umis_store::sql::Val::Text(&id)]).unwrap();
        rows.iter().map(|r| r.text(0).unwrap()).collect()
    })
    .await
}

async fn trp_awaiting_payment(w: &World) -> Value {
    let case = file(w, "applicant", "trp_issue", &[("requested_term", "1_year")]).await;
    let id = case["id"].as_str().unwrap();
    let approve = json!({ "action": "propose", "decision": "approve" });
    decide_unpaid(w, id, "officer", "officer2", "supervisor", approve).await
}

#[test]
fn a_residence_permit_takes_effect_on_payment_of_its_duty() {
    for db in TestDb::both().unwrap() {
        let (w, secrets) = manual_world(db);
        let done = runtime().block_on(async {
            let w = signed_in(w, &secrets).await;
            let decided = trp_awaiting_payment(&w).await;
            let id = decided["id"].as_str().unwrap().to_owned();
            assert_eq!(decided["state"], "awaiting_payment", "{decided}");
            assert!(decided["issued"].as_array().unwrap().is_empty(), "no permit before payment");
            assert!(PaymentNumber::parse(decided["duty"]["payment_number"].as_str().unwrap()).is_ok());
            assert_eq!(decided["duty"]["amount_minor"], decided["fee_minor"]);
            assert_eq!(decided["decided_on"], w.state.clock.today().to_string(), "decided when confirmed");
            // The consideration period ends on due_on; the duty is due 30 days later (or the
            // next working day).
            let due = Date::parse(decided["due_on"].as_str().unwrap()).unwrap();
            let pay_by = Date::parse(decided["duty"]["due_by"].as_str().unwrap()).unwrap();
            assert!((30..=34).contains(&pay_by.days_since(due)), "{due} → {pay_by}");
            assert_eq!(public_status(&w, &decided).await["status"], "awaiting_payment");
            // Only the gateway reports payments; a mistyped number or a wrong amount is refused.
            let officer = actor(&w, "officer");
            let refused = record(&w, officer, report(&decided, 12_000, "GW-1")).await;
            assert!(matches!(refused, Err(CaseError::Forbidden(_))), "{refused:?}");
            let mut typo = report(&decided, 12_000, "GW-1");
            typo.payment_number = typo.payment_number.replacen("-0000", "-0001", 1);
            assert!(matches!(record(&w, gateway(), typo).await, Err(CaseError::Invalid(_))));
            let wrong = record(&w, gateway(), report(&decided, 100, "GW-1")).await;
            assert!(matches!(wrong, Err(CaseError::Invalid(_))), "{wrong:?}");
            let paid = record(&w, gateway(), report(&decided, 12_000, "GW-1")).await.unwrap();
            assert!(!paid.repeated);
            let again = record(&w, gateway(), report(&decided, 12_000, "GW-1")).await.unwrap();
            assert!(again.repeated, "the same report again changes nothing");
            let other = record(&w, gateway(), report(&decided, 12_000, "GW-2")).await;
            assert!(matches!(other, Err(CaseError::Fee(FeeRefusal::AlreadyPaid))), "{other:?}");
            let view = read(&w, "applicant", &id).await;
            assert_eq!(view.state.as_str(), "approved");
            assert!(view.fee_paid);
            assert_eq!(
                view.decided_on,
                decided["decided_on"].as_str().and_then(|d| Date::parse(d).ok()),
                "decision date kept"
            );
            let permits: Vec<_> = view.issued.iter().filter(|d| d.doc_type == "permit").collect();
            assert_eq!(permits.len(), 1, "the permit is issued on payment");
            let events: Vec<&str> = view.events.iter().map(|e| e.event.as_str()).collect();
            assert_eq!(events.iter().filter(|e| **e == "payment_recorded").count(), 1, "{events:?}");
            assert!(notifications(&w, &id).await.contains(&"awaiting_payment".to_owned()));
            // A refund of duty wrongly taken: at most what was taken, with a reason.
            let (st, a, i) = (w.state.clone(), actor(&w, "officer"), id.clone());
            let too_much = Refund { amount_minor: 12_001, reason: "double charge".into() };
            let refused =
                blocking(move || cases::record_refund(&st.store, &st.clock, &a, &i, &too_much)).await;
            assert!(matches!(refused, Err(CaseError::Invalid(_))), "{refused:?}");
            let (st, a, i) = (w.state.clone(), actor(&w, "officer"), id.clone());
            let refund =
                Refund { amount_minor: 2_000, reason: "charged the 1-year fee for a 6-month term".into() };
            let row =
                blocking(move || cases::record_refund(&st.store, &st.clock, &a, &i, &refund)).await.unwrap();
            assert_eq!(
                (row.amount_minor, row.recorded_by.as_str()),
                (2_000, person(&w, "officer").id.as_str())
            );
            let (st, a, i) = (w.state.clone(), actor(&w, "applicant"), id.clone());
            let by_filer = Refund { amount_minor: 1, reason: "x".into() };
            let refused =
                blocking(move || cases::record_refund(&st.store, &st.clock, &a, &i, &by_filer)).await;
            assert!(matches!(refused, Err(CaseError::NotFound)), "only staff record refunds");
            w
        });
        drop(done);
    }
}

#[test]
fn an_unpaid_grant_lapses_and_an_exempt_one_needs_no_payment() {
    for db in TestDb::both().unwrap() {
        let (w, secrets) = manual_world(db);
        let done = runtime().block_on(async {
            let w = signed_in(w, &secrets).await;
            let decided = trp_awaiting_payment(&w).await;
            let id = decided["id"].as_str().unwrap().to_owned();
            let pay_by = Date::parse(decided["duty"]["due_by"].as_str().unwrap()).unwrap();
            // Exempt: a refugee's permit is granted without a payment.
            let exempt = file(&w, "applicant", "trp_issue", &[("requested_term", "1_year")]).await;
            let eid = exempt["id"].as_str().unwrap().to_owned();
            ok(&w, "officer", &eid, json!({ "action": "accept" })).await;
            ok(&w, "supervisor", &eid, json!({ "action": "assign", "officer": person(&w, "officer").id }))
                .await;
            ok(&w, "officer", &eid, json!({ "action": "start_review" })).await;
            let bad = act(
                &w,
                "officer",
                &eid,
                json!({ "action": "exempt_from_duty", "exemption": "rich", "note": "x" }),
            );
            assert_eq!(bad.await.status, StatusCode::UNPROCESSABLE_ENTITY);
            let body =
                json!({ "action": "exempt_from_duty", "exemption": "refugee", "note": "refugee card seen" });
            let marked = ok(&w, "officer", &eid, body).await;
            assert_eq!(marked["duty_exemption"], "refugee");
            ok(&w, "officer", &eid, json!({ "action": "propose", "decision": "approve" })).await;
            let granted = ok(&w, "officer2", &eid, json!({ "action": "confirm" })).await;
            assert_eq!(granted["state"], "approved", "{granted}");
            assert!(granted.get("duty").is_none());
            // The sweep does nothing while the payment window is open…
            let today = w.state.clock.today();
            advance_days(&w, i64::from(pay_by.days_since(today)));
            assert_eq!(sweep(&w).await, cases::SweepReport::default());
            // …and lapses the grant the day after it ends, once.
            advance_days(&w, 1);
            let swept = sweep(&w).await;
            assert_eq!(swept.lapsed_unpaid, 1, "{swept:?}");
            assert_eq!(sweep(&w).await.lapsed_unpaid, 0);
            let view = read(&w, "applicant", &id).await;
            assert_eq!(view.state.as_str(), "lapsed_unpaid");
            assert!(view.issued.is_empty(), "no permit was ever issued");
            assert_eq!(
                view.procedure.duty.as_ref().and_then(|d| d.lapsed_on.clone()),
                Some(w.state.clock.today().to_string())
            );
            let last = view.events.last().unwrap();
            assert_eq!((last.event.as_str(), last.actor_role.as_str()), ("lapse_unpaid", "admin"));
            assert!(notifications(&w, &id).await.contains(&"lapsed_unpaid".to_owned()));
            let late = record(&w, gateway(), report(&decided, 12_000, "GW-LATE")).await;
            assert!(matches!(late, Err(CaseError::Fee(FeeRefusal::NotInThisState))), "{late:?}");
            w
        });
        drop(done);
    }
}

#[test]
fn the_clock_stops_while_the_applicant_must_answer_and_an_unanswered_request_ends_the_case() {
    for db in TestDb::both().unwrap() {
        let (w, secrets) = manual_world(db);
        let done = runtime().block_on(async {
            let w = signed_in(w, &secrets).await;
            let mut ids = Vec::new();
            for _ in 0..2 {
                let case = file(&w, "applicant", "trp_issue", &[("requested_term", "1_year")]).await;
                let id = case["id"].as_str().unwrap().to_owned();
                ok(&w, "officer", &id, json!({ "action": "accept" })).await;
                ok(&w, "supervisor", &id, json!({ "action": "assign", "officer": person(&w, "officer").id }))
                    .await;
                ok(&w, "officer", &id, json!({ "action": "start_review" })).await;
                let asked =
                    ok(&w, "officer", &id, json!({ "action": "request_information", "note": "lease" })).await;
                assert_eq!(asked["clock_stopped_on"], w.state.clock.today().to_string());
                assert!(asked["reply_by"].is_string());
                ids.push((id, asked));
            }
            let (answered, asked) = &ids[0];
            let due = Date::parse(asked["due_on"].as_str().unwrap()).unwrap();
            advance_days(&w, 5);
            let note = "the lease is attached".to_owned();
            let back =
                step(&w, "applicant", answered, CaseAction::ProvideInformation { note }).await.unwrap();
            assert_eq!(back.due_on, Some(due.add_days(5)), "the five days it stood are added");
            assert!(back.procedure.reply_by.is_none() && back.procedure.clock_stopped_on.is_none());
            // Suspension while another authority is asked: the same.
            let suspend = CaseAction::Suspend { note: "security check requested".into() };
            let held = step(&w, "officer", answered, suspend.clone()).await.unwrap();
            assert_eq!(held.state.as_str(), "suspended");
            assert!(matches!(
                step(&w, "officer2", answered, CaseAction::Resume).await,
                Err(CaseError::Forbidden(_))
            ));
            advance_days(&w, 3);
            let resumed = step(&w, "officer", answered, CaseAction::Resume).await.unwrap();
            assert_eq!(resumed.state.as_str(), "in_review");
            assert_eq!(resumed.due_on, Some(due.add_days(8)));
            // The other request is never answered: after its reply period, left without
            // consideration.
            let (silent, asked) = &ids[1];
            let reply_by = Date::parse(asked["reply_by"].as_str().unwrap()).unwrap();
            advance_days(&w, i64::from(reply_by.days_since(w.state.clock.today())));
            assert_eq!(sweep(&w).await.left_without_consideration, 0, "the last day is the applicant's");
            advance_days(&w, 1);
            assert_eq!(sweep(&w).await.left_without_consideration, 1);
            let view = read(&w, "applicant", silent).await;
            assert_eq!(view.state.as_str(), "left_without_consideration");
            assert!(notifications(&w, silent).await.contains(&"left_without_consideration".to_owned()));
            let late =
                step(&w, "applicant", silent, CaseAction::ProvideInformation { note: "late".into() }).await;
            assert!(matches!(late, Err(CaseError::Transition(_))), "{late:?}");
            w
        });
        drop(done);
    }
}

#[test]
fn a_deadline_extension_is_bounded_recorded_and_notified_and_termination_ends_the_case() {
    for db in TestDb::both().unwrap() {
        let (w, secrets) = manual_world(db);
        let done = runtime().block_on(async {
            let w = signed_in(w, &secrets).await;
            let case = file(&w, "applicant", "trp_issue", &[("requested_term", "1_year")]).await;
            let id = case["id"].as_str().unwrap().to_owned();
            ok(&w, "officer", &id, json!({ "action": "accept" })).await;
            ok(&w, "supervisor", &id, json!({ "action": "assign", "officer": person(&w, "officer").id })).await;
            let review = ok(&w, "officer", &id, json!({ "action": "start_review" })).await;
            let due = Date::parse(review["due_on"].as_str().unwrap()).unwrap();
            let cal = w.state.packs.catalogue().calendar();
            let latest = cal.add_business_days(due, 30).unwrap();
            let extend = |to: Date| json!({ "action": "extend_deadline", "due_on": to.to_string(), "reason": "Interpol check" });
            for (to, code) in [(latest.add_days(1), "too_late"), (due, "not_later")] {
                let a = act(&w, "officer", &id, extend(to)).await;
                assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{to}: {}", a.json);
                assert!(a.json.to_string().contains(code), "{}", a.json);
            }
            let a = act(&w, "officer2", &id, extend(latest)).await;
            assert_eq!(a.status, StatusCode::FORBIDDEN, "only the officer holding the case: {}", a.json);
            let first = due.add_days(7);
            let extended = ok(&w, "officer", &id, extend(first)).await;
            assert_eq!(extended["due_on"], first.to_string());
            assert_eq!(extended["extensions"][0]["previous_due_on"], due.to_string());
            assert!(notifications(&w, &id).await.contains(&"deadline_extended".to_owned()));
            // A second extension is bounded from the deadline before the first.
            let a = act(&w, "officer", &id, extend(latest.add_days(1))).await;
            assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", a.json);
            ok(&w, "officer", &id, extend(latest)).await;
            let (subject, text) = cases::status_message("BAK1-2026-0000001-18", "deadline_extended", umis_rules::Lang::En);
            assert!(subject.contains("BAK1-2026-0000001-18") && text.contains("extended"), "{text}");
            // Terminated: the applicant left the country.
            let body = json!({ "action": "terminate", "reason": "applicant_left", "note": "exit on 2026-12-01" });
            assert_eq!(act(&w, "officer2", &id, body.clone()).await.status, StatusCode::FORBIDDEN);
            let ended = ok(&w, "officer", &id, body).await;
            assert_eq!(ended["state"], "proceedings_terminated");
            assert_eq!(public_status(&w, &ended).await["status"], "closed");
            w
        });
        drop(done);
    }
}

#[test]
fn citizenship_is_forwarded_and_decided_by_decree_entered_with_four_eyes() {
    for db in TestDb::both().unwrap() {
        let (w, secrets) = manual_world(db);
        let done = runtime().block_on(async {
            let w = signed_in(w, &secrets).await;
            let case = file(&w, "applicant", "citizenship_acquisition", &[]).await;
            let id = case["id"].as_str().unwrap().to_owned();
            ok(&w, "officer", &id, json!({ "action": "accept" })).await;
            ok(&w, "supervisor", &id, json!({ "action": "assign", "officer": person(&w, "officer").id })).await;
            ok(&w, "officer", &id, json!({ "action": "start_review" })).await;
            let a = act(&w, "officer", &id, json!({ "action": "propose", "decision": "approve" })).await;
            assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "no officer approves citizenship: {}", a.json);
            let view = read(&w, "officer", &id).await;
            let steps: Vec<&str> = view.actions.iter().map(|s| s.as_str()).collect();
            assert!(steps.contains(&"forward") && !steps.contains(&"propose"), "{steps:?}");
            let forwarded = ok(&w, "officer", &id, json!({ "action": "forward", "note": "to the Commission" })).await;
            assert_eq!(forwarded["state"], "forwarded");
            assert_eq!(public_status(&w, &forwarded).await["status"], "forwarded");
            let decree = json!({ "action": "record_decree", "decision": "approve", "number": "2417", "date": "2026-11-02" });
            let bad = json!({ "action": "record_decree", "decision": "approve", "number": "2417", "date": "2 Nov" });
            assert_eq!(act(&w, "officer", &id, bad).await.status, StatusCode::UNPROCESSABLE_ENTITY);
            let entered = ok(&w, "officer", &id, decree).await;
            assert_eq!(entered["state"], "decision_proposed");
            assert_eq!(act(&w, "officer", &id, json!({ "action": "confirm" })).await.status, StatusCode::CONFLICT);
            let granted = ok(&w, "officer2", &id, json!({ "action": "confirm" })).await;
            assert_eq!(granted["state"], "approved");
            assert!(granted["outcome"].as_str().unwrap().contains("No 2417 of 2026-11-02"), "{}", granted["outcome"]);
            // A service the office decides is not forwarded.
            let trp = file(&w, "applicant", "trp_issue", &[("requested_term", "1_year")]).await;
            let tid = trp["id"].as_str().unwrap().to_owned();
            ok(&w, "officer", &tid, json!({ "action": "accept" })).await;
            ok(&w, "supervisor", &tid, json!({ "action": "assign", "officer": person(&w, "officer").id })).await;
            ok(&w, "officer", &tid, json!({ "action": "start_review" })).await;
            let a = act(&w, "officer", &tid, json!({ "action": "forward" })).await;
            assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", a.json);
            w
        });
        drop(done);
    }
}

#[test]
fn citizenship_affiliation_hands_off_to_the_identity_authority_or_the_stateless_residence_path() {
    for db in TestDb::both().unwrap() {
        let (w, secrets) = manual_world(db);
        let done = runtime().block_on(async {
            let w = signed_in(w, &secrets).await;
            let mut ids = Vec::new();
            for outcome in ["recognised", "undetermined"] {
                let case = file(&w, "applicant", "citizenship_affiliation", &[]).await;
                let id = case["id"].as_str().unwrap().to_owned();
                let propose = json!({ "action": "propose", "decision": "approve", "outcome": outcome });
                let done = support::decide(&w, &id, false, propose).await;
                assert_eq!(done["state"], "approved");
                ids.push(id);
            }
            let notices = |id: String| {
                let st = w.state.clone();
                blocking(move || {
                    st.store.read(|db| umis_store::procedure::outbound_notices(db, &id)).unwrap()
                })
            };
            let recognised = notices(ids[0].clone()).await;
            assert_eq!(recognised.len(), 1);
            assert_eq!(
                (recognised[0].recipient.as_str(), recognised[0].kind.as_str()),
                ("identity_documents", "citizenship_recognised")
            );
            assert!(recognised[0].sent_at.is_none(), "sent later by the interagency exchange");
            assert!(notices(ids[1].clone()).await.is_empty());
            let applicant = person(&w, "applicant");
            let offered = support::page(&w, Some(applicant), &format!("/applications/{}", ids[1])).await;
            assert!(
                offered.text().contains("id=\"stateless-residence\""),
                "undetermined: the stateless residence path"
            );
            assert!(offered.text().contains("href=\"/services/trp_issue\""));
            let not_offered = support::page(&w, Some(applicant), &format!("/applications/{}", ids[0])).await;
            assert!(!not_offered.text().contains("stateless-residence"));
            w
        });
        drop(done);
    }
}

#[test]
fn refugee_interviews_are_scheduled_with_an_interpreter_and_count_from_their_actual_dates() {
    for db in TestDb::both().unwrap() {
        let (w, secrets) = manual_world(db);
        let done = runtime().block_on(async {
            let w = signed_in(w, &secrets).await;
            let case = file(&w, "applicant", "refugee_status", &[]).await;
            let id = case["id"].as_str().unwrap().to_owned();
            let ro = "refugee_officer";
            ok(&w, ro, &id, json!({ "action": "accept" })).await;
            ok(&w, ro, &id, json!({ "action": "assign", "officer": person(&w, ro).id })).await;
            ok(&w, ro, &id, json!({ "action": "start_review" })).await;
            let today = w.state.clock.today();
            let soon = today.add_days(3).to_string();
            let schedule = |lang: &str| {
                json!({ "action": "schedule_interview", "milestone": "registration_interview", "on": soon, "interpreter_language": lang })
            };
            assert_eq!(act(&w, ro, &id, schedule("Farsi")).await.status, StatusCode::UNPROCESSABLE_ENTITY);
            let unknown = json!({ "action": "record_interview", "milestone": "tea", "on": today.to_string() });
            assert_eq!(act(&w, ro, &id, unknown).await.status, StatusCode::UNPROCESSABLE_ENTITY);
            let scheduled = ok(&w, ro, &id, schedule("fa")).await;
            let reg = &scheduled["staff"]["milestones"][0];
            assert_eq!((reg["scheduled_on"].as_str(), reg["interpreter_language"].as_str()), (Some(soon.as_str()), Some("fa")));
            let future = json!({ "action": "record_interview", "milestone": "registration_interview", "on": soon });
            assert_eq!(act(&w, ro, &id, future).await.status, StatusCode::UNPROCESSABLE_ENTITY, "not before it took place");
            advance_days(&w, 3);
            // Three days on, the sessions have timed out: the steps go to the core directly.
            let held_on = w.state.clock.today();
            let held = CaseAction::RecordInterview { milestone: "registration_interview".into(), on: held_on.to_string() };
            let after = step(&w, ro, &id, held).await.unwrap();
            let cal = w.state.packs.catalogue().calendar();
            let months = |count| umis_rules::services::Period { count, unit: umis_rules::services::Unit::Months };
            assert_eq!(after.due_on, Some(cal.deadline(held_on, &months(3)).unwrap()), "from registration of the claim");
            let milestones = after.staff.unwrap().milestones;
            let milestone = |code: &str| milestones.iter().find(|m| m.code == code).unwrap().clone();
            assert_eq!(milestone("registration_interview").held_on, Some(held_on.to_string()));
            assert_eq!(milestone("status_interview").due_on, Some(cal.deadline(held_on, &months(1)).unwrap()));
            // Processing stopped (non-cooperation): proceedings terminated.
            let stop = CaseAction::Terminate {
                reason: cases::TerminationReason::ProcessingStopped,
                note: Some("did not attend".into()),
            };
            assert_eq!(step(&w, ro, &id, stop).await.unwrap().state.as_str(), "proceedings_terminated");
            w
        });
        drop(done);
    }
}

/// A suspended case waits for another authority: past its old deadline it is not overdue, and
/// on resuming its deadline moves by the days it stood.
#[test]
fn a_case_whose_clock_stands_is_not_overdue() {
    for db in TestDb::both().unwrap() {
        let (w, secrets) = manual_world(db);
        let done = runtime().block_on(async {
            let w = signed_in(w, &secrets).await;
            let case = file(&w, "applicant", "trp_issue", &[("requested_term", "1_year")]).await;
            let id = case["id"].as_str().unwrap().to_owned();
            ok(&w, "officer", &id, json!({ "action": "accept" })).await;
            ok(&w, "supervisor", &id, json!({ "action": "assign", "officer": person(&w, "officer").id }))
                .await;
            ok(&w, "officer", &id, json!({ "action": "start_review" })).await;
            let held = step(&w, "officer", &id, CaseAction::Suspend { note: "security check".into() })
                .await
                .unwrap();
            let due = held.due_on.unwrap();
            advance_days(&w, 60);
            let waiting = read(&w, "officer", &id).await;
            assert!(due < w.state.clock.today(), "past the old deadline");
            assert!(!waiting.overdue, "a case waiting for another authority is not overdue");
            let resumed = step(&w, "officer", &id, CaseAction::Resume).await.unwrap();
            assert_eq!(resumed.due_on, Some(due.add_days(60)));
            assert!(!resumed.overdue);
            w
        });
        drop(done);
    }
}
