//! Reading cases: one case in full (an audited read), and work queues in deadline order.
//!
//! What a reader sees depends on who they are (field-level rules): the filer sees their form,
//! documents, history and decisions, but not which officer holds the case nor a proposal not
//! yet confirmed; staff also see the eligibility trace and the officers.

use super::access::{may_see, party, sees_staff_fields, staff_may_work_on};
use super::appeals::{AppealView, appeal_view};
use super::catalogue::{self, FeeBasisView};
use super::deadline;
use super::effects::IssuedCredential;
use super::grounds::{self, GroundKind, GroundsView};
use super::row::state_of;
use super::{CaseError, form};
use crate::actor::Actor;
use crate::clock::Clock;
use std::collections::BTreeMap;
use umis_domain::case_state::{StateName, Step};
use umis_domain::{Date, Role};
use umis_rules::services::Catalogue;
use umis_store::cases::{self, CaseFilter, CaseRow};
use umis_store::documents;
use umis_store::procedure;
use umis_store::sql::Db;
use umis_store::{AuditEntry, Store};

/// One step of a case's history as shown.
#[derive(Debug, Clone, serde::Serialize)]
pub struct EventView {
    /// When.
    pub at: String,
    /// What.
    pub event: String,
    /// In which role the actor acted.
    pub actor_role: String,
    /// The actor's account id (staff only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub actor_id: Option<String>,
    /// State after the step.
    pub state: StateName,
    /// Note (request for information, answer, grounds).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// An uploaded document as listed.
#[derive(Debug, Clone, serde::Serialize)]
pub struct DocumentView {
    /// Id, for download.
    pub id: String,
    /// Which required document.
    pub doc_type: String,
    /// `pdf`, `jpeg`, `png`.
    pub kind: String,
    /// Bytes.
    pub size: i64,
    /// SHA-256 of the stored bytes.
    pub sha256: String,
    /// When.
    pub uploaded_at: String,
}

/// Fields only staff see.
#[derive(Debug, Clone, serde::Serialize)]
pub struct StaffFields {
    /// The officer holding the case (assigned, reviewing or proposing).
    pub officer: Option<String>,
    /// A proposed decision awaiting a second officer.
    pub proposal: Option<String>,
    /// The eligibility rules and how they came out, with their sources.
    pub eligibility: Vec<String>,
    /// Whether every eligibility rule passed.
    pub eligible: bool,
    /// Procedure milestones and their latest dates (refugee status).
    pub milestones: Vec<Milestone>,
}

/// A step of the procedure with its own deadline.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Milestone {
    /// Stable code.
    pub code: String,
    /// What it is.
    pub name: String,
    /// Latest date; `None` when it falls in a year the business-day calendar does not cover
    /// yet, so it cannot be counted.
    pub due_on: Option<Date>,
    /// An interview: the day it is scheduled for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scheduled_on: Option<String>,
    /// An interview: the interpreter's language.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub interpreter_language: Option<String>,
    /// The day it actually took place.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub held_on: Option<String>,
}

/// The procedure's milestones, counted from the actual dates of the interviews held.
fn staff_milestones(db: &mut dyn Db, cat: &Catalogue, row: &CaseRow) -> Result<Vec<Milestone>, CaseError> {
    let interviews = procedure::interviews(db, &row.id)?;
    let held: Vec<(&str, Date)> = interviews
        .iter()
        .filter_map(|i| Some((i.milestone.as_str(), Date::parse(i.held_on.as_deref()?).ok()?)))
        .collect();
    Ok(catalogue::milestones(cat, &row.service, row.submitted_on, &held)
        .into_iter()
        .map(|(code, name, due_on)| {
            let interview = interviews.iter().find(|i| i.milestone == code);
            Milestone {
                scheduled_on: interview.and_then(|i| i.scheduled_on.clone()),
                interpreter_language: interview.and_then(|i| i.interpreter_language.clone()),
                held_on: interview.and_then(|i| i.held_on.clone()),
                code,
                name,
                due_on,
            }
        })
        .collect())
}

/// A case in full.
#[derive(Debug, Clone, serde::Serialize)]
pub struct CaseView {
    /// Case id.
    pub id: String,
    /// Public receipt number (after submission).
    pub receipt: Option<String>,
    /// Service code.
    pub service: String,
    /// Office.
    pub office: String,
    /// Lifecycle state.
    pub state: StateName,
    /// The steps the reader may take now, as the lifecycle allows them (the pages offer these
    /// and no others; not part of the API's answer, whose clients follow the documented
    /// lifecycle).
    #[serde(skip)]
    pub actions: Vec<Step>,
    /// Whether the reader may give the case to another officer, not only take it.
    #[serde(skip)]
    pub assigns_others: bool,
    /// Fee tier.
    pub fee_tier: String,
    /// Fee in qəpik.
    pub fee_minor: i64,
    /// Whether the fee is paid.
    pub fee_paid: bool,
    /// What the fee was computed from (scale, term, periods, regime).
    pub fee_basis: FeeBasisView,
    /// The form.
    pub form: BTreeMap<String, String>,
    /// Filing date.
    pub submitted_on: Option<Date>,
    /// Statutory deadline.
    pub due_on: Option<Date>,
    /// Past its deadline without a decision.
    pub overdue: bool,
    /// Decision date.
    pub decided_on: Option<Date>,
    /// Outcome (service-specific).
    pub outcome: Option<String>,
    /// Legal grounds of a refusal: coded, with a note.
    pub grounds: Option<GroundsView>,
    /// The case whose act this appeal challenges.
    pub appeal_of: Option<String>,
    /// What this appeal challenges, and where it stands (appeals only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub appeal: Option<AppealView>,
    /// Version, for optimistic locking.
    pub version: i64,
    /// History.
    pub events: Vec<EventView>,
    /// Uploaded documents.
    pub documents: Vec<DocumentView>,
    /// Issued permits, certificates and decisions.
    pub issued: Vec<IssuedCredential>,
    /// Staff-only fields.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub staff: Option<StaffFields>,
    /// The duty, the clock and the extensions (members of the case itself on the wire).
    #[serde(flatten)]
    pub procedure: ProcedureView,
}

/// Where a case stands in the administrative procedure: its duty after the decision, its
/// clock, its extensions.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ProcedureView {
    /// The state duty ordered after the decision, once ordered.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duty: Option<DutyView>,
    /// The coded exemption from the duty, when recorded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duty_exemption: Option<String>,
    /// While the clock stands: since when.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub clock_stopped_on: Option<String>,
    /// While information is requested: the last day to answer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reply_by: Option<String>,
    /// The deadline's recorded extensions, oldest first.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub extensions: Vec<ExtensionView>,
    /// The interviews scheduled or held, for every reader of the case (the applicant comes to
    /// them); not part of the API's answer, whose staff see them among the milestones.
    #[serde(skip)]
    pub interviews: Vec<InterviewView>,
}

/// An interview of the procedure as its parties see it.
#[derive(Debug, Clone)]
pub struct InterviewView {
    /// The milestone's code (`registration_interview`).
    pub milestone: String,
    /// The day it is scheduled for.
    pub scheduled_on: Option<String>,
    /// The interpreter's language (ISO 639 code).
    pub interpreter_language: Option<String>,
    /// The day it took place.
    pub held_on: Option<String>,
}

/// A case's procedure as stored beside it.
fn procedure_view(db: &mut dyn Db, id: &str) -> Result<ProcedureView, CaseError> {
    let duty = procedure::duty_for_case(db, id)?.map(|d| DutyView {
        payment_number: d.payment_number,
        amount_minor: d.amount_minor,
        due_by: d.due_by,
        paid_at: d.paid_at,
        lapsed_on: d.lapsed_on,
    });
    let clock = procedure::clock(db, id)?;
    let extensions = procedure::extensions(db, id)?
        .into_iter()
        .map(|e| ExtensionView {
            previous_due_on: e.previous_due_on,
            new_due_on: e.new_due_on,
            reason: e.reason,
        })
        .collect();
    let interviews = procedure::interviews(db, id)?
        .into_iter()
        .map(|i| InterviewView {
            milestone: i.milestone,
            scheduled_on: i.scheduled_on,
            interpreter_language: i.interpreter_language,
            held_on: i.held_on,
        })
        .collect();
    Ok(ProcedureView {
        duty,
        duty_exemption: clock.duty_exemption,
        clock_stopped_on: clock.stopped_on,
        reply_by: clock.reply_by,
        extensions,
        interviews,
    })
}

/// The state duty of a grant, as the applicant pays it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct DutyView {
    /// The number to quote when paying.
    pub payment_number: String,
    /// Amount due, in qəpik.
    pub amount_minor: i64,
    /// Last day to pay.
    pub due_by: String,
    /// When it was paid.
    pub paid_at: Option<String>,
    /// The day the grant lapsed unpaid.
    pub lapsed_on: Option<String>,
}

/// An extension of the deadline.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ExtensionView {
    /// The deadline before.
    pub previous_due_on: String,
    /// The new deadline.
    pub new_due_on: String,
    /// Why.
    pub reason: String,
}

/// Whether a case is past its deadline with no decision yet and its clock running (a case
/// waiting for the applicant or another authority is not overdue).
pub(crate) fn overdue(row: &CaseRow, today: Date) -> bool {
    row.state.clock_running() && row.due_on.is_some_and(|due| due < today)
}

/// The documents issued from the case, each with its cancellation as the reader may see it.
fn issued(
    db: &mut dyn Db,
    cat: &Catalogue,
    row: &CaseRow,
    staff: bool,
) -> Result<Vec<IssuedCredential>, CaseError> {
    let mut issued: Vec<IssuedCredential> =
        documents::issued_for_case(db, &row.id)?.into_iter().map(IssuedCredential::from).collect();
    for doc in &mut issued {
        doc.cancellation = super::cancellation_view(db, cat, &doc.number, staff)?;
    }
    Ok(issued)
}

/// The case as `actor` may see it.
pub(crate) fn render(
    db: &mut dyn Db,
    cat: &Catalogue,
    actor: &Actor,
    row: &CaseRow,
    today: Date,
) -> Result<CaseView, CaseError> {
    let staff = sees_staff_fields(actor, row);
    let events = cases::events(db, &row.id)?
        .into_iter()
        .map(|e| EventView {
            at: e.at,
            event: e.event,
            actor_role: e.actor_role,
            actor_id: staff.then_some(e.actor_id),
            state: e.to_state,
            note: e.note,
        })
        .collect();
    let docs = documents::documents(db, &row.id)?
        .into_iter()
        .map(|d| DocumentView {
            id: d.id,
            doc_type: d.doc_type,
            kind: d.kind,
            size: d.size,
            sha256: d.sha256,
            uploaded_at: d.uploaded_at,
        })
        .collect();
    let issued = issued(db, cat, row, staff)?;
    let form = form::from_json(&row.form);
    let staff_fields = if staff {
        let (eligible, eligibility) = catalogue::eligibility(cat, db, row, &form, today)?;
        let milestones = staff_milestones(db, cat, row)?;
        Some(StaffFields {
            officer: row.state_actor.clone(),
            proposal: row.proposal.clone(),
            eligibility,
            eligible,
            milestones,
        })
    } else {
        None
    };
    let final_grounds = row.state.refusal_final() || staff;
    let party = party(actor, row);
    let actions = deadline::offered(cat, row, state_of(row).allowed_steps(&party));
    Ok(CaseView {
        id: row.id.clone(),
        receipt: row.receipt.clone(),
        service: row.service.clone(),
        office: row.office_code.clone(),
        state: row.state,
        actions,
        assigns_others: party.assigns_others,
        fee_tier: row.fee_tier.clone(),
        fee_minor: row.fee_minor,
        fee_paid: row.fee_paid,
        fee_basis: catalogue::fee_basis(cat, row, &form, today),
        form,
        submitted_on: row.submitted_on,
        due_on: row.due_on,
        overdue: overdue(row, today),
        decided_on: row.decided_on,
        outcome: row.outcome.clone(),
        grounds: final_grounds
            .then(|| grounds::view(cat, GroundKind::Refusal, &row.ground_codes, row.grounds.as_deref()))
            .flatten(),
        appeal_of: row.appeal_of.clone(),
        appeal: appeal_view(db, cat, row)?,
        version: row.version,
        events,
        documents: docs,
        issued,
        staff: staff_fields,
        procedure: procedure_view(db, &row.id)?,
    })
}

/// Reads one case; the read is audited (a case holds identity data, and asylum cases the most
/// sensitive data umis has). `purpose` says why staff open it.
pub fn get_case(
    store: &Store,
    cat: &Catalogue,
    clock: &Clock,
    actor: &Actor,
    id: &str,
    purpose: &str,
) -> Result<CaseView, CaseError> {
    let today = clock.today();
    store.transact(|db| {
        let row = cases::case_by_id(db, id)?.filter(|r| may_see(actor, r)).ok_or(CaseError::NotFound)?;
        db.audit(&AuditEntry {
            actor: &actor.audit_name(),
            action: "case.read",
            object: &format!("case:{}", row.id),
            outcome: "ok",
            detail: &serde_json::json!({ "purpose": purpose, "sensitive": row.sensitive }).to_string(),
        })?;
        render(db, cat, actor, &row, today)
    })
}

/// A case in a list.
#[derive(Debug, Clone, serde::Serialize)]
pub struct CaseSummary {
    /// Case id.
    pub id: String,
    /// Receipt number.
    pub receipt: Option<String>,
    /// Service.
    pub service: String,
    /// Office.
    pub office: String,
    /// State.
    pub state: StateName,
    /// Filing date.
    pub submitted_on: Option<Date>,
    /// Deadline.
    pub due_on: Option<Date>,
    /// Past its deadline.
    pub overdue: bool,
}

/// A page of cases.
#[derive(Debug, Clone, serde::Serialize)]
pub struct CaseList {
    /// The cases, by deadline.
    pub items: Vec<CaseSummary>,
    /// Cursor for the next page, if there may be one.
    pub next: Option<String>,
}

/// What a listing asks for.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseQuery {
    /// Only this state.
    pub state: Option<String>,
    /// Only this service.
    pub service: Option<String>,
    /// Only cases held by the caller.
    pub mine: Option<bool>,
    /// Another office (staff granted all offices only).
    pub office: Option<String>,
    /// Cursor from the previous page.
    pub after: Option<String>,
    /// Page size (1–100, default 50).
    pub limit: Option<u32>,
}

/// The caller's own applications, or (staff) their office's work queue in deadline order.
pub fn list_cases(store: &Store, clock: &Clock, actor: &Actor, q: &CaseQuery) -> Result<CaseList, CaseError> {
    let limit = i64::from(q.limit.unwrap_or(50).clamp(1, 100));
    let after = match q.after.as_deref() {
        None => None,
        Some(c) => {
            Some(c.split_once('|').ok_or_else(|| CaseError::invalid("after", "bad_cursor", "not a cursor"))?)
        }
    };
    let staff = actor.role.decides_cases() || actor.role.decides_appeals();
    let office = if actor.role.decides_appeals() {
        // The appeal board decides the appeals of every office.
        q.office.clone()
    } else if staff {
        match (&q.office, actor.all_offices) {
            (Some(o), true) => Some(o.clone()),
            (Some(_), false) => {
                return Err(CaseError::Forbidden("you see your own office's cases only".into()));
            }
            (None, true) => None,
            (None, false) => Some(actor.office.clone().unwrap_or_default()),
        }
    } else if matches!(actor.role, Role::Applicant | Role::Host | Role::Employer | Role::Operator) {
        None
    } else {
        return Err(CaseError::Forbidden(format!("a {} has no case list", actor.role)));
    };
    // A state that does not exist matches no case.
    let state = match q.state.as_deref().map(|s| StateName::parse(s).ok_or(s)) {
        None => None,
        Some(Ok(s)) => Some(s),
        Some(Err(_)) => return Ok(CaseList { items: Vec::new(), next: None }),
    };
    let filter = CaseFilter {
        owner_id: (!staff).then_some(actor.id.as_str()),
        office_code: office.as_deref(),
        state,
        service: q.service.as_deref(),
        actor: q.mine.unwrap_or(false).then_some(actor.id.as_str()),
        include_sensitive: !staff || actor.role == Role::RefugeeOfficer,
        holder: None,
        after,
        limit,
    };
    let today = clock.today();
    store.transact(|db| {
        let rows = cases::list_cases(db, &filter)?;
        if staff {
            db.audit(&AuditEntry {
                actor: &actor.audit_name(),
                action: "case.list",
                object: &format!("office:{}", office.as_deref().unwrap_or("*")),
                outcome: "ok",
                detail: &serde_json::json!({ "count": rows.len() }).to_string(),
            })?;
        }
        let next = (rows.len() as i64 == limit)
            .then(|| {
                rows.last().map(|r| {
                    format!("{}|{}", r.due_on.map_or_else(|| "~".to_owned(), |d| d.to_string()), r.id)
                })
            })
            .flatten();
        let items = rows
            .iter()
            .filter(|r| !staff || staff_may_work_on(actor, r))
            .map(|r| CaseSummary {
                id: r.id.clone(),
                receipt: r.receipt.clone(),
                service: r.service.clone(),
                office: r.office_code.clone(),
                state: r.state,
                submitted_on: r.submitted_on,
                due_on: r.due_on,
                overdue: overdue(r, today),
            })
            .collect();
        Ok(CaseList { items, next })
    })
}
