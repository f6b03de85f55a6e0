//! A walk through the API that produces an answer of every documented kind (a case filed,
//! decided, issued, verified and revoked; the public lookups; token clients; refusals), each
//! checked against the OpenAPI document as it arrives.

use super::{checked, form_for, person, with_token};
use crate::support::{Answer, PASSWORD, World, call, pdf};
use axum::http::StatusCode;
use serde_json::{Value, json};

const CALC: &str = r#"{"pack":"schengen","mode":"control","date":"2014-11-30","stays":[{"entry":"2014-08-15","exit":"2014-09-30"},{"entry":"2014-11-01","exit":"2014-11-30"}]}"#;
const CROSSING: &str = r#"{"record_id":"GYD-1","direction":"entry","occurred_at":"2026-03-01T22:30:00Z","border_point":"GYD","document":{"type":"P","number":"A1","issuing_state":"DEU"},"person":{"surname":"MÜLLER","date_of_birth":"1990-05-04","sex":"F","nationality":"DEU"},"entry_basis":{"kind":"e_visa","stay_days":30}}"#;

/// Answers checked so far.
struct Walk<'a> {
    w: &'a World,
    count: usize,
}

impl Walk<'_> {
    /// One request as `who` (None: anonymous) to `uri`, documented as `template`; the answer
    /// must have `status` and conform to the document.
    async fn go(
        &mut self,
        who: Option<&str>,
        method: &str,
        uri: &str,
        template: &str,
        body: Value,
    ) -> Answer {
        let body = if body.is_null() { String::new() } else { body.to_string() };
        let a = call(self.w, who.map(|n| person(self.w, n)), method, uri, body).await;
        self.count += 1;
        checked(method, template, a)
    }

    async fn expect(
        &mut self,
        status: StatusCode,
        who: Option<&str>,
        (method, uri, template): (&str, &str, &str),
        body: Value,
    ) -> Value {
        let a = self.go(who, method, uri, template, body).await;
        assert_eq!(a.status, status, "{method} {uri}: {}", a.json);
        a.json
    }
}

/// Walks the API; the number of answers checked.
pub async fn walk(w: &World) -> usize {
    let mut k = Walk { w, count: 0 };
    public(&mut k).await;
    let id = filed_and_decided(&mut k).await;
    refusals(&mut k, &id).await;
    tokens(&mut k).await;
    sessions(&mut k).await;
    k.count
}

async fn public(k: &mut Walk<'_>) {
    use StatusCode as S;
    k.expect(S::OK, None, ("GET", "/api/v1/health", "/api/v1/health"), Value::Null).await;
    k.expect(S::OK, None, ("GET", "/api/v1/services", "/api/v1/services"), Value::Null).await;
    k.expect(S::OK, None, ("GET", "/api/openapi.json", "/api/openapi.json"), Value::Null).await;
    let calc = serde_json::from_str(CALC).unwrap_or_default();
    k.expect(S::OK, None, ("POST", "/api/v1/stay-calculator", "/api/v1/stay-calculator"), calc).await;
    let p = ("POST", "/api/v1/stay-calculator", "/api/v1/stay-calculator");
    k.expect(S::UNPROCESSABLE_ENTITY, None, p, json!({})).await;
    let account =
        json!({ "username": "newcomer", "password": PASSWORD, "display_name": "New", "role": "applicant" });
    let p = ("POST", "/api/v1/accounts", "/api/v1/accounts");
    k.expect(S::CREATED, None, p, account.clone()).await;
    let mut staff = account;
    staff["role"] = json!("officer");
    k.expect(S::FORBIDDEN, None, p, staff).await;
    let p = ("POST", "/api/v1/session", "/api/v1/session");
    k.expect(S::UNAUTHORIZED, None, p, json!({ "username": "nobody", "password": "wrong" })).await;
    for who in ["applicant", "officer"] {
        k.expect(S::OK, Some(who), ("GET", "/api/v1/session", "/api/v1/session"), Value::Null).await;
    }
    k.expect(S::OK, None, ("GET", "/api/v1/revocations", "/api/v1/revocations"), Value::Null).await;
    k.expect(S::OK, None, ("GET", "/.well-known/jwks.json", "/.well-known/jwks.json"), Value::Null).await;
    let v = k
        .expect(S::OK, None, ("GET", "/api/v1/verify/x.y.z", "/api/v1/verify/{credential}"), Value::Null)
        .await;
    assert_eq!(v["valid"], false);
}

/// Files a residence permit, decides it, verifies and revokes what was issued; the case id.
async fn filed_and_decided(k: &mut Walk<'_>) -> String {
    use StatusCode as S;
    let form = form_for(k.w, "trp_issue");
    let new = json!({ "service": "trp_issue", "office": "BAK1", "form": form });
    let case = k.expect(S::CREATED, Some("applicant"), ("POST", "/api/v1/cases", "/api/v1/cases"), new).await;
    let id = case["id"].as_str().unwrap_or_default().to_owned();
    let cat = umis_rules::services::Catalogue::builtin().unwrap();
    let mut doc_id = String::new();
    for d in cat.get("trp_issue").map(|s| s.documents()).unwrap_or_default().iter().filter(|d| d.required) {
        let uri = format!("/api/v1/cases/{id}/documents?doc_type={}", d.code);
        let a = call(k.w, Some(person(k.w, "applicant")), "POST", &uri, pdf()).await;
        k.count += 1;
        let a = checked("POST", "/api/v1/cases/{id}/documents", a);
        assert_eq!(a.status, S::CREATED, "{}", a.json);
        doc_id = a.json["id"].as_str().unwrap_or_default().to_owned();
    }
    let act = format!("/api/v1/cases/{id}/actions");
    let acts = |who| (who, ("POST", act.as_str(), "/api/v1/cases/{id}/actions"));
    let officer_id = person(k.w, "officer").id.clone();
    for (who, body) in [
        ("applicant", json!({ "action": "submit" })),
        ("officer", json!({ "action": "accept" })),
        ("supervisor", json!({ "action": "assign", "officer": officer_id })),
        ("officer", json!({ "action": "start_review" })),
        ("officer", json!({ "action": "propose", "decision": "approve" })),
    ] {
        let (who, p) = acts(who);
        k.expect(S::OK, Some(who), p, body).await;
    }
    let (who, p) = acts("officer2");
    let decided = k.expect(S::OK, Some(who), p, json!({ "action": "confirm" })).await;
    // The duty of a residence permit is paid after the decision (review 2026-12 X1): the grant
    // waits for its payment, then takes effect.
    assert_eq!(decided["state"], "awaiting_payment", "{decided}");
    crate::support::pay(k.w, &decided).await;
    let one = format!("/api/v1/cases/{id}");
    let done =
        k.expect(S::OK, Some("officer"), ("GET", one.as_str(), "/api/v1/cases/{id}"), Value::Null).await;
    assert_eq!(done["state"], "approved", "{done}");
    for who in ["applicant", "officer"] {
        k.expect(S::OK, Some(who), ("GET", "/api/v1/cases", "/api/v1/cases"), Value::Null).await;
        k.expect(S::OK, Some(who), ("GET", one.as_str(), "/api/v1/cases/{id}"), Value::Null).await;
    }
    let doc_uri = format!("/api/v1/cases/{id}/documents/{doc_id}");
    k.go(Some("applicant"), "GET", &doc_uri, "/api/v1/cases/{id}/documents/{doc_id}", Value::Null).await;
    let issued = &done["issued"][0];
    let number = issued["number"].as_str().unwrap_or_default().to_owned();
    let credential = issued["credential"].as_str().unwrap_or_default();
    let v = k
        .expect(
            S::OK,
            None,
            ("GET", &format!("/api/v1/verify/{credential}"), "/api/v1/verify/{credential}"),
            Value::Null,
        )
        .await;
    assert_eq!(v["valid"], true, "{v}");
    let pdf_uri = format!("/api/v1/issued/{number}/pdf?lang=en");
    let a = k.go(Some("applicant"), "GET", &pdf_uri, "/api/v1/issued/{number}/pdf", Value::Null).await;
    assert_eq!(a.status, S::OK);
    let receipt = done["receipt"].as_str().unwrap_or_default();
    let p = ("POST", "/api/v1/status", "/api/v1/status");
    k.expect(S::OK, None, p, json!({ "receipt": receipt, "birth_date": "1990-05-04", "lang": "en" })).await;
    k.expect(S::NOT_FOUND, None, p, json!({ "receipt": receipt, "birth_date": "1990-05-05" })).await;
    let revoke = format!("/api/v1/issued/{number}/revoke");
    let p = ("POST", revoke.as_str(), "/api/v1/issued/{number}/revoke");
    let propose =
        json!({ "action": "propose", "grounds": ["false_information"], "note": "obtained by fraud" });
    k.expect(S::OK, Some("officer"), p, propose.clone()).await;
    k.expect(S::CONFLICT, Some("officer"), p, json!({ "action": "confirm" })).await;
    k.expect(S::OK, Some("officer2"), p, json!({ "action": "confirm" })).await;
    k.expect(S::CONFLICT, Some("officer"), p, propose).await;
    id
}

async fn refusals(k: &mut Walk<'_>, id: &str) {
    use StatusCode as S;
    k.expect(S::UNAUTHORIZED, None, ("GET", "/api/v1/cases", "/api/v1/cases"), Value::Null).await;
    k.expect(S::FORBIDDEN, Some("applicant"), ("GET", "/api/v1/audit", "/api/v1/audit"), Value::Null).await;
    k.expect(
        S::NOT_FOUND,
        Some("applicant"),
        ("GET", "/api/v1/cases/nope", "/api/v1/cases/{id}"),
        Value::Null,
    )
    .await;
    let form = format!("/api/v1/cases/{id}/form");
    let p = ("PUT", form.as_str(), "/api/v1/cases/{id}/form");
    k.expect(S::CONFLICT, Some("applicant"), p, json!({ "form": {} })).await;
    k.expect(S::UNPROCESSABLE_ENTITY, Some("applicant"), p, json!({ "form": {}, "status": "approved" }))
        .await;
    let audit = ("GET", "/api/v1/audit?limit=5", "/api/v1/audit");
    let rows = k.expect(S::OK, Some("auditor"), audit, Value::Null).await;
    assert_eq!(rows.as_array().map(Vec::len), Some(5));
}

async fn tokens(k: &mut Walk<'_>) {
    let st = k.w.state.clone();
    let (feed, officer) = tokio::task::spawn_blocking(move || {
        let make = |name, role| umis_core::tokens::create_token(&st.store, name, role, "test");
        (make("feed", "border-feed"), make("officer", "officer"))
    })
    .await
    .unwrap();
    let (feed, officer) = (feed.unwrap_or_default(), officer.unwrap_or_default());
    for (method, uri, template, token, body) in [
        ("POST", "/api/v1/crossings", "/api/v1/crossings", &feed, format!("[{CROSSING}]")),
        ("GET", "/api/v1/findings", "/api/v1/findings", &officer, String::new()),
        ("GET", "/api/v1/findings?limit=0", "/api/v1/findings", &officer, String::new()),
        (
            "GET",
            "/api/v1/travellers/DEU/A1/status?as_of=2026-07-10",
            "/api/v1/travellers/{issuing_state}/{document_number}/status",
            &officer,
            String::new(),
        ),
        ("GET", "/api/v1/findings", "/api/v1/findings", &feed, String::new()),
    ] {
        let a = checked(method, template, with_token(k.w, method, uri, token, body).await);
        k.count += 1;
        assert!(a.status != StatusCode::UNAUTHORIZED, "{uri}: {}", a.json);
    }
}

async fn sessions(k: &mut Walk<'_>) {
    use StatusCode as S;
    let p = ("POST", "/api/v1/session/password", "/api/v1/session/password");
    let change = json!({ "current_password": "not it", "new_password": "a much longer new password 7" });
    k.expect(S::UNPROCESSABLE_ENTITY, Some("applicant2"), p, change).await;
    let new = json!({ "username": "officer9", "password": PASSWORD, "display_name": "Nine", "role": "officer", "office": "BAK1" });
    let created = k
        .expect(S::CREATED, Some("admin"), ("POST", "/api/v1/admin/users", "/api/v1/admin/users"), new)
        .await;
    assert!(created["totp_secret"].is_string());
    let uri = format!("/api/v1/admin/users/{}/disable", created["id"].as_str().unwrap_or_default());
    k.expect(
        S::NO_CONTENT,
        Some("admin"),
        ("POST", uri.as_str(), "/api/v1/admin/users/{id}/disable"),
        Value::Null,
    )
    .await;
    k.expect(S::NO_CONTENT, Some("host"), ("DELETE", "/api/v1/session", "/api/v1/session"), Value::Null)
        .await;
    let p = ("POST", "/api/v1/session/totp", "/api/v1/session/totp");
    k.expect(S::UNAUTHORIZED, Some("host"), p, json!({ "code": "123456" })).await;
}
