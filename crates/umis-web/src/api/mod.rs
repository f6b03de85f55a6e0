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

/// Reads a request body of at most `max` bytes. Handlers run only after their route's layer
/// admitted the caller (and counted them against the route's limit), so an anonymous client
/// cannot make the server buffer large bodies.
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
pub(crate) async fn health() -> Json<Value> {
    Json(json!({"status": "ok"}))
}
