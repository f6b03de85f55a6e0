//! The API's route table: every endpoint with its access rule, the action its refusals are
//! audited under, the per-client limit it counts against, and its handler, in one row.
//!
//! The router is built from this table only ([`crate::app`]), and each row's rule is enforced
//! by a layer built from the row ([`crate::auth::enforce`]) before the handler runs, so a
//! handler can neither exist without a row nor skip its row's rule. The authorization matrix
//! and the OpenAPI document are tested against the same table.

use crate::auth::Access;
use crate::{AppState, MAX_CALC_BYTES, MAX_FEED_BYTES, api};
use Access::{Person, Public, PublicRateLimited, SignedIn, Token};
use api::{admin, audit, calculator, cases, crossings, docs, findings, issued, public, session, travellers};
use axum::extract::DefaultBodyLimit;
use axum::routing::{MethodRouter, delete, get, post, put};
use std::sync::Arc;
use umis_domain::Role;

/// The per-client limit a route counts against, checked by the route's layer after the caller
/// is identified and before the handler (and so before any body is read).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    /// The public stay calculator's.
    Calculator,
    /// Sign-in, sign-up and password checks (password hashing is deliberately slow).
    SignIn,
    /// Public status lookups and verifications.
    Status,
}

impl Limit {
    /// The limiter of `state` this limit is counted in.
    pub(crate) fn limiter(self, state: &AppState) -> &crate::limit::Limiter {
        match self {
            Limit::Calculator => &state.calc_limiter,
            Limit::SignIn => &state.signin_limiter,
            Limit::Status => &state.status_limiter,
        }
    }
}

/// One endpoint: who may call it and what answers it.
#[derive(Clone, Copy)]
pub struct RouteRule {
    /// HTTP method.
    pub method: &'static str,
    /// Path template, axum syntax.
    pub path: &'static str,
    /// The access rule.
    pub access: Access,
    /// The action a refusal on this route is audited under (`-` for public routes).
    pub action: &'static str,
    /// The per-client limit the route counts against, if any.
    pub limit: Option<Limit>,
    /// Its handler (with the body limit it needs).
    pub handler: fn() -> MethodRouter<Arc<AppState>>,
}

impl std::fmt::Debug for RouteRule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {} {:?} {} {:?}", self.method, self.path, self.access, self.action, self.limit)
    }
}

const fn r(
    method: &'static str,
    path: &'static str,
    access: Access,
    action: &'static str,
    handler: fn() -> MethodRouter<Arc<AppState>>,
) -> RouteRule {
    RouteRule { method, path, access, action, limit: None, handler }
}

const fn limited(rule: RouteRule, limit: Limit) -> RouteRule {
    RouteRule { limit: Some(limit), ..rule }
}

/// Every endpoint of the API with its access rule: the single source of truth.
pub const ROUTES: &[RouteRule] = &[
    r("GET", "/api/v1/health", Public, "-", || get(api::health)),
    r("POST", "/api/v1/crossings", Token(Role::BorderFeed), "crossings.import", || {
        post(crossings::feed).layer(DefaultBodyLimit::max(MAX_FEED_BYTES))
    }),
    r(
        "GET",
        "/api/v1/travellers/{issuing_state}/{document_number}/status",
        Token(Role::Officer),
        "traveller.read",
        || get(travellers::status),
    ),
    r("GET", "/api/v1/findings", Token(Role::Officer), "findings.list", || get(findings::queue)),
    limited(
        r("POST", "/api/v1/stay-calculator", PublicRateLimited, "-", || {
            post(calculator::calculate).layer(DefaultBodyLimit::max(MAX_CALC_BYTES))
        }),
        Limit::Calculator,
    ),
    limited(r("POST", "/api/v1/accounts", PublicRateLimited, "-", || post(session::sign_up)), Limit::SignIn),
    limited(r("POST", "/api/v1/session", PublicRateLimited, "-", || post(session::sign_in)), Limit::SignIn),
    r("GET", "/api/v1/session", SignedIn, "session.read", || get(session::me)),
    r("DELETE", "/api/v1/session", SignedIn, "session.sign_out", || delete(session::sign_out)),
    limited(
        r("POST", "/api/v1/session/totp", SignedIn, "session.second_factor", || post(session::second_factor)),
        Limit::SignIn,
    ),
    // The current password is checked with Argon2 as at sign-in: without the same per-client
    // limit a stolen session could guess it, and burn the server's time, at full speed.
    limited(
        r("POST", "/api/v1/session/password", Person(Role::PEOPLE), "account.password_change", || {
            post(session::change_password)
        }),
        Limit::SignIn,
    ),
    r("POST", "/api/v1/admin/users", Person(&[Role::Admin]), "account.create", || post(admin::create_user)),
    r("POST", "/api/v1/admin/users/{id}/disable", Person(&[Role::Admin]), "account.disable", || {
        post(admin::disable_user)
    }),
    r("GET", "/api/v1/services", Public, "-", || get(public::services)),
    limited(r("POST", "/api/v1/status", PublicRateLimited, "-", || post(public::status)), Limit::Status),
    r("POST", "/api/v1/cases", Person(Role::FILERS), "case.create", || post(cases::create)),
    r("GET", "/api/v1/cases", Person(Role::CASE_PARTIES), "case.list", || get(cases::list)),
    r("GET", "/api/v1/cases/{id}", Person(Role::CASE_PARTIES), "case.read", || get(cases::get)),
    r("PUT", "/api/v1/cases/{id}/form", Person(Role::FILERS), "case.edit", || put(cases::update_form)),
    r("POST", "/api/v1/cases/{id}/actions", Person(Role::CASE_PARTIES), "case.act", || post(cases::act)),
    r("POST", "/api/v1/cases/{id}/court", Person(Role::APPEAL_DECIDERS), "case.court_stage", || {
        post(cases::court)
    }),
    r("POST", "/api/v1/cases/{id}/documents", Person(Role::FILERS), "document.upload", || {
        post(cases::upload).layer(DefaultBodyLimit::max(cases::MAX_UPLOAD_BYTES))
    }),
    r("GET", "/api/v1/cases/{id}/documents/{doc_id}", Person(Role::CASE_PARTIES), "document.read", || {
        get(cases::download)
    }),
    r("GET", "/api/v1/issued/{number}/pdf", Person(Role::CASE_PARTIES), "document.pdf", || get(issued::pdf)),
    r("POST", "/api/v1/issued/{number}/revoke", Person(Role::DECIDERS), "document.revoke", || {
        post(issued::revoke)
    }),
    limited(
        r("GET", "/api/v1/verify/{credential}", PublicRateLimited, "-", || get(issued::verify)),
        Limit::Status,
    ),
    r("GET", "/api/v1/revocations", Public, "-", || get(issued::revocations)),
    r("GET", "/.well-known/jwks.json", Public, "-", || get(issued::jwks)),
    r("GET", "/api/v1/audit", Person(&[Role::Auditor]), "audit.read", || get(audit::log)),
    // The page counts only lookups against the status limit (a visit without a credential looks
    // nothing up), so its handler applies the limit itself.
    r("GET", "/verify", PublicRateLimited, "-", || get(crate::pages::verify::page)),
    r("GET", "/api/openapi.json", Public, "-", || get(docs::openapi_json)),
    r("GET", "/api/docs", Public, "-", || get(docs::page)),
    r("GET", "/api/docs/{asset}", Public, "-", || get(docs::asset)),
];
