//! The HTTP API of umis. Handlers parse, call one `umis-core` function, render; no SQL and no
//! business rule lives here.
//!
//! Authorization is data: [`ROUTES`] lists every endpoint with the access rule it needs, the
//! router is built from that table, and a test walks the table to check each rule.

pub mod api;
mod auth;
pub mod limit;
pub mod pages;
pub mod portal;
pub mod problem;
pub mod session_auth;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderValue, header};
use axum::routing::{MethodRouter, delete, get, post, put};
use session_auth::{ANY_PERSON, CASE_PARTIES, DECIDERS, FILERS};
use std::sync::Arc;
use umis_core::accounts::throttle::SignInThrottle;
use umis_core::clock::Clock;
use umis_core::credential::KeyRing;
use umis_domain::Role;
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
    /// Sign-in and sign-up attempts per client (password hashing is deliberately slow).
    pub signin_limiter: limit::Limiter,
    /// Public status lookups and verifications per client.
    pub status_limiter: limit::Limiter,
    /// Sign-in failures per user name.
    pub throttle: SignInThrottle,
    /// The keys credentials are signed with.
    pub keys: KeyRing,
    /// Where "now" comes from (tests move it).
    pub clock: Clock,
    /// Serialises creations that carry an idempotency key.
    pub idempotency_lock: tokio::sync::Mutex<()>,
}

impl AppState {
    /// The state of a server over `store` with `packs`, the calculator limited by `calc_limit`,
    /// credentials signed with `keys`.
    pub fn new(store: Store, packs: Packs, calc_limit: limit::RateLimit, keys: KeyRing) -> AppState {
        AppState {
            store,
            packs,
            calc_limiter: limit::Limiter::new(calc_limit),
            feed_slots: tokio::sync::Semaphore::new(2),
            denial_limiter: limit::Limiter::new(limit::RateLimit { per_second: 1.0, burst: 60.0 }),
            signin_limiter: limit::Limiter::new(limit::RateLimit { per_second: 1.0, burst: 30.0 }),
            status_limiter: limit::Limiter::new(calc_limit),
            throttle: SignInThrottle::new(),
            keys,
            clock: Clock::System,
            idempotency_lock: tokio::sync::Mutex::new(()),
        }
        .warmed_up()
    }
}

impl AppState {
    /// Prepares what the first request would otherwise pay for: the dummy password hash that
    /// makes a sign-in with an unknown name take as long as one with a known name.
    fn warmed_up(self) -> AppState {
        umis_core::accounts::password::verify_against_dummy("warm-up");
        self
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
    r("GET", "/api/v1/health", Access::Public),
    r("POST", "/api/v1/crossings", Access::Token("border-feed")),
    r("GET", "/api/v1/travellers/{issuing_state}/{document_number}/status", Access::Token("officer")),
    r("GET", "/api/v1/findings", Access::Token("officer")),
    r("POST", "/api/v1/stay-calculator", Access::PublicRateLimited),
    r("POST", "/api/v1/accounts", Access::PublicRateLimited),
    r("POST", "/api/v1/session", Access::PublicRateLimited),
    r("GET", "/api/v1/session", Access::SignedIn),
    r("DELETE", "/api/v1/session", Access::SignedIn),
    r("POST", "/api/v1/session/totp", Access::SignedIn),
    r("POST", "/api/v1/session/password", Access::Person(ANY_PERSON)),
    r("POST", "/api/v1/admin/users", Access::Person(&[Role::Admin])),
    r("POST", "/api/v1/admin/users/{id}/disable", Access::Person(&[Role::Admin])),
    r("GET", "/api/v1/services", Access::Public),
    r("POST", "/api/v1/status", Access::PublicRateLimited),
    r("POST", "/api/v1/cases", Access::Person(FILERS)),
    r("GET", "/api/v1/cases", Access::Person(CASE_PARTIES)),
    r("GET", "/api/v1/cases/{id}", Access::Person(CASE_PARTIES)),
    r("PUT", "/api/v1/cases/{id}/form", Access::Person(FILERS)),
    r("POST", "/api/v1/cases/{id}/actions", Access::Person(CASE_PARTIES)),
    r("POST", "/api/v1/cases/{id}/documents", Access::Person(FILERS)),
    r("GET", "/api/v1/cases/{id}/documents/{doc_id}", Access::Person(CASE_PARTIES)),
    r("GET", "/api/v1/issued/{number}/pdf", Access::Person(CASE_PARTIES)),
    r("POST", "/api/v1/issued/{number}/revoke", Access::Person(DECIDERS)),
    r("GET", "/api/v1/verify/{credential}", Access::PublicRateLimited),
    r("GET", "/api/v1/revocations", Access::Public),
    r("GET", "/.well-known/jwks.json", Access::Public),
    r("GET", "/api/v1/audit", Access::Person(&[Role::Auditor])),
    r("GET", "/verify", Access::PublicRateLimited),
    r("GET", "/api/openapi.json", Access::Public),
    r("GET", "/api/docs", Access::Public),
    r("GET", "/api/docs/{asset}", Access::Public),
];

const fn r(method: &'static str, path: &'static str, access: Access) -> RouteRule {
    RouteRule { method, path, access }
}

fn handler(rule: &RouteRule) -> Option<MethodRouter<Arc<AppState>>> {
    use api::*;
    Some(match (rule.method, rule.path) {
        ("GET", "/api/v1/health") => get(health),
        ("POST", "/api/v1/crossings") => post(crossings::feed).layer(DefaultBodyLimit::max(MAX_FEED_BYTES)),
        ("GET", "/api/v1/travellers/{issuing_state}/{document_number}/status") => get(travellers::status),
        ("GET", "/api/v1/findings") => get(findings::queue),
        ("POST", "/api/v1/stay-calculator") => {
            post(calculator::calculate).layer(DefaultBodyLimit::max(MAX_CALC_BYTES))
        }
        ("POST", "/api/v1/accounts") => post(session::sign_up),
        ("POST", "/api/v1/session") => post(session::sign_in),
        ("GET", "/api/v1/session") => get(session::me),
        ("DELETE", "/api/v1/session") => delete(session::sign_out),
        ("POST", "/api/v1/session/totp") => post(session::second_factor),
        ("POST", "/api/v1/session/password") => post(session::change_password),
        ("POST", "/api/v1/admin/users") => post(admin::create_user),
        ("POST", "/api/v1/admin/users/{id}/disable") => post(admin::disable_user),
        ("GET", "/api/v1/services") => get(public::services),
        ("POST", "/api/v1/status") => post(public::status),
        ("POST", "/api/v1/cases") => post(cases::create),
        ("GET", "/api/v1/cases") => get(cases::list),
        ("GET", "/api/v1/cases/{id}") => get(cases::get),
        ("PUT", "/api/v1/cases/{id}/form") => put(cases::update_form),
        ("POST", "/api/v1/cases/{id}/actions") => post(cases::act),
        ("POST", "/api/v1/cases/{id}/documents") => {
            post(cases::upload).layer(DefaultBodyLimit::max(cases::MAX_UPLOAD_BYTES))
        }
        ("GET", "/api/v1/cases/{id}/documents/{doc_id}") => get(cases::download),
        ("GET", "/api/v1/issued/{number}/pdf") => get(issued::pdf),
        ("POST", "/api/v1/issued/{number}/revoke") => post(issued::revoke),
        ("GET", "/api/v1/verify/{credential}") => get(issued::verify),
        ("GET", "/api/v1/revocations") => get(issued::revocations),
        ("GET", "/.well-known/jwks.json") => get(issued::jwks),
        ("GET", "/api/v1/audit") => get(audit::log),
        ("GET", "/verify") => get(crate::pages::verify::page),
        ("GET", "/api/openapi.json") => get(docs::openapi_json),
        ("GET", "/api/docs") => get(docs::page),
        ("GET", "/api/docs/{asset}") => get(docs::asset),
        _ => return None,
    })
}

/// The application: every route of [`ROUTES`] with its handler, plus security headers.
pub fn app(state: Arc<AppState>) -> Router {
    let mut paths: Vec<(&str, MethodRouter<Arc<AppState>>)> = Vec::new();
    for rule in ROUTES {
        let Some(route) = handler(rule) else { continue };
        match paths.iter_mut().find(|(p, _)| *p == rule.path) {
            Some((_, existing)) => *existing = std::mem::take(existing).merge(route),
            None => paths.push((rule.path, route)),
        }
    }
    let mut router = Router::new();
    for (path, route) in paths {
        router = router.route(path, route);
    }
    router
        .merge(portal::router(state.clone()))
        .fallback(portal::guard::fallback)
        .layer(axum::middleware::map_response(security_headers))
        .with_state(state)
}

async fn security_headers(mut response: axum::response::Response) -> axum::response::Response {
    let h = response.headers_mut();
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    // Versioned static files say they may be kept; everything else (personal data) may not.
    if !h.contains_key(header::CACHE_CONTROL) {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    // Portal pages say `same-origin` (browsers then send `Origin` with their own forms, which
    // the cross-site check needs); everything else sends no referrer at all.
    if !h.contains_key(header::REFERRER_POLICY) {
        h.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    }
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    // The documentation page brings its own, looser policy; every other answer gets this one.
    if response.extensions().get::<api::docs::OwnCsp>().is_none() {
        response.headers_mut().insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("default-src 'none'; frame-ancestors 'none'"),
        );
    }
    response
}
