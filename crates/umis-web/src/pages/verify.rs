//! `GET /verify?credential=…`: the public verification page. Paste the text of a document's QR
//! code, scan it with the camera, or follow the link a scanner opens, and see whether it is
//! genuine, in force and not revoked, and what it says — in Azerbaijani, English or Russian.
//!
//! The route belongs to the API's table (its status codes are the API's: 422 for a malformed
//! query, 429 when rate-limited); the page itself is drawn in the portal's frame, for the
//! visitor this handler works out the way the portal's guard does.

use crate::AppState;
use crate::portal::i18n;
use crate::problem::ApiError;
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use std::sync::Arc;

/// The page's query.
#[derive(Deserialize)]
pub struct VerifyQuery {
    credential: Option<String>,
    lang: Option<String>,
}

/// The verification page.
pub(crate) async fn page(
    State(state): State<Arc<AppState>>,
    peer: crate::api::Peer,
    headers: HeaderMap,
    uri: axum::http::Uri,
    query: Result<Query<VerifyQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, ApiError> {
    let Query(q) = query.map_err(|e| ApiError::field("", e.body_text()))?;
    let chosen = match q.lang.as_deref() {
        None => None,
        Some(code) => Some(i18n::from_code(code).ok_or_else(|| ApiError::field("lang", "az, en or ru"))?),
    };
    let client = crate::api::client_ip(peer);
    let path_and_query =
        uri.path_and_query().map(|p| p.as_str().to_owned()).unwrap_or_else(|| "/verify".into());
    let (viewer, _) =
        crate::portal::guard::viewer_from(&state, &headers, path_and_query, chosen, client).await;
    let token = q.credential.as_deref().map(str::trim).unwrap_or("").to_owned();
    let mut answer = None;
    if !token.is_empty() {
        state
            .status_limiter
            .check(client)
            .map_err(|retry_after_secs| ApiError::TooManyRequests { retry_after_secs })?;
        if token.chars().count() > crate::portal::public::verify::MAX_CREDENTIAL_CHARS {
            let mut r =
                crate::portal::public::verify::too_long(&viewer).unwrap_or_else(IntoResponse::into_response);
            crate::portal::guard::finish(&mut r, chosen);
            return Ok(r);
        }
        let st = state.clone();
        let t = token.clone();
        answer = Some(
            crate::api::errors::run(move || {
                umis_core::verify::verify_credential(&st.store, &st.keys, &st.clock, &t)
            })
            .await?,
        );
    }
    let mut r = crate::portal::public::verify::page(&viewer, &token, answer.as_ref())
        .unwrap_or_else(IntoResponse::into_response);
    crate::portal::guard::finish(&mut r, chosen);
    Ok(r)
}
