//! `GET /api/v1/audit`: the audit trail's metadata, for auditors.

use super::errors::run;
use crate::problem::ApiError;
use crate::{AppState, Caller};
use axum::Json;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use std::sync::Arc;
use umis_core::actor::Actor;

/// Paging.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuditQuery {
    after: Option<i64>,
    limit: Option<i64>,
    action: Option<String>,
}

/// Audit records after `after`, oldest first (at most `limit`, 1–1000).
pub(crate) async fn log(
    State(state): State<Arc<AppState>>,
    caller: Caller<Actor>,
    query: Result<Query<AuditQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, ApiError> {
    let actor = caller.who.clone();
    let Query(q) = query.map_err(|e| ApiError::field("", e.body_text()))?;
    let st = state.clone();
    let rows = run(move || {
        umis_core::audit::audit_page(
            &st.store,
            &actor,
            q.after.unwrap_or(0),
            q.limit.unwrap_or(100),
            q.action.as_deref(),
        )
    })
    .await?;
    Ok(Json(rows).into_response())
}
