//! `POST /api/v1/stay-calculator`: the public stay calculator, rate-limited per client (by its
//! route's layer).

use super::read_body;
use crate::problem::ApiError;
use crate::{AppState, MAX_CALC_BYTES};
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, header};
use std::sync::Arc;
use umis_rules::{CalcResponse, Lang};

/// Answers one calculator request; malformed requests get a 422 naming the field.
pub(crate) async fn calculate(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    request: axum::extract::Request,
) -> Result<Json<CalcResponse>, ApiError> {
    let body = read_body(request.into_body(), MAX_CALC_BYTES).await?;
    let lang =
        Lang::parse(headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()).unwrap_or("en"));
    umis_core::calc::stay_calc(&state.packs, &body, lang)
        .map(Json)
        .map_err(|p| ApiError::field(p.field, p.problem))
}
