//! SQLite reads for the scan, and the scan's review-item bookkeeping.

use super::SqliteStore;
use super::portable::SqliteDb;
use crate::StoreError;
use crate::bookkeeping;
use crate::decode;
use crate::rows::*;
use crate::scan_order::ScanOrder;
use rusqlite::{Row, Transaction};
use umis_domain::{Direction, EntryBasisKind};

fn texts<'r, const N: usize>(row: &'r Row<'_>) -> Result<[Option<&'r str>; N], StoreError> {
    let mut out = [None; N];
    for (i, slot) in out.iter_mut().enumerate() {
        *slot = row.get_ref(i)?.as_str_or_null()?;
    }
    Ok(out)
}

impl SqliteStore {
    /// Reads the table in two halves of its rowid range on two connections at once (the
    /// read is CPU-bound on a 2-core machine); rows appended meanwhile land in the upper half.
    pub(crate) fn for_each_scan_crossing(
        &self,
        until_ns: i64,
        f: &mut dyn FnMut(ScanCrossing<'_>),
    ) -> Result<(), StoreError> {
        let max_rowid: i64 = {
            let conn = self.pool.get()?;
            conn.query_row("SELECT COALESCE(MAX(rowid), 0) FROM crossings", [], |r| r.get(0))?
        };
        let mid = max_rowid / 2;
        let (lower, upper) = std::thread::scope(|scope| {
            let lower = scope.spawn(|| self.read_scan_range(until_ns, i64::MIN, mid));
            let upper = self.read_scan_range(until_ns, mid + 1, i64::MAX);
            (lower.join(), upper)
        });
        let mut order = lower.map_err(|_| StoreError::Corrupt("scan reader failed".into()))??;
        order.merge(upper?)?;
        order.emit(f);
        Ok(())
    }

    fn read_scan_range(&self, until_ns: i64, first: i64, last: i64) -> Result<ScanOrder, StoreError> {
        let conn = self.pool.get()?;
        let mut order = ScanOrder::default();
        let mut stmt = conn.prepare_cached(
            "SELECT issuing_state, document_number, occurred_at_ns, record_id, direction, entry_basis, \
             stay_days, nationality FROM crossings WHERE rowid BETWEEN ?2 AND ?3 AND occurred_at_ns < ?1",
        )?;
        let mut rows = stmt.query([until_ns, first, last])?;
        while let Some(row) = rows.next()? {
            let direction = row.get_ref(4)?.as_str()?;
            let basis = row.get_ref(5)?.as_str_or_null()?;
            order.push(
                row.get_ref(0)?.as_str()?,
                row.get_ref(1)?.as_str()?,
                row.get(2)?,
                row.get_ref(3)?.as_str()?,
                decode::vocab("direction", direction, Direction::parse)?,
                basis.map(|b| decode::vocab("entry_basis", b, EntryBasisKind::parse)).transpose()?,
                decode::stay_days(row.get(6)?)?,
                row.get_ref(7)?.as_str()?,
            )?;
        }
        Ok(order)
    }

    pub(crate) fn scan_permits_and_registrations(
        &self,
    ) -> Result<(Vec<HolderPermit>, Vec<HolderRegistration>), StoreError> {
        let conn = self.pool.get()?;
        let mut permits = Vec::new();
        let mut stmt = conn.prepare_cached(
            "SELECT issuing_state, document_number, kind, valid_from, valid_until, status, permit_number FROM permits",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            permits.push(decode::holder_permit(texts::<7>(row)?)?);
        }
        let mut registrations = Vec::new();
        let sql = format!("SELECT {} FROM registrations", decode::HOLDER_REGISTRATION_COLUMNS);
        let mut stmt = conn.prepare_cached(&sql)?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            registrations.push(decode::holder_registration(texts::<6>(row)?)?);
        }
        Ok((permits, registrations))
    }

    pub(crate) fn record_scan(
        &self,
        run: &ScanRun<'_>,
        findings: &[NewFinding],
    ) -> Result<ScanCounts, StoreError> {
        self.write(|tx| {
            let counts = bookkeeping::begin_scan(&mut SqliteDb(tx), run, findings)?;
            if !counts.review_items_updated {
                return Ok(counts);
            }
            upsert_findings(tx, run.pack, findings, counts.scan_id)?;
            bookkeeping::finish_scan(&mut SqliteDb(tx), run, findings.len(), counts)
        })
    }
}

/// Upserts review items a prepared statement at a time (SQLite runs in-process: a round trip
/// costs nothing, so one statement per finding is as fast as a multi-row insert).
fn upsert_findings(
    tx: &Transaction<'_>,
    pack: &str,
    findings: &[NewFinding],
    scan_id: i64,
) -> Result<(), StoreError> {
    let mut upsert = tx.prepare_cached(&format!(
        "INSERT INTO findings (finding_key, pack, kind, issuing_state, document_number, finding_date, \
         detail, status, first_scan_id, last_scan_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'open', ?8, ?8) {}",
        bookkeeping::upsert_conflict()
    ))?;
    for f in findings {
        upsert.execute(rusqlite::params![
            f.key,
            pack,
            f.kind.as_str(),
            f.traveller.issuing_state,
            f.traveller.document_number,
            f.date.to_string(),
            f.detail,
            scan_id
        ])?;
    }
    Ok(())
}
