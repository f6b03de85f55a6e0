//! The state duty paid after a positive decision (review 2026-12 X1: residence and work
//! permits): the decision orders the duty against a payment number with check digits, due 30
//! days (the catalogue's payment window) after the last day of the consideration period; the
//! grant takes effect, and its credential is issued, when the payment is recorded. A coded
//! exemption (refugee, humanitarian) or a duty already taken skips the payment. Refunds of duty
//! wrongly taken are recorded with amount, reason and who.
//!
//! [`record_payment`] is what the payment gateway calls; the service-centre counter takes the
//! same payment through [`pay_in`].

use super::catalogue::{self, Service};
use super::deadline::StepContext;
use super::effects::Effects;
use super::row::{record, set_state, state_of};
use super::{CaseError, FeeRefusal};
use crate::actor::Actor;
use crate::clock::Clock;
use umis_credential::KeyRing;
use umis_domain::case_state::{CaseEvent, CaseState};
use umis_domain::payment_number::PaymentNumber;
use umis_domain::{Instant, Role};
use umis_rules::services::Catalogue;
use umis_store::cases::{self, CaseRow};
use umis_store::procedure::{self, ClockRow, DutyRow, RefundRow};
use umis_store::sql::WriteDb;
use umis_store::{Store, jobs, payments};

/// Whether a grant of `service` waits for its duty: the service pays after the decision, a
/// duty is due, it was not taken already, and no exemption is recorded.
pub(crate) fn due_after_decision(service: &Service<'_>, row: &CaseRow, clock: &ClockRow) -> bool {
    service.spec().duty_after_decision()
        && row.fee_minor > 0
        && !row.fee_paid
        && clock.duty_exemption.is_none()
}

/// Orders the duty of a case just granted: a new payment number, due by the end of the payment
/// window counted from the end of the consideration period (or from the decision, when the
/// office decided after its deadline: nobody can pay before the decision).
pub(crate) fn order(db: &mut dyn WriteDb, ctx: &StepContext<'_>, row: &CaseRow) -> Result<(), CaseError> {
    let year = ctx.today.year();
    let seq = procedure::next_payment_sequence(db, i64::from(year))?;
    let number = PaymentNumber::new(u16::try_from(year).unwrap_or(0), u32::try_from(seq).unwrap_or(u32::MAX))
        .map_err(|e| CaseError::Internal(format!("cannot number the payment: {e}")))?;
    let period_end = row.due_on.map_or(ctx.today, |d| d.max(ctx.today));
    let cat = ctx.service.catalogue();
    let due_by =
        cat.procedure().payment_due_by(cat.calendar(), period_end).map_err(CaseError::BeyondCalendar)?;
    procedure::insert_duty(
        db,
        &DutyRow {
            case_id: row.id.clone(),
            payment_number: number.to_string(),
            amount_minor: row.fee_minor,
            ordered_on: ctx.today.to_string(),
            due_by: due_by.to_string(),
            paid_amount_minor: None,
            paid_reference: None,
            paid_at: None,
            recorded_by: None,
            lapsed_on: None,
        },
    )?;
    Ok(())
}

/// A payment as the payment gateway reports it.
#[derive(Debug, Clone)]
pub struct PaymentReport {
    /// The payment number the payer quoted.
    pub payment_number: String,
    /// Amount paid, in qəpik (must be the amount due).
    pub amount_minor: i64,
    /// The gateway's own transaction reference.
    pub reference: String,
    /// When it was paid (RFC 3339 with an offset).
    pub paid_at: String,
}

/// A payment recorded.
#[derive(Debug, Clone)]
pub struct PaymentRecorded {
    /// The duty as it now stands.
    pub duty: DutyRow,
    /// Whether it had been recorded before (a repeat changes nothing).
    pub repeated: bool,
}

/// Records the payment of a duty ordered after a decision, as the payment gateway reports it:
/// the grant takes effect and its credential is issued, in one transaction. Idempotent: the
/// same report again answers with the first and writes nothing; another payment of a paid duty
/// is refused.
pub fn record_payment(
    store: &Store,
    cat: &Catalogue,
    clock: &Clock,
    keys: &KeyRing,
    actor: &Actor,
    report: &PaymentReport,
) -> Result<PaymentRecorded, CaseError> {
    if actor.role != Role::PaymentGateway {
        return Err(CaseError::Forbidden("only the payment gateway reports payments".into()));
    }
    let number = PaymentNumber::parse(&report.payment_number)
        .map_err(|e| CaseError::invalid("payment_number", "bad_payment_number", e.to_string()))?
        .to_string();
    let reference = report.reference.trim().to_ascii_uppercase();
    if !super::counter::valid_reference(&reference) {
        return Err(CaseError::invalid("reference", "not_a_reference", "1-40 letters, digits, '-' or '/'"));
    }
    Instant::parse(report.paid_at.trim())
        .map_err(|_| CaseError::invalid("paid_at", "not_an_instant", "RFC 3339 with an offset"))?;
    store.transact(|db| {
        let duty = procedure::duty_by_number(db, &number)?.ok_or(CaseError::NotFound)?;
        let paid =
            Paid { amount_minor: report.amount_minor, reference: &reference, paid_at: report.paid_at.trim() };
        pay_in(db, cat, clock, keys, actor, duty, &paid)
    })
}

/// A payment, however it arrived.
pub(crate) struct Paid<'a> {
    pub amount_minor: i64,
    pub reference: &'a str,
    pub paid_at: &'a str,
}

/// Records a payment of `duty` in the caller's transaction and lets the grant take effect.
pub(crate) fn pay_in(
    db: &mut dyn WriteDb,
    cat: &Catalogue,
    clock: &Clock,
    keys: &KeyRing,
    actor: &Actor,
    mut duty: DutyRow,
    paid: &Paid<'_>,
) -> Result<PaymentRecorded, CaseError> {
    if duty.paid_at.is_some() {
        return if duty.paid_reference.as_deref() == Some(paid.reference)
            && duty.paid_amount_minor == Some(paid.amount_minor)
        {
            Ok(PaymentRecorded { duty, repeated: true })
        } else {
            Err(CaseError::Fee(FeeRefusal::AlreadyPaid))
        };
    }
    if paid.amount_minor != duty.amount_minor {
        return Err(CaseError::invalid("amount", "wrong_amount", "not the amount due"));
    }
    let mut row = cases::case_by_id(db, &duty.case_id)?.ok_or(CaseError::NotFound)?;
    let before = state_of(&row);
    if before != CaseState::AwaitingPayment {
        return Err(CaseError::Fee(FeeRefusal::NotInThisState));
    }
    let after = before.apply(&CaseEvent::RecordPayment)?;
    let service = catalogue::service(cat, &row.service)?;
    let (today, now) = (clock.today(), clock.now_rfc3339());
    duty.paid_amount_minor = Some(paid.amount_minor);
    duty.paid_reference = Some(paid.reference.to_owned());
    duty.paid_at = Some(paid.paid_at.to_owned());
    duty.recorded_by = Some(actor.id.clone());
    procedure::update_duty(db, &duty)?;
    set_state(&mut row, &after);
    row.fee_paid = true;
    row.version += 1;
    cases::update_case(db, &row)?;
    let note = format!(
        "State duty of {}.{:02} AZN paid against payment number {}, reference {}.",
        duty.amount_minor / 100,
        duty.amount_minor % 100,
        duty.payment_number,
        paid.reference
    );
    record(db, actor, &row, "payment_recorded", before.state_name(), Some(&note), &now)?;
    Effects::new(cat, keys, today, &now).after_step(db, actor, &row, &service, before.state_name())?;
    jobs::enqueue_notification(db, &row.id, &row.owner_id, row.state.as_str(), &now, clock.now_ns())?;
    Ok(PaymentRecorded { duty, repeated: false })
}

/// A refund of duty wrongly taken, as an officer records it.
#[derive(Debug, Clone)]
pub struct Refund {
    /// Amount refunded, in qəpik.
    pub amount_minor: i64,
    /// Why the duty was wrongly taken.
    pub reason: String,
}

/// Records a refund of duty taken for a case (at a counter or against its payment number):
/// at most what was taken less what was refunded before; audited.
pub fn record_refund(
    store: &Store,
    clock: &Clock,
    actor: &Actor,
    case_id: &str,
    refund: &Refund,
) -> Result<RefundRow, CaseError> {
    let reason = refund.reason.trim();
    if reason.is_empty() || reason.chars().count() > 1000 {
        return Err(CaseError::invalid(
            "reason",
            "required",
            "say why the duty was wrongly taken, at most 1000 characters",
        ));
    }
    if refund.amount_minor <= 0 {
        return Err(CaseError::invalid("amount", "not_positive", "a refund is a positive amount"));
    }
    let now = clock.now_rfc3339();
    store.transact(|db| {
        let row = cases::case_by_id(db, case_id)?
            .filter(|r| super::access::staff_may_work_on(actor, r))
            .ok_or(CaseError::NotFound)?;
        let taken = payments::payment_for_case(db, &row.id)?.map_or(0, |p| p.amount_minor)
            + procedure::duty_for_case(db, &row.id)?.and_then(|d| d.paid_amount_minor).unwrap_or(0);
        let refunded: i64 = procedure::refunds(db, &row.id)?.iter().map(|r| r.amount_minor).sum();
        if refund.amount_minor > taken - refunded {
            return Err(CaseError::invalid(
                "amount",
                "more_than_taken",
                "more than the duty taken and not yet refunded",
            ));
        }
        let out = RefundRow {
            case_id: row.id.clone(),
            amount_minor: refund.amount_minor,
            reason: reason.to_owned(),
            recorded_by: actor.id.clone(),
            recorded_at: now.clone(),
        };
        procedure::insert_refund(db, &out)?;
        let note = format!(
            "Refund of {}.{:02} AZN of state duty recorded: {reason}",
            refund.amount_minor / 100,
            refund.amount_minor % 100
        );
        record(db, actor, &row, "duty_refunded", row.state, Some(&note), &now)?;
        Ok(out)
    })
}

/// Whether a case's duty is paid against a payment number after the decision (the counter
/// takes no duty before it, a draft's included).
pub(crate) fn paid_after_decision(cat: &Catalogue, row: &CaseRow) -> bool {
    cat.get(&row.service).is_some_and(|s| s.duty_after_decision())
}
