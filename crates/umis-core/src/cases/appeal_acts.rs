//! What filing and deciding a challenge does to the act's case, in the step's transaction:
//! filing freezes a refusal (refused → appealed); an upheld complaint or court judgment
//! annuls the act (a refusal is examined again, a cancellation is lifted, a missed deadline gets
//! a new period), a dismissed one lets it stand. The court stage is recorded on the appeal.

use super::appeals::{self, Challengeable, cancellation_in_force, challengeable, restart_period};
use super::effects::set_permit_status;
use super::row::{record, set_state, state_of};
use super::{CaseError, access};
use crate::actor::Actor;
use crate::clock::Clock;
use umis_domain::Date;
use umis_domain::appeal::{AppealableAct, ChallengeResult};
use umis_domain::case_state::{CaseEvent, StateName};
use umis_rules::services::Catalogue;
use umis_store::acts::{self, CourtStageRow};
use umis_store::cases::{self, CaseRow};
use umis_store::sql::WriteDb;
use umis_store::{AuditEntry, Store, documents, jobs};

/// Filing an appeal: the case named by `receipt` must be the filer's and have an act that may
/// be appealed, within the complaint period from its notification, and no other appeal pending.
pub(crate) fn open_appeal(
    db: &mut dyn WriteDb,
    cat: &Catalogue,
    actor: &Actor,
    appeal: &mut CaseRow,
    receipt: &str,
    today: Date,
    now: &str,
) -> Result<(), CaseError> {
    let problem = |m: &str| CaseError::invalid("form.appealed_receipt", "not_appealable", m);
    let mut original = cases::case_by_receipt(db, receipt)?
        .filter(|o| o.owner_id == appeal.owner_id)
        .ok_or_else(|| problem("no application of yours has this receipt number"))?;
    let Some(Challengeable { act, notified_on, .. }) = challengeable(db, cat, &original, today)? else {
        return Err(problem(
            "this application has no act that can be appealed: a refusal, a cancellation or a missed deadline",
        ));
    };
    if appeals::appeal_pending(db, &original, &appeal.id)? {
        return Err(problem("an appeal against this application is already being examined"));
    }
    if today > appeals::complaint_period(cat).last_day_from(notified_on) {
        return Err(problem("the period for appealing this act has ended"));
    }
    if act == AppealableAct::Refusal {
        let before = state_of(&original);
        let after = before.apply(&CaseEvent::Appeal)?;
        set_state(&mut original, &after);
        original.version += 1;
        cases::update_case(db, &original)?;
        record(db, actor, &original, "appeal", before.state_name(), None, now)?;
        // A claimant who challenges a refusal stays lawfully until the appeal is decided.
        super::asylum::set_last_day(db, &original.id, Date::MAX)?;
    }
    appeal.appeal_of = Some(original.id.clone());
    appeal.appealed_act = Some(act.as_str().to_owned());
    appeal.office_code.clone_from(&original.office_code);
    Ok(())
}

/// The appeal body's decision on `appeal` (approved: upheld; refused: dismissed).
pub(crate) fn decide_appeal(
    db: &mut dyn WriteDb,
    cat: &Catalogue,
    actor: &Actor,
    appeal: &CaseRow,
    result: ChallengeResult,
    today: Date,
    now: &str,
) -> Result<(), CaseError> {
    let upheld = result == ChallengeResult::Upheld;
    let Some(id) = appeal.appeal_of.as_deref() else { return Ok(()) };
    let mut original = cases::case_by_id(db, id)?.ok_or(CaseError::NotFound)?;
    match act_of(appeal) {
        AppealableAct::Refusal => {
            let before = state_of(&original);
            let after = before.apply(&CaseEvent::DecideAppeal { upheld })?;
            set_state(&mut original, &after);
            if upheld {
                restart_period(db, cat, &mut original, today)?;
            }
            save(db, actor, &mut original, "decide_appeal", before.state_name(), now)?;
        }
        AppealableAct::Cancellation if upheld => {
            annul_cancellation(db, &original, today)?;
            let from = original.state;
            save(db, actor, &mut original, "annul_cancellation", from, now)?;
        }
        AppealableAct::Inaction if upheld && original.state.is_open() => {
            restart_period(db, cat, &mut original, today)?;
            let from = original.state;
            save(db, actor, &mut original, "decide_appeal", from, now)?;
        }
        AppealableAct::Cancellation | AppealableAct::Inaction => {}
    }
    Ok(())
}

fn act_of(appeal: &CaseRow) -> AppealableAct {
    // Appeals filed before acts were named challenged refusals (the migration records this too).
    appeal.appealed_act.as_deref().and_then(AppealableAct::parse).unwrap_or(AppealableAct::Refusal)
}

fn save(
    db: &mut dyn WriteDb,
    actor: &Actor,
    case: &mut CaseRow,
    event: &str,
    from: StateName,
    now: &str,
) -> Result<(), CaseError> {
    case.version += 1;
    cases::update_case(db, case)?;
    record(db, actor, case, event, from, None, now)?;
    jobs::enqueue_notification(db, &case.id, &case.owner_id, case.state.as_str(), now, 0)?;
    Ok(())
}

/// Lifts the cancellation in force of the case's document: the document is valid again and a
/// permit counts in stay control again.
fn annul_cancellation(db: &mut dyn WriteDb, case: &CaseRow, today: Date) -> Result<(), CaseError> {
    let Some(c) = cancellation_in_force(db, &case.id)? else { return Ok(()) };
    acts::annul_cancellation(db, &c.number, &today.to_string())?;
    let issued = documents::issued_by_number(db, &c.number)?.ok_or(CaseError::NotFound)?;
    set_permit_status(db, case, &issued, "active", &today.to_string())?;
    Ok(())
}

/// A step of the court stage, as the API receives it.
#[derive(Debug, Clone, serde::Deserialize)]
#[serde(tag = "stage", rename_all = "snake_case", deny_unknown_fields)]
pub enum CourtEntry {
    /// The holder filed a claim against the act (or against the complaint decision).
    ClaimFiled {
        /// The day the claim was filed (`YYYY-MM-DD`).
        on: String,
    },
    /// The court judged the claim.
    Judgment {
        /// `upheld` (the act is annulled) or `dismissed`.
        result: ChallengeResult,
        /// The day of the judgment (`YYYY-MM-DD`).
        on: String,
    },
}

/// Records a step of the court stage of a decided appeal; an upheld judgment annuls the act as
/// an upheld complaint does. Only the appeal body records it.
pub fn record_court_stage(
    store: &Store,
    cat: &Catalogue,
    clock: &Clock,
    actor: &Actor,
    appeal_id: &str,
    entry: CourtEntry,
) -> Result<super::CaseView, CaseError> {
    let today = clock.today();
    let now = clock.now_rfc3339();
    let row = store.transact(|db| {
        let appeal = cases::case_by_id(db, appeal_id)?
            .filter(|r| r.appeal_of.is_some() && access::staff_may_work_on(actor, r))
            .ok_or(CaseError::NotFound)?;
        if !actor.role.decides_appeals() {
            return Err(CaseError::Forbidden("only the appeal board records the court stage".into()));
        }
        if !appeal.state.decided() {
            return Err(CaseError::Forbidden("the court stage follows the appeal body's decision".into()));
        }
        match entry {
            CourtEntry::ClaimFiled { on } => {
                let on = past_day(&on, today)?;
                let row = CourtStageRow {
                    appeal_id: appeal.id.clone(),
                    claim_filed_on: on.to_string(),
                    judgment: None,
                    judgment_on: None,
                    recorded_by: actor.id.clone(),
                    recorded_at: now.clone(),
                };
                if !acts::record_court_claim(db, &row)? {
                    return Err(CaseError::invalid(
                        "stage",
                        "already_recorded",
                        "a claim is recorded already",
                    ));
                }
                // An asylum claim is pending in court too: the certificate runs on.
                if let Some(original) = appeal.appeal_of.as_deref() {
                    super::asylum::set_last_day(db, original, Date::MAX)?;
                }
            }
            CourtEntry::Judgment { result, on } => {
                let on = past_day(&on, today)?;
                let claim = acts::court_stage(db, &appeal.id)?
                    .ok_or_else(|| CaseError::invalid("stage", "no_claim", "record the claim first"))?;
                if Date::parse(&claim.claim_filed_on).is_ok_and(|filed| on < filed) {
                    return Err(CaseError::invalid("on", "before_claim", "a judgment follows its claim"));
                }
                if !acts::record_judgment(db, &appeal.id, result.as_str(), &on.to_string(), &actor.id, &now)?
                {
                    return Err(CaseError::invalid(
                        "stage",
                        "already_recorded",
                        "the judgment is recorded already",
                    ));
                }
                if result == ChallengeResult::Upheld {
                    court_annuls(db, cat, actor, &appeal, today, &now)?;
                } else if let Some(original) = appeal.appeal_of.as_deref() {
                    // The court's dismissal is final: the asylum-seeker's certificate ends.
                    super::asylum::set_last_day(db, original, on)?;
                }
            }
        }
        db.audit(&AuditEntry::ok(&actor.audit_name(), "case.court_stage", &format!("case:{}", appeal.id)))?;
        Ok(appeal)
    })?;
    store.read(|db| super::render(db, cat, actor, &row, today))
}

/// A court annuls the act: a refusal is examined again with a new period (whatever the
/// complaint decided), a cancellation is lifted, a missed deadline gets a new period.
fn court_annuls(
    db: &mut dyn WriteDb,
    cat: &Catalogue,
    actor: &Actor,
    appeal: &CaseRow,
    today: Date,
    now: &str,
) -> Result<(), CaseError> {
    let Some(id) = appeal.appeal_of.as_deref() else { return Ok(()) };
    let mut original = cases::case_by_id(db, id)?.ok_or(CaseError::NotFound)?;
    let from = original.state;
    match act_of(appeal) {
        AppealableAct::Refusal if matches!(from, StateName::Refused | StateName::Closed) => {
            let after = state_of(&original).apply(&CaseEvent::AnnulByCourt)?;
            set_state(&mut original, &after);
            restart_period(db, cat, &mut original, today)?;
        }
        AppealableAct::Cancellation => annul_cancellation(db, &original, today)?,
        AppealableAct::Inaction if from.is_open() => restart_period(db, cat, &mut original, today)?,
        // The complaint already annulled the act.
        AppealableAct::Refusal | AppealableAct::Inaction => return Ok(()),
    }
    save(db, actor, &mut original, "court_annuls", from, now)
}

fn past_day(text: &str, today: Date) -> Result<Date, CaseError> {
    let day =
        Date::parse(text.trim()).map_err(|_| CaseError::invalid("on", "not_a_date", "a date YYYY-MM-DD"))?;
    if day > today {
        return Err(CaseError::invalid("on", "in_future", "the day cannot be in the future"));
    }
    Ok(day)
}
