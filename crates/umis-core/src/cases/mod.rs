//! Cases: one lifecycle for every e-service, from draft to decision and its effects.
//!
//! Each use case is one transaction: load the case → check who may act → apply the domain's
//! state machine → write the case, its history, its effects (permits, registrations,
//! credentials), the audit record and the notification job → commit. Nothing is half done: an
//! error anywhere rolls everything back.

mod access;
mod act;
mod appeal_acts;
mod appeals;
mod asylum;
mod cancel;
mod catalogue;
pub mod counter;
mod deadline;
mod duty;
mod effects;
mod file;
pub(crate) mod form;
mod grounds;
mod interview;
mod row;
mod status;
mod sweep;
mod uploads;
mod view;

pub use act::{CaseAction, Decision, act};
pub(crate) use act::{Request, act_in};
pub use appeal_acts::{CourtEntry, record_court_stage};
pub(crate) use appeals::CANCELLATION_NOTICE;
pub use appeals::{AppealView, CourtView};
pub(crate) use cancel::cancellation_notice;
pub(crate) use cancel::cancellation_view;
pub use cancel::{CancellationStep, CancellationView, NOTICE_WORDS, cancel_document};
pub(crate) use catalogue::service_eligibility;
pub use catalogue::{FeeBasisView, example_form, required_documents, services_overview};
pub use deadline::{DecreeView, TerminationReason, decree_of, restart_clock};
pub use duty::{PaymentRecorded, PaymentReport, Refund, record_payment, record_refund};
pub use effects::IssuedCredential;
pub(crate) use file::create_in;
pub use file::{NewCase, create_case, update_draft};
pub use grounds::{GroundView, GroundsView};
pub use status::{MESSAGE_CODES, PublicStatus, not_found_message, public_status, status_message};
pub use sweep::{SweepReport, sweep_deadlines};
pub(crate) use uploads::attach_in;
pub use uploads::{DocumentDownload, download_document, upload_document};
pub use view::{
    CaseList, CaseQuery, CaseSummary, CaseView, DutyView, ExtensionView, InterviewView, ProcedureView,
    get_case, list_cases,
};
pub(crate) use view::{overdue, render};

use umis_domain::case_state::TransitionError;
use umis_store::StoreError;

/// One problem with a form field.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct FieldProblem {
    /// The field (`form.surname`, `fee_tier`).
    pub field: String,
    /// A stable code (`required`, `too_long`, `unknown_field`, …).
    pub code: String,
    /// What is wrong, in English.
    pub message: String,
}

/// Why a case operation was refused.
#[derive(Debug, thiserror::Error)]
pub enum CaseError {
    /// No such case, or none the actor may see (the two are not told apart).
    #[error("no such case")]
    NotFound,
    /// The actor may see the case but not do this.
    #[error("{0}")]
    Forbidden(String),
    /// The request names things that do not exist or fields that are wrong.
    #[error("the application has {} problem(s)", .0.len())]
    Invalid(Vec<FieldProblem>),
    /// The move is not allowed in the case's state.
    #[error("{0}")]
    Transition(#[from] TransitionError),
    /// The case changed since the actor read it (another step came in between); nothing was
    /// written.
    #[error("the case was changed by someone else; reload it and try again")]
    Stale,
    /// The form or the fee tier can be changed only while the filer holds the case.
    #[error("only a draft or a returned application can be edited")]
    NotEditable,
    /// Documents are added while editing, or when the office asks for more.
    #[error("documents can be added to a draft, or when asked for")]
    NoDocumentsNow,
    /// The fee was paid for the chosen tier, which therefore stays.
    #[error("the fee has been paid for the chosen tier")]
    TierPaid,
    /// The year's work-permit quota is used up.
    #[error("the work-permit quota for {year} is exhausted")]
    QuotaExhausted {
        /// The quota's year.
        year: i32,
    },
    /// The document was revoked before.
    #[error("the document is already revoked")]
    AlreadyRevoked,
    /// The fee cannot be taken for this case.
    #[error("{0}")]
    Fee(FeeRefusal),
    /// The decision deadline runs into a year the business-day calendar does not cover yet: it
    /// cannot be counted until that year's holidays are loaded (never a weekend-only guess).
    #[error("{0}")]
    BeyondCalendar(umis_rules::services::BeyondCalendar),
    /// Something umis itself should have prevented (an invalid catalogue, a document that
    /// cannot be signed or drawn): not the caller's fault.
    #[error("{0}")]
    Internal(String),
    /// The database failed.
    #[error("{0}")]
    Store(StoreError),
}

/// Why a fee is not taken at the counter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum FeeRefusal {
    /// The service or tier is free.
    #[error("no fee is due for this application")]
    NoneDue,
    /// It was paid before.
    #[error("the fee of this application is already paid")]
    AlreadyPaid,
    /// The case ended or was refused.
    #[error("no fee is taken for an application in this state")]
    NotInThisState,
    /// The duty of this service is paid after the positive decision, against its payment number.
    #[error("the duty for this application is paid after the decision, against its payment number")]
    AfterDecision,
}

impl From<StoreError> for CaseError {
    fn from(e: StoreError) -> CaseError {
        match e {
            // The store's only conflict: an update naming a version that is no longer stored.
            StoreError::Conflict(_) => CaseError::Stale,
            other => CaseError::Store(other),
        }
    }
}

impl CaseError {
    /// An `Invalid` error with one problem.
    pub(crate) fn invalid(field: &str, code: &str, message: impl Into<String>) -> CaseError {
        CaseError::Invalid(vec![FieldProblem {
            field: field.into(),
            code: code.into(),
            message: message.into(),
        }])
    }
}

/// A random 128-bit identifier, hex: never sequential, so neighbours cannot be guessed.
pub(crate) fn new_id() -> String {
    use rand::RngCore;
    let mut b = [0u8; 16];
    rand::rng().fill_bytes(&mut b);
    crate::hex::hex(&b)
}

/// Whether `actor` may see `case` (for readers outside this module, such as issued documents).
pub fn may_see_case(actor: &crate::actor::Actor, case: &umis_store::cases::CaseRow) -> bool {
    access::may_see(actor, case)
}
