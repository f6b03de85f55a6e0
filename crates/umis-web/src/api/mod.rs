//! The JSON API handlers, one module per resource.

pub mod admin;
pub mod audit;
pub mod calculator;
pub mod cases;
pub mod crossings;
pub mod docs;
pub(crate) mod errors;
pub mod findings;
pub mod issued;
pub mod public;
pub mod session;
pub mod travellers;

use crate::problem::ApiError;
use axum::Json;
use serde_json::{Value, json};

/// The TCP peer of a request, when the server recorded it (tests in-process have none).
pub(crate) type Peer = Option<axum::Extension<axum::extract::ConnectInfo<std::net::SocketAddr>>>;

/// The client address a request is counted against; never a forwarded header.
pub(crate) fn client_ip(peer: Peer) -> Option<std::net::IpAddr> {
    peer.map(|axum::Extension(axum::extract::ConnectInfo(addr))| addr.ip())
}

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

/// Reads a request body of at most `max` bytes. Handlers call it only after the caller is
/// authorised (or admitted by the rate limit), so an anonymous client cannot make the server
/// buffer large bodies.
pub(crate) async fn read_body(body: axum::body::Body, max: usize) -> Result<axum::body::Bytes, ApiError> {
    axum::body::to_bytes(body, max).await.map_err(|e| {
        // The limit's error may sit anywhere in the chain of causes; look for its type.
        let too_large = std::iter::successors(std::error::Error::source(&e), |s| s.source())
            .any(|s| s.is::<http_body_util::LengthLimitError>());
        if too_large {
            ApiError::TooLarge(max)
        } else {
            ApiError::field("", "the request body could not be read")
        }
    })
}

/// `GET /api/v1/health`: the server answers.
pub async fn health() -> Json<Value> {
    Json(json!({"status": "ok"}))
}

/// Any path the API does not have.
pub async fn not_found() -> ApiError {
    ApiError::NotFound
}
