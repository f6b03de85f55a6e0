//! The interviews of the refugee procedure (review 2026-12 §1.10): the examining officer
//! schedules each with an interpreter language and records it as held on its actual date; the
//! milestones after it count from that date, and recording the registration interview (where
//! the claim is registered) starts the decision period anew from that day.

use super::CaseError;
use super::act::CaseAction;
use super::deadline::StepContext;
use crate::actor::Actor;
use umis_domain::Date;
use umis_store::cases::CaseRow;
use umis_store::procedure::{self, InterviewRow};
use umis_store::sql::WriteDb;

/// The milestone at which the claim is registered.
const REGISTRATION: &str = "registration_interview";

/// Schedules an interview or records it as held.
pub(crate) fn record(
    db: &mut dyn WriteDb,
    ctx: &StepContext<'_>,
    actor: &Actor,
    row: &mut CaseRow,
    action: &CaseAction,
) -> Result<(), CaseError> {
    let (milestone, on) = match action {
        CaseAction::ScheduleInterview { milestone, on, .. }
        | CaseAction::RecordInterview { milestone, on } => (milestone.as_str(), on.as_str()),
        _ => return Ok(()),
    };
    let interviews = ctx.service.spec().milestones().iter().filter(|m| m.code.ends_with("_interview"));
    if !interviews.clone().any(|m| m.code == milestone) {
        return Err(CaseError::invalid(
            "milestone",
            "unknown_interview",
            "this procedure has no such interview",
        ));
    }
    let day = Date::parse(on.trim())
        .map_err(|_| CaseError::invalid("on", "not_a_date", "the day must be YYYY-MM-DD"))?;
    let mut current = procedure::interviews(db, &row.id)?
        .into_iter()
        .find(|i| i.milestone == milestone)
        .unwrap_or(InterviewRow {
            milestone: milestone.to_owned(),
            scheduled_on: None,
            interpreter_language: None,
            held_on: None,
            recorded_by: actor.id.clone(),
        });
    current.recorded_by.clone_from(&actor.id);
    match action {
        CaseAction::ScheduleInterview { interpreter_language, .. } => {
            current.scheduled_on = Some(day.to_string());
            current.interpreter_language = language(interpreter_language.as_deref())?;
        }
        _ => {
            if day > ctx.today {
                return Err(CaseError::invalid(
                    "on",
                    "in_future",
                    "an interview is recorded once it took place",
                ));
            }
            current.held_on = Some(day.to_string());
            if milestone == REGISTRATION {
                // The decision period runs from registration of the claim, not from lodging.
                let form = super::form::from_json(&row.form);
                row.due_on = Some(ctx.service.due_date(&row.fee_tier, &form, day)?);
            }
        }
    }
    procedure::set_interview(db, &row.id, &current)?;
    Ok(())
}

/// An interpreter language: an ISO 639 code of two or three lower-case letters.
fn language(code: Option<&str>) -> Result<Option<String>, CaseError> {
    match code.map(str::trim).filter(|c| !c.is_empty()) {
        None => Ok(None),
        Some(c) if (2..=3).contains(&c.len()) && c.bytes().all(|b| b.is_ascii_lowercase()) => {
            Ok(Some(c.to_owned()))
        }
        Some(_) => Err(CaseError::invalid(
            "interpreter_language",
            "not_a_language",
            "an ISO 639 language code such as fa, ar or ru",
        )),
    }
}
