//! `GET /api/v1/findings`: the officers' review queue, a page at a time.

use super::errors::run;
use crate::problem::ApiError;
use crate::{AppState, Caller};
use axum::Json;
use axum::extract::{Query, State};
use serde::Deserialize;
use std::sync::Arc;
use umis_core::TokenRow;
use umis_core::review::{MAX_PAGE, ReviewPage, review_queue};

/// Query parameters: `status` (`open`, `resolved`, `any`; default open), `after`, `limit`.
#[derive(Deserialize)]
pub struct QueueQuery {
    status: Option<String>,
    after: Option<String>,
    limit: Option<u32>,
}

/// A page of review items.
pub(crate) async fn queue(
    State(state): State<Arc<AppState>>,
    caller: Caller<TokenRow>,
    query: Result<Query<QueueQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<ReviewPage>, ApiError> {
    let token = caller.who;
    let Query(q) =
        query.map_err(|_| ApiError::field("", "query string is malformed (limit must be a number)"))?;
    let status = match q.status.as_deref().unwrap_or("open") {
        "open" => Some("open"),
        "resolved" => Some("resolved"),
        "any" => None,
        _ => return Err(ApiError::field("status", "must be open, resolved or any")),
    };
    let limit = q.limit.unwrap_or(100);
    if !(1..=MAX_PAGE).contains(&limit) {
        return Err(ApiError::field("limit", format!("must be 1-{MAX_PAGE}")));
    }
    if q.after.as_ref().is_some_and(|a| a.len() > 200) {
        return Err(ApiError::field("after", "is not a key of this queue"));
    }
    let st = state.clone();
    let page = run(move || {
        review_queue(&st.store, status, q.after.as_deref(), limit, &format!("token:{}", token.name))
    })
    .await?;
    Ok(Json(page))
}
