//! Access rules and their enforcement: bearer tokens checked against the store by hash; a
//! denial is audited and changes nothing.

use crate::AppState;
use crate::problem::ApiError;
use axum::http::{HeaderMap, header};
use std::sync::Arc;
use umis_store::{AuditEntry, TokenRow};

/// Who may call an endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Anyone.
    Public,
    /// Anyone, within a per-client rate limit.
    PublicRateLimited,
    /// A live API token with this role.
    Token(&'static str),
    /// A signed-in person (second factor done) holding one of these roles.
    Person(&'static [umis_domain::Role]),
    /// Anyone with a live session, even one still waiting for its second factor.
    SignedIn,
}

/// The token presented with a request, if it is live and carries `role`; audits denials.
pub(crate) async fn require_role(
    state: &Arc<AppState>,
    headers: &HeaderMap,
    client: Option<std::net::IpAddr>,
    role: &'static str,
    action: &'static str,
) -> Result<TokenRow, ApiError> {
    let presented = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .map(str::to_owned);
    let st = state.clone();
    let found = crate::api::blocking(move || match presented {
        None => Ok(None),
        Some(p) => umis_core::tokens::authenticate(&st.store, &p),
    })
    .await?;
    let (actor, denial) = match &found {
        None => ("anonymous".to_owned(), ApiError::Unauthenticated),
        Some(t) if t.role != role => (format!("token:{}", t.name), ApiError::Forbidden),
        Some(t) => return Ok(t.clone()),
    };
    // Each audited denial is a durable write: a client that keeps failing is throttled, and a
    // throttled attempt is answered without touching the database.
    state
        .denial_limiter
        .check(client)
        .map_err(|retry_after_secs| ApiError::TooManyRequests { retry_after_secs })?;
    let st = state.clone();
    crate::api::blocking(move || {
        let detail = format!(r#"{{"required_role":"{role}"}}"#);
        st.store.audit(&AuditEntry { actor: &actor, action, object: "-", outcome: "denied", detail: &detail })
    })
    .await?;
    Err(denial)
}
