//! Fees taken at a service-centre counter, and the counter's view of its office's day, in
//! portable SQL.

use crate::StoreError;
use crate::cases::CaseRow;
use crate::sql::{Db, Row, Val, WriteDb};

/// A fee taken in person for a case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentRow {
    /// The case paid for (one payment per case).
    pub case_id: String,
    /// Amount taken, in qəpik.
    pub amount_minor: i64,
    /// `cash` or `card`.
    pub method: String,
    /// The payment's own receipt number (cash register or card terminal slip).
    pub reference: String,
    /// Office of the counter.
    pub office_code: String,
    /// Account of the operator who took it.
    pub taken_by: String,
    /// When (RFC 3339).
    pub taken_at: String,
}

const COLUMNS: &str = "case_id, amount_minor, method, reference, office_code, taken_by, taken_at";

fn payment(r: &Row) -> Result<PaymentRow, StoreError> {
    Ok(PaymentRow {
        case_id: r.text(0)?,
        amount_minor: r.int(1)?,
        method: r.text(2)?,
        reference: r.text(3)?,
        office_code: r.text(4)?,
        taken_by: r.text(5)?,
        taken_at: r.text(6)?,
    })
}

/// Records a payment.
pub fn insert_payment(db: &mut dyn WriteDb, p: &PaymentRow) -> Result<(), StoreError> {
    let sql = format!("INSERT INTO case_payments ({COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7)");
    db.exec(
        &sql,
        &[
            Val::Text(&p.case_id),
            Val::Int(p.amount_minor),
            Val::Text(&p.method),
            Val::Text(&p.reference),
            Val::Text(&p.office_code),
            Val::Text(&p.taken_by),
            Val::Text(&p.taken_at),
        ],
    )?;
    Ok(())
}

/// The payment of a case, if one was taken.
pub fn payment_for_case(db: &mut dyn Db, case_id: &str) -> Result<Option<PaymentRow>, StoreError> {
    let sql = format!("SELECT {COLUMNS} FROM case_payments WHERE case_id = $1");
    db.row(&sql, &[Val::Text(case_id)])?.map(|r| payment(&r)).transpose()
}

/// The case a payment receipt number of an office was recorded for, if any.
pub fn case_of_reference(
    db: &mut dyn Db,
    office: &str,
    reference: &str,
) -> Result<Option<String>, StoreError> {
    db.row(
        "SELECT case_id FROM case_payments WHERE office_code = $1 AND reference = $2",
        &[Val::Text(office), Val::Text(reference)],
    )?
    .map(|r| r.text(0))
    .transpose()
}

/// A case at a counter's desk, with its payment if one was taken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeskRow {
    /// The case.
    pub case: CaseRow,
    /// Its payment.
    pub payment: Option<PaymentRow>,
}

/// The office's cases opened since `since` (RFC 3339, compared as text) or paid since then,
/// newest first, asylum cases left out; at most `limit`.
pub fn office_day(
    db: &mut dyn Db,
    office: &str,
    since: &str,
    limit: i64,
) -> Result<Vec<DeskRow>, StoreError> {
    let case_columns = "c.id, c.receipt, c.service, c.office_code, c.owner_id, c.state, c.state_actor, c.proposal, \
         c.grounds, c.outcome, c.fee_tier, c.fee_minor, c.fee_paid, c.form, c.holder_state, c.holder_document, \
         c.holder_birth_date, c.employer_tin, c.appeal_of, c.sensitive, c.created_at, c.submitted_on, c.due_on, \
         c.decided_on, c.version, c.ground_codes, c.appealed_act";
    let sql = format!(
        "SELECT {case_columns}, p.case_id, p.amount_minor, p.method, p.reference, p.office_code, p.taken_by, p.taken_at \
         FROM cases c LEFT JOIN case_payments p ON p.case_id = c.id \
         WHERE c.office_code = $1 AND c.sensitive = 0 AND (c.created_at >= $2 OR p.taken_at >= $2) \
         ORDER BY c.created_at DESC, c.id LIMIT $3"
    );
    db.rows(&sql, &[Val::Text(office), Val::Text(since), Val::Int(limit)])?
        .iter()
        .map(|r| {
            let case = crate::cases::case(r)?;
            // The payment's columns follow the case's.
            let at = crate::cases::COLUMN_COUNT;
            let payment = match r.opt_text(at)? {
                None => None,
                Some(case_id) => Some(PaymentRow {
                    case_id,
                    amount_minor: r.int(at + 1)?,
                    method: r.text(at + 2)?,
                    reference: r.text(at + 3)?,
                    office_code: r.text(at + 4)?,
                    taken_by: r.text(at + 5)?,
                    taken_at: r.text(at + 6)?,
                }),
            };
            Ok(DeskRow { case, payment })
        })
        .collect()
}
