//! Bulk import on SQLite: existing identifiers are looked up in chunks, new records go in
//! through cached multi-row `INSERT` statements bound value by value (no per-row allocation).

use super::{SqliteStore, append_audit};
use crate::bookkeeping::{batch_detail, tally};
use crate::columns::{TableSpec, Val, for_each_value, spec};
use crate::rows::{AuditEntry, Batch, Outcome};
use crate::{StoreError, now_rfc3339};
use rusqlite::{Statement, Transaction};
use std::collections::HashMap;

/// Rows per `INSERT` statement; 50 crossings bind 950 values, well under SQLite's limit.
const ROWS_PER_INSERT: usize = 50;

fn placeholders(n: usize) -> String {
    (1..=n).map(|i| format!("?{i}")).collect::<Vec<_>>().join(",")
}

fn insert_sql(spec: &TableSpec, rows: usize) -> String {
    let width = spec.columns.len();
    let tuples: Vec<String> = (0..rows)
        .map(|r| {
            let cells: Vec<String> = (1..=width).map(|c| format!("?{}", r * width + c)).collect();
            format!("({})", cells.join(","))
        })
        .collect();
    format!(
        "INSERT INTO {} ({}) VALUES {} ON CONFLICT DO NOTHING",
        spec.table,
        spec.columns.join(","),
        tuples.join(",")
    )
}

fn bind(stmt: &mut Statement<'_>, idx: usize, v: Val<'_>) -> Result<(), rusqlite::Error> {
    match v {
        Val::Null => stmt.raw_bind_parameter(idx, rusqlite::types::Null),
        Val::Int(i) => stmt.raw_bind_parameter(idx, i),
        Val::Text(t) => stmt.raw_bind_parameter(idx, t),
        Val::Date(d) => stmt.raw_bind_parameter(idx, d.to_string()),
    }
}

/// Stored hashes of those records of `range` that an earlier batch stored.
fn stored_before(
    tx: &Transaction<'_>,
    batch: &Batch<'_>,
    spec: &TableSpec,
    range: std::ops::Range<usize>,
    batch_id: i64,
) -> Result<HashMap<String, i64>, StoreError> {
    let n = range.len();
    let sql = format!(
        "SELECT {id}, content_hash FROM {t} WHERE batch_id <> ?{b} AND {id} IN ({p})",
        id = spec.id_column,
        t = spec.table,
        b = n + 1,
        p = placeholders(n)
    );
    let mut stmt = tx.prepare(&sql)?;
    for (k, i) in range.enumerate() {
        stmt.raw_bind_parameter(k + 1, batch.records.id(i))?;
    }
    stmt.raw_bind_parameter(n + 1, batch_id)?;
    let mut found = HashMap::new();
    let mut rows = stmt.raw_query();
    while let Some(row) = rows.next()? {
        found.insert(row.get::<_, String>(0)?, row.get::<_, i64>(1)?);
    }
    Ok(found)
}

/// Inserts every record, chunk by chunk; a chunk that inserted fewer rows than it holds had
/// records stored before, which are then told apart as duplicates or conflicts.
fn insert_all(
    tx: &Transaction<'_>,
    batch: &Batch<'_>,
    spec: &TableSpec,
    batch_id: i64,
    outcomes: &mut [Outcome],
) -> Result<(), StoreError> {
    let width = spec.columns.len();
    let n = batch.records.len();
    let full_sql = insert_sql(spec, ROWS_PER_INSERT.min(n));
    let mut start = 0;
    while start < n {
        let end = (start + ROWS_PER_INSERT).min(n);
        let sql = if end - start == ROWS_PER_INSERT.min(n) {
            full_sql.clone()
        } else {
            insert_sql(spec, end - start)
        };
        let mut stmt = tx.prepare_cached(&sql)?;
        for (r, i) in (start..end).enumerate() {
            let mut c = 0;
            for_each_value(&batch.records, i, batch.hashes[i], batch_id, |v| {
                c += 1;
                bind(&mut stmt, r * width + c, v)
            })?;
        }
        let inserted = stmt.raw_execute()?;
        if inserted < end - start {
            let found = stored_before(tx, batch, spec, start..end, batch_id)?;
            for (i, outcome) in outcomes.iter_mut().enumerate().take(end).skip(start) {
                *outcome = match found.get(batch.records.id(i)) {
                    None => Outcome::Imported,
                    Some(&h) if h == batch.hashes[i] => Outcome::Duplicate,
                    Some(&stored_hash) => Outcome::Conflict { stored_hash },
                };
            }
        }
        start = end;
    }
    Ok(())
}

impl SqliteStore {
    pub(crate) fn import_batch(&self, batch: &Batch<'_>) -> Result<Vec<Outcome>, StoreError> {
        let spec = spec(&batch.records);
        self.write(|tx| {
            tx.execute(
                "INSERT INTO import_batches (record_kind, source, committed_at, imported, duplicate, conflict, rejected) \
                 VALUES (?1, ?2, ?3, 0, 0, 0, ?4)",
                rusqlite::params![batch.records.kind(), batch.source, now_rfc3339(), batch.rejected as i64],
            )?;
            let batch_id = tx.last_insert_rowid();
            let mut outcomes = vec![Outcome::Imported; batch.records.len()];
            insert_all(tx, batch, spec, batch_id, &mut outcomes)?;
            finish_batch(tx, batch, batch_id, &outcomes)?;
            Ok(outcomes)
        })
    }
}

fn finish_batch(
    tx: &Transaction<'_>,
    batch: &Batch<'_>,
    batch_id: i64,
    outcomes: &[Outcome],
) -> Result<(), StoreError> {
    let t = tally(outcomes);
    tx.execute(
        "UPDATE import_batches SET imported = ?1, duplicate = ?2, conflict = ?3 WHERE id = ?4",
        [t[0], t[1], t[2], batch_id],
    )?;
    let detail = batch_detail(batch, batch_id, t);
    append_audit(
        tx,
        &AuditEntry {
            actor: batch.actor,
            action: "import.batch",
            object: batch.source,
            outcome: "ok",
            detail: &detail,
        },
    )
}
