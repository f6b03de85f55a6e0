//! The JSON API handlers, one module per resource.

pub mod calculator;
pub mod crossings;
pub mod findings;
pub mod travellers;

use crate::problem::ApiError;
use axum::Json;
use axum::extract::rejection::BytesRejection;
use serde_json::{Value, json};

/// Runs synchronous store work off the async threads; store failures become a logged 500.
pub(crate) async fn blocking<T: Send + 'static, E: std::fmt::Display + Send + 'static>(
    f: impl FnOnce() -> Result<T, E> + Send + 'static,
) -> Result<T, ApiError> {
    match tokio::task::spawn_blocking(f).await {
        Ok(Ok(v)) => Ok(v),
        Ok(Err(e)) => Err(ApiError::internal(&e)),
        Err(join) => Err(ApiError::internal(&join)),
    }
}

/// Maps a body that could not be read (over the cap, broken stream) to a problem.
pub(crate) fn body_problem(rejection: BytesRejection, max: usize) -> ApiError {
    if rejection.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
        ApiError::TooLarge(max)
    } else {
        ApiError::field("", "the request body could not be read")
    }
}

/// `GET /api/v1/health`: the server answers.
pub async fn health() -> Json<Value> {
    Json(json!({"status": "ok"}))
}

/// Any path the API does not have.
pub async fn not_found() -> ApiError {
    ApiError::NotFound
}
