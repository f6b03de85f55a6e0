//! The filing pages, walked as an applicant would: a start page, a draft filled section by
//! section, documents uploaded through the multipart form, a fee tier, check-your-answers,
//! submission and its receipt; then the decision and the issued permit's PDF. Hostile and
//! overlong answers get an error summary, never a server error; another person's application
//! is not found.

#![expect(clippy::unwrap_used, reason = "test code: a failure should stop the test")]

use crate::support;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use support::*;
use umis_store::testing::TestDb;

const HOSTILE: &[&str] = &[
    "<script>alert('umis-injected')</script>",
    "\"><img src=x onerror=alert(1)>",
    "'; DROP TABLE cases; --",
    "Иванов ქართული 漢字",
];

async fn upload(w: &World, who: &Person, id: &str, doc_type: &str, bytes: &[u8], token: &str) -> Answer {
    let boundary = "umisBoundary7MA4YWxkTrZu0gW";
    let mut body = Vec::new();
    for (name, value) in [("csrf_token", token), ("doc_type", doc_type)] {
        body.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n")
                .as_bytes(),
        );
    }
    body.extend_from_slice(
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\nContent-Type: application/pdf\r\n\r\n"
        )
        .as_bytes(),
    );
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    let req = Request::builder()
        .method("POST")
        .uri(format!("/applications/{id}/documents"))
        .header(header::HOST, "umis.test")
        .header(header::CONTENT_TYPE, format!("multipart/form-data; boundary={boundary}"))
        .header(header::COOKIE, format!("__Host-umis_session={}", who.cookie))
        .body(Body::from(body))
        .unwrap();
    let a = raw(w, req).await;
    assert!(a.status.as_u16() < 500, "upload: {}", a.status);
    a
}

fn assert_refused(a: &Answer, what: &str) {
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{what}: {}", a.text());
    let text = a.text();
    assert!(text.contains("govuk-error-summary"), "{what}: no error summary");
    assert!(!text.contains("<script>alert"), "{what}: unescaped");
}

fn flow(db: TestDb) {
    let rt = runtime();
    let (w, secrets) = world(db);
    rt.block_on(async move {
        let w = signed_in(w, &secrets).await;
        let me = person(&w, "applicant").clone();
        let services = page(&w, Some(&me), "/services?lang=en").await;
        assert_eq!(services.status, StatusCode::OK);
        assert!(services.text().contains("/services/trp_issue"));
        assert!(
            !services.text().contains("/services/work_permit\""),
            "an applicant does not file work permits"
        );
        let start = page(&w, None, "/services/trp_issue?lang=en").await;
        assert_eq!(start.status, StatusCode::OK, "the start page is public");
        assert!(start.text().contains("Sign in to apply"));
        assert!(start.text().contains("id=\"fee-depends\""), "the duty depends on the term and age");
        assert_eq!(page(&w, Some(&me), "/services/no_such_service").await.status, StatusCode::NOT_FOUND);

        let a = post_form(&w, Some(&me), "/services/trp_issue/start", &[("office", "BAK1")]).await;
        assert_eq!(a.status, StatusCode::SEE_OTHER);
        let loc = a.location().unwrap();
        let id = loc.strip_prefix("/applications/").unwrap().to_owned();
        let tasks = page(&w, Some(&me), &format!("{loc}?lang=en")).await;
        assert_eq!(tasks.status, StatusCode::OK);
        assert!(tasks.text().contains("govuk-task-list") && tasks.text().contains("Cannot start yet"));

        // Hostile, wrong-script and overlong answers: an error summary, nothing saved or run.
        let personal = format!("/applications/{id}/section/personal");
        let long = "x".repeat(5000);
        for v in HOSTILE.iter().copied().chain([long.as_str(), ""]) {
            let a = post_form(
                &w,
                Some(&me),
                &personal,
                &[
                    ("surname", v),
                    ("given_names", v),
                    ("date_of_birth-day", v),
                    ("date_of_birth-month", "5"),
                    ("date_of_birth-year", "1990"),
                    ("sex", v),
                    ("nationality", v),
                ],
            )
            .await;
            assert_refused(&a, &format!("personal with {}", v.chars().take(20).collect::<String>()));
        }
        let details = format!("/applications/{id}/section/details");
        for v in HOSTILE.iter().copied().chain([long.as_str()]) {
            let a = post_form(
                &w,
                Some(&me),
                &details,
                &[
                    ("ground", v),
                    ("current_stay_until-day", "1"),
                    ("current_stay_until-month", "1"),
                    ("current_stay_until-year", "2030"),
                    ("address", &long),
                ],
            )
            .await;
            assert_refused(&a, "details");
        }

        // The real answers, section by section; each is kept when the page is left.
        let ok = |a: &Answer| assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.text());
        ok(&post_form(
            &w,
            Some(&me),
            &personal,
            &[
                ("surname", "Петров <b>"),
                ("given_names", "Ivan"),
                ("date_of_birth-day", "4"),
                ("date_of_birth-month", "5"),
                ("date_of_birth-year", "1990"),
                ("sex", "M"),
                ("nationality", "RUS"),
            ],
        )
        .await);
        let again = page(&w, Some(&me), &personal).await.text();
        assert!(
            again.contains("value=\"Петров &#60;b&#62;\"") || again.contains("Петров &lt;b&gt;"),
            "saved answers show, escaped"
        );
        ok(&post_form(
            &w,
            Some(&me),
            &format!("/applications/{id}/section/document"),
            &[("document_issuer", "RUS"), ("document_number", "751234567")],
        )
        .await);
        ok(&post_form(
            &w,
            Some(&me),
            &format!("/applications/{id}/section/contact"),
            &[("phone", ""), ("email", "")],
        )
        .await);
        let until = w.state.clock.today().add_days(90);
        let (y, m, d) = until.ymd();
        ok(&post_form(
            &w,
            Some(&me),
            &details,
            &[
                ("ground", "student"),
                ("current_stay_until-day", &d.to_string()),
                ("current_stay_until-month", &m.to_string()),
                ("current_stay_until-year", &y.to_string()),
                ("address", "Baku, Nizami 1"),
                ("requested_term", "1_year"),
            ],
        )
        .await);

        // Documents: a refused file is an error summary; a PDF for each required document.
        let bad = upload(&w, &me, &id, "passport_copy", b"MZ\x90\x00 not a document", &me.csrf).await;
        assert_refused(&bad, "an executable");
        let forged = upload(&w, &me, &id, "passport_copy", &pdf(), "0000").await;
        assert_eq!(forged.status, StatusCode::FORBIDDEN, "an upload without the token is refused");
        let unknown = upload(&w, &me, &id, "<script>", &pdf(), &me.csrf).await;
        assert_refused(&unknown, "unknown document type");
        for doc in ["passport_copy", "medical_certificate", "photo", "housing_document", "ground_proof"] {
            let a = upload(&w, &me, &id, doc, &pdf(), &me.csrf).await;
            assert_eq!(a.status, StatusCode::SEE_OTHER, "{doc}: {}", a.text());
        }
        let fee = format!("/applications/{id}/fee");
        assert_refused(
            &post_form(&w, Some(&me), &fee, &[("fee_tier", "'; DROP TABLE cases; --")]).await,
            "fee",
        );
        ok(&post_form(&w, Some(&me), &fee, &[("fee_tier", "urgent")]).await);

        let check = page(&w, Some(&me), &format!("/applications/{id}/check?lang=en")).await;
        assert_eq!(check.status, StatusCode::OK);
        let text = check.text();
        assert!(
            text.contains("govuk-summary-list")
                && text.contains("Urgent")
                && text.contains("Conditions of the service")
        );
        // The fee shown is the one the law sets for an adult's 1-year permit, with its basis.
        assert!(text.contains("Adult rate · Up to 1 year"), "the basis of the fee");

        // Another applicant sees nothing of it.
        let other = person(&w, "applicant2").clone();
        for path in [format!("/applications/{id}"), format!("/applications/{id}/check"), personal.clone()] {
            assert_eq!(page(&w, Some(&other), &path).await.status, StatusCode::NOT_FOUND, "{path}");
        }
        assert_eq!(
            post_form(&w, Some(&other), &format!("/applications/{id}/submit"), &[]).await.status,
            StatusCode::NOT_FOUND
        );

        let a = post_form(&w, Some(&me), &format!("/applications/{id}/submit"), &[]).await;
        assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.text());
        let conf = page(&w, Some(&me), &a.location().unwrap()).await;
        assert!(conf.text().contains("govuk-panel--confirmation") && conf.text().contains("BAK1-"));
        let list = page(&w, Some(&me), "/applications").await;
        assert!(list.text().contains(&format!("/applications/{id}")));

        decide(&w, &id, false, approve_for("trp_issue")).await;
        let status = page(&w, Some(&me), &format!("/applications/{id}?lang=en")).await.text();
        assert!(status.contains("data-state=\"approved\""), "{status}");
        let number = status
            .split(&format!("/applications/{id}/issued/"))
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap()
            .to_owned();
        let pdf = page(&w, Some(&me), &format!("/applications/{id}/issued/{number}")).await;
        assert_eq!(pdf.status, StatusCode::OK);
        assert!(pdf.bytes.starts_with(b"%PDF"));
        assert_eq!(
            page(&w, Some(&other), &format!("/applications/{id}/issued/{number}")).await.status,
            StatusCode::NOT_FOUND
        );
        w
    });
}

#[test]
fn an_applicant_files_a_permit_from_start_page_to_pdf() {
    flow(TestDb::sqlite().unwrap());
}

#[test]
fn the_flow_works_on_postgres_too() {
    for db in TestDb::both().unwrap().into_iter().skip(1) {
        flow(db);
    }
}

#[test]
fn a_request_for_information_is_answered_and_an_application_withdrawn() {
    let rt = runtime();
    let (w, secrets) = world(TestDb::sqlite().unwrap());
    rt.block_on(async move {
        let w = signed_in(w, &secrets).await;
        let me = person(&w, "applicant").clone();
        let case = file(&w, "applicant", "trp_issue", &[]).await;
        let id = case["id"].as_str().unwrap().to_owned();
        support::ok(&w, "officer", &id, serde_json::json!({ "action": "accept" })).await;
        let officer_id = person(&w, "officer").id.clone();
        support::ok(&w, "supervisor", &id, serde_json::json!({ "action": "assign", "officer": officer_id }))
            .await;
        support::ok(&w, "officer", &id, serde_json::json!({ "action": "start_review" })).await;
        support::ok(
            &w,
            "officer",
            &id,
            serde_json::json!({ "action": "request_information", "note": "Send the lease <b>" }),
        )
        .await;
        let status = page(&w, Some(&me), &format!("/applications/{id}?lang=en")).await.text();
        assert!(status.contains("Send the lease &#60;b&#62;") || status.contains("Send the lease &lt;b&gt;"));
        let answer = format!("/applications/{id}/answer");
        assert_refused(&post_form(&w, Some(&me), &answer, &[("answer", "")]).await, "empty answer");
        assert_refused(
            &post_form(&w, Some(&me), &answer, &[("answer", &"y".repeat(3000))]).await,
            "long answer",
        );
        let a = post_form(&w, Some(&me), &answer, &[("answer", "<script>alert(1)</script> uploaded")]).await;
        assert_eq!(a.status, StatusCode::SEE_OTHER);
        let withdraw = format!("/applications/{id}/withdraw");
        assert_eq!(page(&w, Some(&me), &withdraw).await.status, StatusCode::OK);
        assert_refused(&post_form(&w, Some(&me), &withdraw, &[("confirm", "maybe")]).await, "no choice");
        let a = post_form(&w, Some(&me), &withdraw, &[("confirm", "yes")]).await;
        assert_eq!(a.status, StatusCode::SEE_OTHER);
        let status = page(&w, Some(&me), &format!("/applications/{id}")).await.text();
        assert!(status.contains("data-state=\"withdrawn\""));
        w
    });
}
