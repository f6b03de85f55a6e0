//! Documents of a draft: what the service asks for, what is uploaded, and the upload form.
//! The upload is a `multipart/form-data` post read by [`Upload`], which checks the session's
//! CSRF token like every form and caps the file at the core's upload limit; the core's
//! refusal (wrong type, too big, active content) is shown as an error summary.

use super::{case_errors, load, service, show_date};
use crate::AppState;
use crate::api::errors::run;
use crate::portal::chrome::{Chrome, Viewer, render, see_other};
use crate::portal::errors::PageError;
use crate::portal::form::{CSRF_FIELD, Errors, MAX_FORM_BYTES, check_token, is_multipart};
use crate::problem::ApiError;
use askama::Template;
use axum::extract::{FromRequest, Multipart, Path, Request, State};
use axum::http::StatusCode;
use axum::response::Response;
use std::sync::Arc;
use umis_core::cases::{self, CaseView};
use umis_rules::services::Service;
use umis_upload::Limits;

/// Largest file accepted: the core's own limit.
fn max_file_bytes() -> usize {
    Limits::default().max_bytes()
}

/// Largest upload body: the file, the form's other fields and the multipart framing. A body
/// over this is cut off by the server; a file just over the file limit is refused politely.
pub(super) const MAX_BODY_BYTES: usize = 10 * 1024 * 1024 + 256 * 1024;

/// Longest value of the upload form's text fields.
const MAX_TEXT_PART: usize = 256;

/// A posted upload form whose CSRF token matched the session.
pub(super) struct Upload {
    doc_type: String,
    file: Option<Vec<u8>>,
    too_large: bool,
}

fn too_large_body(e: &axum::extract::multipart::MultipartError) -> bool {
    e.status() == StatusCode::PAYLOAD_TOO_LARGE
}

impl<S: Send + Sync> FromRequest<S> for Upload {
    type Rejection = PageError;

    async fn from_request(request: Request, state: &S) -> Result<Upload, PageError> {
        let viewer = request.extensions().get::<Viewer>().cloned().ok_or(PageError::Internal)?;
        let multipart = is_multipart(&request);
        if !multipart {
            // Not an upload: still a form of this site or not, then refused as malformed.
            let body =
                crate::api::read_body(request.into_body(), MAX_FORM_BYTES).await.map_err(|e| match e {
                    ApiError::TooLarge(_) => PageError::TooLarge,
                    _ => PageError::BadRequest,
                })?;
            let token =
                form_urlencoded::parse(&body).find(|(k, _)| k == CSRF_FIELD).map(|(_, v)| v.into_owned());
            check_token(&viewer, token.as_deref())?;
            return Err(PageError::BadRequest);
        }
        let mut parts = Multipart::from_request(request, state).await.map_err(|_| PageError::BadRequest)?;
        let mut token: Option<String> = None;
        let mut doc_type = String::new();
        let mut file: Option<Vec<u8>> = None;
        let mut too_large = false;
        let fail = |e: axum::extract::multipart::MultipartError| {
            if too_large_body(&e) { PageError::TooLarge } else { PageError::BadRequest }
        };
        while let Some(mut field) = parts.next_field().await.map_err(fail)? {
            let name = field.name().unwrap_or("").to_owned();
            match name.as_str() {
                "file" => {
                    let mut bytes = Vec::new();
                    let mut given = false;
                    while let Some(chunk) = field.chunk().await.map_err(fail)? {
                        given = true;
                        if bytes.len() + chunk.len() > max_file_bytes() {
                            too_large = true;
                            bytes.clear();
                        } else if !too_large {
                            bytes.extend_from_slice(&chunk);
                        }
                    }
                    // A form sent without a file chosen carries an empty part with no name.
                    let chosen = field.file_name().is_some_and(|n| !n.is_empty());
                    if given || chosen {
                        file = Some(bytes);
                    }
                }
                CSRF_FIELD | "doc_type" => {
                    let mut bytes = Vec::new();
                    while let Some(chunk) = field.chunk().await.map_err(fail)? {
                        if bytes.len() + chunk.len() > MAX_TEXT_PART {
                            return Err(PageError::BadRequest);
                        }
                        bytes.extend_from_slice(&chunk);
                    }
                    let text = String::from_utf8(bytes).map_err(|_| PageError::BadRequest)?;
                    if name == CSRF_FIELD {
                        token = Some(text);
                    } else {
                        doc_type = text.trim().to_owned();
                    }
                }
                // Other parts are read past and ignored.
                _ => while field.chunk().await.map_err(fail)?.is_some() {},
            }
        }
        check_token(&viewer, token.as_deref())?;
        Ok(Upload { doc_type, file, too_large })
    }
}

/// A document the service asks for, with whether one is uploaded.
struct Wanted {
    code: String,
    name: String,
    required: bool,
    uploaded: bool,
    kinds: String,
}

/// An uploaded document.
struct Uploaded {
    name: String,
    kind: String,
    size: String,
    at: String,
}

#[derive(Template)]
#[template(path = "portal/applicant/documents.html")]
struct DocumentsPage {
    page: Chrome,
    id: String,
    errors: Errors,
    wanted: Vec<Wanted>,
    uploaded: Vec<Uploaded>,
    chosen: String,
    may_upload: bool,
    max_mib: i64,
}

fn documents_page(
    viewer: &Viewer,
    view: &CaseView,
    svc: &Service,
    errors: Errors,
    chosen: String,
) -> Result<Response, PageError> {
    let lang = viewer.lang;
    let wanted = svc
        .documents()
        .iter()
        .map(|d| Wanted {
            code: d.code.clone(),
            name: d.names.get(lang).to_owned(),
            required: d.required,
            uploaded: view.documents.iter().any(|u| u.doc_type == d.code),
            kinds: d.kinds.iter().map(|k| k.as_str().to_uppercase()).collect::<Vec<_>>().join(", "),
        })
        .collect();
    let uploaded = view
        .documents
        .iter()
        .map(|u| Uploaded {
            name: svc
                .documents()
                .iter()
                .find(|d| d.code == u.doc_type)
                .map_or_else(|| u.doc_type.clone(), |d| d.names.get(lang).to_owned()),
            kind: u.kind.to_uppercase(),
            size: viewer.ta("applicant-documents-size", &[("kib", ((u.size + 1023) / 1024).into())]),
            at: show_date(lang, &u.uploaded_at),
        })
        .collect();
    let page = viewer.chrome("applicant-documents-title").with_errors(&errors);
    render(&DocumentsPage {
        page,
        id: view.id.clone(),
        errors,
        wanted,
        uploaded,
        chosen,
        may_upload: view.state.accepts_documents(),
        max_mib: (max_file_bytes() / (1024 * 1024)) as i64,
    })
}

/// `GET /applications/{id}/documents`: what is asked for and uploaded, and the upload form.
pub(super) async fn page(
    State(state): State<Arc<AppState>>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let view = load(&state, &viewer, &id).await?;
    let svc = service(state.packs.catalogue(), &view.service)?;
    documents_page(&viewer, &view, svc, Errors::new(), String::new())
}

/// `POST /applications/{id}/documents`: one file for one of the documents asked for.
pub(super) async fn upload(
    State(state): State<Arc<AppState>>,
    viewer: Viewer,
    Path(id): Path<String>,
    upload: Upload,
) -> Result<Response, PageError> {
    let view = load(&state, &viewer, &id).await?;
    let svc = service(state.packs.catalogue(), &view.service)?;
    let mut errors = Errors::new();
    let doc_type = upload.doc_type.clone();
    if !svc.documents().iter().any(|d| d.code == doc_type) {
        errors.add("doc_type", viewer.t("applicant-documents-type-required"));
    }
    let bytes = match (upload.file, upload.too_large) {
        (_, true) => {
            errors.add(
                "file",
                viewer.ta(
                    "applicant-documents-too-large",
                    &[("mib", ((max_file_bytes() / (1024 * 1024)) as i64).into())],
                ),
            );
            None
        }
        (None, _) => {
            errors.add("file", viewer.t("applicant-documents-file-required"));
            None
        }
        (Some(b), _) if b.is_empty() => {
            errors.add("file", viewer.t("applicant-problem-empty"));
            None
        }
        (Some(b), _) => Some(b),
    };
    if let (true, Some(bytes)) = (errors.is_empty(), bytes) {
        let actor = viewer.actor()?;
        let st = state.clone();
        let case_id = view.id.clone();
        let code = doc_type.clone();
        match run(move || {
            cases::upload_document(
                &st.store,
                st.packs.catalogue(),
                &st.clock,
                &actor,
                &case_id,
                &code,
                &bytes,
            )
        })
        .await
        {
            Ok(_) => return Ok(see_other(&format!("/applications/{}/documents", view.id))),
            Err(e @ (ApiError::Invalid { .. } | ApiError::Conflict(_) | ApiError::Denied(_))) => {
                if let ApiError::Invalid { errors: problems, .. } = &e {
                    for p in problems {
                        let key = format!("applicant-problem-{}", p.code);
                        let m = viewer.t(&key);
                        let field = if p.field == "doc_type" { "doc_type" } else { "file" };
                        errors.add(field, if m == key { p.problem.clone() } else { m });
                    }
                } else if let Some(found) = case_errors(&viewer, svc, &e, false) {
                    errors = found;
                }
            }
            Err(e) => return Err(e.into()),
        }
    }
    let mut r = documents_page(&viewer, &view, svc, errors, doc_type)?;
    *r.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    Ok(r)
}
