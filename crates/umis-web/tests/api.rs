//! The HTTP API in-process, on SQLite and PostgreSQL: every route's access rule, the border
//! feed, the officer's traveller view, the public calculator, and hostile requests.

#![expect(clippy::unwrap_used, reason = "test code: a failure should stop the test")]

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use serde_json::Value;
use std::sync::Arc;
use tower::ServiceExt;
use umis_store::Store;
use umis_store::testing::TestDb;
use umis_web::limit::RateLimit;
use umis_web::{Access, AppState, ROUTES, app};

struct Fixture {
    _db: TestDb,
    state: Arc<AppState>,
    feed: String,
    officer: String,
}

fn fixtures(limit: RateLimit) -> Vec<Fixture> {
    TestDb::both()
        .unwrap()
        .into_iter()
        .map(|db| {
            let store = Store::open(&db.url).unwrap();
            let feed = umis_core::tokens::create_token(&store, "feed", "border-feed", "test").unwrap();
            let officer = umis_core::tokens::create_token(&store, "officer", "officer", "test").unwrap();
            let keys = umis_credential::KeyRing::from_seed("k-test", [7; 32]).unwrap();
            let totp_key = umis_core::accounts::totp_key::TotpKey::from_bytes([9; 32]);
            let state = AppState::new(store, umis_rules::Packs::builtin().unwrap(), limit, keys, totp_key);
            Fixture { _db: db, state: Arc::new(state), feed, officer }
        })
        .collect()
}

async fn call(
    f: &Fixture,
    method: &str,
    uri: &str,
    token: Option<&str>,
    body: impl Into<Body>,
) -> (StatusCode, String, Value) {
    let mut req = Request::builder().method(method).uri(uri).header(header::CONTENT_TYPE, "application/json");
    if let Some(t) = token {
        req = req.header(header::AUTHORIZATION, format!("Bearer {t}"));
    }
    let resp = app(f.state.clone()).oneshot(req.body(body.into()).unwrap()).await.unwrap();
    let status = resp.status();
    let ctype = resp
        .headers()
        .get(header::CONTENT_TYPE)
        .map(|v| v.to_str().unwrap_or("").to_owned())
        .unwrap_or_default();
    assert_eq!(resp.headers().get("x-content-type-options").map(|v| v.as_bytes()), Some(&b"nosniff"[..]));
    let bytes = resp.into_body().collect().await.unwrap().to_bytes();
    let text = String::from_utf8_lossy(&bytes);
    assert!(!text.contains("panicked") && !text.contains("SQLite") && !text.contains("PostgreSQL"), "{text}");
    (status, ctype, serde_json::from_slice(&bytes).unwrap_or(Value::Null))
}

const CROSSING: &str = r#"{"record_id":"GYD-1","direction":"entry","occurred_at":"2026-03-01T22:30:00Z","border_point":"GYD","document":{"type":"P","number":"A1","issuing_state":"DEU"},"person":{"surname":"MÜLLER","date_of_birth":"1990-05-04","sex":"F","nationality":"DEU"},"entry_basis":{"kind":"e_visa","stay_days":30}}"#;
const EXIT: &str = r#"{"record_id":"GYD-2","direction":"exit","occurred_at":"2026-04-05T10:00:00+04:00","border_point":"GYD","document":{"type":"P","number":"A1","issuing_state":"DEU"},"person":{"surname":"MÜLLER","date_of_birth":"1990-05-04","sex":"F","nationality":"DEU"}}"#;
const CALC: &str = r#"{"pack":"schengen","mode":"control","date":"2014-11-30","stays":[{"entry":"2014-08-15","exit":"2014-09-30"},{"entry":"2014-11-01","exit":"2014-11-30"}]}"#;

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap()
}

/// Store calls from async code go through the blocking pool, as the handlers' do.
async fn counts(f: &Fixture) -> umis_store::TableCounts {
    let state = f.state.clone();
    tokio::task::spawn_blocking(move || state.store.counts().unwrap()).await.unwrap()
}

fn example_uri(path: &str) -> String {
    path.replace("{issuing_state}", "DEU").replace("{document_number}", "A1")
}

#[test]
fn every_route_enforces_its_access_rule_and_audits_denials() {
    for f in fixtures(RateLimit::default()) {
        let rt = runtime();
        rt.block_on(async {
            for route in ROUTES {
                let uri = example_uri(route.path);
                let body =
                    if route.method == "POST" && route.path.ends_with("crossings") { CROSSING } else { CALC };
                match route.access {
                    Access::Public | Access::PublicRateLimited => {
                        // Anyone gets past authentication (the body may still be refused).
                        let (status, _, _) = call(&f, route.method, &uri, None, body).await;
                        let authz = [StatusCode::UNAUTHORIZED, StatusCode::FORBIDDEN];
                        assert!(
                            !authz.contains(&status) && !status.is_server_error(),
                            "{} {}: {status}",
                            route.method,
                            route.path
                        );
                    }
                    Access::Person(_) | Access::SignedIn => {
                        // People's routes are walked cell by cell in tests/authz.rs; a bearer
                        // token is no session.
                        let (status, _, _) = call(&f, route.method, &uri, Some(&f.officer), body).await;
                        assert_eq!(status, StatusCode::UNAUTHORIZED, "{} {}", route.method, route.path);
                    }
                    Access::Token(role) => {
                        let before = counts(&f).await;
                        let (status, ctype, _) = call(&f, route.method, &uri, None, body).await;
                        assert_eq!(
                            (status, ctype.as_str()),
                            (StatusCode::UNAUTHORIZED, "application/problem+json")
                        );
                        let (status, _, _) =
                            call(&f, route.method, &uri, Some("umis_not-a-token"), body).await;
                        assert_eq!(status, StatusCode::UNAUTHORIZED);
                        let wrong = if role.as_str() == "officer" { &f.feed } else { &f.officer };
                        let (status, _, _) = call(&f, route.method, &uri, Some(wrong), body).await;
                        assert_eq!(status, StatusCode::FORBIDDEN, "{} with the wrong role", route.path);
                        let after = counts(&f).await;
                        assert_eq!(
                            after.audit_log,
                            before.audit_log + 3,
                            "each denial leaves an audit record"
                        );
                        assert_eq!(
                            (after.crossings, after.import_batches),
                            (before.crossings, before.import_batches)
                        );
                        let right = if role.as_str() == "officer" { &f.officer } else { &f.feed };
                        let (status, _, _) = call(&f, route.method, &uri, Some(right), body).await;
                        assert!(status.is_success(), "{} with its role: {status}", route.path);
                    }
                }
            }
        });
    }
}

#[test]
fn a_client_that_keeps_failing_is_throttled_before_the_audit_fills() {
    for f in fixtures(RateLimit::default()) {
        let rt = runtime();
        rt.block_on(async {
            let before = counts(&f).await.audit_log;
            let mut throttled = 0;
            for _ in 0..100 {
                let (status, _, _) =
                    call(&f, "GET", "/api/v1/findings", Some("umis_guess"), Body::empty()).await;
                assert!(status == StatusCode::UNAUTHORIZED || status == StatusCode::TOO_MANY_REQUESTS);
                throttled += usize::from(status == StatusCode::TOO_MANY_REQUESTS);
            }
            let audited = counts(&f).await.audit_log - before;
            assert!(throttled >= 30, "{throttled} throttled");
            assert_eq!(audited as usize + throttled, 100, "every answered denial is audited, no more");
        });
    }
}

#[test]
fn the_border_feed_takes_arrays_and_json_lines() {
    for f in fixtures(RateLimit::default()) {
        let rt = runtime();
        rt.block_on(async {
            let array = format!("[{CROSSING}, {{\"record_id\": 7}}, {EXIT}]");
            let (status, _, v) = call(&f, "POST", "/api/v1/crossings", Some(&f.feed), array).await;
            assert_eq!(status, StatusCode::OK, "{v}");
            assert_eq!(
                (v["read"].as_u64(), v["imported"].as_u64(), v["rejected"].as_u64()),
                (Some(3), Some(2), Some(1))
            );
            assert_eq!(v["rejects"][0]["line"], 2);
            let lines = format!("{CROSSING}\n{EXIT}\n");
            let (_, _, v) = call(&f, "POST", "/api/v1/crossings", Some(&f.feed), lines).await;
            assert_eq!((v["read"].as_u64(), v["duplicate"].as_u64()), (Some(2), Some(2)));
            let (status, _, v) = call(&f, "POST", "/api/v1/crossings", Some(&f.feed), "{\"a\":").await;
            assert_eq!(
                (status, v["rejected"].as_u64()),
                (StatusCode::OK, Some(1)),
                "a bad JSON line is a rejected row"
            );
            for bad in ["", "[", "\u{0}\u{1}\u{2}\u{3}\u{4}\u{5}", "[1, {\"record_id\": \"x\"}"] {
                let (status, ctype, v) = call(&f, "POST", "/api/v1/crossings", Some(&f.feed), bad).await;
                assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{bad:?}: {v}");
                assert_eq!(ctype, "application/problem+json");
            }
            let huge = vec![b' '; umis_web::MAX_FEED_BYTES + 1];
            let (status, _, _) = call(&f, "POST", "/api/v1/crossings", None, huge.clone()).await;
            assert_eq!(status, StatusCode::UNAUTHORIZED, "no body is read before the caller is known");
            let (status, _, _) = call(&f, "POST", "/api/v1/crossings", Some(&f.feed), huge).await;
            assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
            let big_calc = vec![b' '; umis_web::MAX_CALC_BYTES + 1];
            let (status, _, _) = call(&f, "POST", "/api/v1/stay-calculator", None, big_calc).await;
            assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
        });
    }
}

#[test]
fn officers_see_a_travellers_stays_findings_and_trace() {
    for f in fixtures(RateLimit::default()) {
        let rt = runtime();
        rt.block_on(async {
            let body = format!("[{CROSSING},{EXIT}]");
            call(&f, "POST", "/api/v1/crossings", Some(&f.feed), body).await;
            let before = counts(&f).await.audit_log;
            let uri = "/api/v1/travellers/DEU/a1/status?as_of=2026-07-10";
            let (status, _, v) = call(&f, "GET", uri, Some(&f.officer), Body::empty()).await;
            assert_eq!(status, StatusCode::OK, "{v}");
            assert_eq!(v["presence"], "absent");
            assert_eq!(v["stays"][0]["entry_date"], "2026-03-02");
            assert_eq!(v["findings"][0]["kind"], "overstay");
            assert_eq!(v["findings"][0]["overstay_days"], 5);
            assert_eq!(v["findings"][1]["kind"], "unregistered_stay");
            assert!(v["trace"].as_array().is_some_and(|t| !t.is_empty()));
            assert_eq!(counts(&f).await.audit_log, before + 1, "the read is audited");
            for (uri, field) in [
                ("/api/v1/travellers/DEU/A1/status?as_of=2026-02-30", "as_of"),
                ("/api/v1/travellers/ZZZ/A1/status", "issuing_state/document_number"),
                ("/api/v1/travellers/DEU/%3Cscript%3E/status", "issuing_state/document_number"),
                ("/api/v1/travellers/DEU/A1/status?pack=mars", "pack"),
            ] {
                let (status, _, v) = call(&f, "GET", uri, Some(&f.officer), Body::empty()).await;
                assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{uri}");
                assert_eq!(v["errors"][0]["field"], field, "{uri}");
            }
        });
    }
}

#[test]
fn officers_page_through_the_review_queue() {
    for f in fixtures(RateLimit::default()) {
        let rt = runtime();
        rt.block_on(async {
            call(&f, "POST", "/api/v1/crossings", Some(&f.feed), format!("[{CROSSING},{EXIT}]")).await;
            let state = f.state.clone();
            tokio::task::spawn_blocking(move || {
                let as_of = umis_domain::Date::parse("2026-07-10").unwrap();
                umis_core::scan::run_scan(
                    &state.store,
                    state.packs.default_pack(),
                    as_of,
                    "test",
                    &mut std::io::sink(),
                )
                .unwrap()
            })
            .await
            .unwrap();
            let (status, _, v) =
                call(&f, "GET", "/api/v1/findings?limit=1", Some(&f.officer), Body::empty()).await;
            assert_eq!(status, StatusCode::OK, "{v}");
            assert_eq!(v["items"][0]["kind"], "overstay");
            assert_eq!(v["items"][0]["finding"]["overstay_days"], 5);
            let after = v["next_after"].as_str().unwrap().to_owned();
            let uri = format!("/api/v1/findings?limit=1&after={}", after.replace('|', "%7C"));
            let (_, _, v) = call(&f, "GET", &uri, Some(&f.officer), Body::empty()).await;
            assert_eq!(v["items"][0]["kind"], "unregistered_stay");
            let (_, _, v) =
                call(&f, "GET", "/api/v1/findings?status=resolved", Some(&f.officer), Body::empty()).await;
            assert_eq!(v["items"].as_array().map(Vec::len), Some(0));
            for uri in
                ["/api/v1/findings?status=maybe", "/api/v1/findings?limit=0", "/api/v1/findings?limit=x"]
            {
                let (status, _, _) = call(&f, "GET", uri, Some(&f.officer), Body::empty()).await;
                assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{uri}");
            }
        });
    }
}

#[test]
fn the_calculator_answers_names_bad_fields_and_limits_rate() {
    for f in fixtures(RateLimit { per_second: 0.001, burst: 30.0 }) {
        let rt = runtime();
        rt.block_on(async {
            let (status, _, v) = call(&f, "POST", "/api/v1/stay-calculator", None, CALC).await;
            assert_eq!(status, StatusCode::OK);
            assert_eq!(
                (v["days_used"].as_u64(), v["possible_stay_until"].as_str()),
                (Some(77), Some("2014-12-13"))
            );
            let nested = format!("{}{}", "[".repeat(5000), "]".repeat(5000));
            let bad: Vec<(String, &str)> = vec![
                (CALC.replace("2014-11-30\",\"stays", "2014-13-30\",\"stays"), "date"),
                (CALC.replace("\"exit\":\"2014-09-30\"", "\"exit\":\"2014-08-01\""), "stays[0].exit"),
                (CALC.replace("schengen", "mars"), "pack"),
                (CALC.replace("control", "hope"), "mode"),
                (CALC.replace("2014-08-15", "1850-01-01"), "stays[0].entry"),
                ("{}".into(), ""),
                ("[]".into(), ""),
                (nested, ""),
                ("\u{0}".into(), ""),
            ];
            for (body, field) in &bad {
                let (status, ctype, v) =
                    call(&f, "POST", "/api/v1/stay-calculator", None, body.clone()).await;
                assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body:.80}: {v}");
                assert_eq!(ctype, "application/problem+json");
                if !field.is_empty() {
                    assert_eq!(v["errors"][0]["field"], *field, "{body:.80}");
                }
            }
            let mut limited = 0;
            for _ in 0..40 {
                let (status, _, _) = call(&f, "POST", "/api/v1/stay-calculator", None, CALC).await;
                limited += usize::from(status == StatusCode::TOO_MANY_REQUESTS);
            }
            assert!(limited > 0, "the burst runs out");
        });
    }
}

#[test]
fn unknown_paths_and_methods_get_clean_errors() {
    for f in fixtures(RateLimit::default()) {
        let rt = runtime();
        rt.block_on(async {
            let (status, ctype, _) = call(&f, "GET", "/api/v1/nope", None, Body::empty()).await;
            assert_eq!((status, ctype.as_str()), (StatusCode::NOT_FOUND, "application/problem+json"));
            let (status, _, _) = call(&f, "GET", "/api/v1/stay-calculator", None, Body::empty()).await;
            assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
        });
    }
}
