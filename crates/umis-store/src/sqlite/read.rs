//! SQLite reads for the scan and the traveller view, and the scan's review-item bookkeeping.

use super::{SqliteStore, append_audit};
use crate::decode::REVIEW_COLUMNS;
use crate::decode::{
    self, CROSSING_COLUMNS, CrossingCols, FINDING_COLUMNS, PERMIT_COLUMNS, REGISTRATION_COLUMNS,
};
use crate::rows::*;
use crate::scan_order::ScanOrder;
use crate::{StoreError, now_rfc3339};
use rusqlite::{Row, Transaction};
use std::collections::HashSet;
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
            "SELECT issuing_state, document_number, kind, valid_from, valid_until, status FROM permits",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            permits.push(decode::holder_permit(texts::<6>(row)?)?);
        }
        let mut registrations = Vec::new();
        let mut stmt =
            conn.prepare_cached("SELECT issuing_state, document_number, submitted_on FROM registrations")?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            registrations.push(decode::holder_registration(texts::<3>(row)?)?);
        }
        Ok((permits, registrations))
    }

    pub(crate) fn record_scan(
        &self,
        run: &ScanRun<'_>,
        findings: &[NewFinding],
    ) -> Result<ScanCounts, StoreError> {
        self.write(|tx| {
            let latest: Option<String> =
                tx.query_row("SELECT MAX(as_of) FROM scan_runs WHERE pack = ?1", [run.pack], |r| r.get(0))?;
            let backdated = latest.is_some_and(|l| l > run.as_of.to_string());
            tx.execute(
                "INSERT INTO scan_runs (pack, as_of, finished_at, travellers, findings, opened, resolved) \
                 VALUES (?1, ?2, ?3, ?4, ?5, 0, 0)",
                rusqlite::params![
                    run.pack,
                    run.as_of.to_string(),
                    now_rfc3339(),
                    run.travellers as i64,
                    findings.len() as i64
                ],
            )?;
            let scan_id = tx.last_insert_rowid();
            let mut counts = ScanCounts { scan_id, review_items_updated: !backdated, ..ScanCounts::default() };
            if backdated {
                let detail = crate::bookkeeping::scan_detail(run, findings.len(), &counts);
                append_audit(tx, &AuditEntry { actor: run.actor, action: "scan.run", object: run.pack, outcome: "ok", detail: &detail })?;
                return Ok(counts);
            }
            let open = open_keys(tx, run.pack)?;
            let kept = crate::bookkeeping::officer_resolved(officer_resolved_keys(tx, run.pack)?);
            let mut upsert = tx.prepare_cached(&format!(
                "INSERT INTO findings (finding_key, pack, kind, issuing_state, document_number, finding_date, \
                 detail, status, first_scan_id, last_scan_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'open', ?8, ?8) \
                 ON CONFLICT (finding_key) DO UPDATE SET detail = excluded.detail, \
                 status = CASE WHEN {OFFICER_RESOLVED_UNCHANGED} THEN findings.status ELSE 'open' END, \
                 resolution = CASE WHEN {OFFICER_RESOLVED_UNCHANGED} THEN findings.resolution ELSE NULL END, \
                 resolved_at = CASE WHEN {OFFICER_RESOLVED_UNCHANGED} THEN findings.resolved_at ELSE NULL END, \
                 last_scan_id = excluded.last_scan_id",
                OFFICER_RESOLVED_UNCHANGED = crate::bookkeeping::OFFICER_RESOLVED_UNCHANGED
            ))?;
            for f in findings {
                if open.contains(&f.key) {
                    counts.still_open += 1
                } else if !kept.contains(&(f.key.clone(), f.detail.clone())) {
                    counts.opened += 1
                }
                upsert.execute(rusqlite::params![
                    f.key,
                    run.pack,
                    f.kind,
                    f.traveller.issuing_state,
                    f.traveller.document_number,
                    f.date.to_string(),
                    f.detail,
                    scan_id
                ])?;
            }
            counts.resolved = tx.execute(
                "UPDATE findings SET status = 'resolved', resolution = 'obsolete', resolved_at = ?1 \
                 WHERE pack = ?2 AND status = 'open' AND last_scan_id <> ?3",
                rusqlite::params![now_rfc3339(), run.pack, scan_id],
            )? as u64;
            tx.execute(
                "UPDATE scan_runs SET opened = ?1, resolved = ?2 WHERE id = ?3",
                [counts.opened as i64, counts.resolved as i64, scan_id],
            )?;
            let detail = crate::bookkeeping::scan_detail(run, findings.len(), &counts);
            append_audit(tx, &AuditEntry { actor: run.actor, action: "scan.run", object: run.pack, outcome: "ok", detail: &detail })?;
            Ok(counts)
        })
    }

    pub(crate) fn traveller(
        &self,
        key: &TravellerKey,
        audit: &AuditEntry<'_>,
    ) -> Result<TravellerRecords, StoreError> {
        self.write(|tx| {
            append_audit(tx, audit)?;
            let params = [key.issuing_state.as_str(), key.document_number.as_str()];
            let mut out = TravellerRecords::default();
            let sql = format!(
                "SELECT {CROSSING_COLUMNS} FROM crossings WHERE issuing_state = ?1 AND document_number = ?2 \
                 ORDER BY occurred_at_ns, record_id"
            );
            let mut stmt = tx.prepare_cached(&sql)?;
            let mut rows = stmt.query(params)?;
            while let Some(row) = rows.next()? {
                let text = texts::<14>(row)?;
                let cols = CrossingCols { text, occurred_at_ns: row.get(14)?, offset_seconds: row.get(15)?, stay_days: row.get(16)? };
                out.crossings.push(decode::crossing(&cols)?);
            }
            let sql = format!("SELECT {PERMIT_COLUMNS} FROM permits WHERE issuing_state = ?1 AND document_number = ?2 ORDER BY valid_from, permit_number");
            out.permits = collect(tx, &sql, params, |r| decode::permit(texts::<8>(r)?))?;
            let sql = format!("SELECT {REGISTRATION_COLUMNS} FROM registrations WHERE issuing_state = ?1 AND document_number = ?2 ORDER BY submitted_on, registration_id");
            out.registrations = collect(tx, &sql, params, |r| decode::registration(texts::<8>(r)?))?;
            let sql = format!("SELECT {FINDING_COLUMNS} FROM findings WHERE issuing_state = ?1 AND document_number = ?2 ORDER BY finding_date, kind");
            out.findings = collect(tx, &sql, params, |r| decode::finding(texts::<6>(r)?))?;
            Ok(out)
        })
    }
}

impl SqliteStore {
    pub(crate) fn review_items(
        &self,
        q: &ReviewQuery<'_>,
        audit: &AuditEntry<'_>,
    ) -> Result<Vec<ReviewItemRow>, StoreError> {
        self.write(|tx| {
            append_audit(tx, audit)?;
            let sql = format!(
                "SELECT {REVIEW_COLUMNS} FROM findings WHERE (?1 IS NULL OR status = ?1) \
                 AND (?2 IS NULL OR finding_key > ?2) ORDER BY finding_key LIMIT ?3"
            );
            let mut stmt = tx.prepare_cached(&sql)?;
            let mut rows = stmt.query(rusqlite::params![q.status, q.after, i64::from(q.limit)])?;
            let mut out = Vec::new();
            while let Some(row) = rows.next()? {
                out.push(decode::review_item(texts::<9>(row)?)?);
            }
            Ok(out)
        })
    }
}

fn collect<T>(
    tx: &Transaction<'_>,
    sql: &str,
    params: [&str; 2],
    mut f: impl FnMut(&Row<'_>) -> Result<T, StoreError>,
) -> Result<Vec<T>, StoreError> {
    let mut stmt = tx.prepare_cached(sql)?;
    let mut rows = stmt.query(params)?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        out.push(f(row)?);
    }
    Ok(out)
}

/// Findings an officer resolved (not merely found obsolete by a scan): (key, detail).
fn officer_resolved_keys(tx: &Transaction<'_>, pack: &str) -> Result<Vec<(String, String)>, StoreError> {
    let mut stmt = tx.prepare_cached(
        "SELECT finding_key, detail FROM findings WHERE pack = ?1 AND status = 'resolved' \
         AND resolution IS NOT NULL AND resolution <> 'obsolete'",
    )?;
    let rows = stmt
        .query_map([pack], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

fn open_keys(tx: &Transaction<'_>, pack: &str) -> Result<HashSet<String>, StoreError> {
    let mut stmt =
        tx.prepare_cached("SELECT finding_key FROM findings WHERE pack = ?1 AND status = 'open'")?;
    let keys = stmt.query_map([pack], |r| r.get::<_, String>(0))?.collect::<Result<_, _>>()?;
    Ok(keys)
}
