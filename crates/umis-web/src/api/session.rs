//! Accounts and sessions: sign up, sign in (password, then TOTP for staff), who am I, change
//! password, sign out.

use super::errors::{parse_json, run};
use super::read_body;
use crate::problem::ApiError;
use crate::session_auth::{clear_cookie, session_cookie};
use crate::{AppState, Caller, SignedInSession};
use axum::Json;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::json;
use std::sync::Arc;
use umis_core::accounts::session::{self, NewSession};
use umis_core::accounts::users::{NewAccount, create_account};
use umis_core::actor::Actor;

/// Largest account or session request.
pub const MAX_AUTH_BYTES: usize = 16 * 1024;

fn with_session(status: StatusCode, s: &NewSession) -> Response {
    let body =
        Json(json!({ "csrf_token": s.csrf_token, "second_factor_required": s.second_factor_required }));
    let mut r = (status, body).into_response();
    if let Ok(v) = HeaderValue::from_str(&session_cookie(&s.secret)) {
        r.headers_mut().insert(header::SET_COOKIE, v);
    }
    r
}

/// `POST /api/v1/accounts`: anyone creates an applicant, host or employer account.
pub(crate) async fn sign_up(State(state): State<Arc<AppState>>, body: Body) -> Result<Response, ApiError> {
    let req: NewAccount = parse_json(&read_body(body, MAX_AUTH_BYTES).await?)?;
    let st = state.clone();
    let created = run(move || create_account(&st.store, &st.clock, &st.totp_key, None, &req)).await?;
    Ok((StatusCode::CREATED, Json(created)).into_response())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SignIn {
    username: String,
    password: String,
}

/// `POST /api/v1/session`: signs in with a user name and password; a new session cookie.
pub(crate) async fn sign_in(State(state): State<Arc<AppState>>, body: Body) -> Result<Response, ApiError> {
    let req: SignIn = parse_json(&read_body(body, MAX_AUTH_BYTES).await?)?;
    let st = state.clone();
    let s = run(move || session::sign_in(&st.store, &st.clock, &st.throttle, &req.username, &req.password))
        .await?;
    Ok(with_session(StatusCode::OK, &s))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Code {
    code: String,
}

/// `POST /api/v1/session/totp`: the second factor of a half-signed-in session (sent, like every
/// change, with the session's CSRF token from this site).
pub(crate) async fn second_factor(
    State(state): State<Arc<AppState>>,
    caller: Caller<SignedInSession>,
    body: Body,
) -> Result<Response, ApiError> {
    let req: Code = parse_json(&read_body(body, MAX_AUTH_BYTES).await?)?;
    let (st, secret) = (state.clone(), caller.who.secret);
    let s = run(move || {
        session::second_factor(&st.store, &st.clock, &st.throttle, &st.totp_key, &secret, &req.code)
    })
    .await?;
    Ok(with_session(StatusCode::OK, &s))
}

/// `GET /api/v1/session`: who is signed in.
pub(crate) async fn me(caller: Caller<SignedInSession>) -> Response {
    let s = caller.who.info;
    Json(json!({
        "id": s.actor.id,
        "role": s.actor.role,
        "office": s.actor.office,
        "display_name": s.display_name,
        "lang": s.lang,
        "csrf_token": s.csrf_token,
        "second_factor_required": !s.complete,
    }))
    .into_response()
}

/// `DELETE /api/v1/session`: signs out (the session ends on the server). A session still
/// waiting for its second factor may sign out too.
pub(crate) async fn sign_out(
    State(state): State<Arc<AppState>>,
    caller: Caller<SignedInSession>,
) -> Result<Response, ApiError> {
    let (st, secret) = (state.clone(), caller.who.secret);
    run(move || session::sign_out(&st.store, &secret)).await?;
    let mut r = StatusCode::NO_CONTENT.into_response();
    if let Ok(v) = HeaderValue::from_str(&clear_cookie()) {
        r.headers_mut().insert(header::SET_COOKIE, v);
    }
    Ok(r)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PasswordChange {
    current_password: String,
    new_password: String,
}

/// `POST /api/v1/session/password`: changes the password; every other session ends.
pub(crate) async fn change_password(
    State(state): State<Arc<AppState>>,
    caller: Caller<Actor>,
    body: Body,
) -> Result<Response, ApiError> {
    let actor = caller.who;
    let req: PasswordChange = parse_json(&read_body(body, MAX_AUTH_BYTES).await?)?;
    let st = state.clone();
    let s = run(move || {
        session::change_password(&st.store, &st.clock, &actor, &req.current_password, &req.new_password)
    })
    .await?;
    Ok(with_session(StatusCode::OK, &s))
}
