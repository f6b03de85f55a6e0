//! Signed-in people: the session cookie and its CSRF token; and the audit of denials.
//!
//! A state-changing request made with a session cookie must carry the session's CSRF token in
//! `X-CSRF-Token`, and must not come from another site (`Origin`, `Sec-Fetch-Site`): the
//! cookie alone never changes anything. Every denial is audited (after the per-client
//! throttle, so a flood of bad requests cannot flood the log; the throttled ones are counted
//! in the next record).

use crate::AppState;
use crate::problem::ApiError;
use axum::http::{HeaderMap, header};
use serde_json::json;
use std::net::IpAddr;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use subtle::ConstantTimeEq;
use umis_core::AuditEntry;
use umis_core::accounts::session::SessionInfo;

/// The session cookie's name: `__Host-` binds it to this host, path `/`, secure transport.
pub const SESSION_COOKIE: &str = "__Host-umis_session";
/// The header that carries the CSRF token.
pub const CSRF_HEADER: &str = "x-csrf-token";

/// The session cookie's value, if sent.
pub(crate) fn session_secret(headers: &HeaderMap) -> Option<String> {
    cookie_values(headers, SESSION_COOKIE).next().map(str::to_owned)
}

/// Every value sent for the cookie `name`, in the order the request gives them.
pub(crate) fn cookie_values<'h>(headers: &'h HeaderMap, name: &'h str) -> impl Iterator<Item = &'h str> + 'h {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(move |kv| {
            let (k, v) = kv.trim().split_once('=')?;
            (k == name).then_some(v)
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
    // Any failure to read the session is a failure on our side (a 500), never a refusal.
    crate::api::errors::run(move || {
        umis_core::accounts::session::session(&st.store, &st.clock, &secret)
            .map_err(|e| ApiError::internal(&e))
    })
    .await
}

/// Audits a denial (throttled per client first).
pub(crate) async fn deny(
    state: &Arc<AppState>,
    client: Option<IpAddr>,
    actor: String,
    action: String,
    denial: &ApiError,
) -> Result<(), ApiError> {
    let reason = match denial {
        ApiError::Unauthenticated => "unauthenticated",
        ApiError::Forbidden => "role",
        ApiError::NotFound => "object",
        ApiError::Denied(_) => "not_permitted",
        _ => "other",
    };
    audit_denial(state, client, actor, action, json!({ "reason": reason })).await
}

/// Writes a denial's audit record with `detail`. Each record is a durable write, so a client
/// that keeps failing is throttled: a throttled denial is answered 429 without a record of its
/// own and counted, and the next record written carries the count (`unrecorded_before`), so
/// the trail says how many denials it summarises. A failed write is an error, never dropped.
pub(crate) async fn audit_denial(
    state: &Arc<AppState>,
    client: Option<IpAddr>,
    actor: String,
    action: String,
    mut detail: serde_json::Value,
) -> Result<(), ApiError> {
    if let Err(retry_after_secs) = state.denial_limiter.check(client) {
        state.unrecorded_denials.fetch_add(1, Ordering::Relaxed);
        return Err(ApiError::TooManyRequests { retry_after_secs });
    }
    let unrecorded = state.unrecorded_denials.swap(0, Ordering::Relaxed);
    if unrecorded > 0
        && let Some(d) = detail.as_object_mut()
    {
        d.insert("unrecorded_before".into(), json!(unrecorded));
    }
    let st = state.clone();
    let written = crate::api::errors::run(move || {
        let detail = detail.to_string();
        st.store.audit(&AuditEntry {
            actor: &actor,
            action: &action,
            object: "-",
            outcome: "denied",
            detail: &detail,
        })
    })
    .await;
    if written.is_err() {
        // Not recorded after all: the next record counts this one too.
        state.unrecorded_denials.fetch_add(unrecorded + 1, Ordering::Relaxed);
    }
    written
}
