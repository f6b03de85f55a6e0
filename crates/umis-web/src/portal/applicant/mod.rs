//! Pages of the portal for those who file applications (applicants, hosts, employers and
//! service-centre operators): the e-services they may file, a start page for each, the draft
//! as a task list of short sections, documents, the fee tier, check-your-answers and
//! submission, and afterwards the application's status, requests for information, withdrawal
//! and the issued documents.
//!
//! Every change goes through the core's case functions (which check who may act on which
//! case and audit it); a case of someone else answers as if it did not exist.

mod documents;
mod draft;
mod progress;
mod services;
mod status;

use super::chrome::Viewer;
use super::errors::PageError;
use super::form::Errors;
use super::i18n::{self, Lang};
use super::{PageAccess, PageRoute, page};
use crate::AppState;
use crate::api::errors::run;
use crate::problem::ApiError;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use std::sync::Arc;
use umis_core::cases::{self, CaseView};
use umis_domain::case_state::StateName;
use umis_domain::{Date, Role};
use umis_rules::services::{Catalogue, FieldSpec, Service};

const FILER: PageAccess = PageAccess::Person(Role::FILERS);
/// Filers who apply for themselves or their guests and staff (not service-centre operators).
const SELF_FILER: PageAccess = PageAccess::Person(Role::SELF_SERVICE);

/// The pages of this module.
pub const ROUTES: &[PageRoute] = &[
    page("GET", "/services", FILER, || get(services::list)),
    page("GET", "/services/{code}", PageAccess::Public, || get(services::start_page)),
    // Operators open applications at the counter, where the person's passport is checked first.
    page("POST", "/services/{code}/start", SELF_FILER, || post(services::start)),
    page("GET", "/applications", FILER, || get(status::list)),
    page("GET", "/applications/{id}", FILER, || get(status::overview)),
    page("GET", "/applications/{id}/section/{name}", FILER, || get(draft::section_page)),
    page("POST", "/applications/{id}/section/{name}", FILER, || post(draft::save_section)),
    page("GET", "/applications/{id}/documents", FILER, || get(documents::page)),
    page("POST", "/applications/{id}/documents", FILER, || {
        post(documents::upload).layer(DefaultBodyLimit::max(documents::MAX_BODY_BYTES))
    }),
    page("GET", "/applications/{id}/fee", FILER, || get(draft::fee_page)),
    page("POST", "/applications/{id}/fee", FILER, || post(draft::save_fee)),
    page("GET", "/applications/{id}/check", FILER, || get(draft::check_page)),
    page("POST", "/applications/{id}/submit", FILER, || post(draft::submit)),
    page("GET", "/applications/{id}/confirmation", FILER, || get(status::confirmation)),
    page("POST", "/applications/{id}/answer", FILER, || post(status::answer)),
    page("GET", "/applications/{id}/withdraw", FILER, || get(status::withdraw_page)),
    page("POST", "/applications/{id}/withdraw", FILER, || post(status::withdraw)),
    page("GET", "/applications/{id}/issued/{number}", FILER, || get(status::issued_pdf)),
];

/// Why a filer reads their own case (recorded with the audited read).
const PURPOSE: &str = "own_application";

/// The catalogue's service with this code, or the not-found page.
fn service<'c>(cat: &'c Catalogue, code: &str) -> Result<&'c Service, PageError> {
    cat.get(code).ok_or(PageError::NotFound)
}

/// Whether a path segment can be a case id (hex); anything else is not looked up at all.
fn plausible_id(id: &str) -> bool {
    !id.is_empty() && id.len() <= 64 && id.bytes().all(|b| b.is_ascii_hexdigit())
}

/// The case as the signed-in filer may see it (an audited read); another person's case, or
/// none, is the not-found page.
async fn load(state: &Arc<AppState>, viewer: &Viewer, id: &str) -> Result<CaseView, PageError> {
    if !plausible_id(id) {
        return Err(PageError::NotFound);
    }
    let actor = viewer.actor()?;
    let st = state.clone();
    let id = id.to_owned();
    let view = run(move || cases::get_case(&st.store, st.packs.catalogue(), &st.clock, &actor, &id, PURPOSE))
        .await?;
    Ok(view)
}

/// The case if its form may still be changed; otherwise its status page is where to go.
async fn load_editable(
    state: &Arc<AppState>,
    viewer: &Viewer,
    id: &str,
) -> Result<Result<CaseView, axum::response::Response>, PageError> {
    let view = load(state, viewer, id).await?;
    if view.state.editable() {
        Ok(Ok(view))
    } else {
        Ok(Err(super::chrome::see_other(&format!("/applications/{}", view.id))))
    }
}

/// A refusal the person can put right on the page: invalid input, a conflict, or a denial.
fn refusal(e: &ApiError) -> bool {
    matches!(e, ApiError::Invalid { .. } | ApiError::Conflict(_) | ApiError::Denied(_))
}

/// What follows an action on case `id`: once `done`, the way back to the case; when the core
/// refused it in a way `shown` picks, its problems are added to `errors` under `field` and the
/// page is to be shown again (`None`); any other failure is the page's error.
fn after_action<T>(
    viewer: &Viewer,
    id: &str,
    done: Result<T, ApiError>,
    shown: fn(&ApiError) -> bool,
    errors: &mut Errors,
    field: &str,
) -> Result<Option<axum::response::Response>, PageError> {
    match done {
        Ok(_) => Ok(Some(super::chrome::see_other(&format!("/applications/{id}")))),
        Err(e) if shown(&e) => {
            if let Some(found) = Errors::from_api(viewer, &e) {
                errors.list.extend(found.list.into_iter().map(|mut fe| {
                    fe.field = field.into();
                    fe
                }));
            }
            Ok(None)
        }
        Err(e) => Err(e.into()),
    }
}

/// The message `key`, or `fallback` when no language declares it (a code the pages do not
/// know yet is shown as it is rather than as a key).
fn t_or(lang: Lang, key: &str, fallback: &str) -> String {
    let s = i18n::t(lang, key);
    if s == key { fallback.to_owned() } else { s }
}

/// A stored `YYYY-MM-DD` (or the date part of a timestamp) the reader's way.
fn show_date(lang: Lang, s: &str) -> String {
    match s.get(..10).and_then(|d| Date::parse(d).ok()) {
        Some(d) => i18n::date(lang, d),
        None => s.to_owned(),
    }
}

/// A day the reader's way, or a dash when there is none.
fn show_opt_day(lang: Lang, day: Option<Date>) -> String {
    day.map_or_else(|| "—".to_owned(), |d| i18n::date(lang, d))
}

/// The colour of a status tag.
fn tag_class(state: StateName) -> &'static str {
    match state {
        StateName::Draft
        | StateName::Withdrawn
        | StateName::Closed
        | StateName::LapsedUnpaid
        | StateName::ProceedingsTerminated => "govuk-tag--grey",
        StateName::Approved => "govuk-tag--green",
        StateName::Refused | StateName::LeftWithoutConsideration => "govuk-tag--red",
        StateName::InformationRequested | StateName::ReturnedForCorrection | StateName::AwaitingPayment => {
            "govuk-tag--yellow"
        }
        StateName::Appealed | StateName::Forwarded => "govuk-tag--purple",
        StateName::Submitted
        | StateName::Accepted
        | StateName::Assigned
        | StateName::InReview
        | StateName::DecisionProposed
        | StateName::Suspended => "govuk-tag--blue",
    }
}

/// A case's state in the reader's language.
fn state_name(lang: Lang, state: StateName) -> String {
    t_or(lang, &format!("applicant-state-{state}"), state.as_str())
}

/// A service's name in the reader's language.
fn service_name(cat: &Catalogue, lang: Lang, code: &str) -> String {
    cat.get(code).map_or_else(|| code.to_owned(), |s| s.names().get(lang).to_owned())
}

/// The sections of a service's form: identity, travel document, contact, and the service's
/// own questions; each holds the fields named here that the form has.
const SECTIONS: [(&str, &[&str]); 3] = [
    ("personal", &["surname", "given_names", "date_of_birth", "sex", "nationality"]),
    ("document", &["document_issuer", "document_number"]),
    ("contact", &["phone", "email"]),
];

/// The section holding the service's own questions.
const DETAILS: &str = "details";

/// The section a field belongs to.
fn section_of(field: &str) -> &'static str {
    SECTIONS.iter().find(|(_, names)| names.contains(&field)).map_or(DETAILS, |(s, _)| s)
}

/// The names of the sections a service's form has, in order.
fn sections(svc: &Service) -> Vec<&'static str> {
    SECTIONS
        .iter()
        .map(|(s, _)| *s)
        .chain(std::iter::once(DETAILS))
        .filter(|s| svc.fields().iter().any(|f| section_of(&f.name) == *s))
        .collect()
}

/// The fields of one section, in the catalogue's order.
fn section_fields<'a>(svc: &'a Service, section: &str) -> Vec<&'a FieldSpec> {
    svc.fields().iter().filter(|f| section_of(&f.name) == section).collect()
}

/// The element id of a field's first input (date fields have three).
fn field_anchor(svc: &Service, field: &str) -> String {
    match svc.field(field).map(|f| &f.kind) {
        Some(umis_rules::services::FieldType::Date { .. }) => format!("{field}-day"),
        Some(umis_rules::services::FieldType::Choice { .. }) => format!("{field}-0"),
        _ => field.to_owned(),
    }
}

/// The element id of the first input of a field shown as `kind` (see the section template).
fn field_anchor_kind(kind: &str, field: &str) -> String {
    match kind {
        "date" => format!("{field}-day"),
        "radios" => format!("{field}-0"),
        _ => field.to_owned(),
    }
}

/// The problems a core refusal names, each tied to the field it is about and written in the
/// reader's language with the catalogue's own label of the field. On the check-answers page
/// (`on_check`) a problem points at the answer's row instead of an input.
fn case_errors(viewer: &Viewer, svc: &Service, e: &ApiError, on_check: bool) -> Option<Errors> {
    let ApiError::Invalid { errors: problems, .. } = e else {
        return Errors::from_api(viewer, e);
    };
    let mut errors = Errors::new();
    for p in problems {
        let (anchor, label) = if let Some(name) = p.field.strip_prefix("form.") {
            let label =
                svc.field(name).map_or_else(|| name.to_owned(), |f| f.label.get(viewer.lang).to_owned());
            let anchor = if on_check { format!("answer-{name}") } else { field_anchor(svc, name) };
            (anchor, label)
        } else if let Some(code) = p.field.strip_prefix("documents.") {
            let label = svc
                .documents()
                .iter()
                .find(|d| d.code == code)
                .map_or_else(|| code.to_owned(), |d| d.names.get(viewer.lang).to_owned());
            (if on_check { "answer-documents" } else { "doc_type" }.to_owned(), label)
        } else {
            (p.field.clone(), super::form::field_label(viewer, &p.field))
        };
        let key = format!("applicant-problem-{}", p.code);
        let message = viewer.ta(&key, &[("field", label.clone().into())]);
        let message = if message == key { format!("{label}: {}", p.problem) } else { message };
        errors.add(&anchor, message);
    }
    if errors.is_empty() {
        errors.add("", viewer.t("applicant-problem-refused"));
    }
    Some(errors)
}
