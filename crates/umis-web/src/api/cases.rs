//! Cases: open a draft, edit it, attach documents, take lifecycle steps, read one case or a
//! work queue.

use super::errors::{parse_json, run};
use super::read_body;
use crate::problem::ApiError;
use crate::{AppState, Caller};
use axum::Json;
use axum::body::Body;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::Arc;
use umis_core::actor::Actor;
use umis_core::cases::{self, CaseAction, CaseQuery, NewCase};
use umis_core::idempotency::{self, Replay};

/// Largest case form or action body.
pub const MAX_CASE_BYTES: usize = 256 * 1024;
/// Largest upload (the content check applies its own, equal limit).
pub const MAX_UPLOAD_BYTES: usize = 10 * 1024 * 1024;

fn json_response(status: StatusCode, body: String) -> Response {
    let mut r = (status, body).into_response();
    r.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    r
}

/// `POST /api/v1/cases`: opens a draft. With `Idempotency-Key`, a retry returns the same case.
pub(crate) async fn create(
    State(state): State<Arc<AppState>>,
    caller: Caller<Actor>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    let actor = caller.who.clone();
    let bytes = read_body(body, MAX_CASE_BYTES).await?;
    let req: NewCase = parse_json(&bytes)?;
    let key = match headers.get("idempotency-key") {
        None => None,
        Some(v) => match v.to_str().ok().filter(|k| idempotency::valid_key(k)) {
            Some(k) => Some(k.to_owned()),
            None => return Err(ApiError::field("Idempotency-Key", "1-200 printable ASCII characters")),
        },
    };
    // One keyed creation at a time, so two concurrent retries cannot both create.
    let _guard = match key {
        Some(_) => Some(state.idempotency_lock.lock().await),
        None => None,
    };
    let st = state.clone();
    run(move || -> Result<Response, ApiError> {
        if let Some(k) = &key {
            match idempotency::check(&st.store, &actor.id, k, &bytes).map_err(|e| ApiError::internal(&e))? {
                Replay::Answer(status, body) => {
                    return Ok(json_response(StatusCode::from_u16(status).unwrap_or(StatusCode::OK), body));
                }
                Replay::Mismatch => {
                    return Err(ApiError::field("Idempotency-Key", "already used with a different request"));
                }
                Replay::New => {}
            }
        }
        let view = cases::create_case(&st.store, st.packs.catalogue(), &st.clock, &actor, req)?;
        let body = serde_json::to_string(&view).map_err(|e| ApiError::internal(&e))?;
        if let Some(k) = &key {
            idempotency::remember(&st.store, &st.clock, &actor.id, k, &bytes, 201, &body)
                .map_err(|e| ApiError::internal(&e))?;
        }
        Ok(json_response(StatusCode::CREATED, body))
    })
    .await
}

/// `GET /api/v1/cases`: the caller's applications, or their office's queue by deadline.
pub(crate) async fn list(
    State(state): State<Arc<AppState>>,
    caller: Caller<Actor>,
    query: Result<Query<CaseQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, ApiError> {
    let actor = caller.who.clone();
    let Query(q) = query.map_err(|e| ApiError::field("", e.body_text()))?;
    let st = state.clone();
    let page = run(move || cases::list_cases(&st.store, &st.clock, &actor, &q)).await?;
    Ok(Json(page).into_response())
}

/// Why staff open a case (recorded in the audit trail).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReadQuery {
    purpose: Option<String>,
}

/// `GET /api/v1/cases/{id}`: one case as the caller may see it (an audited read).
pub(crate) async fn get(
    State(state): State<Arc<AppState>>,
    caller: Caller<Actor>,
    Path(id): Path<String>,
    query: Result<Query<ReadQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, ApiError> {
    let Query(q) = query.map_err(|e| ApiError::field("", e.body_text()))?;
    let purpose = q.purpose.unwrap_or_else(|| "case_work".into());
    if purpose.len() > 64 || !purpose.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
        return Err(ApiError::field("purpose", "a purpose code of letters, digits and '_'"));
    }
    let view = caller
        .run_core(&state, move |st, actor| {
            cases::get_case(&st.store, st.packs.catalogue(), &st.clock, actor, &id, &purpose)
        })
        .await?;
    Ok(Json(view).into_response())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FormUpdate {
    form: BTreeMap<String, String>,
}

/// `PUT /api/v1/cases/{id}/form`: replaces a draft's form.
pub(crate) async fn update_form(
    State(state): State<Arc<AppState>>,
    caller: Caller<Actor>,
    Path(id): Path<String>,
    body: Body,
) -> Result<Response, ApiError> {
    let req: FormUpdate = parse_json(&read_body(body, MAX_CASE_BYTES).await?)?;
    let view = caller
        .run_core(&state, move |st, actor| {
            cases::update_draft(&st.store, st.packs.catalogue(), &st.clock, actor, &id, &req.form)
        })
        .await?;
    Ok(Json(view).into_response())
}

/// `POST /api/v1/cases/{id}/actions`: one lifecycle step (`{"action": "submit"}`, …).
pub(crate) async fn act(
    State(state): State<Arc<AppState>>,
    caller: Caller<Actor>,
    Path(id): Path<String>,
    body: Body,
) -> Result<Response, ApiError> {
    let bytes = read_body(body, MAX_CASE_BYTES).await?;
    let action: CaseAction = parse_json(&bytes)?;
    refuse_unknown_members(&bytes, &action)?;
    let view = caller
        .run_core(&state, move |st, actor| {
            cases::act(&st.store, st.packs.catalogue(), &st.clock, &st.keys, actor, &id, action)
        })
        .await?;
    Ok(Json(view).into_response())
}

/// `POST /api/v1/cases/{id}/court`: the court stage of a decided appeal (`{"stage":
/// "claim_filed", "on": …}`, then `{"stage": "judgment", "result": "upheld", "on": …}`).
pub(crate) async fn court(
    State(state): State<Arc<AppState>>,
    caller: Caller<Actor>,
    Path(id): Path<String>,
    body: Body,
) -> Result<Response, ApiError> {
    let bytes = read_body(body, MAX_CASE_BYTES).await?;
    let entry: cases::CourtEntry = parse_json(&bytes)?;
    let view = caller
        .run_core(&state, move |st, actor| {
            cases::record_court_stage(&st.store, st.packs.catalogue(), &st.clock, actor, &id, entry)
        })
        .await?;
    Ok(Json(view).into_response())
}

/// Which required document an upload is.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UploadQuery {
    doc_type: String,
}

/// `POST /api/v1/cases/{id}/documents?doc_type=…`: the raw file as the body.
pub(crate) async fn upload(
    State(state): State<Arc<AppState>>,
    caller: Caller<Actor>,
    Path(id): Path<String>,
    query: Result<Query<UploadQuery>, axum::extract::rejection::QueryRejection>,
    body: Body,
) -> Result<Response, ApiError> {
    let Query(q) = query.map_err(|e| ApiError::field("doc_type", e.body_text()))?;
    let bytes = read_body(body, MAX_UPLOAD_BYTES).await?;
    let doc = caller
        .run_core(&state, move |st, actor| {
            cases::upload_document(
                &st.store,
                st.packs.catalogue(),
                &st.clock,
                actor,
                &id,
                &q.doc_type,
                &bytes,
            )
        })
        .await?;
    Ok((StatusCode::CREATED, Json(doc)).into_response())
}

/// `GET /api/v1/cases/{id}/documents/{doc_id}`: a stored file, always as an attachment.
pub(crate) async fn download(
    State(state): State<Arc<AppState>>,
    caller: Caller<Actor>,
    Path((id, doc_id)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    let file = caller
        .run_core(&state, move |st, actor| cases::download_document(&st.store, actor, &id, &doc_id))
        .await?;
    Ok(attachment(file.mime, &file.file_name, file.bytes))
}

/// A download that no browser will render in place.
pub(crate) fn attachment(mime: &'static str, name: &str, bytes: Vec<u8>) -> Response {
    let mut r = bytes.into_response();
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(mime));
    let disposition = umis_upload::content_disposition(name);
    if let Ok(v) = HeaderValue::from_str(&disposition) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    h.insert("content-security-policy", HeaderValue::from_static("sandbox; default-src 'none'"));
    r.extensions_mut().insert(super::docs::OwnCsp);
    r
}

/// serde does not apply `deny_unknown_fields` to the variants of a tagged enum that carry no
/// data, so `{"action":"submit","status":"approved"}` would pass; the members are checked here.
fn refuse_unknown_members(bytes: &[u8], action: &CaseAction) -> Result<(), ApiError> {
    let allowed: &[&str] = match action {
        CaseAction::ReturnForCorrection { .. }
        | CaseAction::RequestInformation { .. }
        | CaseAction::ProvideInformation { .. }
        | CaseAction::SendBack { .. }
        | CaseAction::Suspend { .. }
        | CaseAction::Forward { .. } => &["action", "note"],
        CaseAction::Assign { .. } => &["action", "officer"],
        CaseAction::Terminate { .. } => &["action", "reason", "note"],
        CaseAction::ExtendDeadline { .. } => &["action", "due_on", "reason"],
        CaseAction::ExemptFromDuty { .. } => &["action", "exemption", "note"],
        CaseAction::RecordDecree { .. } => &["action", "decision", "number", "date"],
        CaseAction::ScheduleInterview { .. } => &["action", "milestone", "on", "interpreter_language"],
        CaseAction::RecordInterview { .. } => &["action", "milestone", "on"],
        CaseAction::Propose { .. } => &["action", "decision", "grounds", "note", "outcome"],
        _ => &["action"],
    };
    let value: serde_json::Value =
        serde_json::from_slice(bytes).map_err(|_| ApiError::field("", "not JSON"))?;
    match value.as_object().and_then(|o| o.keys().find(|k| !allowed.contains(&k.as_str()))) {
        Some(extra) => Err(ApiError::field(extra.chars().take(64).collect::<String>(), "unknown field")),
        None => Ok(()),
    }
}
