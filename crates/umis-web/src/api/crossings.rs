//! `POST /api/v1/crossings`: the border service's feed, a JSON array or JSON Lines, answered
//! with the same summary as `umis import`.

use super::read_body;
use crate::problem::ApiError;
use crate::{AppState, Caller, MAX_FEED_BYTES};
use axum::Json;
use axum::extract::State;
use serde::Serialize;
use std::sync::Arc;
use umis_core::TokenRow;
use umis_core::import::{Format, ImportError, ImportRequest, ImportSummary, RecordKind, Reject};

/// Most rejects listed in one answer (the counts are always complete).
const MAX_LISTED_REJECTS: usize = 1000;

/// The feed's answer.
#[derive(Serialize)]
pub struct FeedAnswer {
    #[serde(flatten)]
    summary: ImportSummary,
    rejects: Vec<Reject>,
}

/// Imports the body's crossings as the token's border feed.
pub(crate) async fn feed(
    State(state): State<Arc<AppState>>,
    caller: Caller<TokenRow>,
    request: axum::extract::Request,
) -> Result<Json<FeedAnswer>, ApiError> {
    let token = caller.who;
    let _slot = state.feed_slots.acquire().await.map_err(|e| ApiError::internal(&e))?;
    let body = read_body(request.into_body(), MAX_FEED_BYTES).await?;
    let st = state.clone();
    let answer = super::errors::run(move || {
        let actor = format!("token:{}", token.name);
        let source = format!("api:{}", token.name);
        let req = ImportRequest {
            kind: RecordKind::Crossings,
            format: Format::Jsonl,
            source: &source,
            actor: &actor,
            batch_rows: 5_000,
        };
        let mut rejects = Vec::new();
        let mut sink = |r: &Reject| {
            if rejects.len() < MAX_LISTED_REJECTS {
                rejects.push(r.clone());
            }
            Ok(())
        };
        let first = body.iter().find(|b| !b.is_ascii_whitespace());
        let result = if first == Some(&b'[') {
            umis_core::import::import_json_array(&st.store, &body, req, &mut sink)
        } else {
            umis_core::import::run_import(&st.store, &body[..], req, &mut sink, &mut |_, _| {})
        };
        match result {
            Ok(summary) => Ok(FeedAnswer { summary, rejects }),
            Err(ImportError::Unusable(u)) => Err(ApiError::field("", format!("body {u}"))),
            Err(other) => Err(ApiError::internal(&other)),
        }
    })
    .await?;
    Ok(Json(answer))
}
