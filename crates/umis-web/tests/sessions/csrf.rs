//! Cross-site request forgery: every state-changing route a signed-in person may call refuses
//! a request without the session's CSRF token, with another session's token, from another
//! origin, or marked cross-site by the browser, and does not do its work when called with GET.
//! A refusal changes nothing but the audit trail, which grows by exactly its denial record.
//! The same request sent properly afterwards passes, so each refusal is the CSRF check's own.

use super::support::{PASSWORD, World, approve_for, call, decide, file, pdf, person, signed_in};
use super::{Via, column, on_each_db, send, summary};
use axum::http::StatusCode;
use serde_json::json;
use umis_web::{Access, ROUTES, RouteRule};

/// What a refused request must leave as it was: cases, accounts, sessions, issued documents
/// and their revocation, uploads.
const STATE: &[&str] = &[
    "SELECT id || '|' || CAST(version AS TEXT) || '|' || state || '|' || form FROM cases ORDER BY id",
    "SELECT id || '|' || password_hash || '|' || COALESCE(disabled_at, '-') FROM users ORDER BY id",
    "SELECT id_hash || '|' || csrf_token FROM sessions ORDER BY id_hash",
    "SELECT number || '|' || COALESCE(revoked_on, '-') FROM issued_documents ORDER BY number",
    "SELECT id FROM case_documents ORDER BY id",
];

async fn state(w: &World) -> Vec<Vec<String>> {
    let mut all = Vec::new();
    for q in STATE {
        all.push(column(w, q).await);
    }
    all
}

/// The number of audit records and the outcome of the last.
async fn audit(w: &World) -> (u64, String) {
    let st = w.state.clone();
    tokio::task::spawn_blocking(move || {
        let n = st.store.counts().unwrap().audit_log;
        let after = i64::try_from(n).unwrap() - 1;
        let last = st.store.read(|db| umis_store::audit_page::audit_page(db, after, 1, None)).unwrap();
        (n, last[0].outcome.clone())
    })
    .await
    .unwrap()
}

/// What the routes act on: a draft case, an issued permit, an account to disable.
struct Objects {
    draft: String,
    issued: String,
    throwaway: String,
}

async fn objects(w: &World) -> Objects {
    let body = json!({ "service": "trp_issue", "office": "BAK1" }).to_string();
    let draft = call(w, Some(person(w, "applicant")), "POST", "/api/v1/cases", body).await;
    assert_eq!(draft.status, StatusCode::CREATED, "{}", draft.json);
    let case = file(w, "applicant", "trp_issue", &[]).await;
    let done = decide(w, case["id"].as_str().unwrap(), false, approve_for("trp_issue")).await;
    let account =
        json!({ "username": "throwaway", "password": PASSWORD, "display_name": "T", "role": "applicant" });
    let throwaway = call(w, None, "POST", "/api/v1/accounts", account.to_string()).await;
    Objects {
        draft: draft.json["id"].as_str().unwrap().to_owned(),
        issued: done["issued"][0]["number"].as_str().unwrap().to_owned(),
        throwaway: throwaway.json["id"].as_str().unwrap().to_owned(),
    }
}

/// Who does a route's work and the request that does it: (person, uri, body).
fn work(method: &str, path: &str, o: &Objects) -> Option<(&'static str, String, Vec<u8>)> {
    let j = |v: serde_json::Value| v.to_string().into_bytes();
    let on = |id: &str| path.replace("{id}", id).replace("{number}", id);
    Some(match (method, path) {
        ("DELETE", "/api/v1/session") => ("employer", on(""), Vec::new()),
        ("POST", "/api/v1/session/password") => (
            "applicant2",
            on(""),
            j(json!({ "current_password": PASSWORD, "new_password": "another passphrase 9" })),
        ),
        ("POST", "/api/v1/admin/users") => (
            "admin",
            on(""),
            j(
                json!({ "username": "made-by-admin", "password": PASSWORD, "display_name": "N", "role": "applicant" }),
            ),
        ),
        ("POST", "/api/v1/admin/users/{id}/disable") => ("admin", on(&o.throwaway), Vec::new()),
        ("POST", "/api/v1/cases") => {
            ("applicant", on(""), j(json!({ "service": "trp_issue", "office": "BAK1" })))
        }
        ("PUT", "/api/v1/cases/{id}/form") => ("applicant", on(&o.draft), j(json!({ "form": {} }))),
        ("POST", "/api/v1/cases/{id}/actions") => {
            ("applicant", on(&o.draft), j(json!({ "action": "withdraw" })))
        }
        ("POST", "/api/v1/cases/{id}/documents") => {
            ("applicant", format!("{}?doc_type=passport_copy", on(&o.draft)), pdf())
        }
        ("POST", "/api/v1/issued/{number}/revoke") => (
            "officer",
            on(&o.issued),
            j(
                json!({ "action": "propose", "grounds": ["issued_in_error"], "note": "cross-site request test" }),
            ),
        ),
        ("POST", "/api/v1/cases/{id}/court") => {
            ("appeal_board", on(&o.draft), j(json!({ "stage": "claim_filed", "on": "2026-01-05" })))
        }
        _ => return None,
    })
}

#[test]
fn no_state_changing_route_accepts_a_forged_request() {
    summary(&on_each_db(|w, secrets| async move {
        let w = signed_in(w, &secrets).await;
        let o = objects(&w).await;
        let mut routes: Vec<_> =
            ROUTES.iter().filter(|r| r.method != "GET" && matches!(r.access, Access::Person(_))).collect();
        // Signing out ends the session the others' controls need: it goes last.
        routes.sort_by_key(|r| r.method == "DELETE");
        let mut gets = [0, 0];
        for rule in &routes {
            forgeries_are_refused(&w, rule, &o).await;
            gets[usize::from(get_does_not_do_it(&w, rule, &o).await)] += 1;
        }
        // Controls: each request sent properly from this site passes the check.
        let same_site = [("origin", "https://umis.test"), ("sec-fetch-site", "same-origin")];
        for rule in &routes {
            let (who, uri, body) = work(rule.method, rule.path, &o).unwrap_or_default();
            let p = person(&w, who);
            let via = Via { headers: &same_site, ..Via::session(&p.cookie, &p.csrf) };
            let r = send(&w, rule.method, &uri, via, body).await;
            let refusals = [StatusCode::UNAUTHORIZED, StatusCode::FORBIDDEN, StatusCode::METHOD_NOT_ALLOWED];
            let passed = !refusals.contains(&r.status) && !r.status.is_server_error();
            assert!(passed, "control {} {}: {} {}", rule.method, rule.path, r.status, r.json);
        }
        let n = routes.len();
        let line = format!(
            "csrf: {n} routes x 5 variants, 0 accepted ({} refused 403, each with one denial record; \
             GET: {} x 405, {} paths answer GET with their own read; nothing changed); {n} proper controls passed",
            4 * n,
            gets[0],
            gets[1]
        );
        (w, line)
    }));
}

/// Variants (a) to (d): each refused with 403, changing nothing but adding one denial record.
async fn forgeries_are_refused(w: &World, rule: &RouteRule, o: &Objects) {
    let (who, uri, body) = work(rule.method, rule.path, o).unwrap_or_default();
    assert!(!who.is_empty(), "no request written for {} {}", rule.method, rule.path);
    let p = person(w, who);
    let roles = if let Access::Person(roles) = rule.access { roles } else { &[] };
    assert!(roles.iter().any(|r| r.as_str() == p.role), "{who} may call {}", rule.path);
    let foreign = &person(w, "auditor").csrf;
    let own = Via::session(&p.cookie, &p.csrf);
    let variants = [
        ("(a) no token", Via::cookie(&p.cookie)),
        ("(b) another session's token", Via::session(&p.cookie, foreign)),
        ("(c) another Origin", Via { headers: &[("origin", "http://127.0.0.2:9")], ..own }),
        ("(d) cross-site fetch", Via { headers: &[("sec-fetch-site", "cross-site")], ..own }),
    ];
    for (variant, via) in variants {
        let (before, (count, _)) = (state(w).await, audit(w).await);
        let r = send(w, rule.method, &uri, via, body.clone()).await;
        let what = format!("{variant}: {} {}", rule.method, rule.path);
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{what}: {}", r.json);
        assert_eq!(state(w).await, before, "{what}: state changed");
        assert_eq!(audit(w).await, (count + 1, "denied".to_owned()), "{what}: one denial record");
    }
}

/// Variant (e): the route's path called with GET does not do the route's work (405, or the
/// path's own read where it has one) and changes nothing, the audit trail included. Returns
/// whether the path has a read of its own.
async fn get_does_not_do_it(w: &World, rule: &RouteRule, o: &Objects) -> bool {
    let (who, uri, _) = work(rule.method, rule.path, o).unwrap_or_default();
    let p = person(w, who);
    let has_get = ROUTES.iter().any(|r| r.method == "GET" && r.path == rule.path);
    let (before, (count, _)) = (state(w).await, audit(w).await);
    let r = send(w, "GET", &uri, Via::session(&p.cookie, &p.csrf), "").await;
    let what = format!("(e) GET {}", rule.path);
    if has_get {
        assert_eq!(r.status, StatusCode::OK, "{what} is its own read: {}", r.json);
    } else {
        let wanted = [StatusCode::METHOD_NOT_ALLOWED, StatusCode::NOT_FOUND];
        assert!(wanted.contains(&r.status), "{what}: {} {}", r.status, r.json);
    }
    assert_eq!((state(w).await, audit(w).await.0), (before, count), "{what}: something changed");
    has_get
}
