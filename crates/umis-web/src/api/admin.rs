//! Administration: staff accounts and their disabling.

use super::errors::{parse_json, run};
use super::session::MAX_AUTH_BYTES;
use super::{Peer, client_ip, read_body};
use crate::AppState;
use crate::problem::ApiError;
use crate::session_auth::require_person;
use axum::Json;
use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use std::sync::Arc;
use umis_core::accounts::users::{NewAccount, create_account, disable_account};
use umis_domain::Role;

/// `POST /api/v1/admin/users`: an administrator creates an account of any role; staff get a
/// TOTP secret, shown once.
pub async fn create_user(
    State(state): State<Arc<AppState>>,
    peer: Peer,
    method: Method,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    let actor =
        require_person(&state, &headers, &method, client_ip(peer), &[Role::Admin], "account.create").await?;
    let req: NewAccount = parse_json(&read_body(body, MAX_AUTH_BYTES).await?)?;
    let st = state.clone();
    let created = run(move || create_account(&st.store, &st.clock, Some(&actor), &req)).await?;
    Ok((StatusCode::CREATED, Json(created)).into_response())
}

/// `POST /api/v1/admin/users/{id}/disable`: the account's sessions end at once.
pub async fn disable_user(
    State(state): State<Arc<AppState>>,
    peer: Peer,
    method: Method,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let actor =
        require_person(&state, &headers, &method, client_ip(peer), &[Role::Admin], "account.disable").await?;
    let st = state.clone();
    run(move || disable_account(&st.store, &st.clock, &actor, &id)).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}
