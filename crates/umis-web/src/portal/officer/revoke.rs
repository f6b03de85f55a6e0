//! `GET/POST /office/issued/{number}/revoke`: the cancellation (revocation) of an issued
//! document as a procedure. One officer ticks the coded grounds (the document kind's, from the
//! catalogue) and may add a note, checks them on a page that says what cancellation does, and
//! proposes; a second officer opens the same page, reads the proposal and confirms it (the
//! document is revoked, the holder notified) or sends it back. The proposer can do neither.

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
use umis_core::cases::{CancellationStep, CaseError, cancel_document};
use umis_core::casework::{IssuedOnCase, issued_on_case};
use umis_domain::case_state::TransitionError;
use umis_rules::services::Catalogue;

/// Longest note added to the grounds (the core's limit).
const MAX_REASON: usize = 1_000;

/// A ground the officer may tick.
pub struct Ground {
    code: String,
    label: String,
    chosen: bool,
}

/// A proposal awaiting a second officer.
pub struct Pending {
    grounds: Vec<String>,
    note: Option<String>,
    /// The viewer proposed it: another officer must confirm.
    own: bool,
}

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
    grounds: Vec<Ground>,
    /// The note added to the grounds.
    reason: String,
    /// The second step: the grounds are ticked, the officer checks and proposes.
    checking: bool,
    pending: Option<Pending>,
}

impl RevokePage {
    /// The labels of the grounds ticked, for the check step.
    fn chosen(&self) -> Vec<&str> {
        self.grounds.iter().filter(|g| g.chosen).map(|g| g.label.as_str()).collect()
    }
}

async fn find(state: &Arc<AppState>, actor: &Actor, number: &str) -> Result<IssuedOnCase, PageError> {
    if !plausible_key(number) {
        return Err(PageError::NotFound);
    }
    let (st, who, n) = (state.clone(), actor.clone(), number.to_owned());
    core(move || issued_on_case(&st.store, st.packs.catalogue(), &who, &n)).await?.map_err(page_error)
}

/// What the page shows of the form: the grounds ticked and the note.
struct Input<'a> {
    chosen: &'a [String],
    reason: String,
    checking: bool,
}

fn page_for(
    cat: &Catalogue,
    viewer: &Viewer,
    found: &IssuedOnCase,
    errors: Errors,
    input: Input<'_>,
) -> RevokePage {
    let d = &found.document;
    let kind = {
        let key = format!("officer-issued-{}", d.doc_type);
        let t = viewer.t(&key);
        if t == key { d.doc_type.clone() } else { t }
    };
    let pending = d.cancellation.as_ref().filter(|c| c.state == "proposed").map(|c| Pending {
        grounds: c.grounds.as_ref().map(|g| g.lines(viewer.lang)).unwrap_or_default(),
        note: c.grounds.as_ref().and_then(|g| g.note.clone()),
        own: viewer.actor().is_ok_and(|a| a.id == c.proposed_by),
    });
    let title = match (&pending, input.checking) {
        (Some(_), _) => "officer-cancel-pending-title",
        (None, true) => "officer-revoke-check-title",
        (None, false) => "officer-revoke-title",
    };
    let page =
        viewer.chrome_titled(viewer.ta(title, &[("number", d.number.clone().into())])).with_errors(&errors);
    let grounds = cat
        .cancellation_grounds(&d.kind)
        .map(|g| Ground {
            code: g.code.clone(),
            label: format!("{} ({})", g.names.get(viewer.lang), g.article),
            chosen: input.chosen.contains(&g.code),
        })
        .collect();
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
        grounds,
        reason: input.reason,
        checking: input.checking,
        pending,
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
    let input = Input { chosen: &[], reason: String::new(), checking: false };
    render(&page_for(state.packs.catalogue(), &viewer, &found, Errors::new(), input))
}

/// Checks the note; the grounds are checked by the core.
fn check_reason(viewer: &Viewer, reason: &str, errors: &mut Errors) {
    let label = viewer.t("officer-revoke-reason");
    if reason.chars().count() > MAX_REASON {
        errors.add(
            "reason",
            viewer.ta("form-too-long", &[("field", label.into()), ("max", (MAX_REASON as i64).into())]),
        );
    } else if reason.chars().any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t') {
        errors.add("reason", viewer.ta("form-bad-characters", &[("field", label.into())]));
    }
}

pub(super) async fn revoke(
    State(state): State<Arc<AppState>>,
    viewer: Viewer,
    Path(number): Path<String>,
    form: Form,
) -> Result<Response, PageError> {
    let actor = viewer.actor()?;
    let found = find(&state, &actor, &number).await?;
    let cat = state.packs.catalogue();
    let pending = found.document.cancellation.as_ref().is_some_and(|c| c.state == "proposed");
    let chosen: Vec<String> =
        form.all("grounds").into_iter().map(str::trim).filter(|g| !g.is_empty()).map(str::to_owned).collect();
    let reason = form.get("reason").trim().to_owned();
    let mut errors = Errors::new();
    let step = if pending {
        match form.get("step") {
            "confirm" => CancellationStep::Confirm,
            "send_back" => CancellationStep::SendBack,
            _ => return Err(PageError::BadRequest),
        }
    } else {
        if chosen.is_empty() {
            errors.add("grounds", viewer.t("officer-cancel-grounds-required"));
        }
        check_reason(&viewer, &reason, &mut errors);
        let checking = errors.is_empty() && form.get("confirm") != "yes";
        if !errors.is_empty() || checking {
            let page = page_for(cat, &viewer, &found, errors, Input { chosen: &chosen, reason, checking });
            return if checking { render(&page) } else { refused(&page) };
        }
        CancellationStep::Propose {
            grounds: chosen.clone(),
            note: (!reason.is_empty()).then(|| reason.clone()),
        }
    };
    let confirming = matches!(step, CancellationStep::Confirm);
    let (st, who, n) = (state.clone(), actor.clone(), number.clone());
    match core(move || cancel_document(&st.store, st.packs.catalogue(), &st.clock, &who, &n, step)).await? {
        Ok(_) => {
            let key = if confirming { "revoked" } else { "cancel_proposed" };
            let q = form_urlencoded::Serializer::new(String::new()).append_pair(key, &number).finish();
            Ok(see_other(&format!("/office/cases/{}?{q}#issued", found.case_id)))
        }
        Err(e) => {
            match e {
                CaseError::Invalid(_) => errors.add("grounds", viewer.t("officer-cancel-grounds-required")),
                CaseError::AlreadyRevoked => errors.add("", viewer.t("officer-revoke-already")),
                CaseError::Transition(TransitionError::FourEyes) => {
                    errors.add("", viewer.t("officer-error-four-eyes"))
                }
                e => return Err(page_error(e)),
            }
            let found = find(&state, &actor, &number).await?;
            refused(&page_for(
                cat,
                &viewer,
                &found,
                errors,
                Input { chosen: &chosen, reason, checking: false },
            ))
        }
    }
}
