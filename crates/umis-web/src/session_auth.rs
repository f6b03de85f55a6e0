//! Signed-in people: the session cookie, its CSRF token and the role rules of each endpoint.
//!
//! A state-changing request made with a session cookie must carry the session's CSRF token in
//! `X-CSRF-Token`, and must not come from another site (`Origin`, `Sec-Fetch-Site`): the
//! cookie alone never changes anything. Every denial is audited (after the per-client
//! throttle, so a flood of bad requests cannot flood the log).

use crate::AppState;
use crate::problem::ApiError;
use axum::http::{HeaderMap, Method, header};
use std::sync::Arc;
use subtle::ConstantTimeEq;
use umis_core::accounts::session::SessionInfo;
use umis_core::actor::Actor;
use umis_domain::Role;
use umis_store::AuditEntry;

/// The session cookie's name: `__Host-` binds it to this host, path `/`, secure transport.
pub const SESSION_COOKIE: &str = "__Host-umis_session";
/// The header that carries the CSRF token.
pub const CSRF_HEADER: &str = "x-csrf-token";

/// Every human role.
pub const ANY_PERSON: &[Role] = &[
    Role::Applicant,
    Role::Host,
    Role::Employer,
    Role::Operator,
    Role::Officer,
    Role::Supervisor,
    Role::RefugeeOfficer,
    Role::BorderOfficer,
    Role::Auditor,
    Role::Admin,
];
/// Roles that file applications.
pub const FILERS: &[Role] = &[Role::Applicant, Role::Host, Role::Employer, Role::Operator];
/// Roles that examine and decide applications.
pub const DECIDERS: &[Role] = &[Role::Officer, Role::Supervisor, Role::RefugeeOfficer];
/// Roles that file or decide.
pub const CASE_PARTIES: &[Role] = &[
    Role::Applicant,
    Role::Host,
    Role::Employer,
    Role::Operator,
    Role::Officer,
    Role::Supervisor,
    Role::RefugeeOfficer,
];

/// The session cookie's value, if sent.
pub(crate) fn session_secret(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|kv| {
            let (k, v) = kv.trim().split_once('=')?;
            (k == SESSION_COOKIE).then(|| v.to_owned())
        })
}

/// The `Set-Cookie` value for a new session (no `Max-Age`: it ends with the browser, and the
/// server ends it sooner by its own timeouts).
pub(crate) fn session_cookie(secret: &str) -> String {
    format!("{SESSION_COOKIE}={secret}; Path=/; Secure; HttpOnly; SameSite=Strict")
}

/// The `Set-Cookie` value that removes the session cookie.
pub(crate) fn clear_cookie() -> String {
    format!("{SESSION_COOKIE}=; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=0")
}

/// Whether a request comes from this site (browsers say so in `Sec-Fetch-Site` and `Origin`).
pub(crate) fn same_site(headers: &HeaderMap) -> bool {
    let fetch_site_ok = headers
        .get("sec-fetch-site")
        .and_then(|v| v.to_str().ok())
        .is_none_or(|v| matches!(v, "same-origin" | "none"));
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok()).unwrap_or_default();
    let origin_ok = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()).is_none_or(|o| {
        let authority = o.strip_prefix("https://").or_else(|| o.strip_prefix("http://")).unwrap_or("\u{0}");
        !host.is_empty() && authority == host
    });
    fetch_site_ok && origin_ok
}

pub(crate) fn csrf_ok(headers: &HeaderMap, expected: &str) -> bool {
    let given = headers.get(CSRF_HEADER).map(|v| v.as_bytes()).unwrap_or_default();
    !expected.is_empty() && bool::from(given.ct_eq(expected.as_bytes()))
}

/// The live session of a request, if any (no checks beyond the cookie).
pub(crate) async fn current_session(
    state: &Arc<AppState>,
    headers: &HeaderMap,
) -> Result<Option<SessionInfo>, ApiError> {
    let Some(secret) = session_secret(headers) else { return Ok(None) };
    let st = state.clone();
    crate::api::blocking(move || umis_core::accounts::session::session(&st.store, &st.clock, &secret)).await
}

/// The signed-in person making the request, if their role is one of `roles`, their second
/// factor is done and (for changes) the request carries the CSRF token from this site.
pub(crate) async fn require_person(
    state: &Arc<AppState>,
    headers: &HeaderMap,
    method: &Method,
    client: Option<std::net::IpAddr>,
    roles: &[Role],
    action: &str,
) -> Result<Actor, ApiError> {
    let session = current_session(state, headers).await?;
    let changes = !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS);
    let (actor, denial) = match &session {
        None => ("anonymous".to_owned(), ApiError::Unauthenticated),
        Some(s) if !s.complete => (s.actor.audit_name(), ApiError::Unauthenticated),
        Some(s) if !roles.contains(&s.actor.role) => (s.actor.audit_name(), ApiError::Forbidden),
        Some(s) if changes && !(same_site(headers) && csrf_ok(headers, &s.csrf_token)) => (
            s.actor.audit_name(),
            ApiError::Denied("missing or wrong CSRF token, or a cross-site request".into()),
        ),
        Some(s) => return Ok(s.actor.clone()),
    };
    deny(state, client, actor, action.to_owned(), &denial).await?;
    Err(denial)
}

/// Audits a denial (throttled per client first).
pub(crate) async fn deny(
    state: &Arc<AppState>,
    client: Option<std::net::IpAddr>,
    actor: String,
    action: String,
    denial: &ApiError,
) -> Result<(), ApiError> {
    state
        .denial_limiter
        .check(client)
        .map_err(|retry_after_secs| ApiError::TooManyRequests { retry_after_secs })?;
    let reason = match denial {
        ApiError::Unauthenticated => "unauthenticated",
        ApiError::Forbidden => "role",
        ApiError::NotFound => "object",
        ApiError::Denied(_) => "not_permitted",
        _ => "other",
    };
    let st = state.clone();
    crate::api::blocking(move || {
        let detail = format!(r#"{{"reason":"{reason}"}}"#);
        st.store.audit(&AuditEntry {
            actor: &actor,
            action: &action,
            object: "-",
            outcome: "denied",
            detail: &detail,
        })
    })
    .await
}

/// Audits an object-level refusal (no such object for this caller, or not permitted on it)
/// and passes the result on unchanged.
pub(crate) async fn audited<T>(
    state: &Arc<AppState>,
    client: Option<std::net::IpAddr>,
    actor_name: String,
    action: &str,
    result: Result<T, ApiError>,
) -> Result<T, ApiError> {
    if let Err(e @ (ApiError::NotFound | ApiError::Denied(_))) = &result {
        deny(state, client, actor_name, action.to_owned(), e).await?;
    }
    result
}
