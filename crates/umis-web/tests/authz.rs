//! The authorization matrix (`authz_matrix.csv`: method, path, principal, relation, expected,
//! visible fields) is the single source of truth: every route of the router has rows for every
//! principal, every row names a route, and every cell is called. An allowed cell passes
//! authentication and authorization (its answer is not 401/403/404); a denied cell gets exactly
//! its status, changes nothing and leaves an audit record with outcome `denied`; an allowed read
//! of a case shows exactly the fields the matrix lists for that principal. And the matrix agrees
//! with `ROUTES`: a cell the route's rule refuses expects exactly that refusal, and a cell it
//! admits is allowed or refused by the core's object-level rule.

#![expect(clippy::unwrap_used, reason = "test code: a failure should stop the test")]

use crate::support;

use axum::http::StatusCode;
use serde_json::{Value, json};
use std::collections::{BTreeMap, BTreeSet};
use support::{World, call, decide_by, file, file_at, ok, pdf, person, runtime, signed_in, world};
use umis_store::testing::TestDb;
use umis_web::{Access, ROUTES};

const MATRIX: &str = include_str!("../authz_matrix.csv");

struct Cell {
    method: String,
    path: String,
    principal: String,
    relation: String,
    expected: String,
    fields: String,
}

fn matrix() -> Vec<Cell> {
    MATRIX
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let c: Vec<&str> = l.split(',').collect();
            assert_eq!(c.len(), 6, "malformed matrix row: {l}");
            Cell {
                method: c[0].into(),
                path: c[1].into(),
                principal: c[2].into(),
                relation: c[3].into(),
                expected: c[4].into(),
                fields: c[5].into(),
            }
        })
        .collect()
}

#[test]
fn every_route_has_a_row_for_every_principal_and_every_row_a_route() {
    let cells = matrix();
    let routes: BTreeSet<(String, String)> =
        ROUTES.iter().map(|r| (r.method.to_owned(), r.path.to_owned())).collect();
    let rows: BTreeSet<(String, String)> = cells.iter().map(|c| (c.method.clone(), c.path.clone())).collect();
    let missing: Vec<_> = routes.difference(&rows).collect();
    let stale: Vec<_> = rows.difference(&routes).collect();
    assert!(missing.is_empty(), "routes without a row in the matrix: {missing:?}");
    assert!(stale.is_empty(), "matrix rows for routes the router lacks: {stale:?}");
    let principals: BTreeSet<&str> = cells.iter().map(|c| c.principal.as_str()).collect();
    for (m, p) in &routes {
        let here: BTreeSet<&str> =
            cells.iter().filter(|c| &c.method == m && &c.path == p).map(|c| c.principal.as_str()).collect();
        assert_eq!(here, principals, "{m} {p} must have a row for every principal");
    }
    for c in &cells {
        assert!(
            ["allow", "401", "403", "404"].contains(&c.expected.as_str()),
            "{m} {p}: {e}",
            m = c.method,
            p = c.path,
            e = c.expected
        );
    }
}

/// What the route table alone says of `principal` on `rule`: `Some(status)` for a refusal by
/// the route's rule, `None` when the rule admits them (the core may still refuse the object).
fn by_the_table(rule: &umis_web::RouteRule, principal: &str) -> Option<&'static str> {
    let token = principal.strip_prefix("token:");
    let role = umis_domain::Role::parse(principal);
    match rule.access {
        Access::Public | Access::PublicRateLimited => None,
        Access::Token(wanted) => match token {
            Some(t) if t == wanted.as_str() => None,
            Some(_) => Some("403"),
            None => Some("401"),
        },
        Access::SignedIn => role.is_none().then_some("401"),
        Access::Person(roles) => match role {
            None => Some("401"),
            Some(r) if !roles.contains(&r) => Some("403"),
            Some(_) => None,
        },
    }
}

#[test]
fn the_matrix_agrees_with_the_route_table() {
    let mut disagree = Vec::new();
    for c in matrix() {
        let Some(rule) = ROUTES.iter().find(|r| r.method == c.method && r.path == c.path) else { continue };
        let ok = match by_the_table(rule, &c.principal) {
            Some(status) => c.expected == status,
            // Admitted by the route: allowed, or refused by an object-level rule of the core,
            // which needs an object, or (second factor) by the core's check of the code sent.
            None => {
                c.expected == "allow"
                    || (c.relation != "-" && ["403", "404"].contains(&c.expected.as_str()))
                    || (rule.access == Access::SignedIn && c.expected == "401")
            }
        };
        if !ok {
            disagree.push(format!(
                "{} {} as {} ({}): matrix {}",
                c.method, c.path, c.principal, c.relation, c.expected
            ));
        }
    }
    assert!(disagree.is_empty(), "cells the route table contradicts:\n{}", disagree.join("\n"));
}

/// The objects each relation names.
struct Objects {
    /// relation → (case id, document id, issued number), per filer for `own`.
    by_relation: BTreeMap<String, (String, String, String)>,
    receipt: String,
    credential: String,
    throwaway: String,
}

async fn first_doc(w: &World, who: &str, case: &Value) -> String {
    let id = case["id"].as_str().unwrap();
    let a = call(w, Some(person(w, who)), "GET", &format!("/api/v1/cases/{id}"), "").await;
    a.json["documents"][0]["id"].as_str().unwrap().to_owned()
}

async fn objects(w: &World) -> Objects {
    let mut by_relation = BTreeMap::new();
    for (filer, service) in [
        ("applicant", "trp_issue"),
        ("host", "registration"),
        ("employer", "work_permit"),
        ("operator", "trp_issue"),
    ] {
        let case = file(w, filer, service, &[]).await;
        let id = case["id"].as_str().unwrap().to_owned();
        let done = if service == "registration" {
            case.clone()
        } else {
            decide_by(
                w,
                &id,
                "officer",
                "officer2",
                "supervisor",
                json!({ "action": "propose", "decision": "approve" }),
            )
            .await
        };
        let doc = first_doc(w, filer, &case).await;
        by_relation.insert(
            format!("own:{filer}"),
            (id, doc, done["issued"][0]["number"].as_str().unwrap().to_owned()),
        );
    }
    let same = file(w, "applicant2", "trp_issue", &[]).await;
    let same_id = same["id"].as_str().unwrap().to_owned();
    let same_done = decide_by(
        w,
        &same_id,
        "officer",
        "officer2",
        "supervisor",
        json!({ "action": "propose", "decision": "approve" }),
    )
    .await;
    let doc = first_doc(w, "applicant2", &same).await;
    let credential = same_done["issued"][0]["credential"].as_str().unwrap().to_owned();
    by_relation.insert(
        "same_office".into(),
        (same_id, doc, same_done["issued"][0]["number"].as_str().unwrap().to_owned()),
    );

    let other = file_at(w, "applicant2", "trp_issue", "GNJ1", &[]).await;
    let other_id = other["id"].as_str().unwrap().to_owned();
    let other_done = decide_by(
        w,
        &other_id,
        "officer_b",
        "officer_b2",
        "officer_b",
        json!({ "action": "propose", "decision": "approve" }),
    )
    .await;
    let doc = first_doc(w, "applicant2", &other).await;
    by_relation.insert(
        "other_office".into(),
        (other_id, doc, other_done["issued"][0]["number"].as_str().unwrap().to_owned()),
    );

    let asylum = file(w, "applicant2", "refugee_status", &[]).await;
    let asylum_id = asylum["id"].as_str().unwrap().to_owned();
    let accepted = ok(w, "refugee_officer", &asylum_id, json!({ "action": "accept" })).await;
    let doc = first_doc(w, "applicant2", &asylum).await;
    by_relation.insert(
        "sensitive".into(),
        (asylum_id, doc, accepted["issued"][0]["number"].as_str().unwrap().to_owned()),
    );

    let throwaway = call(w, None, "POST", "/api/v1/accounts", json!({ "username": "throwaway", "password": support::PASSWORD, "display_name": "T", "role": "applicant" }).to_string()).await;
    Objects {
        by_relation,
        receipt: same["receipt"].as_str().unwrap().to_owned(),
        credential,
        throwaway: throwaway.json["id"].as_str().unwrap().to_owned(),
    }
}

const CROSSING: &str = r#"{"record_id":"AUTHZ-1","direction":"entry","occurred_at":"2026-03-01T22:30:00Z","border_point":"GYD","document":{"type":"P","number":"A1","issuing_state":"DEU"},"person":{"surname":"MÜLLER","date_of_birth":"1990-05-04","sex":"F","nationality":"DEU"},"entry_basis":{"kind":"e_visa","stay_days":30}}"#;
const CALC: &str = r#"{"pack":"schengen","mode":"control","date":"2014-11-30","stays":[{"entry":"2014-08-15","exit":"2014-09-30"}]}"#;

/// The request a cell sends: (uri, body).
fn request(c: &Cell, o: &Objects, n: usize) -> (String, Vec<u8>) {
    let key = if c.relation == "own" {
        let filer = if ["applicant", "host", "employer", "operator"].contains(&c.principal.as_str()) {
            c.principal.as_str()
        } else {
            "applicant"
        };
        format!("own:{filer}")
    } else {
        c.relation.clone()
    };
    let (case, doc, number) = o.by_relation.get(&key).cloned().unwrap_or_default();
    let uri = c
        .path
        .replace("{id}", if c.path.starts_with("/api/v1/admin") { &o.throwaway } else { &case })
        .replace("{doc_id}", &doc)
        .replace("{number}", &number)
        .replace("{credential}", &o.credential)
        .replace("{issuing_state}", "DEU")
        .replace("{document_number}", "A1")
        .replace("{asset}", "docs.js");
    let filer = ["applicant", "host", "employer", "operator"].contains(&c.principal.as_str());
    let body: Vec<u8> = match (c.method.as_str(), c.path.as_str()) {
        ("POST", "/api/v1/crossings") => CROSSING.into(),
        ("POST", "/api/v1/stay-calculator") => CALC.into(),
        ("POST", "/api/v1/accounts") | ("POST", "/api/v1/admin/users") => json!({
            "username": format!("new-{n}"), "password": support::PASSWORD, "display_name": "New", "role": "applicant"
        })
        .to_string()
        .into(),
        ("POST", "/api/v1/session") => json!({ "username": "throwaway", "password": support::PASSWORD }).to_string().into(),
        ("POST", "/api/v1/session/totp") => json!({ "code": "000000" }).to_string().into(),
        ("POST", "/api/v1/session/password") => json!({ "current_password": "wrong", "new_password": "x" }).to_string().into(),
        ("POST", "/api/v1/status") => json!({ "receipt": o.receipt, "birth_date": "1990-05-04" }).to_string().into(),
        ("POST", "/api/v1/cases") => {
            let service = match c.principal.as_str() {
                "host" => "registration",
                "employer" => "work_permit",
                _ => "stay_extension",
            };
            json!({ "service": service, "office": "BAK1" }).to_string().into()
        }
        ("PUT", _) => json!({ "form": {} }).to_string().into(),
        ("POST", p) if p.ends_with("/actions") => {
            json!({ "action": if filer { "withdraw" } else { "close" } }).to_string().into()
        }
        ("POST", p) if p.ends_with("/documents") => pdf(),
        ("POST", p) if p.ends_with("/court") => json!({ "stage": "claim_filed", "on": "2026-01-05" }).to_string().into(),
        ("POST", p) if p.ends_with("/revoke") => {
            json!({ "action": "propose", "grounds": ["issued_in_error"] }).to_string().into()
        }
        _ => Vec::new(),
    };
    let uri = if c.path.ends_with("/documents") && c.method == "POST" {
        format!("{uri}?doc_type=passport_copy")
    } else {
        uri
    };
    (uri, body)
}

/// What must not change when a request is denied.
async fn state_digest(w: &World) -> (Vec<(String, i64, String)>, u64, usize) {
    let st = w.state.clone();
    tokio::task::spawn_blocking(move || {
        let cases = st
            .store
            .read(|db| {
                umis_store::cases::list_cases(
                    db,
                    &umis_store::cases::CaseFilter {
                        include_sensitive: true,
                        limit: 1000,
                        ..Default::default()
                    },
                )
            })
            .unwrap()
            .into_iter()
            .map(|c| (c.id, c.version, c.state.as_str().to_owned()))
            .collect();
        let revoked = st.store.read(umis_store::documents::revoked).unwrap().len();
        (cases, st.store.counts().unwrap().audit_log, revoked)
    })
    .await
    .unwrap()
}

async fn last_audit_outcome(w: &World) -> String {
    let st = w.state.clone();
    tokio::task::spawn_blocking(move || {
        let n = st.store.counts().unwrap().audit_log;
        let rows = st
            .store
            .read(|db| umis_store::audit_page::audit_page(db, i64::try_from(n).unwrap() - 1, 1, None))
            .unwrap();
        rows[0].outcome.clone()
    })
    .await
    .unwrap()
}

#[test]
fn every_cell_of_the_matrix_holds() {
    for db in TestDb::both().unwrap() {
        let (w, secrets) = world(db);
        let feed = umis_core::tokens::create_token(&w.state.store, "feed", "border-feed", "test").unwrap();
        let officer_token =
            umis_core::tokens::create_token(&w.state.store, "officer-token", "officer", "test").unwrap();
        let done = runtime().block_on(async {
            let w = signed_in(w, &secrets).await;
            let o = objects(&w).await;
            let mut cells = matrix();
            // Signing out ends the session the later cells use: those go last.
            cells.sort_by_key(|c| c.method == "DELETE" && c.path == "/api/v1/session");
            let (mut passed, mut denials_audited, mut denials) = (0, 0, 0);
            let mut failures = Vec::new();
            for (n, c) in cells.iter().enumerate() {
                let (uri, body) = request(c, &o, n);
                let before = state_digest(&w).await;
                let answer = match c.principal.as_str() {
                    "anonymous" => call(&w, None, &c.method, &uri, body).await,
                    t if t.starts_with("token:") => {
                        let token = if t == "token:border-feed" { &feed } else { &officer_token };
                        let req = axum::http::Request::builder()
                            .method(c.method.as_str())
                            .uri(&uri)
                            .header("host", "umis.test")
                            .header("content-type", "application/json")
                            .header("authorization", format!("Bearer {token}"))
                            .body(axum::body::Body::from(body))
                            .unwrap();
                        support::raw(&w, req).await
                    }
                    name => call(&w, Some(person(&w, name)), &c.method, &uri, body).await,
                };
                let status = answer.status;
                let denied = [StatusCode::UNAUTHORIZED, StatusCode::FORBIDDEN, StatusCode::NOT_FOUND].contains(&status);
                let good = match c.expected.as_str() {
                    "allow" => !denied && !status.is_server_error(),
                    code => status.as_u16().to_string() == code,
                };
                if !good {
                    failures.push(format!("{} {} as {} ({}): expected {}, got {status} {}", c.method, c.path, c.principal, c.relation, c.expected, answer.json));
                    continue;
                }
                if c.expected != "allow" {
                    denials += 1;
                    let after = state_digest(&w).await;
                    if after.0 != before.0 || after.2 != before.2 {
                        failures.push(format!("{} {} as {}: a denial changed state", c.method, c.path, c.principal));
                    }
                    if after.1 > before.1 && last_audit_outcome(&w).await == "denied" {
                        denials_audited += 1;
                    } else {
                        failures.push(format!("{} {} as {} ({}): denial not audited", c.method, c.path, c.principal, c.relation));
                    }
                }
                if !c.fields.is_empty() {
                    let keys: BTreeSet<&str> = answer.json.as_object().unwrap().keys().map(String::as_str).collect();
                    let want: BTreeSet<&str> = c.fields.split(';').collect();
                    if keys != want {
                        failures.push(format!("{} {} as {}: fields {keys:?}, matrix says {want:?}", c.method, c.path, c.principal));
                    }
                }
                passed += 1;
            }
            let principals: BTreeSet<&str> = cells.iter().map(|c| c.principal.as_str()).collect();
            println!(
                "authz: {} principals x {} routes = {} cells; {passed} passed; {} failed; denials with audit leaf {denials_audited}/{denials}",
                principals.len(),
                ROUTES.len(),
                cells.len(),
                failures.len()
            );
            assert!(failures.is_empty(), "{} cells failed:\n{}", failures.len(), failures.join("\n"));
            w
        });
        drop(done);
    }
}
