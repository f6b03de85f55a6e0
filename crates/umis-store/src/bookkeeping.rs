//! What both dialects record of an import batch and a scan run, written once: the texts of
//! the batch log and audit records, and a scan run's review-item bookkeeping in portable SQL
//! around the one native step, the upsert of the findings (a row at a time on SQLite, one
//! `COPY` on PostgreSQL).

use crate::rows::{AuditEntry, Batch, NewFinding, Outcome, ScanCounts, ScanRun};
use crate::sql::{Val, WriteDb};
use crate::{StoreError, now_rfc3339};
use std::collections::HashSet;

/// Imported, duplicate and conflicting records of a batch.
pub(crate) fn tally(outcomes: &[Outcome]) -> [i64; 3] {
    let count = |f: fn(&Outcome) -> bool| outcomes.iter().filter(|o| f(o)).count() as i64;
    [
        count(|o| matches!(o, Outcome::Imported)),
        count(|o| matches!(o, Outcome::Duplicate)),
        count(|o| matches!(o, Outcome::Conflict { .. })),
    ]
}

/// The audit detail of an import batch: counts only, never record content.
pub(crate) fn batch_detail(batch: &Batch<'_>, batch_id: i64, t: [i64; 3]) -> String {
    format!(
        r#"{{"batch_id":{batch_id},"kind":"{}","imported":{},"duplicate":{},"conflict":{},"rejected":{}}}"#,
        batch.records.kind(),
        t[0],
        t[1],
        t[2],
        batch.rejected
    )
}

/// The audit detail of a scan run.
fn scan_detail(run: &ScanRun<'_>, findings: usize, c: &ScanCounts) -> String {
    format!(
        r#"{{"scan_id":{},"as_of":"{}","travellers":{},"findings":{findings},"opened":{},"resolved":{},"review_items_updated":{}}}"#,
        c.scan_id, run.as_of, run.travellers, c.opened, c.resolved, c.review_items_updated
    )
}

/// How a scan's upsert of `findings` treats a review item already stored (both dialects end
/// their upsert with it). The item keeps its state when an officer resolved it (fined,
/// departed …; not merely found obsolete by a scan) and the scan found exactly the same facts
/// again; otherwise it is open again. A finding whose facts changed (a longer overstay) is
/// thus put before an officer again.
pub(crate) fn upsert_conflict() -> String {
    let kept = "findings.status = 'resolved' AND findings.resolution IS NOT NULL \
         AND findings.resolution <> 'obsolete' AND findings.detail = excluded.detail";
    format!(
        "ON CONFLICT (finding_key) DO UPDATE SET detail = excluded.detail, \
         status = CASE WHEN {kept} THEN findings.status ELSE 'open' END, \
         resolution = CASE WHEN {kept} THEN findings.resolution ELSE NULL END, \
         resolved_at = CASE WHEN {kept} THEN findings.resolved_at ELSE NULL END, \
         last_scan_id = excluded.last_scan_id"
    )
}

/// Opens a scan run: records it and counts which of `findings` are new and which are still
/// open. When the run is dated before an earlier run of its pack, it changes no review item:
/// its audit record is written here and `review_items_updated` is false.
pub(crate) fn begin_scan(
    db: &mut dyn WriteDb,
    run: &ScanRun<'_>,
    findings: &[NewFinding],
) -> Result<ScanCounts, StoreError> {
    let as_of = run.as_of.to_string();
    let latest = db.row("SELECT MAX(as_of) FROM scan_runs WHERE pack = $1", &[Val::Text(run.pack)])?;
    let backdated = latest.map(|r| r.opt_text(0)).transpose()?.flatten().is_some_and(|l| l > as_of);
    let row = db.row(
        "INSERT INTO scan_runs (pack, as_of, finished_at, travellers, findings, opened, resolved) \
         VALUES ($1, $2, $3, $4, $5, 0, 0) RETURNING id",
        &[
            Val::Text(run.pack),
            Val::Text(&as_of),
            Val::Text(&now_rfc3339()),
            Val::Int(run.travellers as i64),
            Val::Int(findings.len() as i64),
        ],
    )?;
    let scan_id = row.ok_or_else(|| StoreError::Corrupt("scan run insert returned no id".into()))?.int(0)?;
    let mut counts = ScanCounts { scan_id, review_items_updated: !backdated, ..ScanCounts::default() };
    if backdated {
        audit_scan(db, run, findings.len(), &counts)?;
        return Ok(counts);
    }
    let open: HashSet<String> = db
        .rows("SELECT finding_key FROM findings WHERE pack = $1 AND status = 'open'", &[Val::Text(run.pack)])?
        .iter()
        .map(|r| r.text(0))
        .collect::<Result<_, _>>()?;
    // Findings an officer resolved (not merely found obsolete by a scan): (key, detail).
    let kept: HashSet<(String, String)> = db
        .rows(
            "SELECT finding_key, detail FROM findings WHERE pack = $1 AND status = 'resolved' \
             AND resolution IS NOT NULL AND resolution <> 'obsolete'",
            &[Val::Text(run.pack)],
        )?
        .iter()
        .map(|r| Ok((r.text(0)?, r.text(1)?)))
        .collect::<Result<_, StoreError>>()?;
    for f in findings {
        if open.contains(&f.key) {
            counts.still_open += 1
        } else if !kept.contains(&(f.key.clone(), f.detail.clone())) {
            counts.opened += 1
        }
    }
    Ok(counts)
}

/// Closes a scan run after its findings were upserted: open review items of the pack that
/// this run did not find again are resolved as obsolete, the run's counts stored and audited.
pub(crate) fn finish_scan(
    db: &mut dyn WriteDb,
    run: &ScanRun<'_>,
    findings: usize,
    mut counts: ScanCounts,
) -> Result<ScanCounts, StoreError> {
    counts.resolved = db.exec(
        "UPDATE findings SET status = 'resolved', resolution = 'obsolete', resolved_at = $1 \
         WHERE pack = $2 AND status = 'open' AND last_scan_id <> $3",
        &[Val::Text(&now_rfc3339()), Val::Text(run.pack), Val::Int(counts.scan_id)],
    )?;
    db.exec(
        "UPDATE scan_runs SET opened = $1, resolved = $2 WHERE id = $3",
        &[Val::Int(counts.opened as i64), Val::Int(counts.resolved as i64), Val::Int(counts.scan_id)],
    )?;
    audit_scan(db, run, findings, &counts)?;
    Ok(counts)
}

fn audit_scan(
    db: &mut dyn WriteDb,
    run: &ScanRun<'_>,
    findings: usize,
    c: &ScanCounts,
) -> Result<(), StoreError> {
    let detail = scan_detail(run, findings, c);
    db.audit(&AuditEntry {
        actor: run.actor,
        action: "scan.run",
        object: run.pack,
        outcome: "ok",
        detail: &detail,
    })
}
