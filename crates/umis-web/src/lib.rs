//! The HTTP API of umis. Handlers parse, call one `umis-core` function, render; no SQL and no
//! business rule lives here.
//!
//! Authorization is data: [`ROUTES`] lists every endpoint with the access rule it needs, the
//! router is built from that table, and a test walks the table to check each rule.

pub mod api;
mod auth;
pub mod limit;
pub mod problem;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderValue, header};
use axum::routing::{get, post};
use std::sync::Arc;
use umis_rules::Packs;
use umis_store::Store;

pub use auth::Access;

/// Largest border-feed body accepted (a day's crossings at a busy airport fit easily).
pub const MAX_FEED_BYTES: usize = 32 * 1024 * 1024;
/// Largest calculator request accepted.
pub const MAX_CALC_BYTES: usize = 1024 * 1024;

/// What every handler shares.
pub struct AppState {
    /// The database.
    pub store: Store,
    /// The rule packs in force.
    pub packs: Packs,
    /// The public calculator's rate limit.
    pub calc_limiter: limit::Limiter,
    /// Border-feed bodies parsed at once: a 32 MiB JSON array is held whole while parsed (so a
    /// malformed body stores nothing), and the database takes one writer at a time anyway.
    pub feed_slots: tokio::sync::Semaphore,
    /// Failed authentications per client (each one is audited, a durable write).
    pub denial_limiter: limit::Limiter,
}

impl AppState {
    /// The state of a server over `store` with `packs`, the calculator limited by `calc_limit`.
    pub fn new(store: Store, packs: Packs, calc_limit: limit::RateLimit) -> AppState {
        AppState {
            store,
            packs,
            calc_limiter: limit::Limiter::new(calc_limit),
            feed_slots: tokio::sync::Semaphore::new(2),
            denial_limiter: limit::Limiter::new(limit::RateLimit { per_second: 1.0, burst: 60.0 }),
        }
    }
}

/// One endpoint and who may call it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RouteRule {
    /// HTTP method.
    pub method: &'static str,
    /// Path template, axum syntax.
    pub path: &'static str,
    /// The access rule.
    pub access: Access,
}

/// Every endpoint of the API with its access rule: the single source of truth.
pub const ROUTES: &[RouteRule] = &[
    RouteRule { method: "GET", path: "/api/v1/health", access: Access::Public },
    RouteRule { method: "POST", path: "/api/v1/crossings", access: Access::Token("border-feed") },
    RouteRule {
        method: "GET",
        path: "/api/v1/travellers/{issuing_state}/{document_number}/status",
        access: Access::Token("officer"),
    },
    RouteRule { method: "GET", path: "/api/v1/findings", access: Access::Token("officer") },
    RouteRule { method: "POST", path: "/api/v1/stay-calculator", access: Access::PublicRateLimited },
];

/// The application: every route of [`ROUTES`] with its handler, plus security headers.
pub fn app(state: Arc<AppState>) -> Router {
    let mut router = Router::new();
    for rule in ROUTES {
        let route = match (rule.method, rule.path) {
            ("GET", "/api/v1/health") => get(api::health),
            ("POST", "/api/v1/crossings") => {
                post(api::crossings::feed).layer(DefaultBodyLimit::max(MAX_FEED_BYTES))
            }
            ("GET", "/api/v1/travellers/{issuing_state}/{document_number}/status") => {
                get(api::travellers::status)
            }
            ("GET", "/api/v1/findings") => get(api::findings::queue),
            ("POST", "/api/v1/stay-calculator") => {
                post(api::calculator::calculate).layer(DefaultBodyLimit::max(MAX_CALC_BYTES))
            }
            _ => continue,
        };
        router = router.route(rule.path, route);
    }
    router.fallback(api::not_found).layer(axum::middleware::map_response(security_headers)).with_state(state)
}

async fn security_headers(mut response: axum::response::Response) -> axum::response::Response {
    let h = response.headers_mut();
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("default-src 'none'; frame-ancestors 'none'"),
    );
    response
}
