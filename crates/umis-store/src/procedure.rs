//! The administrative procedure's records beside a case, in portable SQL: the state duty
//! ordered after a positive decision (payment number, amount, last day, payment or lapse),
//! payment numbers per year, refunds of duty wrongly taken, the statutory clock's stop and
//! reply deadline with the case's duty exemption, and recorded extensions of a deadline.

use crate::StoreError;
use crate::sql::{Db, Row, Val, WriteDb};

/// The duty ordered for a case after its positive decision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DutyRow {
    /// The case.
    pub case_id: String,
    /// The payment number the applicant quotes.
    pub payment_number: String,
    /// Amount due, in qəpik.
    pub amount_minor: i64,
    /// Day the decision ordered it.
    pub ordered_on: String,
    /// Last day to pay.
    pub due_by: String,
    /// Amount paid, in qəpik.
    pub paid_amount_minor: Option<i64>,
    /// The payment's own reference (the gateway's transaction or the counter's slip).
    pub paid_reference: Option<String>,
    /// When it was paid (RFC 3339, as the payer reports it).
    pub paid_at: Option<String>,
    /// Who recorded the payment (account id, or the gateway client).
    pub recorded_by: Option<String>,
    /// Day the grant lapsed unpaid.
    pub lapsed_on: Option<String>,
}

const DUTY_COLUMNS: &str = "case_id, payment_number, amount_minor, ordered_on, due_by, paid_amount_minor, \
     paid_reference, paid_at, recorded_by, lapsed_on";

fn duty(r: &Row) -> Result<DutyRow, StoreError> {
    Ok(DutyRow {
        case_id: r.text(0)?,
        payment_number: r.text(1)?,
        amount_minor: r.int(2)?,
        ordered_on: r.text(3)?,
        due_by: r.text(4)?,
        paid_amount_minor: r.opt_int(5)?,
        paid_reference: r.opt_text(6)?,
        paid_at: r.opt_text(7)?,
        recorded_by: r.opt_text(8)?,
        lapsed_on: r.opt_text(9)?,
    })
}

/// The next payment number sequence of a year (1, 2, …), in the caller's transaction.
pub fn next_payment_sequence(db: &mut dyn WriteDb, year: i64) -> Result<i64, StoreError> {
    let row = db.row(
        "INSERT INTO payment_number_counters (year, last_sequence) VALUES ($1, 1) \
         ON CONFLICT (year) DO UPDATE SET last_sequence = payment_number_counters.last_sequence + 1 \
         RETURNING last_sequence",
        &[Val::Int(year)],
    )?;
    row.ok_or_else(|| StoreError::Corrupt("payment counter returned no row".into()))?.int(0)
}

/// Records a duty ordered.
pub fn insert_duty(db: &mut dyn WriteDb, d: &DutyRow) -> Result<(), StoreError> {
    let sql =
        format!("INSERT INTO case_duties ({DUTY_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)");
    db.exec(&sql, &duty_values(d))?;
    Ok(())
}

fn duty_values(d: &DutyRow) -> [Val<'_>; 10] {
    [
        Val::Text(&d.case_id),
        Val::Text(&d.payment_number),
        Val::Int(d.amount_minor),
        Val::Text(&d.ordered_on),
        Val::Text(&d.due_by),
        d.paid_amount_minor.map_or(Val::Null, Val::Int),
        (&d.paid_reference).into(),
        (&d.paid_at).into(),
        (&d.recorded_by).into(),
        (&d.lapsed_on).into(),
    ]
}

/// Writes the payment or the lapse of a duty.
pub fn update_duty(db: &mut dyn WriteDb, d: &DutyRow) -> Result<(), StoreError> {
    db.exec(
        "UPDATE case_duties SET paid_amount_minor = $2, paid_reference = $3, paid_at = $4, recorded_by = $5, \
         lapsed_on = $6 WHERE case_id = $1",
        &[
            Val::Text(&d.case_id),
            d.paid_amount_minor.map_or(Val::Null, Val::Int),
            (&d.paid_reference).into(),
            (&d.paid_at).into(),
            (&d.recorded_by).into(),
            (&d.lapsed_on).into(),
        ],
    )?;
    Ok(())
}

/// The duty ordered for a case, if any.
pub fn duty_for_case(db: &mut dyn Db, case_id: &str) -> Result<Option<DutyRow>, StoreError> {
    let sql = format!("SELECT {DUTY_COLUMNS} FROM case_duties WHERE case_id = $1");
    db.row(&sql, &[Val::Text(case_id)])?.map(|r| duty(&r)).transpose()
}

/// The duty with this payment number, if any.
pub fn duty_by_number(db: &mut dyn Db, number: &str) -> Result<Option<DutyRow>, StoreError> {
    let sql = format!("SELECT {DUTY_COLUMNS} FROM case_duties WHERE payment_number = $1");
    db.row(&sql, &[Val::Text(number)])?.map(|r| duty(&r)).transpose()
}

/// Cases awaiting payment whose last day to pay is before `today`, at most `limit`.
pub fn unpaid_past(db: &mut dyn Db, today: &str, limit: i64) -> Result<Vec<String>, StoreError> {
    db.rows(
        "SELECT d.case_id FROM case_duties d JOIN cases c ON c.id = d.case_id \
         WHERE c.state = 'awaiting_payment' AND d.paid_at IS NULL AND d.due_by < $1 ORDER BY d.due_by, d.case_id LIMIT $2",
        &[Val::Text(today), Val::Int(limit)],
    )?
    .iter()
    .map(|r| r.text(0))
    .collect()
}

/// A refund of duty wrongly taken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefundRow {
    /// The case.
    pub case_id: String,
    /// Amount refunded, in qəpik.
    pub amount_minor: i64,
    /// Why the duty was wrongly taken.
    pub reason: String,
    /// Who recorded it.
    pub recorded_by: String,
    /// When (RFC 3339).
    pub recorded_at: String,
}

/// Records a refund.
pub fn insert_refund(db: &mut dyn WriteDb, r: &RefundRow) -> Result<(), StoreError> {
    db.exec(
        "INSERT INTO case_refunds (case_id, amount_minor, reason, recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5)",
        &[
            Val::Text(&r.case_id),
            Val::Int(r.amount_minor),
            Val::Text(&r.reason),
            Val::Text(&r.recorded_by),
            Val::Text(&r.recorded_at),
        ],
    )?;
    Ok(())
}

/// A case's refunds, oldest first.
pub fn refunds(db: &mut dyn Db, case_id: &str) -> Result<Vec<RefundRow>, StoreError> {
    db.rows(
        "SELECT case_id, amount_minor, reason, recorded_by, recorded_at FROM case_refunds WHERE case_id = $1 ORDER BY id",
        &[Val::Text(case_id)],
    )?
    .iter()
    .map(|r| {
        Ok(RefundRow {
            case_id: r.text(0)?,
            amount_minor: r.int(1)?,
            reason: r.text(2)?,
            recorded_by: r.text(3)?,
            recorded_at: r.text(4)?,
        })
    })
    .collect()
}

/// A case's clock: since when it stands, the applicant's reply deadline, its duty exemption.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ClockRow {
    /// The clock stands since this day (information requested, suspended).
    pub stopped_on: Option<String>,
    /// The applicant must answer by this day.
    pub reply_by: Option<String>,
    /// The coded exemption from the duty.
    pub duty_exemption: Option<String>,
}

/// A case's clock row (all empty when none was written).
pub fn clock(db: &mut dyn Db, case_id: &str) -> Result<ClockRow, StoreError> {
    Ok(db
        .row(
            "SELECT stopped_on, reply_by, duty_exemption FROM case_clock WHERE case_id = $1",
            &[Val::Text(case_id)],
        )?
        .map(|r| {
            Ok::<_, StoreError>(ClockRow {
                stopped_on: r.opt_text(0)?,
                reply_by: r.opt_text(1)?,
                duty_exemption: r.opt_text(2)?,
            })
        })
        .transpose()?
        .unwrap_or_default())
}

/// Writes a case's clock row.
pub fn set_clock(db: &mut dyn WriteDb, case_id: &str, c: &ClockRow) -> Result<(), StoreError> {
    db.exec(
        "INSERT INTO case_clock (case_id, stopped_on, reply_by, duty_exemption) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (case_id) DO UPDATE SET stopped_on = $2, reply_by = $3, duty_exemption = $4",
        &[Val::Text(case_id), (&c.stopped_on).into(), (&c.reply_by).into(), (&c.duty_exemption).into()],
    )?;
    Ok(())
}

/// Cases waiting for an answer whose reply deadline is before `today`, at most `limit`.
pub fn unanswered_past(db: &mut dyn Db, today: &str, limit: i64) -> Result<Vec<String>, StoreError> {
    db.rows(
        "SELECT k.case_id FROM case_clock k JOIN cases c ON c.id = k.case_id \
         WHERE c.state = 'information_requested' AND k.reply_by < $1 ORDER BY k.reply_by, k.case_id LIMIT $2",
        &[Val::Text(today), Val::Int(limit)],
    )?
    .iter()
    .map(|r| r.text(0))
    .collect()
}

/// A recorded extension of a case's deadline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExtensionRow {
    /// The case.
    pub case_id: String,
    /// The deadline before.
    pub previous_due_on: String,
    /// The new deadline.
    pub new_due_on: String,
    /// Why (the additional checks needed).
    pub reason: String,
    /// Who extended it.
    pub extended_by: String,
    /// When (RFC 3339).
    pub extended_at: String,
}

/// Records an extension.
pub fn insert_extension(db: &mut dyn WriteDb, e: &ExtensionRow) -> Result<(), StoreError> {
    db.exec(
        "INSERT INTO case_extensions (case_id, previous_due_on, new_due_on, reason, extended_by, extended_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
        &[
            Val::Text(&e.case_id),
            Val::Text(&e.previous_due_on),
            Val::Text(&e.new_due_on),
            Val::Text(&e.reason),
            Val::Text(&e.extended_by),
            Val::Text(&e.extended_at),
        ],
    )?;
    Ok(())
}

/// A case's extensions, oldest first.
pub fn extensions(db: &mut dyn Db, case_id: &str) -> Result<Vec<ExtensionRow>, StoreError> {
    db.rows(
        "SELECT case_id, previous_due_on, new_due_on, reason, extended_by, extended_at FROM case_extensions \
         WHERE case_id = $1 ORDER BY id",
        &[Val::Text(case_id)],
    )?
    .iter()
    .map(|r| {
        Ok(ExtensionRow {
            case_id: r.text(0)?,
            previous_due_on: r.text(1)?,
            new_due_on: r.text(2)?,
            reason: r.text(3)?,
            extended_by: r.text(4)?,
            extended_at: r.text(5)?,
        })
    })
    .collect()
}

/// A notice to another authority that a decision hands off to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboundNotice {
    /// The case decided.
    pub case_id: String,
    /// Which authority (`identity_documents`).
    pub recipient: String,
    /// What it is told (`citizenship_recognised`).
    pub kind: String,
    /// When it was recorded (RFC 3339).
    pub created_at: String,
    /// When the interagency exchange sent it.
    pub sent_at: Option<String>,
}

/// Records a notice to send.
pub fn insert_outbound_notice(db: &mut dyn WriteDb, n: &OutboundNotice) -> Result<(), StoreError> {
    db.exec(
        "INSERT INTO outbound_notices (case_id, recipient, kind, created_at, sent_at) VALUES ($1, $2, $3, $4, $5)",
        &[
            Val::Text(&n.case_id),
            Val::Text(&n.recipient),
            Val::Text(&n.kind),
            Val::Text(&n.created_at),
            (&n.sent_at).into(),
        ],
    )?;
    Ok(())
}

/// A case's notices to other authorities, oldest first.
pub fn outbound_notices(db: &mut dyn Db, case_id: &str) -> Result<Vec<OutboundNotice>, StoreError> {
    db.rows(
        "SELECT case_id, recipient, kind, created_at, sent_at FROM outbound_notices WHERE case_id = $1 ORDER BY id",
        &[Val::Text(case_id)],
    )?
    .iter()
    .map(|r| {
        Ok(OutboundNotice {
            case_id: r.text(0)?,
            recipient: r.text(1)?,
            kind: r.text(2)?,
            created_at: r.text(3)?,
            sent_at: r.opt_text(4)?,
        })
    })
    .collect()
}

/// An interview of the refugee procedure: when it is scheduled, in which interpreter
/// language, and when it actually took place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InterviewRow {
    /// The milestone it is (`registration_interview`, `status_interview`).
    pub milestone: String,
    /// The day it is scheduled for.
    pub scheduled_on: Option<String>,
    /// The interpreter's language (ISO 639), if one is needed.
    pub interpreter_language: Option<String>,
    /// The day it took place.
    pub held_on: Option<String>,
    /// Who recorded it last.
    pub recorded_by: String,
}

/// Writes an interview of a case (one per milestone).
pub fn set_interview(db: &mut dyn WriteDb, case_id: &str, i: &InterviewRow) -> Result<(), StoreError> {
    db.exec(
        "INSERT INTO case_interviews (case_id, milestone, scheduled_on, interpreter_language, held_on, recorded_by) \
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (case_id, milestone) DO UPDATE SET scheduled_on = $3, \
         interpreter_language = $4, held_on = $5, recorded_by = $6",
        &[
            Val::Text(case_id),
            Val::Text(&i.milestone),
            (&i.scheduled_on).into(),
            (&i.interpreter_language).into(),
            (&i.held_on).into(),
            Val::Text(&i.recorded_by),
        ],
    )?;
    Ok(())
}

/// A case's interviews, by milestone.
pub fn interviews(db: &mut dyn Db, case_id: &str) -> Result<Vec<InterviewRow>, StoreError> {
    db.rows(
        "SELECT milestone, scheduled_on, interpreter_language, held_on, recorded_by FROM case_interviews \
         WHERE case_id = $1 ORDER BY milestone",
        &[Val::Text(case_id)],
    )?
    .iter()
    .map(|r| {
        Ok(InterviewRow {
            milestone: r.text(0)?,
            scheduled_on: r.opt_text(1)?,
            interpreter_language: r.opt_text(2)?,
            held_on: r.opt_text(3)?,
            recorded_by: r.text(4)?,
        })
    })
    .collect()
}
