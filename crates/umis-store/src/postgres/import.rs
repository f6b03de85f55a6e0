//! Bulk import on PostgreSQL: a batch is streamed with `COPY … (FORMAT csv)` into a staging
//! table private to the session, classified against the stored rows, and moved in one
//! `INSERT … SELECT`.

use super::{PgStore, append_audit};
use crate::bookkeeping::{batch_detail, tally};
use crate::columns::{TableSpec, Val, for_each_value, spec};
use crate::rows::{AuditEntry, Batch, Outcome};
use crate::{StoreError, now_rfc3339};
use postgres::Transaction;
use std::collections::HashMap;
use std::io::Write;

fn staging(spec: &TableSpec) -> String {
    format!("import_staging_{}", spec.table)
}

/// Appends one CSV cell: NULL is an empty unquoted cell, text is always quoted.
pub(crate) fn csv_cell(buf: &mut Vec<u8>, v: Val<'_>) {
    match v {
        Val::Null => {}
        Val::Int(i) => {
            let _ = write!(buf, "{i}");
        }
        Val::Date(d) => {
            let _ = write!(buf, "{d}");
        }
        Val::Text(t) => {
            buf.push(b'"');
            for b in t.bytes() {
                if b == b'"' {
                    buf.push(b'"');
                }
                buf.push(b);
            }
            buf.push(b'"');
        }
    }
}

fn copy_batch(
    tx: &mut Transaction<'_>,
    batch: &Batch<'_>,
    spec: &TableSpec,
    batch_id: i64,
    target: &str,
) -> Result<(), StoreError> {
    let mut buf = Vec::with_capacity(batch.records.len() * 200);
    for i in 0..batch.records.len() {
        let mut first = true;
        for_each_value::<()>(&batch.records, i, batch.hashes[i], batch_id, |v| {
            if !first {
                buf.push(b',');
            }
            first = false;
            csv_cell(&mut buf, v);
            Ok(())
        })
        .ok();
        buf.push(b'\n');
    }
    let sql = format!("COPY {target} ({}) FROM STDIN (FORMAT csv)", spec.columns.join(","));
    let mut writer = tx.copy_in(&sql)?;
    writer.write_all(&buf).map_err(|e| StoreError::Corrupt(format!("COPY stream: {e}")))?;
    writer.finish()?;
    Ok(())
}

/// Copies the batch straight into its table; `false` (and nothing changed) when a record was
/// stored before, which a fresh import never meets.
fn copy_direct(
    tx: &mut Transaction<'_>,
    batch: &Batch<'_>,
    spec: &TableSpec,
    batch_id: i64,
) -> Result<bool, StoreError> {
    tx.batch_execute("SAVEPOINT direct_copy")?;
    match copy_batch(tx, batch, spec, batch_id, spec.table) {
        Ok(()) => {
            tx.batch_execute("RELEASE SAVEPOINT direct_copy")?;
            Ok(true)
        }
        Err(StoreError::Postgres(e)) if e.code() == Some(&postgres::error::SqlState::UNIQUE_VIOLATION) => {
            tx.batch_execute("ROLLBACK TO SAVEPOINT direct_copy")?;
            Ok(false)
        }
        Err(e) => Err(e),
    }
}

fn stored_before(
    tx: &mut Transaction<'_>,
    stage: &str,
    table: &str,
    id: &str,
    batch_id: i64,
) -> Result<HashMap<String, i64>, StoreError> {
    let sql = format!(
        "SELECT s.{id}, t.content_hash FROM {stage} s JOIN {table} t ON t.{id} = s.{id} WHERE t.batch_id <> $1"
    );
    Ok(tx
        .query(&sql, &[&batch_id])?
        .into_iter()
        .map(|r| (r.get::<_, String>(0), r.get::<_, i64>(1)))
        .collect())
}

impl PgStore {
    pub(crate) fn import_batch(&self, batch: &Batch<'_>) -> Result<Vec<Outcome>, StoreError> {
        let spec = spec(&batch.records);
        let (table, id, stage) = (spec.table, spec.id_column, staging(spec));
        self.write(|tx| {
            tx.batch_execute(&format!(
                "CREATE TEMP TABLE IF NOT EXISTS {stage} (LIKE {table}) ON COMMIT DELETE ROWS"
            ))?;
            let batch_id: i64 = tx
                .query_one(
                    "INSERT INTO import_batches (record_kind, source, committed_at, imported, duplicate, conflict, rejected) \
                     VALUES ($1, $2, $3, 0, 0, 0, $4) RETURNING id",
                    &[&batch.records.kind(), &batch.source, &now_rfc3339(), &(batch.rejected as i64)],
                )?
                .get(0);
            let stored = if copy_direct(tx, batch, spec, batch_id)? {
                HashMap::new()
            } else {
                copy_batch(tx, batch, spec, batch_id, &stage)?;
                let cols = spec.columns.join(",");
                let inserted = tx.execute(
                    &format!("INSERT INTO {table} ({cols}) SELECT {cols} FROM {stage} ON CONFLICT DO NOTHING"),
                    &[],
                )?;
                // Records not inserted were stored by an earlier batch (or by a concurrent
                // import that committed first): tell duplicates from conflicts by their hash.
                if (inserted as usize) < batch.records.len() {
                    stored_before(tx, &stage, table, id, batch_id)?
                } else {
                    HashMap::new()
                }
            };
            let outcomes: Vec<Outcome> = (0..batch.records.len())
                .map(|i| match stored.get(batch.records.id(i)) {
                    None => Outcome::Imported,
                    Some(&h) if h == batch.hashes[i] => Outcome::Duplicate,
                    Some(&stored_hash) => Outcome::Conflict { stored_hash },
                })
                .collect();
            let t = tally(&outcomes);
            tx.execute(
                "UPDATE import_batches SET imported = $1, duplicate = $2, conflict = $3 WHERE id = $4",
                &[&t[0], &t[1], &t[2], &batch_id],
            )?;
            let detail = batch_detail(batch, batch_id, t);
            append_audit(
                tx,
                &AuditEntry { actor: batch.actor, action: "import.batch", object: batch.source, outcome: "ok", detail: &detail },
            )?;
            Ok(outcomes)
        })
    }
}
