//! PostgreSQL reads for the scan and the traveller view, and the scan's review-item bookkeeping.

use super::{PgStore, append_audit};
use crate::decode::REVIEW_COLUMNS;
use crate::decode::{
    self, CROSSING_COLUMNS, CrossingCols, FINDING_COLUMNS, PERMIT_COLUMNS, REGISTRATION_COLUMNS,
};
use crate::rows::*;
use crate::scan_order::ScanOrder;
use crate::{StoreError, now_rfc3339};
use postgres::fallible_iterator::FallibleIterator;
use postgres::{Row, Transaction};
use std::collections::HashSet;
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
            "SELECT issuing_state, document_number, kind, valid_from, valid_until, status FROM permits",
            &[],
        )? {
            permits.push(decode::holder_permit(texts::<6>(&row)?)?);
        }
        let mut registrations = Vec::new();
        for row in
            conn.query("SELECT issuing_state, document_number, submitted_on FROM registrations", &[])?
        {
            registrations.push(decode::holder_registration(texts::<3>(&row)?)?);
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
                tx.query_one("SELECT MAX(as_of) FROM scan_runs WHERE pack = $1", &[&run.pack])?.get(0);
            let backdated = latest.is_some_and(|l| l > run.as_of.to_string());
            let scan_id: i64 = tx
                .query_one(
                    "INSERT INTO scan_runs (pack, as_of, finished_at, travellers, findings, opened, resolved) \
                     VALUES ($1, $2, $3, $4, $5, 0, 0) RETURNING id",
                    &[&run.pack, &run.as_of.to_string(), &now_rfc3339(), &(run.travellers as i64), &(findings.len() as i64)],
                )?
                .get(0);
            if backdated {
                let counts = ScanCounts { scan_id, review_items_updated: false, ..ScanCounts::default() };
                let detail = crate::bookkeeping::scan_detail(run, findings.len(), &counts);
                append_audit(tx, &AuditEntry { actor: run.actor, action: "scan.run", object: run.pack, outcome: "ok", detail: &detail })?;
                return Ok(counts);
            }
            let open: HashSet<String> = tx
                .query("SELECT finding_key FROM findings WHERE pack = $1 AND status = 'open'", &[&run.pack])?
                .into_iter()
                .map(|r| r.get(0))
                .collect();
            let kept = crate::bookkeeping::officer_resolved(
                tx.query(
                    "SELECT finding_key, detail FROM findings WHERE pack = $1 AND status = 'resolved' \
                     AND resolution IS NOT NULL AND resolution <> 'obsolete'",
                    &[&run.pack],
                )?
                .into_iter()
                .map(|r| (r.get(0), r.get(1)))
                .collect(),
            );
            let mut counts = ScanCounts { scan_id, review_items_updated: true, ..ScanCounts::default() };
            for f in findings {
                if open.contains(&f.key) {
                    counts.still_open += 1
                } else if !kept.contains(&(f.key.clone(), f.detail.clone())) {
                    counts.opened += 1
                }
            }
            upsert_findings(tx, run.pack, findings, scan_id)?;
            counts.resolved = tx.execute(
                "UPDATE findings SET status = 'resolved', resolution = 'obsolete', resolved_at = $1 \
                 WHERE pack = $2 AND status = 'open' AND last_scan_id <> $3",
                &[&now_rfc3339(), &run.pack, &scan_id],
            )?;
            tx.execute(
                "UPDATE scan_runs SET opened = $1, resolved = $2 WHERE id = $3",
                &[&(counts.opened as i64), &(counts.resolved as i64), &scan_id],
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
            let (s, d) = (&key.issuing_state, &key.document_number);
            let mut out = TravellerRecords::default();
            let sql = format!(
                "SELECT {CROSSING_COLUMNS} FROM crossings WHERE issuing_state = $1 AND document_number = $2 \
                 ORDER BY occurred_at_ns, record_id"
            );
            for row in tx.query(&sql, &[s, d])? {
                let text = texts::<14>(&row)?;
                let cols = CrossingCols { text, occurred_at_ns: row.try_get(14)?, offset_seconds: row.try_get(15)?, stay_days: row.try_get(16)? };
                out.crossings.push(decode::crossing(&cols)?);
            }
            let sql = format!("SELECT {PERMIT_COLUMNS} FROM permits WHERE issuing_state = $1 AND document_number = $2 ORDER BY valid_from, permit_number");
            out.permits = collect(tx, &sql, s, d, |r| decode::permit(texts::<8>(r)?))?;
            let sql = format!("SELECT {REGISTRATION_COLUMNS} FROM registrations WHERE issuing_state = $1 AND document_number = $2 ORDER BY submitted_on, registration_id");
            out.registrations = collect(tx, &sql, s, d, |r| decode::registration(texts::<8>(r)?))?;
            let sql = format!("SELECT {FINDING_COLUMNS} FROM findings WHERE issuing_state = $1 AND document_number = $2 ORDER BY finding_date, kind");
            out.findings = collect(tx, &sql, s, d, |r| decode::finding(texts::<6>(r)?))?;
            Ok(out)
        })
    }
}

impl PgStore {
    pub(crate) fn review_items(
        &self,
        q: &ReviewQuery<'_>,
        audit: &AuditEntry<'_>,
    ) -> Result<Vec<ReviewItemRow>, StoreError> {
        self.write(|tx| {
            append_audit(tx, audit)?;
            let sql = format!(
                "SELECT {REVIEW_COLUMNS} FROM findings WHERE ($1::TEXT IS NULL OR status = $1) \
                 AND ($2::TEXT IS NULL OR finding_key > $2) ORDER BY finding_key LIMIT $3"
            );
            let rows = tx.query(&sql, &[&q.status, &q.after, &i64::from(q.limit)])?;
            rows.iter().map(|r| decode::review_item(texts::<9>(r)?)).collect()
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
        let cells =
            [&f.key, f.kind, &f.traveller.issuing_state, &f.traveller.document_number, &date, &f.detail];
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
         FROM scan_staging \
         ON CONFLICT (finding_key) DO UPDATE SET detail = excluded.detail, \
         status = CASE WHEN {k} THEN findings.status ELSE 'open' END, \
         resolution = CASE WHEN {k} THEN findings.resolution ELSE NULL END, \
         resolved_at = CASE WHEN {k} THEN findings.resolved_at ELSE NULL END, \
         last_scan_id = excluded.last_scan_id",
            k = crate::bookkeeping::OFFICER_RESOLVED_UNCHANGED
        ),
        &[&pack, &scan_id],
    )?;
    Ok(())
}

fn collect<T>(
    tx: &mut Transaction<'_>,
    sql: &str,
    s: &String,
    d: &String,
    f: impl Fn(&Row) -> Result<T, StoreError>,
) -> Result<Vec<T>, StoreError> {
    tx.query(sql, &[s, d])?.iter().map(f).collect()
}
