//! Public, no sign-in: the catalogue of e-services and the application status lookup.

use super::errors::{parse_json, run};
use super::read_body;
use crate::AppState;
use crate::problem::ApiError;
use axum::Json;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::json;
use std::sync::Arc;
use umis_rules::Lang;

/// `GET /api/v1/services`: every e-service with its form, documents, fees and deadlines.
pub(crate) async fn services(State(st): State<Arc<AppState>>, headers: HeaderMap) -> Response {
    let lang =
        Lang::parse(headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()).unwrap_or("az"));
    Json(umis_core::cases::services_overview(st.packs.catalogue(), lang)).into_response()
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StatusRequest {
    receipt: String,
    birth_date: String,
    #[serde(default)]
    lang: Option<String>,
}

/// `POST /api/v1/status`: the status of an application from its receipt number and the
/// holder's date of birth (in the body, never in a URL).
pub(crate) async fn status(State(state): State<Arc<AppState>>, body: Body) -> Result<Response, ApiError> {
    let req: StatusRequest = parse_json(&read_body(body, 4096).await?)?;
    let lang = Lang::parse(req.lang.as_deref().unwrap_or("az"));
    let st = state.clone();
    let (receipt, birth) = (req.receipt, req.birth_date);
    let found = run(move || umis_core::cases::public_status(&st.store, &receipt, &birth, lang)).await?;
    Ok(match found {
        Some(s) => Json(s).into_response(),
        None => (
            axum::http::StatusCode::NOT_FOUND,
            Json(json!({ "status": "not_found", "message": umis_core::cases::not_found_message(lang) })),
        )
            .into_response(),
    })
}
