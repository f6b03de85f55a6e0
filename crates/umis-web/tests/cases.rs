//! Every e-service through the API, on SQLite and PostgreSQL: filed with its documents,
//! decided with four eyes, issued as a signed credential that verifies, visible at once to
//! stay control; refusal, appeal, revocation, the public status lookup, and the mistakes a
//! client can make.

#![expect(clippy::unwrap_used, reason = "test code: a failure should stop the test")]

use crate::support;

use axum::http::StatusCode;
use serde_json::{Value, json};
use support::{
    World, act, approve_for, call, decide, decide_appeal, file, filer_for, ok, pdf, person, runtime,
    signed_in, valid_form, world,
};
use umis_rules::services::Catalogue;
use umis_store::testing::TestDb;

async fn verify(w: &World, credential: &str) -> Value {
    let a = call(w, None, "GET", &format!("/api/v1/verify/{credential}"), "").await;
    assert_eq!(a.status, StatusCode::OK);
    a.json
}

#[test]
fn every_e_service_is_filed_decided_and_verified() {
    for db in TestDb::both().unwrap() {
        let (w, secrets) = world(db);
        let done = runtime().block_on(async {
            let w = signed_in(w, &secrets).await;
            let cat = Catalogue::builtin().unwrap();
            let mut decided = 0;
            // An appeal needs a refused case and a de-registration a registration: both are
            // filed against one elsewhere (`a_refusal_is_appealed…`, `law_stay`).
            for svc in cat.services().iter().filter(|s| !matches!(s.code(), "appeal" | "deregistration")) {
                let filer = filer_for(svc);
                let case = file(&w, filer, svc.code(), &[]).await;
                let id = case["id"].as_str().unwrap().to_owned();
                assert!(case["receipt"].as_str().unwrap().starts_with("BAK1-"), "{}", case["receipt"]);
                assert!(case["due_on"].is_string(), "{}: a deadline", svc.code());
                let done = if svc.auto_decide() {
                    case
                } else {
                    decide(&w, &id, svc.sensitive(), approve_for(svc.code())).await
                };
                assert_eq!(done["state"], "approved", "{}: {done}", svc.code());
                if svc.code() == "citizenship_affiliation" {
                    let kinds: Vec<&str> = done["issued"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|d| d["kind"].as_str().unwrap())
                        .collect();
                    assert!(
                        kinds.contains(&"stateless_person_certificate"),
                        "undetermined → stateless documentation: {kinds:?}"
                    );
                }
                if svc.code() == "refugee_status" {
                    assert!(done["staff"]["milestones"].as_array().unwrap().len() >= 2, "{}", done["staff"]);
                }
                let issued = done["issued"].as_array().unwrap();
                assert!(!issued.is_empty(), "{}: approval issues a document", svc.code());
                for doc in issued {
                    let v = verify(&w, doc["credential"].as_str().unwrap()).await;
                    // An extension continues the current permission, so it may begin later.
                    let later = v["status"] == "not_yet_valid" && svc.code().ends_with("extension");
                    assert!(v["valid"] == true || later, "{}: {v}", svc.code());
                }
                decided += 1;
            }
            assert!(decided >= 14, "{decided} services decided");
            w
        });
        drop(done); // outside the runtime: the PostgreSQL driver blocks when closing
    }
}

#[test]
fn a_permit_takes_effect_at_once_and_revocation_takes_it_back() {
    for db in TestDb::both().unwrap() {
        let (w, secrets) = world(db);
        let done = runtime().block_on(async {
            let w = signed_in(w, &secrets).await;
            let case = file(&w, "applicant", "trp_issue", &[]).await;
            let id = case["id"].as_str().unwrap().to_owned();
            let done = decide(&w, &id, false, approve_for("trp_issue")).await;
            let permit = &done["issued"][0];
            assert_eq!(permit["doc_type"], "permit");
            let number = permit["number"].as_str().unwrap().to_owned();
            let credential = permit["credential"].as_str().unwrap().to_owned();
            let stay_permit = |w: &World| {
                let st = w.state.clone();
                let n = number.clone();
                async move {
                    tokio::task::spawn_blocking(move || {
                        let (permits, _) = st.store.scan_permits_and_registrations().unwrap();
                        let _ = n;
                        permits
                            .into_iter()
                            .find(|p| {
                                p.kind == umis_domain::PermitKind::TemporaryResidence
                                    && p.holder.document_number == "751234567"
                            })
                            .map(|p| p.status)
                    })
                    .await
                    .unwrap()
                }
            };
            assert_eq!(stay_permit(&w).await, Some(umis_domain::PermitStatus::Active));

            // The PDF carries the same credential, readable offline.
            let a = call(
                &w,
                Some(person(&w, "applicant")),
                "GET",
                &format!("/api/v1/issued/{number}/pdf?lang=ru"),
                "",
            )
            .await;
            assert_eq!(a.status, StatusCode::OK);
            assert!(a.headers["content-disposition"].to_str().unwrap().starts_with("attachment"));
            assert_eq!(umis_credential::token_from_pdf(&a.bytes).as_deref(), Some(credential.as_str()));
            let stranger =
                call(&w, Some(person(&w, "applicant2")), "GET", &format!("/api/v1/issued/{number}/pdf"), "")
                    .await;
            assert_eq!(stranger.status, StatusCode::NOT_FOUND);

            // The public verification page, escaped and in the reader's language.
            let page = call(&w, None, "GET", &format!("/verify?lang=en&credential={credential}"), "").await;
            let html = String::from_utf8_lossy(&page.bytes).into_owned();
            assert_eq!(page.status, StatusCode::OK);
            assert!(html.contains("genuine and in force") && html.contains("lang=\"en\""), "{html}");
            let hostile =
                call(&w, None, "GET", "/verify?credential=%3Cscript%3Ealert(1)%3C/script%3E", "").await;
            let html = String::from_utf8_lossy(&hostile.bytes).into_owned();
            // The page loads the portal's own script (the QR scanner); the hostile one is escaped.
            assert!(!html.contains("<script>alert") && html.contains("qəbul edilmir"), "{html}");
            assert!(html.contains("&#60;script&#62;alert(1)"), "the code is shown, escaped: {html}");
            // Revocation: published, refused by verification, out of stay control.
            // (A cancellation is proposed on coded grounds and confirmed by a second officer.)
            let a = support::cancel(&w, &number, &["false_information"]).await;
            assert_eq!(a.status, StatusCode::OK, "{}", a.json);
            assert_eq!(verify(&w, &credential).await["status"], "revoked");
            assert_eq!(stay_permit(&w).await, Some(umis_domain::PermitStatus::Revoked));
            let list = call(&w, None, "GET", "/api/v1/revocations", "").await;
            let jwks = call(&w, None, "GET", "/.well-known/jwks.json", "").await;
            let jwks = umis_credential::Jwks::parse(std::str::from_utf8(&jwks.bytes).unwrap()).unwrap();
            let list = umis_credential::RevocationList::parse_verified(
                std::str::from_utf8(&list.bytes).unwrap(),
                &jwks,
            )
            .unwrap();
            assert!(list.is_revoked(&number).is_some());

            // A forged credential: one character of the payload changed.
            let mut forged = credential.clone().into_bytes();
            forged[10] = if forged[10] == b'A' { b'B' } else { b'A' };
            let v = verify(&w, std::str::from_utf8(&forged).unwrap()).await;
            assert_eq!(v["valid"], false);
            assert!(v["claims"].is_null(), "a forged document shows nothing of what it claims");
            w
        });
        drop(done); // outside the runtime: the PostgreSQL driver blocks when closing
    }
}

#[test]
fn a_refusal_is_appealed_and_the_appeal_reopens_the_case() {
    for db in TestDb::both().unwrap() {
        let (w, secrets) = world(db);
        let done = runtime().block_on(async {
            let w = signed_in(w, &secrets).await;
            let case = file(&w, "applicant2", "trp_issue", &[]).await;
            let id = case["id"].as_str().unwrap().to_owned();
            let receipt = case["receipt"].as_str().unwrap().to_owned();
            let no_grounds = {
                ok(&w, "officer", &id, json!({ "action": "accept" })).await;
                ok(&w, "supervisor", &id, json!({ "action": "assign", "officer": person(&w, "officer").id }))
                    .await;
                ok(&w, "officer", &id, json!({ "action": "start_review" })).await;
                act(&w, "officer", &id, json!({ "action": "propose", "decision": "refuse" })).await
            };
            assert_eq!(no_grounds.status, StatusCode::CONFLICT, "a refusal needs grounds");
            ok(
                &w,
                "officer",
                &id,
                json!({ "action": "propose", "decision": "refuse", "grounds": ["no_residence_ground"] }),
            )
            .await;
            let own = act(&w, "officer", &id, json!({ "action": "confirm" })).await;
            assert_eq!(own.status, StatusCode::CONFLICT, "four eyes: {}", own.json);
            let refused = ok(&w, "officer2", &id, json!({ "action": "confirm" })).await;
            assert_eq!(refused["state"], "refused");
            assert_eq!(refused["issued"][0]["doc_type"], "decision");
            let late = act(&w, "applicant2", &id, json!({ "action": "withdraw" })).await;
            assert_eq!(late.status, StatusCode::CONFLICT, "no withdrawal after a decision");

            let status = call(
                &w,
                None,
                "POST",
                "/api/v1/status",
                json!({ "receipt": receipt, "birth_date": "1990-05-04", "lang": "en" }).to_string(),
            )
            .await;
            assert_eq!(status.json["status"], "refused", "{}", status.json);

            let appeal = file(&w, "applicant2", "appeal", &[("appealed_receipt", &receipt)]).await;
            let original =
                call(&w, Some(person(&w, "applicant2")), "GET", &format!("/api/v1/cases/{id}"), "").await;
            assert_eq!(original.json["state"], "appealed");
            let history = original.json["events"].as_array().unwrap();
            assert_eq!(history.last().unwrap()["event"], "appeal", "the refused case records its appeal");
            let appeal_id = appeal["id"].as_str().unwrap().to_owned();
            decide_appeal(&w, &appeal_id, approve_for("appeal")).await;
            let original = call(
                &w,
                Some(person(&w, "officer")),
                "GET",
                &format!("/api/v1/cases/{id}?purpose=appeal_review"),
                "",
            )
            .await;
            assert_eq!(
                original.json["state"], "accepted",
                "an upheld appeal sends the case back to examination"
            );

            let someone_else = file(&w, "applicant", "trp_issue", &[]).await;
            let r = someone_else["receipt"].as_str().unwrap();
            let cat = Catalogue::builtin().unwrap();
            let mut form = valid_form(cat.get("appeal").unwrap(), w.state.clock.today());
            form.insert("appealed_receipt".into(), r.to_owned());
            let a = call(
                &w,
                Some(person(&w, "applicant2")),
                "POST",
                "/api/v1/cases",
                json!({ "service": "appeal", "office": "BAK1", "form": form }).to_string(),
            )
            .await;
            let bad =
                act(&w, "applicant2", a.json["id"].as_str().unwrap(), json!({ "action": "submit" })).await;
            assert_eq!(
                bad.status,
                StatusCode::UNPROCESSABLE_ENTITY,
                "only one's own refused case can be appealed: {}",
                bad.json
            );
            w
        });
        drop(done); // outside the runtime: the PostgreSQL driver blocks when closing
    }
}

#[test]
fn public_status_answers_only_with_the_right_birth_date() {
    let (w, secrets) = world(TestDb::sqlite().unwrap());
    let done = runtime().block_on(async {
        let w = signed_in(w, &secrets).await;
        let case = file(&w, "applicant", "stay_extension", &[]).await;
        let receipt = case["receipt"].as_str().unwrap().to_owned();
        let ask =
            |r: &str, b: &str, lang: &str| json!({ "receipt": r, "birth_date": b, "lang": lang }).to_string();
        for (lang, word) in [("az", "qəbul"), ("en", "received"), ("ru", "получено")] {
            let a = call(&w, None, "POST", "/api/v1/status", ask(&receipt, "1990-05-04", lang)).await;
            assert_eq!(a.status, StatusCode::OK);
            assert_eq!(a.json["status"], "received");
            assert!(a.json["message"].as_str().unwrap().contains(word), "{}", a.json);
            assert!(
                a.json.get("form").is_none() && a.json.get("service").is_none(),
                "nothing but the status"
            );
        }
        let wrong = call(&w, None, "POST", "/api/v1/status", ask(&receipt, "1990-05-05", "en")).await;
        let unknown = call(
            &w,
            None,
            "POST",
            "/api/v1/status",
            ask(
                &umis_domain::receipt::Receipt::new("BAK1", 2026, 9999).unwrap().to_string(),
                "1990-05-04",
                "en",
            ),
        )
        .await;
        assert_eq!(wrong.status, StatusCode::NOT_FOUND);
        assert_eq!(
            (wrong.status, wrong.bytes),
            (unknown.status, unknown.bytes),
            "no way to tell which numbers exist"
        );
        let mut typo = receipt.clone().into_bytes();
        typo[5] = if typo[5] == b'1' { b'2' } else { b'1' };
        let a = call(
            &w,
            None,
            "POST",
            "/api/v1/status",
            ask(std::str::from_utf8(&typo).unwrap(), "1990-05-04", "en"),
        )
        .await;
        assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "the check digits catch a typo");
        for body in [
            "",
            "{",
            "[]",
            r#"{"receipt":1}"#,
            &"x".repeat(10_000),
            r#"{"receipt":"a","birth_date":"b","status":"approved"}"#,
        ] {
            let a = call(&w, None, "POST", "/api/v1/status", body.to_owned()).await;
            assert!(a.status.is_client_error(), "{body:.40}: {}", a.status);
        }
        w
    });
    drop(done);
}

#[test]
fn bad_requests_are_refused_and_change_nothing() {
    let (w, secrets) = world(TestDb::sqlite().unwrap());
    let done = runtime().block_on(async {
        let w = signed_in(w, &secrets).await;
        let app = person(&w, "applicant");
        let mass = [
            json!({ "service": "trp_issue", "status": "approved" }),
            json!({ "service": "trp_issue", "fee_minor": 0 }),
            json!({ "service": "trp_issue", "decided_by": "me" }),
            json!({ "service": "trp_issue", "form": { "status": "approved" } }),
            json!({ "service": "trp_issue", "form": { "surname": "x".repeat(10_000) } }),
            json!({ "service": "no_such_service" }),
            json!({ "service": "trp_issue", "fee_tier": "free" }),
            json!({ "service": "work_permit" }),
            json!({ "service": "trp_issue", "office": "NOPE" }),
        ];
        for body in mass {
            let a = call(&w, Some(app), "POST", "/api/v1/cases", body.to_string()).await;
            assert!(
                a.status == StatusCode::UNPROCESSABLE_ENTITY || a.status == StatusCode::FORBIDDEN,
                "{body:.80}: {} {}",
                a.status,
                a.json
            );
        }
        let listed = call(&w, Some(app), "GET", "/api/v1/cases", "").await;
        assert_eq!(listed.json["items"].as_array().unwrap().len(), 0, "nothing was created");

        // Idempotency: a retry returns the same draft; the key reused for another body is refused.
        let body = json!({ "service": "stay_extension" }).to_string();
        let keyed = |b: String| {
            axum::http::Request::builder()
                .method("POST")
                .uri("/api/v1/cases")
                .header("host", "umis.test")
                .header("cookie", format!("__Host-umis_session={}", app.cookie))
                .header("x-csrf-token", &app.csrf)
                .header("idempotency-key", "retry-1")
                .body(axum::body::Body::from(b))
                .unwrap()
        };
        let first = support::raw(&w, keyed(body.clone())).await;
        let again = support::raw(&w, keyed(body)).await;
        assert_eq!(first.status, StatusCode::CREATED);
        assert_eq!(first.json["id"], again.json["id"]);
        let other = support::raw(&w, keyed(json!({ "service": "trp_issue" }).to_string())).await;
        assert_eq!(other.status, StatusCode::UNPROCESSABLE_ENTITY);

        // Uploads: disguised and oversized files.
        let id = first.json["id"].as_str().unwrap();
        let uploads: [(&[u8], StatusCode); 4] = [
            (b"<html><script>alert(1)</script></html>", StatusCode::UNPROCESSABLE_ENTITY),
            (b"", StatusCode::UNPROCESSABLE_ENTITY),
            (
                b"%PDF-1.4\n/OpenAction << /S /JavaScript /JS (app.alert(1)) >>\n%%EOF",
                StatusCode::UNPROCESSABLE_ENTITY,
            ),
            (&[0u8; 11 * 1024 * 1024], StatusCode::PAYLOAD_TOO_LARGE),
        ];
        for (bytes, want) in uploads {
            let a = call(
                &w,
                Some(app),
                "POST",
                &format!("/api/v1/cases/{id}/documents?doc_type=passport_copy"),
                bytes.to_vec(),
            )
            .await;
            assert_eq!(a.status, want, "{}", a.json);
        }
        let a = call(
            &w,
            Some(app),
            "POST",
            &format!("/api/v1/cases/{id}/documents?doc_type=../../etc/passwd"),
            pdf(),
        )
        .await;
        assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
        let a =
            call(&w, Some(app), "POST", &format!("/api/v1/cases/{id}/actions"), r#"{"action":"approve"}"#)
                .await;
        assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "no such action");
        let a = call(&w, Some(app), "POST", &format!("/api/v1/cases/{id}/actions"), r#"{"action":"accept"}"#)
            .await;
        assert_eq!(a.status, StatusCode::FORBIDDEN, "a filer cannot accept their own case");
        let a = call(&w, Some(app), "POST", &format!("/api/v1/cases/{id}/actions"), r#"{"action":"submit"}"#)
            .await;
        assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "an incomplete form is not filed: {}", a.json);
        let view = call(&w, Some(app), "GET", &format!("/api/v1/cases/{id}"), "").await;
        assert_eq!(view.json["state"], "draft");
        assert!(view.json["documents"].as_array().unwrap().is_empty());
        w
    });
    drop(done);
}
