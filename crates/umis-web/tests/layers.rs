//! The layers around every answer, in-process, on SQLite and PostgreSQL: each answer carries a
//! request id (the caller's own kept), a request that outlasts the timeout is answered 503 in
//! the API's or the portal's form, and a body larger than any route accepts is refused before
//! anything is read.

#![expect(clippy::unwrap_used, reason = "test code: a failure should stop the test")]

use axum::body::{Body, Bytes};
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;
use tower::ServiceExt;
use umis_store::Store;
use umis_store::testing::TestDb;
use umis_web::limit::RateLimit;
use umis_web::{AppState, app};

/// A request body whose bytes never come: the handler waits for it until the timeout.
struct Stalled;

impl axum::body::HttpBody for Stalled {
    type Data = Bytes;
    type Error = std::io::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        _: &mut Context<'_>,
    ) -> Poll<Option<Result<http_body::Frame<Bytes>, Self::Error>>> {
        Poll::Pending
    }
}

fn states(timeout: Duration) -> Vec<(TestDb, Arc<AppState>)> {
    TestDb::both()
        .unwrap()
        .into_iter()
        .map(|db| {
            let store = Store::open(&db.url).unwrap();
            let keys = umis_credential::KeyRing::from_seed("k-test", [7; 32]).unwrap();
            let limit = RateLimit { per_second: 1000.0, burst: 1000.0 };
            let totp_key = umis_core::accounts::totp_key::TotpKey::from_bytes([9; 32]);
            let mut state =
                AppState::new(store, umis_rules::Packs::builtin().unwrap(), limit, keys, totp_key);
            state.request_timeout = timeout;
            (db, Arc::new(state))
        })
        .collect()
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap()
}

async fn send(state: &Arc<AppState>, req: Request<Body>) -> (StatusCode, axum::http::HeaderMap, String) {
    let resp = app(state.clone()).oneshot(req).await.unwrap();
    let (status, headers) = (resp.status(), resp.headers().clone());
    let bytes = resp.into_body().collect().await.unwrap().to_bytes();
    (status, headers, String::from_utf8_lossy(&bytes).into_owned())
}

fn get(uri: &str) -> Request<Body> {
    Request::builder().uri(uri).body(Body::empty()).unwrap()
}

#[test]
fn every_answer_carries_a_request_id_and_keeps_the_callers() {
    let rt = runtime();
    for (db, state) in states(Duration::from_secs(30)) {
        let mut seen = Vec::new();
        for uri in ["/api/v1/health", "/api/v1/findings", "/", "/no-such-page", "/api/no-such-thing"] {
            let (status, headers, _) = rt.block_on(send(&state, get(uri)));
            let id = headers.get("x-request-id").map(|v| v.to_str().unwrap().to_owned());
            assert!(id.is_some(), "{:?}: {uri} ({status}) has no x-request-id", db.dialect());
            let id = id.unwrap();
            assert!(!id.is_empty() && !seen.contains(&id), "{:?}: {uri}: a new id each time", db.dialect());
            seen.push(id);
        }
        let mine =
            Request::builder().uri("/api/v1/health").header("x-request-id", "proxy-42").body(Body::empty());
        let (_, headers, _) = rt.block_on(send(&state, mine.unwrap()));
        assert_eq!(headers.get("x-request-id").unwrap(), "proxy-42", "{:?}", db.dialect());
    }
}

#[test]
fn a_request_that_outlasts_the_timeout_is_answered_503() {
    let rt = runtime();
    for (db, state) in states(Duration::from_millis(200)) {
        let api = Request::builder()
            .method("POST")
            .uri("/api/v1/stay-calculator")
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::new(Stalled))
            .unwrap();
        let (status, headers, body) = rt.block_on(send(&state, api));
        assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{:?}: {body}", db.dialect());
        assert_eq!(headers.get(header::CONTENT_TYPE).unwrap(), "application/problem+json");
        assert!(headers.contains_key(header::RETRY_AFTER) && headers.contains_key("x-request-id"));
        let problem: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_eq!(problem["status"], 503);
        assert!(problem["detail"].as_str().unwrap().contains("may or may not"), "{body}");

        let page = Request::builder()
            .method("POST")
            .uri("/sign-in")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT_LANGUAGE, "en")
            .body(Body::new(Stalled))
            .unwrap();
        let (status, headers, body) = rt.block_on(send(&state, page));
        assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{:?}: {body}", db.dialect());
        assert!(headers.get(header::CONTENT_TYPE).unwrap().to_str().unwrap().starts_with("text/html"));
        assert!(body.contains("The service is taking too long"), "{body}");
        assert!(
            headers
                .get(header::CONTENT_SECURITY_POLICY)
                .unwrap()
                .to_str()
                .unwrap()
                .contains("script-src 'self'")
        );
    }
}

#[test]
fn a_body_larger_than_any_route_accepts_is_refused_unread() {
    let rt = runtime();
    for (db, state) in states(Duration::from_secs(30)) {
        let declared = umis_web::layers::MAX_REQUEST_BYTES + 1;
        // The body never comes: the answer is given from the declared length alone.
        let req = Request::builder()
            .method("POST")
            .uri("/api/v1/crossings")
            .header(header::CONTENT_LENGTH, declared.to_string())
            .body(Body::new(Stalled))
            .unwrap();
        let (status, _, _) = rt.block_on(send(&state, req));
        assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{:?}", db.dialect());
    }
}
