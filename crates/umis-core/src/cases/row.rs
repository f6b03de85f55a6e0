//! The case row and its lifecycle state, both ways, and the history step every change writes:
//! the leaf the other case modules share, so that taking a step, its effects, filing and
//! reading do not depend on each other for these.

use crate::actor::Actor;
use umis_domain::case_state::{CaseState, Grounds, Proposal, StateName};
use umis_store::AuditEntry;
use umis_store::cases::{self, CaseEventRow, CaseRow};

/// The lifecycle state a stored row describes.
pub(crate) fn state_of(row: &CaseRow) -> CaseState {
    let officer = || row.state_actor.clone().unwrap_or_default();
    let grounds = || Grounds { codes: row.ground_codes.clone(), note: row.grounds.clone() };
    match row.state {
        StateName::Draft => CaseState::Draft,
        StateName::Submitted => CaseState::Submitted,
        StateName::ReturnedForCorrection => CaseState::ReturnedForCorrection,
        StateName::Accepted => CaseState::Accepted,
        StateName::Assigned => CaseState::Assigned { officer: officer() },
        StateName::InReview => CaseState::InReview { officer: officer() },
        StateName::InformationRequested => CaseState::InformationRequested { officer: officer() },
        StateName::DecisionProposed => CaseState::DecisionProposed {
            proposal: match row.proposal.as_deref() {
                Some("refuse") => Proposal::Refuse { grounds: grounds() },
                _ => Proposal::Approve,
            },
            by: officer(),
        },
        StateName::Approved => CaseState::Approved,
        StateName::Refused => CaseState::Refused { grounds: grounds() },
        StateName::Appealed => CaseState::Appealed,
        StateName::Closed => CaseState::Closed,
        StateName::Withdrawn => CaseState::Withdrawn,
        StateName::AwaitingPayment => CaseState::AwaitingPayment,
        StateName::LapsedUnpaid => CaseState::LapsedUnpaid,
        StateName::LeftWithoutConsideration => CaseState::LeftWithoutConsideration,
        StateName::ProceedingsTerminated => CaseState::ProceedingsTerminated,
        StateName::Suspended => CaseState::Suspended { officer: officer() },
        StateName::Forwarded => CaseState::Forwarded,
    }
}

/// Writes a lifecycle state into the row's columns. The officer, proposal and grounds stay in
/// their columns after the state moves on: the file keeps who decided and why.
pub(crate) fn set_state(row: &mut CaseRow, s: &CaseState) {
    row.state = s.state_name();
    match s {
        CaseState::Assigned { officer }
        | CaseState::InReview { officer }
        | CaseState::InformationRequested { officer }
        | CaseState::Suspended { officer } => {
            row.state_actor = Some(officer.clone());
        }
        CaseState::DecisionProposed { proposal, by } => {
            row.state_actor = Some(by.clone());
            match proposal {
                Proposal::Approve => row.proposal = Some("approve".into()),
                Proposal::Refuse { grounds } => {
                    row.proposal = Some("refuse".into());
                    set_grounds(row, grounds);
                }
            }
        }
        CaseState::Refused { grounds } => set_grounds(row, grounds),
        _ => {}
    }
}

fn set_grounds(row: &mut CaseRow, grounds: &Grounds) {
    row.ground_codes.clone_from(&grounds.codes);
    row.grounds.clone_from(&grounds.note);
}

/// Writes a history step and its audit record (no personal data in the audit detail).
pub(crate) fn record(
    db: &mut dyn umis_store::sql::WriteDb,
    actor: &Actor,
    row: &CaseRow,
    event: &str,
    from_state: StateName,
    note: Option<&str>,
    now: &str,
) -> Result<(), umis_store::StoreError> {
    cases::insert_event(
        db,
        &row.id,
        &CaseEventRow {
            at: now.to_owned(),
            actor_id: actor.id.clone(),
            actor_role: actor.role.as_str().to_owned(),
            event: event.to_owned(),
            from_state,
            to_state: row.state,
            note: note.map(str::to_owned),
        },
    )?;
    let detail = serde_json::json!({
        "service": row.service,
        "receipt": row.receipt,
        "from": from_state,
        "to": row.state,
        "office": row.office_code,
    })
    .to_string();
    db.audit(&AuditEntry {
        actor: &actor.audit_name(),
        action: &format!("case.{event}"),
        object: &format!("case:{}", row.id),
        outcome: "ok",
        detail: &detail,
    })
}
