//! The deadlines that end a case by themselves, swept daily by the server's background worker
//! and by `umis cases sweep`: a grant whose duty was not paid within the payment window lapses
//! (review X1), and an application whose request for information went unanswered past the
//! reply period is left without consideration (review §4.1(b)). Each case moves in its own
//! transaction, audited as umis's own step, and its filer is notified through the outbox.

use super::CaseError;
use super::row::{record, set_state, state_of};
use crate::actor::Actor;
use crate::clock::Clock;
use umis_domain::case_state::CaseEvent;
use umis_store::cases;
use umis_store::procedure;
use umis_store::{Store, jobs};

/// Most cases one sweep moves of each kind (the next sweep takes the rest).
const SWEEP_LIMIT: i64 = 1000;

/// What a sweep did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SweepReport {
    /// Grants that lapsed unpaid.
    pub lapsed_unpaid: usize,
    /// Applications left without consideration.
    pub left_without_consideration: usize,
}

/// Moves every case whose payment window or reply period ended before today.
pub fn sweep_deadlines(store: &Store, clock: &Clock) -> Result<SweepReport, CaseError> {
    let today = clock.today().to_string();
    let unpaid = store.read(|db| procedure::unpaid_past(db, &today, SWEEP_LIMIT))?;
    let unanswered = store.read(|db| procedure::unanswered_past(db, &today, SWEEP_LIMIT))?;
    let mut report = SweepReport::default();
    for id in unpaid {
        if end_case(store, clock, &id, &CaseEvent::Lapse)? {
            report.lapsed_unpaid += 1;
        }
    }
    for id in unanswered {
        if end_case(store, clock, &id, &CaseEvent::ReplyPeriodEnds)? {
            report.left_without_consideration += 1;
        }
    }
    Ok(report)
}

/// Ends one case by `event` if it still stands where the sweep found it (another step may have
/// come in between: a payment, an answer); `false` when it moved on.
fn end_case(store: &Store, clock: &Clock, id: &str, event: &CaseEvent) -> Result<bool, CaseError> {
    let (today, now) = (clock.today().to_string(), clock.now_rfc3339());
    let system = Actor::system();
    store.transact(|db| {
        let Some(mut row) = cases::case_by_id(db, id)? else { return Ok(false) };
        let before = state_of(&row);
        let Ok(after) = before.apply(event) else { return Ok(false) };
        if *event == CaseEvent::Lapse {
            let Some(mut duty) = procedure::duty_for_case(db, id)? else { return Ok(false) };
            if duty.paid_at.is_some() || duty.due_by >= today {
                return Ok(false);
            }
            duty.lapsed_on = Some(today.clone());
            procedure::update_duty(db, &duty)?;
        } else {
            let mut clock_row = procedure::clock(db, id)?;
            if clock_row.reply_by.as_deref().is_none_or(|r| r >= today.as_str()) {
                return Ok(false);
            }
            clock_row.stopped_on = None;
            clock_row.reply_by = None;
            procedure::set_clock(db, id, &clock_row)?;
        }
        set_state(&mut row, &after);
        row.decided_on.get_or_insert(clock.today());
        row.version += 1;
        cases::update_case(db, &row)?;
        let name = if *event == CaseEvent::Lapse { "lapse_unpaid" } else { "reply_period_ended" };
        record(db, &system, &row, name, before.state_name(), None, &now)?;
        jobs::enqueue_notification(db, &row.id, &row.owner_id, row.state.as_str(), &now, clock.now_ns())?;
        Ok(true)
    })
}
