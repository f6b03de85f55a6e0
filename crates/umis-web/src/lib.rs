//! The HTTP API of umis. Handlers parse, call one `umis-core` function, render; no SQL and no
//! business rule lives here.
//!
//! Authorization is data: [`ROUTES`] lists every endpoint with the access rule it needs and its
//! handler, the router is built from that table, a layer built from each row enforces the row's
//! rule before the handler runs (handlers receive the checked caller as a [`Caller`]), and tests
//! check the authorization matrix and the OpenAPI document against the same table.

pub mod api;
mod auth;
pub mod layers;
pub mod limit;
pub mod pages;
pub mod portal;
pub mod problem;
mod routes;
pub mod session_auth;

use axum::Router;
use axum::http::{HeaderValue, header};
use axum::middleware::from_fn_with_state;
use axum::routing::MethodRouter;
use std::sync::Arc;
use umis_core::Store;
use umis_core::accounts::throttle::SignInThrottle;
use umis_core::accounts::totp_key::TotpKey;
use umis_core::clock::Clock;
use umis_credential::KeyRing;
use umis_rules::Packs;

pub use auth::{Access, Caller, SignedInSession};
pub use routes::{Limit, ROUTES, RouteRule};

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
    /// Denials answered by the throttle without an audit record of their own since the last
    /// record (which the next record reports).
    pub unrecorded_denials: std::sync::atomic::AtomicU64,
    /// Sign-in and sign-up attempts per client (password hashing is deliberately slow).
    pub signin_limiter: limit::Limiter,
    /// Public status lookups and verifications per client.
    pub status_limiter: limit::Limiter,
    /// Sign-in failures per user name.
    pub throttle: SignInThrottle,
    /// The keys credentials are signed with.
    pub keys: KeyRing,
    /// The key staff accounts' TOTP secrets are sealed with.
    pub totp_key: TotpKey,
    /// Where "now" comes from (tests move it).
    pub clock: Clock,
    /// Serialises creations that carry an idempotency key.
    pub idempotency_lock: tokio::sync::Mutex<()>,
    /// How long a request may take before it is answered 503 ([`layers`]).
    pub request_timeout: std::time::Duration,
}

impl AppState {
    /// The state of a server over `store` with `packs`, the calculator limited by `calc_limit`,
    /// credentials signed with `keys`, TOTP secrets sealed with `totp_key`.
    pub fn new(
        store: Store,
        packs: Packs,
        calc_limit: limit::RateLimit,
        keys: KeyRing,
        totp_key: TotpKey,
    ) -> AppState {
        AppState {
            store,
            packs,
            calc_limiter: limit::Limiter::new(calc_limit),
            feed_slots: tokio::sync::Semaphore::new(2),
            denial_limiter: limit::Limiter::new(limit::RateLimit { per_second: 1.0, burst: 60.0 }),
            unrecorded_denials: std::sync::atomic::AtomicU64::new(0),
            signin_limiter: limit::Limiter::new(limit::RateLimit { per_second: 1.0, burst: 30.0 }),
            status_limiter: limit::Limiter::new(calc_limit),
            throttle: SignInThrottle::new(),
            keys,
            totp_key,
            clock: Clock::System,
            idempotency_lock: tokio::sync::Mutex::new(()),
            request_timeout: layers::REQUEST_TIMEOUT,
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

/// The application: every route of [`ROUTES`] with its handler, the operational [`layers`]
/// (request id, trace, timeout, body cap), plus security headers.
pub fn app(state: Arc<AppState>) -> Router {
    let mut paths: Vec<(&str, MethodRouter<Arc<AppState>>)> = Vec::new();
    for rule in ROUTES {
        // `route_layer`: a method the path does not have still answers 405, unauthenticated.
        let route = (rule.handler)().route_layer(from_fn_with_state((state.clone(), rule), auth::enforce));
        match paths.iter_mut().find(|(p, _)| *p == rule.path) {
            Some((_, existing)) => *existing = std::mem::take(existing).merge(route),
            None => paths.push((rule.path, route)),
        }
    }
    let mut router = Router::new();
    for (path, route) in paths {
        router = router.route(path, route);
    }
    let router = router.merge(portal::router(state.clone())).fallback(portal::guard::fallback);
    layers::around(router, &state).layer(axum::middleware::map_response(security_headers)).with_state(state)
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
