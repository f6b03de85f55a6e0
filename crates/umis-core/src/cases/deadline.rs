//! The statutory clock of a case (review 2026-12 §4.1): it stands while the applicant must
//! answer a request for information or while another authority is asked (suspension), and the
//! days it stood are added to the deadline when it runs again; a request carries a reply
//! deadline (the catalogue's reply period) after which the application is left without
//! consideration; the office may extend a deadline, with a reason and notice to the applicant,
//! at most by the catalogue's bound; an upheld appeal starts a fresh period.
//!
//! Also the office's procedural steps that change no decision (suspend, resume, terminate,
//! extend, exempt from duty, forward): who may take them, checked here once.

use super::access::assigns_others;
use super::act::{CaseAction, Decision};
use super::catalogue::Service;
use super::{CaseError, duty};
use crate::actor::Actor;
use umis_domain::Date;
use umis_domain::case_state::{CaseEvent, CaseState, Grounds, Proposal, Step};
use umis_rules::services::Catalogue;
use umis_store::cases::CaseRow;
use umis_store::jobs;
use umis_store::procedure::{self, ClockRow, ExtensionRow};
use umis_store::sql::WriteDb;

umis_domain::wire_enum! {
    /// Why proceedings end without a decision on the merits.
    TerminationReason {
        ApplicantLeft = "applicant_left",
        ApplicantDied = "applicant_died",
        ProcessingStopped = "processing_stopped",
    }
}

/// What a step of the procedure needs beyond the state machine: the day, the instant, and
/// the service's catalogue.
pub(crate) struct StepContext<'a> {
    pub service: &'a Service<'a>,
    pub today: Date,
    pub now: &'a str,
    pub now_ns: i64,
}

/// The domain event of a procedural action, after checking that the actor may take it: the
/// officer holding the case acts on it; a supervisor may also terminate it.
pub(crate) fn event_for(
    actor: &Actor,
    before: &CaseState,
    action: &CaseAction,
) -> Result<CaseEvent, CaseError> {
    let holder_only = || match before.officer() {
        Some(officer) if officer != actor.id => {
            Err(CaseError::Forbidden("only the officer the case is assigned to may do this".into()))
        }
        _ => Ok(()),
    };
    Ok(match action {
        CaseAction::Suspend { note } => {
            super::act::require_note(note)?;
            holder_only()?;
            CaseEvent::Suspend
        }
        CaseAction::Resume => {
            holder_only()?;
            CaseEvent::Resume
        }
        CaseAction::Terminate { note, .. } => {
            if let Some(note) = note {
                super::act::require_note(note)?;
            }
            if !assigns_others(actor) {
                holder_only()?;
            }
            CaseEvent::Terminate
        }
        CaseAction::ExtendDeadline { reason, .. } => {
            super::act::require_note(reason)?;
            holder_only()?;
            CaseEvent::ExtendDeadline
        }
        CaseAction::ExemptFromDuty { note, .. } => {
            super::act::require_note(note)?;
            holder_only()?;
            CaseEvent::ExemptFromDuty
        }
        CaseAction::Forward { .. } => {
            holder_only()?;
            CaseEvent::Forward
        }
        CaseAction::RecordDecree { decision, number, date } => decree(actor, decision, number, date)?,
        CaseAction::ScheduleInterview { .. } | CaseAction::RecordInterview { .. } => {
            holder_only()?;
            CaseEvent::Interview
        }
        _ => return Err(CaseError::Internal("not a procedural action".into())),
    })
}

/// The proposal a decree makes: its number and date are what the file records.
fn decree(actor: &Actor, decision: &Decision, number: &str, date: &str) -> Result<CaseEvent, CaseError> {
    let number = number.trim();
    if number.is_empty() || number.chars().count() > 40 || number.chars().any(char::is_control) {
        return Err(CaseError::invalid("number", "required", "the decree's number, at most 40 characters"));
    }
    let date = Date::parse(date.trim())
        .map_err(|_| CaseError::invalid("date", "not_a_date", "the decree's date must be YYYY-MM-DD"))?;
    let proposal = match decision {
        Decision::Approve => Proposal::Approve,
        Decision::Refuse => {
            Proposal::Refuse { grounds: Grounds { codes: Vec::new(), note: Some(decree_text(number, date)) } }
        }
    };
    Ok(CaseEvent::Propose { proposal, by: actor.id.clone() })
}

/// How a decree is cited in the file.
pub(crate) fn decree_text(number: &str, date: Date) -> String {
    format!("{DECREE_CITATION}{number} of {date}")
}

/// The words before a decree's number in its citation.
const DECREE_CITATION: &str = "Decree of the President of the Republic of Azerbaijan No ";

/// A decree as the case file records it: granted or refused, its number and date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecreeView {
    /// Whether the decree granted the application.
    pub granted: bool,
    /// The decree's number.
    pub number: String,
    /// The decree's date.
    pub date: Date,
}

/// The decree a forwarded case's outcome records (as [`after_event`] writes it), if any: the
/// pages show it in the reader's language instead of the file's citation.
pub fn decree_of(outcome: &str) -> Option<DecreeView> {
    let (granted, cited) = match outcome.split_once(": ")? {
        ("granted", c) => (true, c),
        ("refused", c) => (false, c),
        _ => return None,
    };
    let (number, date) = cited.strip_prefix(DECREE_CITATION)?.rsplit_once(" of ")?;
    Some(DecreeView { granted, number: number.to_owned(), date: Date::parse(date).ok()? })
}

/// What a step sets off for the clock and the duty, before the case is written: the clock
/// stops or runs again, a deadline is extended, an exemption recorded, a grant whose duty is
/// paid after the decision waits for payment. `after` may move on (approved → awaiting payment).
pub(crate) fn after_event(
    db: &mut dyn WriteDb,
    ctx: &StepContext<'_>,
    actor: &Actor,
    row: &mut CaseRow,
    action: &CaseAction,
    after: &mut CaseState,
) -> Result<(), CaseError> {
    let cat = ctx.service.catalogue();
    let mut clock = procedure::clock(db, &row.id)?;
    match action {
        CaseAction::RequestInformation { .. } => {
            clock.stopped_on = Some(ctx.today.to_string());
            clock.reply_by = Some(
                cat.procedure()
                    .reply_by(cat.calendar(), ctx.today)
                    .map_err(CaseError::BeyondCalendar)?
                    .to_string(),
            );
            procedure::set_clock(db, &row.id, &clock)?;
        }
        CaseAction::Suspend { .. } => {
            clock.stopped_on = Some(ctx.today.to_string());
            procedure::set_clock(db, &row.id, &clock)?;
        }
        CaseAction::ProvideInformation { .. } | CaseAction::Resume => {
            run_again(row, &mut clock, ctx.today);
            procedure::set_clock(db, &row.id, &clock)?;
        }
        CaseAction::ExtendDeadline { due_on, reason } => extend(db, ctx, actor, row, due_on, reason)?,
        CaseAction::ScheduleInterview { .. } | CaseAction::RecordInterview { .. } => {
            super::interview::record(db, ctx, actor, row, action)?;
        }
        // The file keeps why the proceedings ended, for the officer and the applicant to read.
        CaseAction::Terminate { reason, .. } => row.outcome = Some(reason.as_str().to_owned()),
        CaseAction::ExemptFromDuty { exemption, .. } => {
            clock.duty_exemption = Some(exemption.as_str().to_owned());
            procedure::set_clock(db, &row.id, &clock)?;
        }
        CaseAction::Forward { .. } | CaseAction::RecordDecree { .. }
            if !ctx.service.spec().forwarded_for_decision() =>
        {
            return Err(CaseError::invalid(
                "action",
                "not_forwarded",
                "this service is decided by the office, not forwarded",
            ));
        }
        CaseAction::RecordDecree { decision, number, date } => {
            // The outcome the file shows: which decree decided, and how.
            let date = Date::parse(date.trim())
                .map_err(|_| CaseError::invalid("date", "not_a_date", "YYYY-MM-DD"))?;
            let how = if *decision == Decision::Approve { "granted" } else { "refused" };
            row.outcome = Some(format!("{how}: {}", decree_text(number.trim(), date)));
        }
        CaseAction::Propose { .. } if ctx.service.spec().forwarded_for_decision() => {
            return Err(CaseError::invalid(
                "action",
                "forwarded_for_decision",
                "the office receives, checks and forwards this application; the decision is the President's",
            ));
        }
        _ => {}
    }
    if *after == CaseState::Approved && duty::due_after_decision(ctx.service, row, &clock) {
        *after = after.apply(&CaseEvent::AwaitPayment)?;
        row.decided_on.get_or_insert(ctx.today);
        duty::order(db, ctx, row)?;
    }
    Ok(())
}

/// The clock runs again: the days it stood are added to the deadline.
fn run_again(row: &mut CaseRow, clock: &mut ClockRow, today: Date) {
    let stood = clock.stopped_on.as_deref().and_then(|d| Date::parse(d).ok()).map(|d| today.days_since(d));
    if let (Some(stood), Some(due)) = (stood, row.due_on) {
        row.due_on = Some(due.add_days(stood.max(0)));
    }
    clock.stopped_on = None;
    clock.reply_by = None;
}

/// Extends the deadline to `due_on`: later than now, no later than the catalogue's bound
/// counted from the deadline before the first extension; recorded and notified.
fn extend(
    db: &mut dyn WriteDb,
    ctx: &StepContext<'_>,
    actor: &Actor,
    row: &mut CaseRow,
    due_on: &str,
    reason: &str,
) -> Result<(), CaseError> {
    let bad = |code: &str, m: &str| CaseError::invalid("due_on", code, m);
    let new =
        Date::parse(due_on.trim()).map_err(|_| bad("not_a_date", "the new deadline must be YYYY-MM-DD"))?;
    let current = row.due_on.ok_or_else(|| bad("no_deadline", "the case has no deadline to extend"))?;
    let earlier = procedure::extensions(db, &row.id)?;
    let original = earlier.first().and_then(|e| Date::parse(&e.previous_due_on).ok()).unwrap_or(current);
    let cat = ctx.service.catalogue();
    let latest =
        cat.procedure().latest_extension(cat.calendar(), original).map_err(CaseError::BeyondCalendar)?;
    if new <= current {
        return Err(bad("not_later", "the new deadline must be later than the current one"));
    }
    if new > latest {
        return Err(bad(
            "too_late",
            format!("a deadline may be extended to {latest} at the latest").as_str(),
        ));
    }
    procedure::insert_extension(
        db,
        &ExtensionRow {
            case_id: row.id.clone(),
            previous_due_on: current.to_string(),
            new_due_on: new.to_string(),
            reason: reason.trim().to_owned(),
            extended_by: actor.id.clone(),
            extended_at: ctx.now.to_owned(),
        },
    )?;
    row.due_on = Some(new);
    jobs::enqueue_notification(db, &row.id, &row.owner_id, "deadline_extended", ctx.now, ctx.now_ns)?;
    Ok(())
}

/// A fresh statutory period from `today` (after an upheld appeal sends the case back to be
/// examined again): the deadline is counted anew from the fee tier, and any stopped clock is
/// cleared. For the appeal code to call in the transaction that re-opens the case; the caller
/// writes `row`.
pub fn restart_clock(
    db: &mut dyn WriteDb,
    cat: &Catalogue,
    row: &mut CaseRow,
    today: Date,
) -> Result<(), CaseError> {
    let service = super::catalogue::service(cat, &row.service)?;
    row.due_on = Some(service.due_date(&row.fee_tier, &super::form::from_json(&row.form), today)?);
    let mut clock = procedure::clock(db, &row.id)?;
    clock.stopped_on = None;
    clock.reply_by = None;
    procedure::set_clock(db, &row.id, &clock)?;
    Ok(())
}

/// The steps of `offered` that fit the service: a forwarded service is forwarded, not decided,
/// while it is examined; only a service whose duty follows the decision has an exemption to
/// record; only a forwarded service is forwarded.
pub(crate) fn offered(cat: &Catalogue, row: &CaseRow, offered: Vec<Step>) -> Vec<Step> {
    let Some(spec) = cat.get(&row.service) else { return offered };
    offered
        .into_iter()
        .filter(|step| match step {
            Step::Forward | Step::RecordDecree => spec.forwarded_for_decision(),
            Step::Propose => !spec.forwarded_for_decision(),
            Step::ExemptFromDuty => spec.duty_after_decision(),
            Step::ScheduleInterview | Step::RecordInterview => !spec.milestones().is_empty(),
            _ => true,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_decree_is_read_back_from_the_outcome_it_was_written_to() {
        let date = Date::parse("2026-11-02").ok();
        for (how, granted) in [("granted", true), ("refused", false)] {
            let outcome = format!("{how}: {}", decree_text("24 of 17", date.unwrap_or(Date::MIN)));
            let decree = decree_of(&outcome);
            assert_eq!(
                decree,
                date.map(|date| DecreeView { granted, number: "24 of 17".into(), date }),
                "{outcome}"
            );
        }
        for other in ["", "undetermined", "granted: a permit", "refused: Decree No 1 of yesterday"] {
            assert_eq!(decree_of(other), None, "{other}");
        }
    }
}
