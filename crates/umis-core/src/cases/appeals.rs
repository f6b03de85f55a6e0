//! Appeals as administrative law has them: an appeal challenges one act (a refusal, a
//! cancellation, a missed deadline), within a period that runs from the day the act was
//! notified; a superior body (the appeal board) decides it, never an officer who proposed or
//! confirmed the act; upheld, the act is annulled and the case examined again with a new period.
//!
//! The day of notification is the notification outbox's delivery of the act's notice when it
//! is recorded, and otherwise the day of the act plus the catalogue's presumed-delivery days
//! (`[appeals] presumed_delivery`); inaction has no notice, so its period runs from the day
//! after the missed deadline.

use super::CaseError;
use super::grounds::{self, GroundKind, GroundsView};
use crate::actor::Actor;
use umis_domain::Date;
use umis_domain::appeal::{AppealableAct, NoticeBasis};
use umis_domain::case_state::StateName;
use umis_rules::services::{Catalogue, Fact, OutcomeKind, Period, Test, Unit};
use umis_store::acts::{self, CancellationRow};
use umis_store::cases::{self, CaseRow};
use umis_store::sql::{Db, WriteDb};

/// The complaint period when the catalogue names none: 1 month (Law on Administrative
/// Proceedings Art. 73.1, per the 2026-12 review).
const DEFAULT_PERIOD: Period = Period { count: 1, unit: Unit::Months };

/// The notice message of a confirmed cancellation (the notification outbox's key).
pub(crate) const CANCELLATION_NOTICE: &str = "document_revoked";

/// An act that may be challenged, with the day it was notified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Challengeable {
    pub act: AppealableAct,
    pub notified_on: Date,
    pub basis: NoticeBasis,
}

/// The act of `case` that may be appealed today, if any: a standing refusal, a cancellation in
/// force of one of its documents, or a deadline missed by a case still undecided.
pub(crate) fn challengeable(
    db: &mut dyn Db,
    cat: &Catalogue,
    case: &CaseRow,
    today: Date,
) -> Result<Option<Challengeable>, CaseError> {
    let presumed = cat.appeal_terms().presumed_delivery;
    let notice = |db: &mut dyn Db,
                  message: &str,
                  act_on: Option<Date>|
     -> Result<Option<(Date, NoticeBasis)>, CaseError> {
        if let Some(sent) = acts::notice_delivered_at(db, &case.id, message)? {
            return Ok(day_of(&sent).map(|d| (d, NoticeBasis::Delivered)));
        }
        // Whoever appeals before the presumed day evidently has the notice already.
        Ok(act_on.map(|d| (presumed.last_day_from(d).min(today), NoticeBasis::Presumed)))
    };
    let found = match case.state {
        StateName::Refused => {
            notice(db, StateName::Refused.as_str(), case.decided_on)?.map(|n| (AppealableAct::Refusal, n))
        }
        StateName::Approved | StateName::Closed => match cancellation_in_force(db, &case.id)? {
            Some(c) => notice(db, CANCELLATION_NOTICE, c.confirmed_on.as_deref().and_then(day_of))?
                .map(|n| (AppealableAct::Cancellation, n)),
            None => None,
        },
        s if s.is_open() => case
            .due_on
            .filter(|due| *due < today)
            .map(|due| (AppealableAct::Inaction, (due.add_days(1), NoticeBasis::DeadlineMissed))),
        _ => None,
    };
    Ok(found.map(|(act, (notified_on, basis))| Challengeable { act, notified_on, basis }))
}

/// The cancellation in force (confirmed, not annulled) of a document of the case.
pub(crate) fn cancellation_in_force(
    db: &mut dyn Db,
    case_id: &str,
) -> Result<Option<CancellationRow>, CaseError> {
    Ok(acts::cancellations_for_case(db, case_id)?
        .into_iter()
        .find(|c| c.confirmed_on.is_some() && c.annulled_on.is_none()))
}

fn day_of(text: &str) -> Option<Date> {
    Date::parse(text.get(..10)?).ok()
}

/// The complaint period: the appeal service's `within_after` rule on the day of notification.
pub(crate) fn complaint_period(cat: &Catalogue) -> Period {
    cat.services()
        .iter()
        .filter(|s| matches!(s.outcome().kind, OutcomeKind::Appeal { .. }))
        .flat_map(|s| s.eligibility())
        .find_map(|r| match &r.test {
            Test::WithinAfter(Fact::ActNotifiedOn, p) => Some(*p),
            _ => None,
        })
        .unwrap_or(DEFAULT_PERIOD)
}

/// Whether another appeal of the same case is still undecided.
pub(crate) fn appeal_pending(db: &mut dyn Db, case: &CaseRow, except: &str) -> Result<bool, CaseError> {
    let pending = cases::appeals_of(db, &case.id)?.into_iter().any(|a| a.id != except && !a.state.decided());
    Ok(pending)
}

/// Refuses a member of the appeal body who proposed or confirmed the act under appeal: the
/// superior body decides, never the people whose act it is.
pub(crate) fn check_not_party_to_act(
    db: &mut dyn Db,
    actor: &Actor,
    appeal: &CaseRow,
) -> Result<(), CaseError> {
    let Some(original) = appeal.appeal_of.as_deref() else { return Ok(()) };
    let took_part = match AppealableAct::parse(appeal.appealed_act.as_deref().unwrap_or("refusal")) {
        Some(AppealableAct::Cancellation) => acts::cancellations_for_case(db, original)?
            .iter()
            .any(|c| c.proposed_by == actor.id || c.confirmed_by.as_deref() == Some(actor.id.as_str())),
        // A refusal and a missed deadline are the acts of whoever proposed or confirmed decisions
        // on the case (or held it).
        _ => cases::events(db, original)?.iter().any(|e| {
            e.actor_id == actor.id && ["propose", "confirm", "start_review"].contains(&e.event.as_str())
        }),
    };
    if took_part {
        return Err(CaseError::Forbidden(
            "an appeal is decided by someone who neither proposed nor confirmed the act".into(),
        ));
    }
    Ok(())
}

/// Where an appeal stands, as its reader sees it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct AppealView {
    /// The act challenged.
    pub act: AppealableAct,
    /// The receipt number of the case whose act it is.
    pub act_receipt: Option<String>,
    /// The grounds of the act (a refusal's or a cancellation's).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub act_grounds: Option<GroundsView>,
    /// The court stage, once a claim is recorded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub court: Option<CourtView>,
}

/// The court stage of an appeal.
#[derive(Debug, Clone, serde::Serialize)]
pub struct CourtView {
    /// The day the claim was filed.
    pub claim_filed_on: String,
    /// `upheld` or `dismissed`, once judged.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub judgment: Option<String>,
    /// The day of the judgment.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub judgment_on: Option<String>,
}

/// The appeal part of a case view: `None` for a case that is not an appeal.
pub(crate) fn appeal_view(
    db: &mut dyn Db,
    cat: &Catalogue,
    row: &CaseRow,
) -> Result<Option<AppealView>, CaseError> {
    let (Some(original), Some(act)) =
        (row.appeal_of.as_deref(), row.appealed_act.as_deref().and_then(AppealableAct::parse))
    else {
        return Ok(None);
    };
    let original = cases::case_by_id(db, original)?.ok_or(CaseError::NotFound)?;
    let act_grounds = match act {
        AppealableAct::Refusal => {
            grounds::view(cat, GroundKind::Refusal, &original.ground_codes, original.grounds.as_deref())
        }
        AppealableAct::Cancellation => acts::cancellations_for_case(db, &original.id)?
            .into_iter()
            .rfind(|c| c.confirmed_on.is_some())
            .and_then(|c| grounds::view(cat, GroundKind::Cancellation, &c.ground_codes, c.note.as_deref())),
        AppealableAct::Inaction => None,
    };
    let court = acts::court_stage(db, &row.id)?.map(|c| CourtView {
        claim_filed_on: c.claim_filed_on,
        judgment: c.judgment,
        judgment_on: c.judgment_on,
    });
    Ok(Some(AppealView { act, act_receipt: original.receipt, act_grounds, court }))
}

/// The facts of an appeal's eligibility rules: whether the act may be appealed, and when it was
/// notified.
pub(crate) fn eligibility_facts(
    db: &mut dyn Db,
    cat: &Catalogue,
    appeal: &CaseRow,
    today: Date,
) -> Result<(bool, Option<Date>), CaseError> {
    let Some(original) =
        appeal.appeal_of.as_deref().map(|id| cases::case_by_id(db, id)).transpose()?.flatten()
    else {
        return Ok((false, None));
    };
    // The appealed case moved to `appealed` when the appeal was filed: judge the refusal.
    let mut judged = original.clone();
    if judged.state == StateName::Appealed {
        judged.state = StateName::Refused;
    }
    let on = appeal.submitted_on.unwrap_or(today);
    Ok(match challengeable(db, cat, &judged, on)? {
        Some(c) => (true, Some(c.notified_on)),
        None => (false, None),
    })
}

/// A fresh decision period from `today` for a case examined again after an upheld challenge
/// (the old deadline has passed, so the case would show overdue at once): the clock control's
/// restart, which also clears a stopped clock.
pub(crate) fn restart_period(
    db: &mut dyn WriteDb,
    cat: &Catalogue,
    case: &mut CaseRow,
    today: Date,
) -> Result<(), CaseError> {
    super::deadline::restart_clock(db, cat, case, today)
}
