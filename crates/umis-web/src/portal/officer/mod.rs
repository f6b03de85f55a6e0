//! The pages officers work cases on: the office's work queue by deadline, a case with
//! everything needed to decide it (the application, documents, the person's stays and other
//! cases, the eligibility trace, history), the lifecycle steps as forms, and revocation of an
//! issued document.
//!
//! The appeal board works appeals on the same case page (its queue is `board`), and records
//! the court stage of a decided appeal there.
//!
//! Every step goes through the core (`umis_core::casework::act_at` over `cases::act`), which
//! decides who may take it and audits it; cases an officer may not see answer "not found".

mod board;
mod case;
mod procedure;
mod queue;
mod revoke;

use super::chrome::Viewer;
use super::errors::PageError;
use super::{PageAccess, PageRoute, page};
use axum::routing::{get, post};
use umis_core::cases::CaseError;
use umis_domain::Role;
use umis_domain::case_state::StateName;
use umis_rules::services::{Catalogue, Service};

const OFFICE_STAFF: PageAccess = PageAccess::Person(Role::DECIDERS);
/// The office's deciders and the appeal board, who work appeals on the same case page.
const CASE_WORKERS: PageAccess = PageAccess::Person(Role::CASE_WORKERS);
const APPEAL_BOARD: PageAccess = PageAccess::Person(Role::APPEAL_DECIDERS);

/// The pages of this module.
pub const ROUTES: &[PageRoute] = &[
    page("GET", "/office/queue", OFFICE_STAFF, || get(queue::queue)),
    page("GET", "/office/cases/{id}", CASE_WORKERS, || get(case::case_page)),
    page("POST", "/office/cases/{id}/actions", CASE_WORKERS, || post(case::case_action)),
    page("POST", "/office/cases/{id}/court", APPEAL_BOARD, || post(board::court)),
    page("GET", "/board/appeals", APPEAL_BOARD, || get(board::appeals)),
    page("GET", "/office/issued/{number}/revoke", OFFICE_STAFF, || get(revoke::revoke_page)),
    page("POST", "/office/issued/{number}/revoke", OFFICE_STAFF, || post(revoke::revoke)),
];

/// The catalogue's service with this code.
pub(crate) fn service<'c>(cat: &'c Catalogue, code: &str) -> Option<&'c Service> {
    cat.get(code)
}

/// A service's name in the viewer's language (its code if the catalogue has no such service).
pub(crate) fn service_name(cat: &Catalogue, viewer: &Viewer, code: &str) -> String {
    service(cat, code).map_or_else(|| code.to_owned(), |s| s.names().get(viewer.lang).to_owned())
}

/// The govuk tag colour of a case state.
pub(crate) fn state_tag(state: StateName) -> &'static str {
    match state {
        StateName::Submitted => "govuk-tag--blue",
        StateName::ReturnedForCorrection | StateName::InformationRequested => "govuk-tag--yellow",
        StateName::Accepted | StateName::Assigned => "govuk-tag--light-blue",
        StateName::InReview | StateName::Forwarded => "govuk-tag--purple",
        StateName::DecisionProposed | StateName::Suspended => "govuk-tag--orange",
        StateName::Approved => "govuk-tag--green",
        StateName::AwaitingPayment => "govuk-tag--turquoise",
        StateName::Refused | StateName::LeftWithoutConsideration => "govuk-tag--red",
        StateName::Appealed => "govuk-tag--pink",
        StateName::Draft
        | StateName::Closed
        | StateName::Withdrawn
        | StateName::LapsedUnpaid
        | StateName::ProceedingsTerminated => "govuk-tag--grey",
    }
}

/// A stored ISO date (`YYYY-MM-DD`, or the start of an RFC 3339 instant), the reader's way.
pub(crate) fn show_date(viewer: &Viewer, iso: Option<&str>) -> String {
    iso.and_then(|d| umis_domain::Date::parse(d.get(..10).unwrap_or(d)).ok())
        .map_or_else(String::new, |d| super::i18n::date(viewer.lang, d))
}

/// A day the reader's way (nothing when there is none).
pub(crate) fn show_day(viewer: &Viewer, day: Option<umis_domain::Date>) -> String {
    day.map_or_else(String::new, |d| super::i18n::date(viewer.lang, d))
}

/// Whether a path segment can be an id or a document number at all (anything else is not found
/// without asking the store).
pub(crate) fn plausible_key(s: &str) -> bool {
    !s.is_empty() && s.len() <= 64 && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

/// Runs core work through the one blocking helper, keeping the core's own error (the page
/// words each refusal itself).
pub(crate) async fn core<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, CaseError> + Send + 'static,
) -> Result<Result<T, CaseError>, PageError> {
    Ok(crate::api::errors::run(move || Ok::<_, crate::problem::ApiError>(f())).await?)
}

/// A core refusal that no form can show: not found, or a failure on our side.
pub(crate) fn page_error(e: CaseError) -> PageError {
    match e {
        CaseError::NotFound => PageError::NotFound,
        CaseError::Forbidden(_) => PageError::Forbidden,
        CaseError::Store(s) => {
            tracing::error!(error = %s, "store failure on an officer page");
            PageError::Internal
        }
        CaseError::Internal(m) => {
            tracing::error!(error = %m, "internal failure on an officer page");
            PageError::Internal
        }
        CaseError::Invalid(_)
        | CaseError::Transition(_)
        | CaseError::Stale
        | CaseError::NotEditable
        | CaseError::NoDocumentsNow
        | CaseError::TierPaid
        | CaseError::QuotaExhausted { .. }
        | CaseError::BeyondCalendar(_)
        | CaseError::AlreadyRevoked
        | CaseError::Fee(_) => PageError::BadRequest,
    }
}
