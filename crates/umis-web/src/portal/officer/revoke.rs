//! `GET/POST /office/issued/{number}/revoke`: revoking an issued document in two steps — the
//! officer writes the legal grounds, then confirms on a page that says what revocation does.

use super::super::chrome::{Chrome, Viewer, render, see_other};
use super::super::errors::PageError;
use super::super::form::{Errors, Form};
use super::{core, page_error, plausible_key, service_name, show_date};
use crate::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use std::sync::Arc;
use umis_core::actor::Actor;
use umis_core::cases::{CaseError, revoke_document};
use umis_core::casework::{IssuedOnCase, issued_on_case};
use umis_rules::services::Catalogue;

/// Longest grounds of a revocation (the core's limit).
const MAX_REASON: usize = 1_000;

#[derive(Template)]
#[template(path = "portal/officer/revoke.html")]
struct RevokePage {
    page: Chrome,
    errors: Errors,
    number: String,
    kind: String,
    case_id: String,
    receipt: String,
    service: String,
    issued: String,
    valid: String,
    reason: String,
    /// The second step: the grounds are written, the officer confirms.
    checking: bool,
}

async fn find(state: &Arc<AppState>, actor: &Actor, number: &str) -> Result<IssuedOnCase, PageError> {
    if !plausible_key(number) {
        return Err(PageError::NotFound);
    }
    let (st, who, n) = (state.clone(), actor.clone(), number.to_owned());
    core(move || issued_on_case(&st.store, &who, &n)).await?.map_err(page_error)
}

fn page_for(
    cat: &Catalogue,
    viewer: &Viewer,
    found: &IssuedOnCase,
    errors: Errors,
    reason: String,
    checking: bool,
) -> RevokePage {
    let d = &found.document;
    let kind = {
        let key = format!("officer-issued-{}", d.doc_type);
        let t = viewer.t(&key);
        if t == key { d.doc_type.clone() } else { t }
    };
    let title = if checking { "officer-revoke-check-title" } else { "officer-revoke-title" };
    let page =
        viewer.chrome_titled(viewer.ta(title, &[("number", d.number.clone().into())])).with_errors(&errors);
    RevokePage {
        page,
        errors,
        number: d.number.clone(),
        kind,
        case_id: found.case_id.clone(),
        receipt: found.receipt.clone().unwrap_or_else(|| found.case_id.chars().take(8).collect()),
        service: service_name(cat, viewer, &found.service),
        issued: show_date(viewer, Some(&d.issued_on)),
        valid: match (d.valid_from.as_deref(), d.valid_until.as_deref()) {
            (Some(f), Some(u)) => format!("{} – {}", show_date(viewer, Some(f)), show_date(viewer, Some(u))),
            (Some(f), None) => show_date(viewer, Some(f)),
            _ => String::new(),
        },
        reason,
        checking,
    }
}

fn refused(page: &RevokePage) -> Result<Response, PageError> {
    let mut r = render(page)?;
    *r.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    Ok(r)
}

pub(super) async fn revoke_page(
    State(state): State<Arc<AppState>>,
    viewer: Viewer,
    Path(number): Path<String>,
) -> Result<Response, PageError> {
    let actor = viewer.actor()?;
    let found = find(&state, &actor, &number).await?;
    if found.document.revoked_on.is_some() {
        return Ok(see_other(&format!("/office/cases/{}", found.case_id)));
    }
    render(&page_for(state.packs.catalogue(), &viewer, &found, Errors::new(), String::new(), false))
}

pub(super) async fn revoke(
    State(state): State<Arc<AppState>>,
    viewer: Viewer,
    Path(number): Path<String>,
    form: Form,
) -> Result<Response, PageError> {
    let actor = viewer.actor()?;
    let found = find(&state, &actor, &number).await?;
    let reason = form.get("reason").to_owned();
    let label = viewer.t("officer-revoke-reason");
    let mut errors = Errors::new();
    if reason.is_empty() {
        errors.add("reason", viewer.ta("form-required", &[("field", label.into())]));
    } else if reason.chars().count() > MAX_REASON {
        errors.add(
            "reason",
            viewer.ta("form-too-long", &[("field", label.into()), ("max", (MAX_REASON as i64).into())]),
        );
    } else if reason.chars().any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t') {
        errors.add("reason", viewer.ta("form-bad-characters", &[("field", label.into())]));
    }
    if !errors.is_empty() {
        return refused(&page_for(state.packs.catalogue(), &viewer, &found, errors, reason, false));
    }
    if form.get("confirm") != "yes" {
        return render(&page_for(state.packs.catalogue(), &viewer, &found, errors, reason, true));
    }
    let (st, who, n, why) = (state.clone(), actor.clone(), number.clone(), reason.clone());
    match core(move || revoke_document(&st.store, &st.clock, &who, &n, &why)).await? {
        Ok(_) => {
            let q = form_urlencoded::Serializer::new(String::new()).append_pair("revoked", &number).finish();
            Ok(see_other(&format!("/office/cases/{}?{q}#issued", found.case_id)))
        }
        Err(CaseError::Invalid(_)) => {
            errors.add("reason", viewer.t("officer-revoke-reason-refused"));
            refused(&page_for(state.packs.catalogue(), &viewer, &found, errors, reason, false))
        }
        Err(CaseError::AlreadyRevoked) => {
            errors.add("", viewer.t("officer-revoke-already"));
            refused(&page_for(state.packs.catalogue(), &viewer, &found, errors, reason, false))
        }
        Err(e) => Err(page_error(e)),
    }
}
