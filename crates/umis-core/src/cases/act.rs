//! Every step after the draft: the filer submits, answers or withdraws; officers accept,
//! assign, examine, propose; a second officer confirms. The domain's state machine decides
//! whether a step is allowed; this module decides who may take it and what it sets off.

use super::access::{assigns_others, is_filer, may_see, staff_may_work_on};
use super::appeal_acts;
use super::appeals;
use super::catalogue::{self, Service};
use super::deadline::{self, StepContext, TerminationReason};
use super::effects::Effects;
use super::row::{record, set_state, state_of};
use super::view::{CaseView, render};
use super::{CaseError, form};
use crate::actor::Actor;
use crate::clock::Clock;
use umis_credential::KeyRing;
use umis_domain::Date;
use umis_domain::case_state::{CaseEvent, CaseState, Grounds, Proposal, StateName, Step};
use umis_domain::payment_number::DutyExemption;
use umis_rules::services::Catalogue;
use umis_store::cases::{self, CaseRow};
use umis_store::sql::{Db, WriteDb};
use umis_store::{Store, accounts, jobs};

umis_domain::wire_enum! {
    /// The decision an officer proposes, as the API and the pages spell it.
    Decision { Approve = "approve", Refuse = "refuse" }
}

/// A step on a case, as the API receives it.
#[derive(Debug, Clone, serde::Deserialize)]
#[serde(tag = "action", rename_all = "snake_case", deny_unknown_fields)]
pub enum CaseAction {
    /// File the application (or re-file it after correction).
    Submit,
    /// Withdraw it (before a decision).
    Withdraw,
    /// Send it back to the filer to correct.
    ReturnForCorrection {
        /// What to correct.
        note: String,
    },
    /// Accept it as complete.
    Accept,
    /// Give it to an officer.
    Assign {
        /// The officer's account id.
        officer: String,
    },
    /// Start examining it.
    StartReview,
    /// Ask the filer for more.
    RequestInformation {
        /// What is asked.
        note: String,
    },
    /// Answer a request for information.
    ProvideInformation {
        /// The answer.
        note: String,
    },
    /// Propose a decision.
    Propose {
        /// Grant or refuse.
        decision: Decision,
        /// The codes of the legal grounds (at least one to refuse; the catalogue lists the
        /// service's grounds).
        #[serde(default)]
        grounds: Option<Vec<String>>,
        /// Free text that adds to the coded grounds.
        #[serde(default)]
        note: Option<String>,
        /// The service-specific outcome (e.g. `undetermined` for citizenship affiliation).
        #[serde(default)]
        outcome: Option<String>,
    },
    /// Confirm the proposal (a second officer).
    Confirm,
    /// Send the proposal back to examination (a second officer).
    SendBack {
        /// Why.
        #[serde(default)]
        note: Option<String>,
    },
    /// Close a decided case.
    Close,
    /// Suspend the examination while another authority is asked (the clock stops).
    Suspend {
        /// Which authority, and why.
        note: String,
    },
    /// Resume a suspended examination (the days it stood are added to the deadline).
    Resume,
    /// End the proceedings without a decision on the merits.
    Terminate {
        /// Why.
        reason: TerminationReason,
        /// What the file shows.
        #[serde(default)]
        note: Option<String>,
    },
    /// Extend the deadline (the applicant is notified).
    ExtendDeadline {
        /// The new deadline, `YYYY-MM-DD`.
        due_on: String,
        /// Why (the additional checks needed).
        reason: String,
    },
    /// Record that no state duty is due after the decision.
    ExemptFromDuty {
        /// The coded exemption.
        exemption: DutyExemption,
        /// The basis (the document seen).
        note: String,
    },
    /// Enter the decision taken elsewhere (the President's decree on citizenship), for a
    /// second officer to confirm.
    RecordDecree {
        /// Granted or refused.
        decision: Decision,
        /// The decree's number.
        number: String,
        /// The decree's date, `YYYY-MM-DD`.
        date: String,
    },
    /// Schedule an interview of the procedure (refugee status), with the interpreter language.
    ScheduleInterview {
        /// The milestone (`registration_interview`, `status_interview`).
        milestone: String,
        /// The day, `YYYY-MM-DD`.
        on: String,
        /// The interpreter's language (ISO 639 code), if one is needed.
        #[serde(default)]
        interpreter_language: Option<String>,
    },
    /// Record that an interview took place, on its actual date.
    RecordInterview {
        /// The milestone.
        milestone: String,
        /// The day it took place, `YYYY-MM-DD`.
        on: String,
    },
    /// Forward the application to the authority that decides it.
    Forward {
        /// A note for the file.
        #[serde(default)]
        note: Option<String>,
    },
}

impl CaseAction {
    /// The lifecycle step this action takes.
    pub fn step(&self) -> Step {
        match self {
            CaseAction::Submit => Step::Submit,
            CaseAction::Withdraw => Step::Withdraw,
            CaseAction::ReturnForCorrection { .. } => Step::ReturnForCorrection,
            CaseAction::Accept => Step::Accept,
            CaseAction::Assign { .. } => Step::Assign,
            CaseAction::StartReview => Step::StartReview,
            CaseAction::RequestInformation { .. } => Step::RequestInformation,
            CaseAction::ProvideInformation { .. } => Step::ProvideInformation,
            CaseAction::Propose { .. } => Step::Propose,
            CaseAction::Confirm => Step::Confirm,
            CaseAction::SendBack { .. } => Step::SendBack,
            CaseAction::Close => Step::Close,
            CaseAction::Suspend { .. } => Step::Suspend,
            CaseAction::Resume => Step::Resume,
            CaseAction::Terminate { .. } => Step::Terminate,
            CaseAction::ExtendDeadline { .. } => Step::ExtendDeadline,
            CaseAction::ExemptFromDuty { .. } => Step::ExemptFromDuty,
            CaseAction::Forward { .. } => Step::Forward,
            CaseAction::RecordDecree { .. } => Step::RecordDecree,
            CaseAction::ScheduleInterview { .. } => Step::ScheduleInterview,
            CaseAction::RecordInterview { .. } => Step::RecordInterview,
        }
    }

    fn name(&self) -> &'static str {
        self.step().as_str()
    }

    fn note(&self) -> Option<&str> {
        match self {
            CaseAction::ReturnForCorrection { note }
            | CaseAction::RequestInformation { note }
            | CaseAction::ProvideInformation { note } => Some(note),
            CaseAction::SendBack { note }
            | CaseAction::Forward { note }
            | CaseAction::Terminate { note, .. } => note.as_deref(),
            CaseAction::Suspend { note } | CaseAction::ExemptFromDuty { note, .. } => Some(note),
            CaseAction::ExtendDeadline { reason, .. } => Some(reason),
            CaseAction::Propose { note, .. } => note.as_deref(),
            _ => None,
        }
    }
}

/// Takes one step on a case.
pub fn act(
    store: &Store,
    cat: &Catalogue,
    clock: &Clock,
    keys: &KeyRing,
    actor: &Actor,
    id: &str,
    action: CaseAction,
) -> Result<CaseView, CaseError> {
    let row =
        store.transact(|db| act_in(db, cat, clock, keys, actor, id, Request { expected: None, action }))?;
    // The answer is read after the commit, outside the writers' queue.
    store.read(|db| render(db, cat, actor, &row, clock.today()))
}

/// A request for a step as [`act_in`] takes it: the action and, when the actor read the case first, the
/// version they read.
pub(crate) struct Request {
    pub expected: Option<i64>,
    pub action: CaseAction,
}

/// Takes one step on a case, in a transaction of the caller's: the same checks and effects as
/// [`act`], and, with `expected` (the version the actor read), a refusal with
/// [`CaseError::Stale`] when the case has changed since: checked in the same transaction,
/// so no other step can come in between.
pub(crate) fn act_in(
    db: &mut dyn WriteDb,
    cat: &Catalogue,
    clock: &Clock,
    keys: &KeyRing,
    actor: &Actor,
    id: &str,
    request: Request,
) -> Result<CaseRow, CaseError> {
    let Request { expected, action } = request;
    let today = clock.today();
    let now = clock.now_rfc3339();
    let now_ns = clock.now_ns();
    let mut row = cases::case_by_id(db, id)?.filter(|r| may_see(actor, r)).ok_or(CaseError::NotFound)?;
    if expected.is_some_and(|v| v != row.version) {
        return Err(CaseError::Stale);
    }
    let service = catalogue::service(cat, &row.service)?;
    let allowed =
        if action.step().by_filer() { is_filer(actor, &row) } else { staff_may_work_on(actor, &row) };
    if !allowed {
        return Err(CaseError::Forbidden(format!("a {} cannot {} this case", actor.role, action.name())));
    }
    if !action.step().by_filer() {
        appeals::check_not_party_to_act(db, actor, &row)?;
    }
    let before = state_of(&row);
    let event = event_for(db, actor, &row, &before, &action)?;
    if let CaseEvent::Propose { proposal: Proposal::Refuse { grounds }, .. } = &event {
        catalogue::check_refusal_grounds(cat, &row.service, &grounds.codes)?;
    }
    let mut after = before.apply(&event)?;
    let mut fx = Effects::new(cat, keys, today, &now);
    match &action {
        CaseAction::Submit => {
            submit(db, cat, actor, &mut row, &service, today, &now)?;
            if service.auto_decide() {
                after = after.apply(&CaseEvent::Register)?;
            }
        }
        CaseAction::Propose { outcome, .. } => row.outcome = service.check_outcome(outcome.as_deref())?,
        _ => {}
    }
    let ctx = StepContext { service: &service, today, now: &now, now_ns };
    deadline::after_event(db, &ctx, actor, &mut row, &action, &mut after)?;
    set_state(&mut row, &after);
    if matches!(after, CaseState::Approved | CaseState::Refused { .. }) && row.decided_on.is_none() {
        row.decided_on = Some(today);
    }
    row.version += 1;
    cases::update_case(db, &row)?;
    record(db, actor, &row, action.name(), before.state_name(), action.note(), &now)?;
    fx.after_step(db, actor, &row, &service, before.state_name())?;
    jobs::enqueue_notification(db, &row.id, &row.owner_id, row.state.as_str(), &now, now_ns)?;
    Ok(row)
}

/// The domain event for an action, after the checks that need the database.
fn event_for(
    db: &mut dyn Db,
    actor: &Actor,
    row: &CaseRow,
    before: &CaseState,
    action: &CaseAction,
) -> Result<CaseEvent, CaseError> {
    let assigned_only = |officer: &str| {
        if officer == actor.id {
            Ok(())
        } else {
            Err(CaseError::Forbidden("only the officer the case is assigned to may do this".into()))
        }
    };
    Ok(match action {
        CaseAction::Submit => CaseEvent::Submit,
        CaseAction::Withdraw => CaseEvent::Withdraw,
        CaseAction::ReturnForCorrection { note } => {
            require_note(note)?;
            CaseEvent::ReturnForCorrection
        }
        CaseAction::Accept => CaseEvent::Accept,
        CaseAction::Assign { officer } => {
            check_assignee(db, actor, row, officer)?;
            CaseEvent::Assign { officer: officer.clone() }
        }
        CaseAction::StartReview => {
            if let CaseState::Assigned { officer } = before {
                assigned_only(officer)?;
            }
            CaseEvent::StartReview
        }
        CaseAction::RequestInformation { note } => {
            require_note(note)?;
            if let CaseState::InReview { officer } = before {
                assigned_only(officer)?;
            }
            CaseEvent::RequestInformation
        }
        CaseAction::ProvideInformation { note } => {
            require_note(note)?;
            CaseEvent::ProvideInformation
        }
        CaseAction::Propose { decision, grounds, note, .. } => {
            if let CaseState::InReview { officer } = before {
                assigned_only(officer)?;
            }
            CaseEvent::Propose {
                proposal: proposal(*decision, grounds.as_deref(), note.as_deref())?,
                by: actor.id.clone(),
            }
        }
        CaseAction::Confirm => CaseEvent::Confirm { by: actor.id.clone() },
        CaseAction::SendBack { .. } => CaseEvent::SendBack { by: actor.id.clone() },
        CaseAction::Close => CaseEvent::Close,
        procedural => deadline::event_for(actor, before, procedural)?,
    })
}

/// The proposal an officer makes: a refusal cites coded grounds (checked against the service
/// by the caller) with an optional note; an approval cites none.
fn proposal(decision: Decision, cited: Option<&[String]>, note: Option<&str>) -> Result<Proposal, CaseError> {
    let note = note.map(str::trim).filter(|n| !n.is_empty());
    if note.is_some_and(|n| n.chars().count() > 4000) {
        return Err(CaseError::invalid("note", "too_long", "the note is limited to 4000 characters"));
    }
    let mut codes: Vec<String> = Vec::new();
    for code in cited.unwrap_or_default().iter().map(|c| c.trim()) {
        if !codes.iter().any(|c| c == code) {
            codes.push(code.to_owned());
        }
    }
    match decision {
        Decision::Approve if codes.is_empty() => Ok(Proposal::Approve),
        Decision::Approve => {
            Err(CaseError::invalid("grounds", "not_allowed", "grounds are cited only to refuse"))
        }
        Decision::Refuse => {
            Ok(Proposal::Refuse { grounds: Grounds { codes, note: note.map(str::to_owned) } })
        }
    }
}

/// Refuses an assignment to someone else by anyone but a supervisor, and to anyone who is not
/// an enabled officer who may work on the case.
fn check_assignee(db: &mut dyn Db, actor: &Actor, row: &CaseRow, officer: &str) -> Result<(), CaseError> {
    if !assigns_others(actor) && officer != actor.id {
        return Err(CaseError::Forbidden("only a supervisor may assign a case to someone else".into()));
    }
    let target = accounts::user_by_id(db, officer)?
        .filter(|u| u.disabled_at.is_none())
        .map(|u| (u.role, u))
        .filter(|(role, u)| {
            let who = Actor {
                id: u.id.clone(),
                role: *role,
                office: u.office_code.clone(),
                all_offices: u.all_offices,
            };
            (role.decides_cases() || role.decides_appeals()) && staff_may_work_on(&who, row)
        });
    if target.is_none() {
        return Err(CaseError::invalid(
            "officer",
            "unknown_officer",
            "no officer of this office may take this case",
        ));
    }
    Ok(())
}

pub(crate) fn require_note(note: &str) -> Result<(), CaseError> {
    let n = note.trim().chars().count();
    if n == 0 {
        return Err(CaseError::invalid("note", "required", "say what is needed"));
    }
    if n > 4000 || note.chars().any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t') {
        return Err(CaseError::invalid(
            "note",
            "too_long",
            "a note is plain text of at most 4000 characters",
        ));
    }
    Ok(())
}

/// Filing: the whole form must now be valid and the required documents uploaded; the case
/// gets its receipt number and statutory deadline; an appeal freezes the refused case.
fn submit(
    db: &mut dyn WriteDb,
    cat: &Catalogue,
    actor: &Actor,
    row: &mut CaseRow,
    service: &Service,
    today: Date,
    now: &str,
) -> Result<(), CaseError> {
    let form = service.validate(&form::from_json(&row.form), false)?;
    let uploaded: Vec<String> =
        umis_store::documents::documents(db, &row.id)?.into_iter().map(|d| d.doc_type).collect();
    service.check_documents(&uploaded)?;
    let holder = service.holder(&form);
    row.holder_state = holder.issuing_state;
    row.holder_document = holder.document_number;
    if service.auto_decide() {
        refuse_repeat_registration(db, row, &form)?;
    }
    row.holder_birth_date = holder.birth_date;
    row.employer_tin = holder.employer_tin;
    // Once: a resubmission after correction keeps the appeal it opened.
    if let Some(appealed) = service.appealed_receipt(&form).filter(|_| row.appeal_of.is_none()) {
        appeal_acts::open_appeal(db, cat, actor, row, &appealed, today, now)?;
    }
    if row.receipt.is_none() {
        let year = today.year();
        let seq = cases::next_receipt_sequence(db, &row.office_code, i64::from(year))?;
        let receipt = umis_domain::receipt::Receipt::new(
            &row.office_code,
            u16::try_from(year).unwrap_or(0),
            u32::try_from(seq).unwrap_or(u32::MAX),
        )
        .map_err(|e| CaseError::Internal(format!("cannot number the case: {e}")))?;
        row.receipt = Some(receipt.to_string());
    }
    // The fee is fixed on the filing day, from the whole form (the person's age that day).
    super::file::reprice(db, row, service, &form, today)?;
    row.submitted_on = Some(today);
    row.due_on = Some(service.due_date(&row.fee_tier, &form, today)?);
    Ok(())
}

/// A service decided on filing (registration at place of stay) is refused when the same filer
/// already holds one for the same person from the same day: a list uploaded twice, or a form
/// sent twice, must not register a guest twice. A withdrawn or refused one does not count.
fn refuse_repeat_registration(
    db: &mut dyn Db,
    row: &CaseRow,
    form: &std::collections::BTreeMap<String, String>,
) -> Result<(), CaseError> {
    let (Some(state), Some(document)) = (row.holder_state.as_deref(), row.holder_document.as_deref()) else {
        return Ok(());
    };
    let from = form.get("stay_from");
    let earlier = cases::list_cases(
        db,
        &cases::CaseFilter {
            owner_id: Some(&row.owner_id),
            service: Some(&row.service),
            holder: Some((state, document)),
            include_sensitive: true,
            limit: 10_000,
            ..cases::CaseFilter::default()
        },
    )?;
    let repeat = earlier.iter().any(|c| {
        c.id != row.id
            && c.receipt.is_some()
            && !matches!(c.state, StateName::Withdrawn | StateName::Refused)
            && form::from_json(&c.form).get("stay_from") == from
    });
    if repeat {
        return Err(CaseError::invalid(
            "form.document_number",
            "already_registered",
            "this person is already registered by you from the same day",
        ));
    }
    Ok(())
}
