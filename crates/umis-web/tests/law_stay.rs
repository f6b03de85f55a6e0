//! Decisions as stay control must see them (the December 2026 legal review), on SQLite and
//! PostgreSQL: an asylum-seeker is lawful from the registration of the claim until the final
//! decision, refugee status never lapses, an extension continues the current permission, an
//! investor's residence permit runs three years, and the registration e-service tells a person
//! whether they must register by the same rule the scan applies.

#![expect(clippy::unwrap_used, reason = "test code: a failure should stop the test")]

use crate::support;

use serde_json::json;
use support::{World, approve_for, decide, file, ok, person, runtime, signed_in, world};
use umis_domain::{Date, PermitKind};
use umis_store::HolderPermit;
use umis_store::testing::TestDb;

/// The stay engine's permits of the test holder (document 751234567).
async fn permits(w: &World) -> Vec<HolderPermit> {
    let st = w.state.clone();
    tokio::task::spawn_blocking(move || {
        let (permits, _) = st.store.scan_permits_and_registrations().unwrap();
        permits.into_iter().filter(|p| p.holder.document_number == "751234567").collect()
    })
    .await
    .unwrap()
}

fn of_kind(permits: &[HolderPermit], kind: PermitKind) -> Vec<(Date, Date)> {
    permits.iter().filter(|p| p.kind == kind).map(|p| (p.valid_from, p.valid_until)).collect()
}

#[test]
fn the_claimant_is_lawful_until_the_final_decision_and_refugee_status_never_lapses() {
    for db in TestDb::both().unwrap() {
        let (w, secrets) = world(db);
        let done = runtime().block_on(async {
            let w = signed_in(w, &secrets).await;
            let today = w.state.clock.today();
            let case = file(&w, "applicant", "refugee_status", &[]).await;
            let id = case["id"].as_str().unwrap().to_owned();
            assert!(
                of_kind(&permits(&w).await, PermitKind::AsylumSeeker).is_empty(),
                "lodged, not registered"
            );

            // Registration of the claim: the temporary certificate makes every day lawful, open-ended.
            ok(&w, "refugee_officer", &id, json!({ "action": "accept" })).await;
            let held = permits(&w).await;
            assert_eq!(of_kind(&held, PermitKind::AsylumSeeker), vec![(today, Date::MAX)]);

            // Approval: refugee status from today with no end; the certificate ends today.
            let rest = async {
                let officer = person(&w, "refugee_officer").id.clone();
                ok(&w, "refugee_officer", &id, json!({ "action": "assign", "officer": officer })).await;
                ok(&w, "refugee_officer", &id, json!({ "action": "start_review" })).await;
                ok(&w, "refugee_officer", &id, approve_for("refugee_status")).await;
                ok(&w, "refugee_officer2", &id, json!({ "action": "confirm" })).await
            };
            let done = rest.await;
            assert_eq!(done["state"], "approved");
            let held = permits(&w).await;
            assert_eq!(of_kind(&held, PermitKind::Refugee), vec![(today, Date::MAX)], "no 364-day lapse");
            assert_eq!(of_kind(&held, PermitKind::AsylumSeeker), vec![(today, today)]);
            let permit =
                done["issued"].as_array().unwrap().iter().find(|d| d["doc_type"] == "permit").unwrap();
            assert!(permit["valid_until"].is_null(), "the status document names no expiry: {permit}");
            w
        });
        drop(done);
    }
}

#[test]
fn a_refused_claim_stays_lawful_while_it_can_be_challenged() {
    for db in TestDb::both().unwrap() {
        let (w, secrets) = world(db);
        let done = runtime().block_on(async {
            let w = signed_in(w, &secrets).await;
            let today = w.state.clock.today();
            let case = file(&w, "applicant", "refugee_status", &[]).await;
            let id = case["id"].as_str().unwrap().to_owned();
            let refuse = support::refuse(&["no_well_founded_fear"], Some("Art. 1A(2) not met"));
            let done = decide(&w, &id, true, refuse).await;
            assert_eq!(done["state"], "refused");
            let held = permits(&w).await;
            // The refusal becomes final only when the month to appeal it, from its presumed
            // delivery (5 days), passes unused.
            let final_on =
                umis_rules::services::Period { count: 1, unit: umis_rules::services::Unit::Months }
                    .last_day_from(today.add_days(5));
            assert_eq!(of_kind(&held, PermitKind::AsylumSeeker), vec![(today, final_on)]);

            // An appeal keeps the claimant lawful until it is decided.
            let receipt = done["receipt"].as_str().unwrap();
            let appeal = file(&w, "applicant", "appeal", &[("appealed_receipt", receipt)]).await;
            assert_eq!(appeal["state"], "submitted", "{appeal}");
            let held = permits(&w).await;
            assert_eq!(of_kind(&held, PermitKind::AsylumSeeker), vec![(today, Date::MAX)]);
            w
        });
        drop(done);
    }
}

#[test]
fn an_extension_continues_the_current_permission_and_investors_get_three_years() {
    for db in TestDb::both().unwrap() {
        let (w, secrets) = world(db);
        let done = runtime().block_on(async {
            let w = signed_in(w, &secrets).await;
            let today = w.state.clock.today();
            let ends = today.add_days(20);
            let extra = [("current_stay_until", ends.to_string()), ("extension_days", "60".to_owned())];
            let extra: Vec<(&str, &str)> = extra.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let case = file(&w, "applicant", "stay_extension", &extra).await;
            let id = case["id"].as_str().unwrap().to_owned();
            assert_eq!(decide(&w, &id, false, approve_for("stay_extension")).await["state"], "approved");
            // From the day after the current stay ends, for 60 days — not from the decision date.
            let held = permits(&w).await;
            assert_eq!(
                of_kind(&held, PermitKind::StayExtension),
                vec![(ends.add_days(1), ends.add_days(60))]
            );

            // A term longer than the ground allows is refused at filing (it would be paid for and
            // not granted); an investor may ask for 3 years.
            let cat = umis_rules::services::Catalogue::builtin().unwrap();
            let mut long = support::valid_form(cat.get("trp_issue").unwrap(), today);
            long.insert("ground".into(), "close_relative_of_citizen".into());
            long.insert("requested_term".into(), "3_years".into());
            let body = json!({ "service": "trp_issue", "office": "BAK1", "form": long }).to_string();
            let refused =
                support::call(&w, Some(person(&w, "applicant")), "POST", "/api/v1/cases", body).await;
            assert_eq!(refused.status, axum::http::StatusCode::UNPROCESSABLE_ENTITY, "{}", refused.json);
            assert!(refused.json.to_string().contains("requested_term"), "{}", refused.json);
            let investor = [("ground", "investment"), ("requested_term", "3_years")];
            let case = file(&w, "applicant", "trp_issue", &investor).await;
            let id = case["id"].as_str().unwrap().to_owned();
            // (The duty is paid after the decision; the permit takes effect on payment.)
            assert_eq!(decide(&w, &id, false, approve_for("trp_issue")).await["state"], "approved");
            let trp = of_kind(&permits(&w).await, PermitKind::TemporaryResidence);
            // A first permit starts on issue; an investor's runs 3 years (others 1).
            let three_years = Date::parse(&format!("{}-{}", today.year() + 3, &today.to_string()[5..]))
                .unwrap_or(today)
                .add_days(-1);
            assert_eq!(trp, vec![(today, three_years)]);
            w
        });
        drop(done);
    }
}

#[test]
fn the_registration_service_says_whether_registration_is_required_by_the_scans_rule() {
    for db in TestDb::both().unwrap() {
        let (w, secrets) = world(db);
        let done = runtime().block_on(async {
            let w = signed_in(w, &secrets).await;
            let today = w.state.clock.today();
            // A Kazakh staying 20 days need not register (30 days for KAZ), and is not refused.
            let arrival = today.add_days(-2);
            let extra = [
                ("nationality", "KAZ".to_owned()),
                ("arrival_date", arrival.to_string()),
                ("stay_from", arrival.to_string()),
                ("stay_until", arrival.add_days(19).to_string()),
            ];
            let extra: Vec<(&str, &str)> = extra.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let case = file(&w, "applicant", "registration", &extra).await;
            assert_eq!(case["state"], "approved", "a voluntary registration is registered: {case}");
            let guidance = umis_core::filing::eligibility_guidance(
                &w.state.packs,
                "registration",
                &extra.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect(),
                today,
                umis_rules::Lang::En,
            );
            assert_eq!(guidance.len(), 1, "{guidance:?}");
            assert!(guidance[0].condition.contains("voluntary"), "{guidance:?}");
            assert_eq!(guidance[0].apply_by, None);
            // The same stay for a Turkish national must be registered within 15 days.
            let mut form: std::collections::BTreeMap<String, String> =
                extra.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect();
            form.insert("nationality".into(), "TUR".into());
            let guidance = umis_core::filing::eligibility_guidance(
                &w.state.packs,
                "registration",
                &form,
                today,
                umis_rules::Lang::Ru,
            );
            assert!(guidance[0].condition.contains("обязательна"), "{guidance:?}");
            assert_eq!(guidance[0].apply_by, Some(arrival.add_days(15)));
            w
        });
        drop(done);
    }
}

/// The registration document of a case, as the case lists it: (valid_from, valid_until).
fn registration_period(case: &serde_json::Value) -> (String, String) {
    let doc = case["issued"].as_array().unwrap().iter().find(|d| d["doc_type"] == "registration").unwrap();
    (doc["valid_from"].as_str().unwrap().to_owned(), doc["valid_until"].as_str().unwrap().to_owned())
}

#[test]
fn a_registration_lapses_with_the_visa_and_ends_on_deregistration() {
    for db in TestDb::both().unwrap() {
        let (w, secrets) = world(db);
        let done = runtime().block_on(async {
            let w = signed_in(w, &secrets).await;
            let arrival = w.state.clock.today().add_days(-2);
            // (Each from another day: the same person from the same day is registered once.)
            let register = |from: Date, until: Date, visa: Option<&'static str>| {
                let w = &w;
                async move {
                    let (a, f, u) = (arrival.to_string(), from.to_string(), until.to_string());
                    let mut extra = vec![
                        ("arrival_date", a.as_str()),
                        ("stay_from", f.as_str()),
                        ("stay_until", u.as_str()),
                    ];
                    extra.push(("visa_stay_days", visa.unwrap_or("")));
                    file(w, "host", "registration", &extra).await
                }
            };
            // Visa-free: at most 90 days, whatever the host asked for.
            let case = register(arrival, arrival.add_days(200), None).await;
            assert_eq!(case["state"], "approved", "{case}");
            assert_eq!(registration_period(&case), (arrival.to_string(), arrival.add_days(89).to_string()));
            // A 30-day visa: 30 days.
            let case = register(arrival.add_days(1), arrival.add_days(60), Some("30")).await;
            assert_eq!(registration_period(&case).1, arrival.add_days(29).to_string());

            // De-registration on departure ends it; the number must be one the filer registered.
            let number = case["issued"][0]["number"].as_str().unwrap().to_owned();
            let departed = arrival.add_days(10).to_string();
            let dereg = |who: &'static str, number: String| {
                let w = &w;
                let departed = departed.clone();
                async move {
                    let extra =
                        [("registration_number", number.as_str()), ("departure_date", departed.as_str())];
                    support::file_answer(w, who, "deregistration", &extra).await
                }
            };
            let stranger = dereg("applicant2", number.clone()).await;
            assert_eq!(stranger.status, axum::http::StatusCode::UNPROCESSABLE_ENTITY, "{}", stranger.json);
            assert!(stranger.json.to_string().contains("registration_number"), "{}", stranger.json);
            let unknown = dereg("host", "R1-NOPE".into()).await;
            assert_eq!(unknown.status, axum::http::StatusCode::UNPROCESSABLE_ENTITY, "{}", unknown.json);
            let ok_answer = dereg("host", number.clone()).await;
            assert_eq!(ok_answer.json["state"], "approved", "{}", ok_answer.json);
            let id = case["id"].as_str().unwrap();
            let again =
                support::call(&w, Some(person(&w, "host")), "GET", &format!("/api/v1/cases/{id}"), "").await;
            assert_eq!(registration_period(&again.json).1, departed, "ends on the departure day");
            w
        });
        drop(done);
    }
}

#[test]
fn a_move_to_a_new_address_is_registered_there() {
    for db in TestDb::both().unwrap() {
        let (w, secrets) = world(db);
        let done = runtime().block_on(async {
            let w = signed_in(w, &secrets).await;
            let moved = w.state.clock.today().add_days(-1);
            let extra = [
                ("stay_from", moved.to_string()),
                ("stay_until", moved.add_days(40).to_string()),
                ("address", "Bakı, Nizami küç. 10, mənzil 4".to_owned()),
            ];
            let extra: Vec<(&str, &str)> = extra.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let case = file(&w, "applicant", "registration_change", &extra).await;
            assert_eq!(case["state"], "approved", "{case}");
            assert_eq!(registration_period(&case), (moved.to_string(), moved.add_days(40).to_string()));
            // In time (5 working days): the rule is met and names the last day.
            let guidance = umis_core::filing::eligibility_guidance(
                &w.state.packs,
                "registration_change",
                &extra.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect(),
                w.state.clock.today(),
                umis_rules::Lang::En,
            );
            assert_eq!(guidance[0].met, Some(true), "{guidance:?}");
            let by = w.state.packs.catalogue().calendar().add_business_days(moved, 5).unwrap();
            assert_eq!(guidance[0].apply_by, Some(by));
            // Reported late: still registered, and the officer sees the rule unmet.
            let late = moved.add_days(-30);
            let extra = [("stay_from", late.to_string()), ("stay_until", late.add_days(60).to_string())];
            let extra: Vec<(&str, &str)> = extra.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let case = file(&w, "applicant", "registration_change", &extra).await;
            assert_eq!(case["state"], "approved", "{case}");
            let id = case["id"].as_str().unwrap();
            let seen =
                support::call(&w, Some(person(&w, "officer")), "GET", &format!("/api/v1/cases/{id}"), "")
                    .await;
            assert_eq!(seen.json["staff"]["eligible"], false, "{}", seen.json["staff"]);
            w
        });
        drop(done);
    }
}
