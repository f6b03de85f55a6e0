//! Acts and their challenges, in portable SQL: when a notice of an act was delivered, the
//! four-eyes cancellation of issued documents, and the court stage of an appeal.

use crate::StoreError;
use crate::cases::{join_codes, split_codes};
use crate::sql::{Db, Row, Val, WriteDb};

/// When the first notice `message` about `case_id` was delivered (RFC 3339), if it was.
pub fn notice_delivered_at(
    db: &mut dyn Db,
    case_id: &str,
    message: &str,
) -> Result<Option<String>, StoreError> {
    db.row(
        "SELECT MIN(sent_at) FROM notifications WHERE case_id = $1 AND message = $2 AND status = 'sent'",
        &[Val::Text(case_id), Val::Text(message)],
    )?
    .map_or(Ok(None), |r| r.opt_text(0))
}

/// A cancellation of an issued document, proposed and (once confirmed) in force.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CancellationRow {
    /// The document's number.
    pub number: String,
    /// The case it was issued from.
    pub case_id: String,
    /// The coded grounds.
    pub ground_codes: Vec<String>,
    /// A note added to them.
    pub note: Option<String>,
    /// Who proposed it.
    pub proposed_by: String,
    /// When (RFC 3339).
    pub proposed_at: String,
    /// Who confirmed it (a second officer).
    pub confirmed_by: Option<String>,
    /// The day it took effect.
    pub confirmed_on: Option<String>,
    /// The day an upheld challenge annulled it.
    pub annulled_on: Option<String>,
}

const CANCELLATION_COLUMNS: &str =
    "number, case_id, ground_codes, note, proposed_by, proposed_at, confirmed_by, confirmed_on, annulled_on";

fn cancellation(r: &Row) -> Result<CancellationRow, StoreError> {
    Ok(CancellationRow {
        number: r.text(0)?,
        case_id: r.text(1)?,
        ground_codes: split_codes(Some(&r.text(2)?)),
        note: r.opt_text(3)?,
        proposed_by: r.text(4)?,
        proposed_at: r.text(5)?,
        confirmed_by: r.opt_text(6)?,
        confirmed_on: r.opt_text(7)?,
        annulled_on: r.opt_text(8)?,
    })
}

/// Records a proposed cancellation; a proposal that was annulled before is replaced. `false`
/// when one is pending or in force already.
pub fn propose_cancellation(db: &mut dyn WriteDb, c: &CancellationRow) -> Result<bool, StoreError> {
    db.exec(
        "DELETE FROM document_cancellations WHERE number = $1 AND annulled_on IS NOT NULL",
        &[Val::Text(&c.number)],
    )?;
    let codes = join_codes(&c.ground_codes).unwrap_or_default();
    let n = db.exec(
        "INSERT INTO document_cancellations (number, case_id, ground_codes, note, proposed_by, proposed_at) \
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (number) DO NOTHING",
        &[
            Val::Text(&c.number),
            Val::Text(&c.case_id),
            Val::Text(&codes),
            (&c.note).into(),
            Val::Text(&c.proposed_by),
            Val::Text(&c.proposed_at),
        ],
    )?;
    Ok(n == 1)
}

/// The cancellation of a document, if one was proposed.
pub fn cancellation_of(db: &mut dyn Db, number: &str) -> Result<Option<CancellationRow>, StoreError> {
    let sql = format!("SELECT {CANCELLATION_COLUMNS} FROM document_cancellations WHERE number = $1");
    db.row(&sql, &[Val::Text(number)])?.map(|r| cancellation(&r)).transpose()
}

/// The cancellations of the documents of a case.
pub fn cancellations_for_case(db: &mut dyn Db, case_id: &str) -> Result<Vec<CancellationRow>, StoreError> {
    let sql = format!(
        "SELECT {CANCELLATION_COLUMNS} FROM document_cancellations WHERE case_id = $1 ORDER BY number"
    );
    db.rows(&sql, &[Val::Text(case_id)])?.iter().map(cancellation).collect()
}

/// Confirms a pending proposal; `false` when there is none pending.
pub fn confirm_cancellation(
    db: &mut dyn WriteDb,
    number: &str,
    by: &str,
    on: &str,
) -> Result<bool, StoreError> {
    let n = db.exec(
        "UPDATE document_cancellations SET confirmed_by = $2, confirmed_on = $3 \
         WHERE number = $1 AND confirmed_on IS NULL AND annulled_on IS NULL",
        &[Val::Text(number), Val::Text(by), Val::Text(on)],
    )?;
    Ok(n == 1)
}

/// Withdraws a pending proposal (a second officer sends it back); `false` when none is pending.
pub fn drop_cancellation_proposal(db: &mut dyn WriteDb, number: &str) -> Result<bool, StoreError> {
    let n = db.exec(
        "DELETE FROM document_cancellations WHERE number = $1 AND confirmed_on IS NULL",
        &[Val::Text(number)],
    )?;
    Ok(n == 1)
}

/// Annuls a cancellation in force and restores the document; `false` when none is in force.
pub fn annul_cancellation(db: &mut dyn WriteDb, number: &str, on: &str) -> Result<bool, StoreError> {
    let n = db.exec(
        "UPDATE document_cancellations SET annulled_on = $2 \
         WHERE number = $1 AND confirmed_on IS NOT NULL AND annulled_on IS NULL",
        &[Val::Text(number), Val::Text(on)],
    )?;
    if n == 1 {
        db.exec(
            "UPDATE issued_documents SET revoked_on = NULL, revoke_reason = NULL WHERE number = $1",
            &[Val::Text(number)],
        )?;
    }
    Ok(n == 1)
}

/// The court stage of an appeal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CourtStageRow {
    /// The appeal case.
    pub appeal_id: String,
    /// The day the claim was filed.
    pub claim_filed_on: String,
    /// `upheld` or `dismissed`, once judged.
    pub judgment: Option<String>,
    /// The day of the judgment.
    pub judgment_on: Option<String>,
    /// Who recorded the last entry.
    pub recorded_by: String,
    /// When (RFC 3339).
    pub recorded_at: String,
}

/// The court stage of an appeal, if a claim was recorded.
pub fn court_stage(db: &mut dyn Db, appeal_id: &str) -> Result<Option<CourtStageRow>, StoreError> {
    db.row(
        "SELECT appeal_id, claim_filed_on, judgment, judgment_on, recorded_by, recorded_at FROM court_stages \
         WHERE appeal_id = $1",
        &[Val::Text(appeal_id)],
    )?
    .map(|r| {
        Ok(CourtStageRow {
            appeal_id: r.text(0)?,
            claim_filed_on: r.text(1)?,
            judgment: r.opt_text(2)?,
            judgment_on: r.opt_text(3)?,
            recorded_by: r.text(4)?,
            recorded_at: r.text(5)?,
        })
    })
    .transpose()
}

/// Records a court claim; `false` when one is recorded already.
pub fn record_court_claim(db: &mut dyn WriteDb, c: &CourtStageRow) -> Result<bool, StoreError> {
    let n = db.exec(
        "INSERT INTO court_stages (appeal_id, claim_filed_on, recorded_by, recorded_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (appeal_id) DO NOTHING",
        &[Val::Text(&c.appeal_id), Val::Text(&c.claim_filed_on), Val::Text(&c.recorded_by), Val::Text(&c.recorded_at)],
    )?;
    Ok(n == 1)
}

/// Records the judgment on a recorded claim; `false` when there is no claim or it was judged.
pub fn record_judgment(
    db: &mut dyn WriteDb,
    appeal_id: &str,
    judgment: &str,
    on: &str,
    by: &str,
    at: &str,
) -> Result<bool, StoreError> {
    let n = db.exec(
        "UPDATE court_stages SET judgment = $2, judgment_on = $3, recorded_by = $4, recorded_at = $5 \
         WHERE appeal_id = $1 AND judgment IS NULL",
        &[Val::Text(appeal_id), Val::Text(judgment), Val::Text(on), Val::Text(by), Val::Text(at)],
    )?;
    Ok(n == 1)
}
