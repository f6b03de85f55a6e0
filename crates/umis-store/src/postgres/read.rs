//! PostgreSQL reads for the scan, and the scan's review-item bookkeeping.

use super::PgStore;
use super::portable::PgDb;
use crate::StoreError;
use crate::bookkeeping;
use crate::decode;
use crate::rows::*;
use crate::scan_order::ScanOrder;
use postgres::fallible_iterator::FallibleIterator;
use postgres::{Row, Transaction};
use umis_domain::{Direction, EntryBasisKind};

fn texts<const N: usize>(row: &Row) -> Result<[Option<&str>; N], StoreError> {
    let mut out = [None; N];
    for (i, slot) in out.iter_mut().enumerate() {
        *slot = row.try_get(i)?;
    }
    Ok(out)
}

impl PgStore {
    pub(crate) fn for_each_scan_crossing(
        &self,
        until_ns: i64,
        f: &mut dyn FnMut(ScanCrossing<'_>),
    ) -> Result<(), StoreError> {
        let mut order = ScanOrder::default();
        {
            let mut conn = self.pool.get()?;
            let mut tx = conn.transaction()?;
            let mut rows = tx.query_raw(
                "SELECT issuing_state, document_number, occurred_at_ns, record_id, direction, entry_basis, \
                 stay_days, nationality FROM crossings WHERE occurred_at_ns < $1",
                [&until_ns],
            )?;
            while let Some(row) = rows.next()? {
                let basis: Option<&str> = row.try_get(5)?;
                order.push(
                    row.try_get(0)?,
                    row.try_get(1)?,
                    row.try_get(2)?,
                    row.try_get(3)?,
                    decode::vocab("direction", row.try_get(4)?, Direction::parse)?,
                    basis.map(|b| decode::vocab("entry_basis", b, EntryBasisKind::parse)).transpose()?,
                    decode::stay_days(row.try_get(6)?)?,
                    row.try_get(7)?,
                )?;
            }
            drop(rows);
            tx.commit()?;
        }
        order.emit(f);
        Ok(())
    }

    pub(crate) fn scan_permits_and_registrations(
        &self,
    ) -> Result<(Vec<HolderPermit>, Vec<HolderRegistration>), StoreError> {
        let mut conn = self.pool.get()?;
        let mut permits = Vec::new();
        for row in conn.query(
            "SELECT issuing_state, document_number, kind, valid_from, valid_until, status, permit_number FROM permits",
            &[],
        )? {
            permits.push(decode::holder_permit(texts::<7>(&row)?)?);
        }
        let mut registrations = Vec::new();
        let sql = format!("SELECT {} FROM registrations", decode::HOLDER_REGISTRATION_COLUMNS);
        for row in conn.query(&sql, &[])? {
            registrations.push(decode::holder_registration(texts::<6>(&row)?)?);
        }
        Ok((permits, registrations))
    }

    pub(crate) fn record_scan(
        &self,
        run: &ScanRun<'_>,
        findings: &[NewFinding],
    ) -> Result<ScanCounts, StoreError> {
        self.write(|tx| {
            let counts = bookkeeping::begin_scan(&mut PgDb(tx), run, findings)?;
            if !counts.review_items_updated {
                return Ok(counts);
            }
            upsert_findings(tx, run.pack, findings, counts.scan_id)?;
            bookkeeping::finish_scan(&mut PgDb(tx), run, findings.len(), counts)
        })
    }
}

/// Upserts review items in one `COPY` and one statement, not a round trip per finding.
fn upsert_findings(
    tx: &mut Transaction<'_>,
    pack: &str,
    findings: &[NewFinding],
    scan_id: i64,
) -> Result<(), StoreError> {
    tx.batch_execute(
        "CREATE TEMP TABLE IF NOT EXISTS scan_staging (finding_key TEXT COLLATE \"C\", kind TEXT, \
         issuing_state TEXT COLLATE \"C\", document_number TEXT COLLATE \"C\", finding_date TEXT, detail TEXT) \
         ON COMMIT DELETE ROWS",
    )?;
    let mut buf = Vec::with_capacity(findings.len() * 300);
    for f in findings {
        let date = f.date.to_string();
        let cells = [
            &f.key,
            f.kind.as_str(),
            &f.traveller.issuing_state,
            &f.traveller.document_number,
            &date,
            &f.detail,
        ];
        for (i, cell) in cells.iter().enumerate() {
            if i > 0 {
                buf.push(b',');
            }
            crate::postgres::import::csv_cell(&mut buf, crate::columns::Val::Text(cell));
        }
        buf.push(b'\n');
    }
    let mut writer = tx.copy_in("COPY scan_staging FROM STDIN (FORMAT csv)")?;
    std::io::Write::write_all(&mut writer, &buf)
        .map_err(|e| StoreError::Corrupt(format!("COPY stream: {e}")))?;
    writer.finish()?;
    tx.execute(
        &format!(
            "INSERT INTO findings (finding_key, pack, kind, issuing_state, document_number, finding_date, detail, \
         status, first_scan_id, last_scan_id) \
         SELECT finding_key, $1, kind, issuing_state, document_number, finding_date, detail, 'open', $2, $2 \
         FROM scan_staging {}",
            bookkeeping::upsert_conflict()
        ),
        &[&pack, &scan_id],
    )?;
    Ok(())
}
