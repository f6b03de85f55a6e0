//! Coded refusal grounds and appeals as the law has them, through the API and the portal, on
//! SQLite and PostgreSQL: a refusal cites codes of its service (a note only adds to them) and
//! the filer reads them in their language; an appeal runs from notification of the act and
//! is decided by the appeal board, not by the office or anyone who took part in the act; an
//! upheld appeal gives the case a new period; inaction is appealable; the court stage is recorded.

#![expect(clippy::unwrap_used, reason = "test code: a failure should stop the test")]

use crate::support;

use axum::http::StatusCode;
use serde_json::{Value, json};
use support::{
    World, act, approve_for, call, decide_appeal, decide_by, file, ok, page, person, refuse, runtime,
    signed_in, world,
};
use umis_domain::Date;
use umis_rules::services::Catalogue;
use umis_store::sql::Val;
use umis_store::testing::{self, TestDb};

/// A `trp_issue` case of `applicant2` taken to a proposal: (id, receipt).
async fn in_review(w: &World) -> (String, String) {
    let case = file(w, "applicant2", "trp_issue", &[]).await;
    let id = case["id"].as_str().unwrap().to_owned();
    ok(w, "officer", &id, json!({ "action": "accept" })).await;
    ok(w, "supervisor", &id, json!({ "action": "assign", "officer": person(w, "officer").id })).await;
    ok(w, "officer", &id, json!({ "action": "start_review" })).await;
    (id, case["receipt"].as_str().unwrap().to_owned())
}

/// A refused `trp_issue` case of `applicant2`: (id, receipt).
async fn refused(w: &World) -> (String, String) {
    let (id, receipt) = in_review(w).await;
    ok(w, "officer", &id, refuse(&["absence_90_in_180"], Some("abroad 120 of the last 180 days"))).await;
    let done = ok(w, "officer2", &id, json!({ "action": "confirm" })).await;
    assert_eq!(done["state"], "refused");
    (id, receipt)
}

async fn get(w: &World, who: &str, id: &str) -> Value {
    let a = call(w, Some(person(w, who)), "GET", &format!("/api/v1/cases/{id}"), "").await;
    assert_eq!(a.status, StatusCode::OK, "{who} reads {id}: {}", a.json);
    a.json
}

/// Rewrites stored rows (to date an act in the past): on a blocking thread of the runtime, as
/// the PostgreSQL driver blocks.
fn sql(w: &World, text: &str, params: &[Val<'_>]) {
    tokio::task::block_in_place(|| testing::exec(&w.state.store, text, params).unwrap());
}

#[test]
fn a_refusal_cites_coded_grounds_of_its_service_and_the_filer_reads_them_in_their_language() {
    for db in TestDb::both().unwrap() {
        let (w, secrets) = world(db);
        let done = runtime().block_on(async {
            let w = signed_in(w, &secrets).await;
            let (id, _) = in_review(&w).await;
            let unknown = act(&w, "officer", &id, refuse(&["no_such_ground"], None)).await;
            assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", unknown.json);
            assert!(unknown.json.to_string().contains("unknown_ground"), "{}", unknown.json);
            // A ground of another service (the work-permit quota) does not refuse a TRP.
            let other = act(&w, "officer", &id, refuse(&["quota_exhausted"], None)).await;
            assert_eq!(other.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", other.json);
            let note_only = act(
                &w,
                "officer",
                &id,
                json!({ "action": "propose", "decision": "refuse", "note": "Art. 50" }),
            )
            .await;
            assert_eq!(
                note_only.status,
                StatusCode::CONFLICT,
                "a note alone is no ground: {}",
                note_only.json
            );
            let old_text = act(
                &w,
                "officer",
                &id,
                json!({ "action": "propose", "decision": "refuse", "grounds": "Art. 50" }),
            )
            .await;
            assert_eq!(old_text.status, StatusCode::UNPROCESSABLE_ENTITY, "grounds are a list of codes");
            let approve_with = act(
                &w,
                "officer",
                &id,
                json!({ "action": "propose", "decision": "approve", "grounds": ["false_information"] }),
            )
            .await;
            assert_eq!(approve_with.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", approve_with.json);

            ok(
                &w,
                "officer",
                &id,
                refuse(&["false_information", "no_residence_ground"], Some("forged lease")),
            )
            .await;
            let view = ok(&w, "officer2", &id, json!({ "action": "confirm" })).await;
            let grounds = &view["grounds"];
            assert_eq!(grounds["codes"][0]["code"], "false_information", "{grounds}");
            assert_eq!(grounds["codes"][1]["article"], "Migration Code Art. 45");
            assert_eq!(grounds["note"], "forged lease");
            let cat = Catalogue::builtin().unwrap();
            let az = &cat.refusal_ground("false_information").unwrap().names.az;
            assert_eq!(grounds["codes"][0]["text"]["az"], az.as_str());

            let filer = get(&w, "applicant2", &id).await;
            assert_eq!(filer["grounds"], *grounds, "the filer sees the grounds of the final refusal");
            for (lang, word) in [
                ("az", az.clone()),
                ("ru", cat.refusal_ground("false_information").unwrap().names.ru.clone()),
            ] {
                let p = page(&w, Some(person(&w, "applicant2")), &format!("/applications/{id}?lang={lang}"))
                    .await;
                assert_eq!(p.status, StatusCode::OK);
                let text = String::from_utf8_lossy(&p.bytes);
                assert!(text.contains(&word), "{lang}: the status page names the ground");
                assert!(text.contains("forged lease"), "{lang}: and the note");
            }
            w
        });
        drop(done);
    }
}

#[test]
fn the_officer_page_offers_the_services_grounds_as_checkboxes_and_refuses_without_one() {
    for db in TestDb::both().unwrap() {
        let (w, secrets) = world(db);
        let done = runtime().block_on(async {
            let w = signed_in(w, &secrets).await;
            let (id, _) = in_review(&w).await;
            let path = format!("/office/cases/{id}?lang=en");
            let p = page(&w, Some(person(&w, "officer")), &path).await;
            let text = String::from_utf8_lossy(&p.bytes);
            assert!(text.contains(r#"name="grounds" type="checkbox" value="no_residence_ground""#), "{text}");
            assert!(!text.contains(r#"value="quota_exhausted""#), "only the service's grounds");
            let version = get(&w, "officer", &id).await["version"].as_i64().unwrap().to_string();
            let post = |fields: Vec<(&'static str, String)>| {
                let w = &w;
                let id = id.clone();
                async move {
                    let f: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
                    support::post_form(
                        w,
                        Some(person(w, "officer")),
                        &format!("/office/cases/{id}/actions?lang=en"),
                        &f,
                    )
                    .await
                }
            };
            let base = vec![
                ("action", "propose".to_owned()),
                ("decision", "refuse".to_owned()),
                ("version", version.clone()),
            ];
            let none = post(base.clone()).await;
            assert_eq!(none.status, StatusCode::UNPROCESSABLE_ENTITY);
            assert!(String::from_utf8_lossy(&none.bytes).contains("legal grounds"));
            let mut cited = base.clone();
            cited.push(("grounds", "no_residence_ground".into()));
            cited.push(("grounds", "security_threat".into()));
            cited.push(("grounds_note", "<script>alert(1)</script>".into()));
            let a = post(cited).await;
            assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", String::from_utf8_lossy(&a.bytes));
            let staff = get(&w, "officer", &id).await;
            let codes: Vec<&str> = staff["grounds"]["codes"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c["code"].as_str().unwrap())
                .collect();
            assert_eq!(codes, ["no_residence_ground", "security_threat"]);
            w
        });
        drop(done);
    }
}

#[test]
fn an_appeal_is_the_appeal_boards_and_an_upheld_one_gives_the_case_a_new_period() {
    for db in TestDb::both().unwrap() {
        let (w, secrets) = world(db);
        let done = runtime().block_on(async {
            let w = signed_in(w, &secrets).await;
            let (id, receipt) = refused(&w).await;
            // The refusal's deadline lies in the past, as it will when an appeal is decided.
            sql(&w, "UPDATE cases SET due_on = '2020-01-31' WHERE id = $1", &[Val::Text(&id)]);
            let appeal = file(&w, "applicant2", "appeal", &[("appealed_receipt", &receipt)]).await;
            let appeal_id = appeal["id"].as_str().unwrap().to_owned();
            assert_eq!(appeal["appeal"]["act"], "refusal", "{appeal}");
            assert_eq!(appeal["appeal"]["act_grounds"]["codes"][0]["code"], "absence_90_in_180");

            // The office whose act it is neither sees nor decides the appeal.
            for officer in ["officer", "officer2", "supervisor"] {
                let a = act(&w, officer, &appeal_id, json!({ "action": "accept" })).await;
                assert_eq!(a.status, StatusCode::NOT_FOUND, "{officer}: {}", a.json);
            }
            let queue = call(&w, Some(person(&w, "appeal_board")), "GET", "/api/v1/cases", "").await;
            assert_eq!(queue.status, StatusCode::OK, "{}", queue.json);
            let ids: Vec<&str> =
                queue.json["items"].as_array().unwrap().iter().map(|c| c["id"].as_str().unwrap()).collect();
            assert_eq!(ids, [appeal_id.as_str()], "the board's queue holds the appeals, of every office");
            let refused_case =
                call(&w, Some(person(&w, "appeal_board")), "GET", &format!("/api/v1/cases/{id}"), "").await;
            assert_eq!(
                refused_case.status,
                StatusCode::NOT_FOUND,
                "the board reads the act through the appeal"
            );

            decide_appeal(&w, &appeal_id, approve_for("appeal")).await;
            let original = get(&w, "officer", &id).await;
            assert_eq!(original["state"], "accepted", "an upheld appeal sends the case back to examination");
            let cat = Catalogue::builtin().unwrap();
            let today = w.state.clock.today();
            let tier = cat.get("trp_issue").unwrap().fee(original["fee_tier"].as_str().unwrap()).unwrap();
            let fresh = cat.calendar().deadline(today, &tier.deadline).unwrap().to_string();
            assert_eq!(original["due_on"], fresh.as_str(), "a new period from the decision on the appeal");
            assert_eq!(original["overdue"], false);
            w
        });
        drop(done);
    }
}

#[test]
fn whoever_took_part_in_the_act_may_not_decide_its_appeal() {
    for db in TestDb::both().unwrap() {
        let (w, secrets) = world(db);
        let done = runtime().block_on(async {
            let w = signed_in(w, &secrets).await;
            let (_, receipt) = refused(&w).await;
            let appeal = file(&w, "applicant2", "appeal", &[("appealed_receipt", &receipt)]).await;
            let appeal_id = appeal["id"].as_str().unwrap().to_owned();
            // The officer who confirmed the refusal has since joined the appeal board.
            let officer2 = person(&w, "officer2").id.clone();
            sql(
                &w,
                "UPDATE users SET role = 'appeal_board', office_code = 'HQ' WHERE id = $1",
                &[Val::Text(&officer2)],
            );
            let a = act(&w, "officer2", &appeal_id, json!({ "action": "accept" })).await;
            assert_eq!(a.status, StatusCode::FORBIDDEN, "{}", a.json);
            ok(&w, "appeal_board", &appeal_id, json!({ "action": "accept" })).await;
            w
        });
        drop(done);
    }
}

#[test]
fn the_appeal_period_runs_from_notification_not_from_the_decision() {
    for db in TestDb::both().unwrap() {
        let (w, secrets) = world(db);
        let done = runtime().block_on(async {
            let w = signed_in(w, &secrets).await;
            let today = w.state.clock.today();
            let day = |n: i32| today.add_days(n).to_string();
            // Decided 35 days ago: past 1 month from the decision, but the notice was delivered
            // 20 days ago, so the appeal is in time.
            let (id, receipt) = refused(&w).await;
            sql(&w, "UPDATE cases SET decided_on = $2 WHERE id = $1", &[Val::Text(&id), Val::Text(&day(-35))]);
            sql(
                &w,
                "UPDATE notifications SET status = 'sent', sent_at = $2 WHERE case_id = $1 AND message = 'refused'",
                &[Val::Text(&id), Val::Text(&format!("{}T10:00:00Z", day(-20)))],
            );
            let appeal = file(&w, "applicant2", "appeal", &[("appealed_receipt", &receipt)]).await;
            assert_eq!(appeal["appeal"]["act"], "refusal");

            // Decided 40 days ago with no delivery recorded: presumed delivered 5 days later,
            // so 35 days ago, and the month has run out.
            let (late_id, late_receipt) = refused(&w).await;
            sql(&w, "UPDATE cases SET decided_on = $2 WHERE id = $1", &[Val::Text(&late_id), Val::Text(&day(-40))]);
            let late = late_appeal(&w, &late_receipt).await;
            assert_eq!(late.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", late.json);
            assert!(late.json.to_string().contains("period"), "{}", late.json);
            // 33 days ago: presumed delivered 28 days ago, still in time (a decision-date rule
            // of 30 days would have refused it).
            sql(&w, "UPDATE cases SET decided_on = $2 WHERE id = $1", &[Val::Text(&late_id), Val::Text(&day(-33))]);
            let in_time = late_appeal(&w, &late_receipt).await;
            assert_eq!(in_time.status, StatusCode::OK, "{}", in_time.json);
            w
        });
        drop(done);
    }
}

/// Files and submits an appeal of `receipt` as applicant2 and returns the submission's answer.
async fn late_appeal(w: &World, receipt: &str) -> support::Answer {
    let cat = Catalogue::builtin().unwrap();
    let mut form = support::valid_form(cat.get("appeal").unwrap(), w.state.clock.today());
    form.insert("appealed_receipt".into(), receipt.to_owned());
    let a = call(
        w,
        Some(person(w, "applicant2")),
        "POST",
        "/api/v1/cases",
        json!({ "service": "appeal", "office": "BAK1", "form": form }).to_string(),
    )
    .await;
    act(w, "applicant2", a.json["id"].as_str().unwrap(), json!({ "action": "submit" })).await
}

#[test]
fn a_missed_deadline_is_appealable_and_an_upheld_appeal_sets_a_new_one() {
    for db in TestDb::both().unwrap() {
        let (w, secrets) = world(db);
        let done = runtime().block_on(async {
            let w = signed_in(w, &secrets).await;
            let (id, receipt) = in_review(&w).await;
            let early = late_appeal(&w, &receipt).await;
            assert_eq!(
                early.status,
                StatusCode::UNPROCESSABLE_ENTITY,
                "nothing to appeal before the deadline"
            );
            let yesterday = w.state.clock.today().add_days(-1).to_string();
            sql(&w, "UPDATE cases SET due_on = $2 WHERE id = $1", &[Val::Text(&id), Val::Text(&yesterday)]);
            let appeal = late_appeal(&w, &receipt).await;
            assert_eq!(appeal.status, StatusCode::OK, "{}", appeal.json);
            assert_eq!(appeal.json["appeal"]["act"], "inaction");
            let appeal_id = appeal.json["id"].as_str().unwrap().to_owned();
            assert_eq!(get(&w, "officer", &id).await["state"], "in_review", "the case itself goes on");
            decide_appeal(&w, &appeal_id, approve_for("appeal")).await;
            let case = get(&w, "officer", &id).await;
            assert_eq!(case["overdue"], false, "the upheld complaint gives a new period: {}", case["due_on"]);
            assert!(Date::parse(case["due_on"].as_str().unwrap()).unwrap() > w.state.clock.today());
            w
        });
        drop(done);
    }
}

#[test]
fn the_court_stage_is_recorded_and_an_upheld_judgment_reopens_the_refused_case() {
    for db in TestDb::both().unwrap() {
        let (w, secrets) = world(db);
        let done = runtime().block_on(async {
            let w = signed_in(w, &secrets).await;
            let (id, receipt) = refused(&w).await;
            let appeal = file(&w, "applicant2", "appeal", &[("appealed_receipt", &receipt)]).await;
            let appeal_id = appeal["id"].as_str().unwrap().to_owned();
            let court = |who: &'static str, body: Value| {
                let w = &w;
                let appeal_id = appeal_id.clone();
                async move {
                    call(
                        w,
                        Some(person(w, who)),
                        "POST",
                        &format!("/api/v1/cases/{appeal_id}/court"),
                        body.to_string(),
                    )
                    .await
                }
            };
            let today = w.state.clock.today().to_string();
            let early = court("appeal_board", json!({ "stage": "claim_filed", "on": today })).await;
            assert_eq!(early.status, StatusCode::FORBIDDEN, "the court follows the complaint decision");
            decide_appeal(&w, &appeal_id, refuse(&["act_lawful"], None)).await;
            assert_eq!(
                get(&w, "officer", &id).await["state"],
                "closed",
                "the dismissed appeal closes the case"
            );

            let officer = court("officer", json!({ "stage": "claim_filed", "on": today })).await;
            assert_eq!(officer.status, StatusCode::FORBIDDEN, "only the appeal board records it");
            let future = court("appeal_board", json!({ "stage": "claim_filed", "on": "2999-01-01" })).await;
            assert_eq!(future.status, StatusCode::UNPROCESSABLE_ENTITY);
            let bad = court("appeal_board", json!({ "stage": "claim_filed", "on": "yesterday" })).await;
            assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
            let no_claim =
                court("appeal_board", json!({ "stage": "judgment", "result": "upheld", "on": today })).await;
            assert_eq!(no_claim.status, StatusCode::UNPROCESSABLE_ENTITY);
            let claim = court("appeal_board", json!({ "stage": "claim_filed", "on": today })).await;
            assert_eq!(claim.status, StatusCode::OK, "{}", claim.json);
            assert_eq!(claim.json["appeal"]["court"]["claim_filed_on"], today.as_str());
            let judged =
                court("appeal_board", json!({ "stage": "judgment", "result": "upheld", "on": today })).await;
            assert_eq!(judged.status, StatusCode::OK, "{}", judged.json);
            assert_eq!(judged.json["appeal"]["court"]["judgment"], "upheld");
            let again =
                court("appeal_board", json!({ "stage": "judgment", "result": "dismissed", "on": today }))
                    .await;
            assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
            let original = get(&w, "officer", &id).await;
            assert_eq!(original["state"], "accepted", "the court annulled the refusal");
            assert_eq!(original["overdue"], false, "with a new period");
            let filer = get(&w, "applicant2", &appeal_id).await;
            assert_eq!(filer["appeal"]["court"]["judgment"], "upheld", "the filer sees the court stage");
            w
        });
        drop(done);
    }
}

/// Keeps `decide_by` in use here for appeals decided by named board members.
#[test]
fn an_appeal_needs_two_board_members() {
    for db in TestDb::both().unwrap() {
        let (w, secrets) = world(db);
        let done = runtime().block_on(async {
            let w = signed_in(w, &secrets).await;
            let (_, receipt) = refused(&w).await;
            let appeal = file(&w, "applicant2", "appeal", &[("appealed_receipt", &receipt)]).await;
            let appeal_id = appeal["id"].as_str().unwrap().to_owned();
            ok(&w, "appeal_board", &appeal_id, json!({ "action": "accept" })).await;
            ok(
                &w,
                "appeal_board",
                &appeal_id,
                json!({ "action": "assign", "officer": person(&w, "appeal_board").id }),
            )
            .await;
            ok(&w, "appeal_board", &appeal_id, json!({ "action": "start_review" })).await;
            ok(&w, "appeal_board", &appeal_id, approve_for("appeal")).await;
            let own = act(&w, "appeal_board", &appeal_id, json!({ "action": "confirm" })).await;
            assert_eq!(own.status, StatusCode::CONFLICT, "four eyes on the board too");
            let _ = decide_by;
            w
        });
        drop(done);
    }
}

#[test]
fn a_cancellation_is_proposed_on_coded_grounds_confirmed_by_a_second_officer_notified_and_appealable() {
    for db in TestDb::both().unwrap() {
        let (w, secrets) = world(db);
        let done = runtime().block_on(async {
            let w = signed_in(w, &secrets).await;
            let (id, receipt) = in_review(&w).await;
            ok(&w, "officer", &id, approve_for("trp_issue")).await;
            let decided = ok(&w, "officer2", &id, json!({ "action": "confirm" })).await;
            // The duty is paid after the decision; the permit is issued on payment.
            support::pay(&w, &decided).await;
            let granted =
                support::call(&w, Some(person(&w, "officer")), "GET", &format!("/api/v1/cases/{id}"), "")
                    .await
                    .json;
            let number = granted["issued"][0]["number"].as_str().unwrap().to_owned();
            let path = format!("/api/v1/issued/{number}/revoke");
            let post = |who: &'static str, body: Value| {
                let (w, path) = (&w, path.clone());
                async move { call(w, Some(person(w, who)), "POST", &path, body.to_string()).await }
            };
            let old = post("officer", json!({ "reason": "Art. 52.1" })).await;
            assert_eq!(old.status, StatusCode::UNPROCESSABLE_ENTITY, "free text alone no longer cancels");
            let none = post("officer", json!({ "action": "propose", "grounds": [] })).await;
            assert_eq!(none.status, StatusCode::UNPROCESSABLE_ENTITY);
            let foreign =
                post("officer", json!({ "action": "propose", "grounds": ["quota_exhausted"] })).await;
            assert_eq!(
                foreign.status,
                StatusCode::UNPROCESSABLE_ENTITY,
                "a refusal ground is no cancellation ground"
            );
            let nothing = post("officer2", json!({ "action": "confirm" })).await;
            assert_eq!(nothing.status, StatusCode::UNPROCESSABLE_ENTITY, "nothing proposed yet");
            let proposed = post(
                "officer",
                json!({ "action": "propose", "grounds": ["absence_90_in_180"], "note": "abroad 130 days" }),
            )
            .await;
            assert_eq!(proposed.status, StatusCode::OK, "{}", proposed.json);
            assert_eq!(proposed.json["cancellation"]["state"], "proposed");
            assert!(proposed.json["revoked_on"].is_null(), "a proposal changes nothing yet");
            let filer = get(&w, "applicant2", &id).await;
            assert!(filer["issued"][0].get("cancellation").is_none(), "the holder sees no proposal");
            let own = post("officer", json!({ "action": "confirm" })).await;
            assert_eq!(own.status, StatusCode::CONFLICT, "four eyes: {}", own.json);
            let confirmed = post("officer2", json!({ "action": "confirm" })).await;
            assert_eq!(confirmed.status, StatusCode::OK, "{}", confirmed.json);
            assert!(confirmed.json["revoked_on"].is_string());
            let notices = tokio::task::block_in_place(|| {
                testing::rows(
                    &w.state.store,
                    "SELECT message FROM notifications WHERE case_id = $1 AND message = 'document_revoked'",
                    &[Val::Text(&id)],
                )
                .unwrap()
                .len()
            });
            assert_eq!(notices, 1, "the holder is notified");
            let filer = get(&w, "applicant2", &id).await;
            let seen = &filer["issued"][0]["cancellation"];
            assert_eq!(seen["state"], "in_force");
            assert_eq!(seen["grounds"]["codes"][0]["code"], "absence_90_in_180");

            // The holder appeals the cancellation; the board upholds it; the permit is back.
            let appeal = late_appeal(&w, &receipt).await;
            assert_eq!(appeal.status, StatusCode::OK, "{}", appeal.json);
            assert_eq!(appeal.json["appeal"]["act"], "cancellation");
            assert_eq!(appeal.json["appeal"]["act_grounds"]["codes"][0]["code"], "absence_90_in_180");
            let appeal_id = appeal.json["id"].as_str().unwrap().to_owned();
            // The officers who proposed and confirmed the cancellation are not the board.
            let a = act(&w, "officer2", &appeal_id, json!({ "action": "accept" })).await;
            assert_eq!(a.status, StatusCode::NOT_FOUND);
            decide_appeal(&w, &appeal_id, approve_for("appeal")).await;
            let after = get(&w, "officer", &id).await;
            assert!(after["issued"][0]["revoked_on"].is_null(), "the cancellation is annulled: {after}");
            assert_eq!(after["issued"][0]["cancellation"]["state"], "annulled");
            let credential = after["issued"][0]["credential"].as_str().unwrap().to_owned();
            let v = call(&w, None, "GET", &format!("/api/v1/verify/{credential}"), "").await;
            assert_eq!(v.json["status"], "valid", "{}", v.json);
            let status = tokio::task::block_in_place(|| {
                testing::rows(
                    &w.state.store,
                    "SELECT status FROM permits WHERE permit_number = $1",
                    &[Val::Text(&number)],
                )
                .unwrap()[0]
                    .text(0)
                    .unwrap()
            });
            assert_eq!(status, "active", "the permit counts in stay control again");
            w
        });
        drop(done);
    }
}

#[test]
fn the_appeal_board_is_created_at_headquarters_only() {
    for db in TestDb::both().unwrap() {
        let (w, secrets) = world(db);
        let done = runtime().block_on(async {
            let w = signed_in(w, &secrets).await;
            let new = |office: &str| {
                json!({
                    "username": format!("board-{}", office.to_lowercase()), "password": support::PASSWORD,
                    "display_name": "Board", "role": "appeal_board", "office": office
                })
                .to_string()
            };
            let admin = Some(person(&w, "admin"));
            let regional = call(&w, admin, "POST", "/api/v1/admin/users", new("BAK1")).await;
            assert_eq!(regional.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", regional.json);
            assert!(regional.json.to_string().contains("headquarters"), "{}", regional.json);
            let hq = call(&w, admin, "POST", "/api/v1/admin/users", new("HQ")).await;
            assert_eq!(hq.status, StatusCode::CREATED, "{}", hq.json);
            assert_eq!(hq.json["role"], "appeal_board");
            w
        });
        drop(done);
    }
}
