//! Everything stored about one traveller, in portable SQL: crossings, permits, registrations
//! and review items, read in the caller's transaction (so an audited read and its audit
//! record share one).

use crate::StoreError;
use crate::control::findings_of;
use crate::decode::{self, CROSSING_COLUMNS, CrossingCols, PERMIT_COLUMNS, REGISTRATION_COLUMNS};
use crate::rows::{TravellerKey, TravellerRecords};
use crate::sql::{Db, Val};

/// The traveller's records, each kind in its stored order.
pub fn records(db: &mut dyn Db, key: &TravellerKey) -> Result<TravellerRecords, StoreError> {
    let params = [Val::Text(&key.issuing_state), Val::Text(&key.document_number)];
    let mut out = TravellerRecords::default();
    let sql = format!(
        "SELECT {CROSSING_COLUMNS} FROM crossings WHERE issuing_state = $1 AND document_number = $2 \
         ORDER BY occurred_at_ns, record_id"
    );
    for row in db.rows(&sql, &params)? {
        let cols = CrossingCols {
            text: row.texts::<14>()?,
            occurred_at_ns: row.int(14)?,
            offset_seconds: row.int(15)?,
            stay_days: row.opt_int(16)?,
        };
        out.crossings.push(decode::crossing(&cols)?);
    }
    let sql = format!(
        "SELECT {PERMIT_COLUMNS} FROM permits WHERE issuing_state = $1 AND document_number = $2 \
         ORDER BY valid_from, permit_number"
    );
    for row in db.rows(&sql, &params)? {
        out.permits.push(decode::permit(row.texts::<8>()?)?);
    }
    let sql = format!(
        "SELECT {REGISTRATION_COLUMNS} FROM registrations WHERE issuing_state = $1 AND document_number = $2 \
         ORDER BY submitted_on, registration_id"
    );
    for row in db.rows(&sql, &params)? {
        out.registrations.push(decode::registration(row.texts::<8>()?)?);
    }
    out.findings = findings_of(db, &key.issuing_state, &key.document_number)?;
    Ok(out)
}
