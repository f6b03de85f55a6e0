//! Administration: staff accounts and their disabling.

use super::errors::{parse_json, run};
use super::read_body;
use super::session::MAX_AUTH_BYTES;
use crate::problem::ApiError;
use crate::{AppState, Caller};
use axum::Json;
use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use std::sync::Arc;
use umis_core::accounts::users::{NewAccount, create_account, disable_account};
use umis_core::actor::Actor;

/// `POST /api/v1/admin/users`: an administrator creates an account of any role; staff get a
/// TOTP secret, shown once.
pub(crate) async fn create_user(
    State(state): State<Arc<AppState>>,
    caller: Caller<Actor>,
    body: Body,
) -> Result<Response, ApiError> {
    let actor = caller.who.clone();
    let req: NewAccount = parse_json(&read_body(body, MAX_AUTH_BYTES).await?)?;
    let st = state.clone();
    let created = run(move || create_account(&st.store, &st.clock, &st.totp_key, Some(&actor), &req)).await?;
    Ok((StatusCode::CREATED, Json(created)).into_response())
}

/// `POST /api/v1/admin/users/{id}/disable`: the account's sessions end at once.
pub(crate) async fn disable_user(
    State(state): State<Arc<AppState>>,
    caller: Caller<Actor>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let actor = caller.who.clone();
    let st = state.clone();
    run(move || disable_account(&st.store, &st.clock, &actor, &id)).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}
