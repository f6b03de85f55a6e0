//! `GET /api/v1/audit`: the audit trail's metadata, for auditors.

use super::errors::run;
use super::{Peer, client_ip};
use crate::AppState;
use crate::problem::ApiError;
use crate::session_auth::require_person;
use axum::Json;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, Method};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use std::sync::Arc;
use umis_domain::Role;

/// Paging.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuditQuery {
    after: Option<i64>,
    limit: Option<i64>,
    action: Option<String>,
}

/// Audit records after `after`, oldest first (at most `limit`, 1–1000).
pub async fn log(
    State(state): State<Arc<AppState>>,
    peer: Peer,
    method: Method,
    headers: HeaderMap,
    query: Result<Query<AuditQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, ApiError> {
    let actor =
        require_person(&state, &headers, &method, client_ip(peer), &[Role::Auditor], "audit.read").await?;
    let Query(q) = query.map_err(|e| ApiError::field("", e.body_text()))?;
    let st = state.clone();
    let rows = run(move || -> Result<_, ApiError> {
        umis_core::audit::audit_page(
            &st.store,
            &actor,
            q.after.unwrap_or(0),
            q.limit.unwrap_or(100),
            q.action.as_deref(),
        )
        .map_err(|e| ApiError::internal(&e))
    })
    .await?;
    Ok(Json(rows).into_response())
}
