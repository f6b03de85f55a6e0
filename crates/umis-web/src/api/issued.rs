//! Issued documents: the PDF for its holder, revocation by an officer, and the public side —
//! verification, the JWKS of the signing keys and the signed revocation list.

use super::errors::{parse_json, run};
use super::read_body;
use crate::problem::ApiError;
use crate::{AppState, Caller};
use axum::Json;
use axum::body::Body;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use std::sync::Arc;
use umis_core::actor::Actor;
use umis_rules::Lang;

/// Language of a document.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PdfQuery {
    lang: Option<String>,
}

/// `GET /api/v1/issued/{number}/pdf?lang=az|en|ru`: the document with its QR code.
pub(crate) async fn pdf(
    State(state): State<Arc<AppState>>,
    caller: Caller<Actor>,
    Path(number): Path<String>,
    query: Result<Query<PdfQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, ApiError> {
    let Query(q) = query.map_err(|e| ApiError::field("lang", e.body_text()))?;
    let lang = match q.lang.as_deref() {
        None | Some("az") => Lang::Az,
        Some("en") => Lang::En,
        Some("ru") => Lang::Ru,
        Some(_) => return Err(ApiError::field("lang", "az, en or ru")),
    };
    let name = format!(
        "{}.pdf",
        number.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-').collect::<String>()
    );
    let bytes = caller
        .run_core(&state, move |st, actor| {
            umis_core::verify::issued_pdf(
                &st.store,
                st.packs.catalogue(),
                &st.keys,
                &st.clock,
                actor,
                &number,
                lang,
            )
        })
        .await?;
    Ok(super::cases::attachment("application/pdf", &name, bytes))
}

/// `POST /api/v1/issued/{number}/revoke`: a step of the document's cancellation — an officer
/// proposes it on coded grounds, a second officer confirms it (the document is revoked and a
/// permit stops counting at once; the holder is notified) or sends it back.
pub(crate) async fn revoke(
    State(state): State<Arc<AppState>>,
    caller: Caller<Actor>,
    Path(number): Path<String>,
    body: Body,
) -> Result<Response, ApiError> {
    let step: umis_core::cases::CancellationStep = parse_json(&read_body(body, 16 * 1024).await?)?;
    let doc = caller
        .run_core(&state, move |st, actor| {
            umis_core::cases::cancel_document(
                &st.store,
                st.packs.catalogue(),
                &st.clock,
                actor,
                &number,
                step,
            )
        })
        .await?;
    Ok(Json(doc).into_response())
}

/// `GET /api/v1/verify/{credential}`: is this document genuine, in force and not revoked?
pub(crate) async fn verify(
    State(state): State<Arc<AppState>>,
    Path(token): Path<String>,
) -> Result<Response, ApiError> {
    if token.len() > 4096 {
        return Err(ApiError::field("credential", "too long to be a credential"));
    }
    let st = state.clone();
    let answer =
        run(move || umis_core::verify::verify_credential(&st.store, &st.keys, &st.clock, &token)).await?;
    Ok(Json(answer).into_response())
}

/// `GET /.well-known/jwks.json`: the public keys every credential is checked with.
pub(crate) async fn jwks(State(state): State<Arc<AppState>>) -> Response {
    let mut r = state.keys.public_jwks().to_json().into_response();
    r.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/jwk-set+json"));
    r
}

/// `GET /api/v1/revocations`: the signed list of revoked documents, for offline verifiers.
pub(crate) async fn revocations(State(state): State<Arc<AppState>>) -> Result<Response, ApiError> {
    let st = state.clone();
    let list = run(move || umis_core::verify::revocation_list(&st.store, &st.keys, &st.clock)).await?;
    let mut r = list.to_json().into_response();
    r.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    Ok(r)
}
