//! The layers every answer passes through, outermost first: a request id (`x-request-id`, kept
//! when the client or a proxy sent one, made otherwise, and sent back), a trace span per
//! request, a deadline, and a cap on any request body.
//!
//! The trace names the method, the matched route (the path template, `/api/v1/cases/{id}`, never
//! the path itself), the request id, the status and the latency. It never records a query
//! string, a header, a cookie or a body: those may carry personal data (document numbers,
//! names, session ids). Requests no route matched are traced without a route.
//!
//! A request still unanswered after [`AppState::request_timeout`] is answered 503: a problem
//! document under `/api/` and `/.well-known/`, the portal's error page in the visitor's
//! language elsewhere. Blocking work the request started (a database transaction on a blocking
//! thread) cannot be cancelled and may still complete, which both answers say.
//!
//! The body cap ([`MAX_REQUEST_BYTES`]) refuses, before anything is read, a body declared larger
//! than any route accepts; each route keeps its own, smaller limit.

use crate::AppState;
use axum::Router;
use axum::extract::{MatchedPath, Request, State};
use axum::middleware::{Next, from_fn_with_state};
use axum::response::Response;
use std::sync::Arc;
use std::time::Duration;
use tower::ServiceBuilder;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, RequestId, SetRequestIdLayer};
use tower_http::trace::TraceLayer;

/// The largest body any route accepts (the portal's guest-list upload); larger declared bodies
/// are refused before routing goes further.
pub const MAX_REQUEST_BYTES: usize = 64 * 1024 * 1024;

/// How long a request may take before it is answered 503 (the default of
/// [`AppState::request_timeout`]).
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// Seconds a client is asked to wait before retrying a timed-out request.
const RETRY_AFTER_SECS: u64 = 5;

/// `router` with the layers above around every route and the fallback.
pub fn around(router: Router<Arc<AppState>>, state: &Arc<AppState>) -> Router<Arc<AppState>> {
    let trace = TraceLayer::new_for_http()
        .make_span_with(|request: &Request| {
            let route = request.extensions().get::<MatchedPath>().map_or("-", MatchedPath::as_str);
            let id = request
                .extensions()
                .get::<RequestId>()
                .and_then(|id| id.header_value().to_str().ok())
                .unwrap_or("-");
            tracing::info_span!("request", method = %request.method(), route, request_id = id)
        })
        .on_request(())
        .on_response(|response: &Response, latency: Duration, _: &tracing::Span| {
            tracing::info!(
                status = response.status().as_u16(),
                latency_ms = latency.as_millis() as u64,
                "answered"
            );
        })
        .on_body_chunk(())
        .on_eos(())
        .on_failure(());
    router.layer(
        ServiceBuilder::new()
            .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
            .layer(PropagateRequestIdLayer::x_request_id())
            .layer(trace)
            .layer(from_fn_with_state(state.clone(), deadline))
            .layer(RequestBodyLimitLayer::new(MAX_REQUEST_BYTES)),
    )
}

/// Answers 503 when the request takes longer than the state's timeout.
async fn deadline(State(state): State<Arc<AppState>>, request: Request, next: Next) -> Response {
    let path = request.uri().path();
    let api = path.starts_with("/api/") || path.starts_with("/.well-known/");
    // Kept for the portal's page (its language links); query strings are never logged.
    let path_and_query =
        request.uri().path_and_query().map_or_else(|| "/".to_owned(), |p| p.as_str().to_owned());
    let headers = if api { None } else { Some(request.headers().clone()) };
    match tokio::time::timeout(state.request_timeout, next.run(request)).await {
        Ok(response) => response,
        Err(_) => {
            tracing::warn!(seconds = state.request_timeout.as_secs_f64(), "request timed out");
            match headers {
                None => crate::problem::timed_out(RETRY_AFTER_SECS),
                Some(h) => crate::portal::guard::timeout_page(&h, path_and_query, RETRY_AFTER_SECS),
            }
        }
    }
}
