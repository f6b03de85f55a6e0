//! `GET /verify?credential=…`: the public verification page. Paste the text of a document's QR
//! code, scan it with the camera, or follow the link a scanner opens, and see whether it is
//! genuine, in force and not revoked, and what it says — in Azerbaijani, English or Russian.
//!
//! The route belongs to the API's table (its status codes are the API's: 422 for a malformed
//! query, 429 when rate-limited); the page itself is drawn in the portal's frame, for the
//! visitor this handler works out the way the portal's guard does.

use crate::AppState;
use crate::portal::guard::{LANG_COOKIE, PORTAL_CSP};
use crate::portal::i18n::{self, Lang};
use crate::problem::ApiError;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use std::sync::Arc;

/// The page's query.
#[derive(Deserialize)]
pub struct VerifyQuery {
    credential: Option<String>,
    lang: Option<String>,
}

fn cookie_lang(headers: &HeaderMap) -> Option<Lang> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|kv| {
            let (k, v) = kv.trim().split_once('=')?;
            (k == LANG_COOKIE).then(|| i18n::from_code(v)).flatten()
        })
}

/// The verification page.
pub async fn page(
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
    let lang = chosen.or_else(|| cookie_lang(&headers)).unwrap_or_else(|| {
        i18n::negotiate(headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()).unwrap_or(""))
    });
    let client = crate::api::client_ip(peer);
    let session = crate::session_auth::current_session(&state, &headers).await.unwrap_or_default();
    let path_and_query =
        uri.path_and_query().map(|p| p.as_str().to_owned()).unwrap_or_else(|| "/verify".into());
    let viewer = crate::portal::chrome::Viewer { lang, session, path_and_query, client };
    let token = q.credential.as_deref().map(str::trim).unwrap_or("").to_owned();
    let mut answer = None;
    if !token.is_empty() {
        state
            .status_limiter
            .check(client)
            .map_err(|retry_after_secs| ApiError::TooManyRequests { retry_after_secs })?;
        if token.len() > 4096 {
            return Err(ApiError::field("credential", "too long to be a credential"));
        }
        let st = state.clone();
        let t = token.clone();
        answer = Some(
            crate::api::blocking(move || {
                umis_core::verify::verify_credential(&st.store, &st.keys, &st.clock, &t)
            })
            .await?,
        );
    }
    let mut r = crate::portal::public::verify::page(&viewer, &token, answer.as_ref())
        .unwrap_or_else(IntoResponse::into_response);
    let h = r.headers_mut();
    h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(PORTAL_CSP));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("same-origin"));
    if let Some(l) = chosen {
        let cookie =
            format!("{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly", i18n::code(l));
        if let Ok(v) = HeaderValue::from_str(&cookie) {
            h.append(header::SET_COOKIE, v);
        }
    }
    r.extensions_mut().insert(crate::api::docs::OwnCsp);
    Ok(r)
}
