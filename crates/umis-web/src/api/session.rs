//! Accounts and sessions: sign up, sign in (password, then TOTP for staff), who am I, change
//! password, sign out.

use super::errors::{parse_json, run};
use super::{Peer, client_ip, read_body};
use crate::AppState;
use crate::problem::ApiError;
use crate::session_auth::{self, ANY_PERSON, clear_cookie, current_session, require_person, session_cookie};
use axum::Json;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::json;
use std::sync::Arc;
use umis_core::accounts::session::{self, NewSession};
use umis_core::accounts::users::{NewAccount, create_account};

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

fn limited(state: &AppState, peer: Peer) -> Result<(), ApiError> {
    state
        .signin_limiter
        .check(client_ip(peer))
        .map_err(|retry_after_secs| ApiError::TooManyRequests { retry_after_secs })
}

/// `POST /api/v1/accounts`: anyone creates an applicant, host or employer account.
pub async fn sign_up(
    State(state): State<Arc<AppState>>,
    peer: Peer,
    body: Body,
) -> Result<Response, ApiError> {
    limited(&state, peer)?;
    let req: NewAccount = parse_json(&read_body(body, MAX_AUTH_BYTES).await?)?;
    let st = state.clone();
    let created = run(move || create_account(&st.store, &st.clock, None, &req)).await?;
    Ok((StatusCode::CREATED, Json(created)).into_response())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SignIn {
    username: String,
    password: String,
}

/// `POST /api/v1/session`: signs in with a user name and password; a new session cookie.
pub async fn sign_in(
    State(state): State<Arc<AppState>>,
    peer: Peer,
    body: Body,
) -> Result<Response, ApiError> {
    limited(&state, peer)?;
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

/// `POST /api/v1/session/totp`: the second factor of a half-signed-in session.
pub async fn second_factor(
    State(state): State<Arc<AppState>>,
    peer: Peer,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    limited(&state, peer)?;
    let Some(secret) = session_auth::session_secret(&headers) else {
        session_auth::deny(
            &state,
            client_ip(peer),
            "anonymous".into(),
            "session.second_factor".into(),
            &ApiError::Unauthenticated,
        )
        .await?;
        return Err(ApiError::Unauthenticated);
    };
    // The code is sent with the session's CSRF token from this site, like every change.
    if let Some(s) = current_session(&state, &headers).await?
        && !(session_auth::same_site(&headers) && session_auth::csrf_ok(&headers, &s.csrf_token))
    {
        let denial = ApiError::Denied("missing or wrong CSRF token, or a cross-site request".into());
        session_auth::deny(
            &state,
            client_ip(peer),
            s.actor.audit_name(),
            "session.second_factor".into(),
            &denial,
        )
        .await?;
        return Err(denial);
    }
    let req: Code = parse_json(&read_body(body, MAX_AUTH_BYTES).await?)?;
    let st = state.clone();
    let s =
        run(move || session::second_factor(&st.store, &st.clock, &st.throttle, &secret, &req.code)).await?;
    Ok(with_session(StatusCode::OK, &s))
}

/// `GET /api/v1/session`: who is signed in.
pub async fn me(
    State(state): State<Arc<AppState>>,
    peer: Peer,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let Some(s) = current_session(&state, &headers).await? else {
        session_auth::deny(
            &state,
            client_ip(peer),
            "anonymous".into(),
            "session.read".into(),
            &ApiError::Unauthenticated,
        )
        .await?;
        return Err(ApiError::Unauthenticated);
    };
    Ok(Json(json!({
        "id": s.actor.id,
        "role": s.actor.role,
        "office": s.actor.office,
        "display_name": s.display_name,
        "lang": s.lang,
        "csrf_token": s.csrf_token,
        "second_factor_required": !s.complete,
    }))
    .into_response())
}

/// `DELETE /api/v1/session`: signs out (the session ends on the server). A session still
/// waiting for its second factor may sign out too.
pub async fn sign_out(
    State(state): State<Arc<AppState>>,
    peer: Peer,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let session = current_session(&state, &headers).await?;
    let refusal = match &session {
        None => Some(("anonymous".to_owned(), ApiError::Unauthenticated)),
        Some(s) if !(session_auth::same_site(&headers) && session_auth::csrf_ok(&headers, &s.csrf_token)) => {
            Some((
                s.actor.audit_name(),
                ApiError::Denied("missing or wrong CSRF token, or a cross-site request".into()),
            ))
        }
        Some(_) => None,
    };
    if let Some((who, denial)) = refusal {
        session_auth::deny(&state, client_ip(peer), who, "session.sign_out".into(), &denial).await?;
        return Err(denial);
    }
    if let Some(secret) = session_auth::session_secret(&headers) {
        let st = state.clone();
        run(move || session::sign_out(&st.store, &secret)).await?;
    }
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
pub async fn change_password(
    State(state): State<Arc<AppState>>,
    peer: Peer,
    method: Method,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    let actor =
        require_person(&state, &headers, &method, client_ip(peer), ANY_PERSON, "account.password_change")
            .await?;
    // The current password is checked with Argon2 as at sign-in: without the same per-client
    // limit a stolen session could guess it, and burn the server's time, at full speed.
    limited(&state, peer)?;
    let req: PasswordChange = parse_json(&read_body(body, MAX_AUTH_BYTES).await?)?;
    let st = state.clone();
    let s = run(move || {
        session::change_password(&st.store, &st.clock, &actor, &req.current_password, &req.new_password)
    })
    .await?;
    Ok(with_session(StatusCode::OK, &s))
}
