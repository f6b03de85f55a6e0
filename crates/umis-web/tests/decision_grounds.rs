//! A decision names what it rests on, on SQLite and PostgreSQL: a refusal's credential signs the
//! coded grounds and its PDF names them in the language asked for (the catalogue's words, with
//! the article) with the officer's note, read back with `pdftotext`; the notice of a document's
//! cancellation names its grounds and how to appeal, in the holder's language.

#![expect(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test code: a failure should stop the test"
)]

use crate::support;

use axum::http::StatusCode;
use base64::Engine as _;
use serde_json::json;
use std::process::Command;
use support::{World, approve_for, call, ok, person, refuse, runtime, signed_in, world};
use umis_rules::services::Catalogue;
use umis_store::sql::Val;
use umis_store::testing::{self, TestDb};

/// A `trp_issue` case of `applicant2` taken to a proposal: its id.
async fn in_review(w: &World) -> String {
    let case = support::file(w, "applicant2", "trp_issue", &[]).await;
    let id = case["id"].as_str().unwrap().to_owned();
    ok(w, "officer", &id, json!({ "action": "accept" })).await;
    ok(w, "supervisor", &id, json!({ "action": "assign", "officer": person(w, "officer").id })).await;
    ok(w, "officer", &id, json!({ "action": "start_review" })).await;
    id
}

/// The text `pdftotext` reads from `pdf`, its white space run together.
fn pdf_text(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("decision.pdf");
    std::fs::write(&file, pdf).unwrap();
    let out = Command::new("pdftotext")
        .args([file.to_str().unwrap(), "-"])
        .output()
        .expect("poppler-utils must be installed (apt-get install poppler-utils)");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap().split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn a_refusal_decision_signs_its_grounds_and_its_pdf_names_them_in_each_language() {
    let cat = Catalogue::builtin().unwrap();
    for db in TestDb::both().unwrap() {
        let (w, secrets) = world(db);
        let done = runtime().block_on(async {
            let w = signed_in(w, &secrets).await;
            let id = in_review(&w).await;
            let codes = ["false_information", "no_residence_ground"];
            ok(&w, "officer", &id, refuse(&codes, Some("the lease was forged"))).await;
            let view = ok(&w, "officer2", &id, json!({ "action": "confirm" })).await;
            assert_eq!(view["state"], "refused");
            let decision = &view["issued"][0];
            assert_eq!(decision["doc_type"], "decision", "{view}");
            let number = decision["number"].as_str().unwrap().to_owned();
            let credential = decision["credential"].as_str().unwrap().to_owned();

            // The credential signs the codes: the public verification reads them back.
            let v = call(&w, None, "GET", &format!("/api/v1/verify/{credential}"), "").await;
            assert_eq!(v.json["claims"]["grounds"], json!(codes), "{}", v.json);
            let page = call(&w, None, "GET", &format!("/verify?lang=en&credential={credential}"), "").await;
            let html = page.text();
            assert!(html.contains("Grounds (codes)"), "{html}");
            assert!(html.contains("false_information, no_residence_ground"), "{html}");

            for lang in ["az", "en", "ru"] {
                let uri = format!("/api/v1/issued/{number}/pdf?lang={lang}");
                let a = call(&w, Some(person(&w, "applicant2")), "GET", &uri, "").await;
                assert_eq!(a.status, StatusCode::OK, "{lang}");
                let text = pdf_text(&a.bytes);
                for code in codes {
                    let ground = cat.refusal_ground(code).unwrap();
                    let name = match lang {
                        "az" => &ground.names.az,
                        "en" => &ground.names.en,
                        _ => &ground.names.ru,
                    };
                    let name: String = name.split_whitespace().collect::<Vec<_>>().join(" ");
                    assert!(text.contains(&name), "{lang}: {name:?} not in:\n{text}");
                    assert!(text.contains(&ground.article), "{lang}: {} not in:\n{text}", ground.article);
                }
                assert!(text.contains("the lease was forged"), "{lang}: the note is printed:\n{text}");
                let label = umis_words::t(umis_words::from_code(lang).unwrap(), "document-grounds");
                assert!(text.contains(&label), "{lang}: {label:?} not in:\n{text}");
                assert_eq!(umis_credential::token_from_pdf(&a.bytes).as_deref(), Some(credential.as_str()));
            }
            w
        });
        drop(done);
    }
}

/// The body of every `.eml` file in `dir`, decoded.
fn bodies(dir: &std::path::Path) -> Vec<String> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let eml = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        let (_, body) = eml.split_once("\r\n\r\n").unwrap();
        let b64: String = body.split_whitespace().collect();
        let bytes = base64::engine::general_purpose::STANDARD.decode(b64).unwrap();
        out.push(String::from_utf8(bytes).unwrap().replace("\r\n", "\n"));
    }
    out
}

#[test]
fn a_cancellation_notice_names_its_grounds_and_how_to_appeal_in_the_holders_language() {
    let cat = Catalogue::builtin().unwrap();
    for db in TestDb::both().unwrap() {
        let (w, secrets) = world(db);
        let done = runtime().block_on(async {
            let w = signed_in(w, &secrets).await;
            let id = in_review(&w).await;
            ok(&w, "officer", &id, approve_for("trp_issue")).await;
            let decided = ok(&w, "officer2", &id, json!({ "action": "confirm" })).await;
            support::pay(&w, &decided).await;
            let granted =
                call(&w, Some(person(&w, "officer")), "GET", &format!("/api/v1/cases/{id}"), "").await.json;
            let number = granted["issued"][0]["number"].as_str().unwrap().to_owned();
            let receipt = granted["receipt"].as_str().unwrap().to_owned();
            let permit = granted["issued"][0]["credential"].as_str().unwrap().to_owned();
            let v = call(&w, None, "GET", &format!("/api/v1/verify/{permit}"), "").await;
            assert!(v.json["claims"].get("grounds").is_none(), "a permit names no grounds: {}", v.json);
            let confirmed = support::cancel(&w, &number, &["absence_90_in_180"]).await;
            assert_eq!(confirmed.status, StatusCode::OK, "{}", confirmed.json);
            tokio::task::block_in_place(|| {
                testing::exec(
                    &w.state.store,
                    "UPDATE users SET lang = 'ru' WHERE username = $1",
                    &[Val::Text("applicant2")],
                )
                .unwrap();
            });

            let outbox = tempfile::tempdir().unwrap();
            let channel = umis_notify::OutboxChannel::new(
                outbox.path(),
                umis_notify::Address::parse("umis@example.test").unwrap(),
                umis_notify::HostName::parse("umis.test").unwrap(),
            );
            let sent = tokio::task::block_in_place(|| {
                umis_core::notify_worker::deliver_due(&w.state.store, &cat, &w.state.clock, &channel, 100)
                    .unwrap()
            });
            assert!(sent.sent >= 1, "{sent:?}");
            let bodies = bodies(outbox.path());
            let ground = cat.cancellation_ground("absence_90_in_180").unwrap();
            let notice = bodies
                .iter()
                .find(|b| b.contains(&number))
                .unwrap_or_else(|| panic!("no notice names {number}: {bodies:?}"));
            assert!(notice.contains(&ground.names.ru), "the ground in Russian: {notice}");
            assert!(notice.contains(&ground.article), "its article: {notice}");
            assert!(notice.contains("matrix of the law"), "the note: {notice}");
            assert!(notice.contains("аннулирован"), "{notice}");
            assert!(notice.contains("в течение 1 месяца"), "the appeal period: {notice}");
            assert!(notice.contains("Обжалование решения"), "the appeal service: {notice}");
            assert!(notice.contains(&receipt), "{notice}");
            assert!(
                !notice.contains("Производство по заявлению завершено"),
                "not the generic status: {notice}"
            );
            w
        });
        drop(done);
    }
}
