//! Access rules and their enforcement. Each route of [`crate::ROUTES`] is wrapped in
//! [`enforce`], built from its row: the caller is identified (a bearer token checked against
//! the store by hash, or the session cookie with its CSRF token), the row's rule and per-client
//! limit are applied, and only then does the handler run — with the checked caller as a
//! [`Caller`] it extracts, so no handler restates a rule or reads a body before the check. A
//! denial is audited and changes nothing.

use crate::AppState;
use crate::problem::ApiError;
use crate::routes::RouteRule;
use crate::session_auth::{self, csrf_ok, current_session, same_site, session_secret};
use axum::extract::{FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::net::IpAddr;
use std::sync::Arc;
use umis_core::TokenRow;
use umis_core::accounts::session::SessionInfo;
use umis_core::actor::Actor;

/// Who may call an endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Anyone.
    Public,
    /// Anyone, within a per-client rate limit.
    PublicRateLimited,
    /// A live API token with this role.
    Token(umis_domain::Role),
    /// A signed-in person (second factor done) holding one of these roles.
    Person(&'static [umis_domain::Role]),
    /// Anyone with a live session, even one still waiting for its second factor.
    SignedIn,
}

/// A live session and the secret its cookie carries (signing out and the second factor need it).
#[derive(Debug, Clone)]
pub struct SignedInSession {
    /// The session.
    pub info: SessionInfo,
    /// The cookie's secret.
    pub secret: String,
}

/// The caller of a route as its layer checked it: an [`Actor`] on `Person` routes, a
/// [`SignedInSession`] on `SignedIn` routes, a [`TokenRow`] on `Token` routes. Extracting the
/// wrong kind (or one on a route without the layer) is a wiring error: a logged 500.
#[derive(Debug, Clone)]
pub struct Caller<I> {
    /// The checked identity.
    pub who: I,
    /// The action the route's refusals are audited under.
    action: &'static str,
    /// The client's address (for the denial throttle).
    client: Option<IpAddr>,
}

impl<S: Send + Sync, I: Clone + Send + Sync + 'static> FromRequestParts<S> for Caller<I> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Caller<I>, ApiError> {
        parts.extensions.get::<Caller<I>>().cloned().ok_or_else(|| {
            ApiError::internal(&format!(
                "{} {}: no checked caller of this kind",
                parts.method,
                parts.uri.path()
            ))
        })
    }
}

impl Caller<Actor> {
    /// Audits an object-level refusal by the core (no such object for this caller, or not
    /// permitted on it) under the route's action, and passes the result on unchanged.
    pub(crate) async fn audited<T>(
        &self,
        state: &Arc<AppState>,
        result: Result<T, ApiError>,
    ) -> Result<T, ApiError> {
        if let Err(e @ (ApiError::NotFound | ApiError::Denied(_))) = &result {
            session_auth::deny(state, self.client, self.who.audit_name(), self.action.to_owned(), e).await?;
        }
        result
    }

    /// Runs a core use case for this caller on the blocking pool, with the server's state and
    /// the caller as the core's actor, and audits an object-level refusal: what every API
    /// handler over a case or a document does around its one core call.
    pub(crate) async fn run_core<T, E>(
        &self,
        state: &Arc<AppState>,
        f: impl FnOnce(&AppState, &Actor) -> Result<T, E> + Send + 'static,
    ) -> Result<T, ApiError>
    where
        T: Send + 'static,
        E: Into<ApiError> + Send + 'static,
    {
        let (st, actor) = (state.clone(), self.who.clone());
        self.audited(state, crate::api::errors::run(move || f(&st, &actor)).await).await
    }
}

/// The layer in front of every API route: checks `rule` for the request, then runs the handler.
pub(crate) async fn enforce(
    State((state, rule)): State<(Arc<AppState>, &'static RouteRule)>,
    mut request: Request,
    next: Next,
) -> Response {
    match admit(&state, rule, &mut request).await {
        Ok(()) => next.run(request).await,
        Err(e) => e.into_response(),
    }
}

async fn admit(
    state: &Arc<AppState>,
    rule: &'static RouteRule,
    request: &mut Request,
) -> Result<(), ApiError> {
    let client = request
        .extensions()
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .map(|axum::extract::ConnectInfo(a)| a.ip());
    let (headers, method, action) = (request.headers().clone(), request.method().clone(), rule.action);
    let ext = request.extensions_mut();
    // The checked caller goes on the request for the handler's `Caller` extractor.
    match rule.access {
        Access::Public | Access::PublicRateLimited => {}
        Access::Token(role) => {
            let who = require_token(state, &headers, client, role, action).await?;
            ext.insert(Caller { who, action, client });
        }
        Access::SignedIn => {
            let who = require_session(state, &headers, &method, client, action).await?;
            ext.insert(Caller { who, action, client });
        }
        Access::Person(roles) => {
            let who = require_person(state, &headers, &method, client, roles, action).await?;
            ext.insert(Caller { who, action, client });
        }
    }
    match rule.limit {
        Some(limit) => limit
            .limiter(state)
            .check(client)
            .map_err(|retry_after_secs| ApiError::TooManyRequests { retry_after_secs }),
        None => Ok(()),
    }
}

/// The token presented with a request, if it is live and carries `role`; audits denials.
async fn require_token(
    state: &Arc<AppState>,
    headers: &HeaderMap,
    client: Option<IpAddr>,
    role: umis_domain::Role,
    action: &'static str,
) -> Result<TokenRow, ApiError> {
    let presented = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .map(str::to_owned);
    let st = state.clone();
    let found = crate::api::errors::run(move || match presented {
        None => Ok(None),
        Some(p) => umis_core::tokens::authenticate(&st.store, &p),
    })
    .await?;
    let (actor, denial) = match &found {
        None => ("anonymous".to_owned(), ApiError::Unauthenticated),
        Some(t) if t.role != role => (format!("token:{}", t.name), ApiError::Forbidden),
        Some(t) => return Ok(t.clone()),
    };
    let detail = serde_json::json!({ "required_role": role.as_str() });
    session_auth::audit_denial(state, client, actor, action.to_owned(), detail).await?;
    Err(denial)
}

/// Whether a request with `method` changes something (and so needs the CSRF token).
fn changes(method: &Method) -> bool {
    !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

const CSRF_REFUSAL: &str = "missing or wrong CSRF token, or a cross-site request";

/// The live session of the request (maybe still waiting for its second factor), which for
/// changes carries the CSRF token from this site; audits denials.
async fn require_session(
    state: &Arc<AppState>,
    headers: &HeaderMap,
    method: &Method,
    client: Option<IpAddr>,
    action: &'static str,
) -> Result<SignedInSession, ApiError> {
    let session = current_session(state, headers).await?;
    let (actor, denial) = match (session, session_secret(headers)) {
        (Some(s), _) if changes(method) && !(same_site(headers) && csrf_ok(headers, &s.csrf_token)) => {
            (s.actor.audit_name(), ApiError::Denied(CSRF_REFUSAL.into()))
        }
        (Some(info), Some(secret)) => return Ok(SignedInSession { info, secret }),
        _ => ("anonymous".to_owned(), ApiError::Unauthenticated),
    };
    session_auth::deny(state, client, actor, action.to_owned(), &denial).await?;
    Err(denial)
}

/// The signed-in person making the request, if their role is one of `roles`, their second
/// factor is done and (for changes) the request carries the CSRF token from this site.
async fn require_person(
    state: &Arc<AppState>,
    headers: &HeaderMap,
    method: &Method,
    client: Option<IpAddr>,
    roles: &[umis_domain::Role],
    action: &'static str,
) -> Result<Actor, ApiError> {
    let session = current_session(state, headers).await?;
    let (actor, denial) = match &session {
        None => ("anonymous".to_owned(), ApiError::Unauthenticated),
        Some(s) if !s.complete => (s.actor.audit_name(), ApiError::Unauthenticated),
        Some(s) if !roles.contains(&s.actor.role) => (s.actor.audit_name(), ApiError::Forbidden),
        Some(s) if changes(method) && !(same_site(headers) && csrf_ok(headers, &s.csrf_token)) => {
            (s.actor.audit_name(), ApiError::Denied(CSRF_REFUSAL.into()))
        }
        Some(s) => return Ok(s.actor.clone()),
    };
    session_auth::deny(state, client, actor, action.to_owned(), &denial).await?;
    Err(denial)
}
