//! Texts both dialects write into the batch log and audit records, built in one place.

use crate::rows::{Batch, Outcome, ScanCounts, ScanRun};

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
pub(crate) fn scan_detail(run: &ScanRun<'_>, findings: usize, c: &ScanCounts) -> String {
    format!(
        r#"{{"scan_id":{},"as_of":"{}","travellers":{},"findings":{findings},"opened":{},"resolved":{},"review_items_updated":{}}}"#,
        c.scan_id, run.as_of, run.travellers, c.opened, c.resolved, c.review_items_updated
    )
}

/// The condition (in an upsert of `findings` from a scan) under which a stored review item keeps
/// its state: an officer resolved it (fined, departed …; not merely found obsolete by a scan) and
/// the scan found exactly the same facts again. A finding whose facts changed (a longer
/// overstay) is opened again for an officer to look at.
pub(crate) const OFFICER_RESOLVED_UNCHANGED: &str = "findings.status = 'resolved' AND findings.resolution IS NOT NULL \
     AND findings.resolution <> 'obsolete' AND findings.detail = excluded.detail";

/// The (key, detail) pairs of findings an officer resolved, as a set.
pub(crate) fn officer_resolved(rows: Vec<(String, String)>) -> std::collections::HashSet<(String, String)> {
    rows.into_iter().collect()
}
