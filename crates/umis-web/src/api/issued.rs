//! Issued documents: the PDF for its holder, revocation by an officer, and the public side —
//! verification, the JWKS of the signing keys and the signed revocation list.

use super::errors::{parse_json, run};
use super::{Peer, client_ip, read_body};
use crate::AppState;
use crate::problem::ApiError;
use crate::session_auth::{CASE_PARTIES, DECIDERS, require_person};
use axum::Json;
use axum::body::Body;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, Method, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use std::sync::Arc;
use umis_rules::Lang;

/// Language of a document.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PdfQuery {
    lang: Option<String>,
}

/// `GET /api/v1/issued/{number}/pdf?lang=az|en|ru`: the document with its QR code.
pub async fn pdf(
    State(state): State<Arc<AppState>>,
    peer: Peer,
    method: Method,
    headers: HeaderMap,
    Path(number): Path<String>,
    query: Result<Query<PdfQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, ApiError> {
    let actor =
        require_person(&state, &headers, &method, client_ip(peer), CASE_PARTIES, "document.pdf").await?;
    let Query(q) = query.map_err(|e| ApiError::field("lang", e.body_text()))?;
    let lang = match q.lang.as_deref() {
        None | Some("az") => Lang::Az,
        Some("en") => Lang::En,
        Some("ru") => Lang::Ru,
        Some(_) => return Err(ApiError::field("lang", "az, en or ru")),
    };
    let st = state.clone();
    let name = format!(
        "{}.pdf",
        number.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-').collect::<String>()
    );
    let who = actor.audit_name();
    let bytes = crate::session_auth::audited(
        &state,
        client_ip(peer),
        who,
        "document.pdf",
        run(move || umis_core::verify::issued_pdf(&st.store, &st.keys, &st.clock, &actor, &number, lang))
            .await,
    )
    .await?;
    Ok(super::cases::attachment("application/pdf", &name, bytes))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Revoke {
    reason: String,
}

/// `POST /api/v1/issued/{number}/revoke`: revokes a document; a permit stops counting at once.
pub async fn revoke(
    State(state): State<Arc<AppState>>,
    peer: Peer,
    method: Method,
    headers: HeaderMap,
    Path(number): Path<String>,
    body: Body,
) -> Result<Response, ApiError> {
    let actor =
        require_person(&state, &headers, &method, client_ip(peer), DECIDERS, "document.revoke").await?;
    let req: Revoke = parse_json(&read_body(body, 16 * 1024).await?)?;
    let st = state.clone();
    let who = actor.audit_name();
    let doc = crate::session_auth::audited(
        &state,
        client_ip(peer),
        who,
        "document.revoke",
        run(move || umis_core::cases::revoke_document(&st.store, &st.clock, &actor, &number, &req.reason))
            .await,
    )
    .await?;
    Ok(Json(doc).into_response())
}

/// `GET /api/v1/verify/{credential}`: is this document genuine, in force and not revoked?
pub async fn verify(
    State(state): State<Arc<AppState>>,
    peer: Peer,
    Path(token): Path<String>,
) -> Result<Response, ApiError> {
    state
        .status_limiter
        .check(client_ip(peer))
        .map_err(|retry_after_secs| ApiError::TooManyRequests { retry_after_secs })?;
    if token.len() > 4096 {
        return Err(ApiError::field("credential", "too long to be a credential"));
    }
    let st = state.clone();
    let answer =
        super::blocking(move || umis_core::verify::verify_credential(&st.store, &st.keys, &st.clock, &token))
            .await?;
    Ok(Json(answer).into_response())
}

/// `GET /.well-known/jwks.json`: the public keys every credential is checked with.
pub async fn jwks(State(state): State<Arc<AppState>>) -> Response {
    let mut r = state.keys.public_jwks().to_json().into_response();
    r.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/jwk-set+json"));
    r
}

/// `GET /api/v1/revocations`: the signed list of revoked documents, for offline verifiers.
pub async fn revocations(State(state): State<Arc<AppState>>) -> Result<Response, ApiError> {
    let st = state.clone();
    let list =
        super::blocking(move || umis_core::verify::revocation_list(&st.store, &st.keys, &st.clock)).await?;
    let mut r = list.to_json().into_response();
    r.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    Ok(r)
}
