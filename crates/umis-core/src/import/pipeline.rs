//! The import loop: rows in, batches out, counts and rejects kept exactly.

use super::csv::CsvSource;
use super::fields::{RawRow, Record, RecordKind, raw_id, to_record};
use super::hash::content_hash;
use super::jsonl::{JsonlSource, visit_value};
use super::{Format, ImportError, ImportSummary, Reject, RowError, RowSource, Unusable, sniff};
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read};
use umis_domain::records::{Crossing, Permit, Registration};
use umis_store::{Batch, Outcome, Records, Store};

/// Longest record (CSV, possibly over several lines) or JSON line accepted.
pub const MAX_RECORD_BYTES: usize = 64 * 1024;

/// What to import and on whose behalf.
#[derive(Debug, Clone, Copy)]
pub struct ImportRequest<'a> {
    /// Which record kind the input holds.
    pub kind: RecordKind,
    /// Its encoding.
    pub format: Format,
    /// Where it came from, for the batch log (a file name, `stdin`, `api`).
    pub source: &'a str,
    /// Who imports, for the audit record.
    pub actor: &'a str,
    /// Records per committed batch.
    pub batch_rows: usize,
}

/// Receives each reject as soon as its batch is settled, in line order within the batch.
pub type RejectSink<'a> = dyn FnMut(&Reject) -> std::io::Result<()> + 'a;

enum Buffer {
    Crossings(Vec<Crossing>),
    Permits(Vec<Permit>),
    Registrations(Vec<Registration>),
}

struct Batcher<'a> {
    store: &'a Store,
    req: ImportRequest<'a>,
    buffer: Buffer,
    lines: Vec<u64>,
    hashes: Vec<i64>,
    first_seen: HashMap<String, i64>,
    rejects: Vec<Reject>,
    rejected_in_batch: u64,
    summary: ImportSummary,
}

const CONFLICT: &str = "conflict: a record with this identifier is stored with different content";

impl<'a> Batcher<'a> {
    fn new(store: &'a Store, req: ImportRequest<'a>) -> Batcher<'a> {
        let buffer = match req.kind {
            RecordKind::Crossings => Buffer::Crossings(Vec::new()),
            RecordKind::Permits => Buffer::Permits(Vec::new()),
            RecordKind::Registrations => Buffer::Registrations(Vec::new()),
        };
        Batcher {
            store,
            req,
            buffer,
            lines: Vec::new(),
            hashes: Vec::new(),
            first_seen: HashMap::new(),
            rejects: Vec::new(),
            rejected_in_batch: 0,
            summary: ImportSummary::default(),
        }
    }

    fn row(&mut self, line: u64, row: Result<&RawRow<'_>, RowError>, from_json: bool) {
        self.summary.read += 1;
        let record = row.and_then(|raw| {
            to_record(self.req.kind, raw, from_json)
                .map_err(|e| RowError { reason: e.to_string(), record_id: raw_id(raw).map(str::to_owned) })
        });
        match record {
            Err(e) => {
                self.summary.rejected += 1;
                self.rejected_in_batch += 1;
                self.rejects.push(Reject { line, record_id: e.record_id, reason: e.reason });
            }
            Ok(record) => self.accept(line, record),
        }
    }

    fn accept(&mut self, line: u64, record: Record) {
        let hash = content_hash(&record);
        if let Some(&first) = self.first_seen.get(record.id()) {
            if first == hash {
                self.summary.duplicate += 1;
            } else {
                self.summary.conflict += 1;
                self.rejects.push(Reject {
                    line,
                    record_id: Some(record.id().to_owned()),
                    reason: CONFLICT.into(),
                });
            }
            return;
        }
        self.first_seen.insert(record.id().to_owned(), hash);
        self.lines.push(line);
        self.hashes.push(hash);
        match (&mut self.buffer, record) {
            (Buffer::Crossings(v), Record::Crossing(c)) => v.push(c),
            (Buffer::Permits(v), Record::Permit(p)) => v.push(p),
            (Buffer::Registrations(v), Record::Registration(r)) => v.push(r),
            // to_record builds the kind the batcher was made for; nothing else can arrive.
            _ => {}
        }
    }

    fn full(&self) -> bool {
        self.lines.len() >= self.req.batch_rows || self.rejects.len() >= self.req.batch_rows
    }

    fn flush(&mut self, sink: &mut RejectSink<'_>) -> Result<(), ImportError> {
        if !self.lines.is_empty() {
            let records = match &self.buffer {
                Buffer::Crossings(v) => Records::Crossings(v),
                Buffer::Permits(v) => Records::Permits(v),
                Buffer::Registrations(v) => Records::Registrations(v),
            };
            let batch = Batch {
                source: self.req.source,
                records,
                hashes: &self.hashes,
                rejected: self.rejected_in_batch,
                actor: self.req.actor,
            };
            let outcomes = self.store.import_batch(&batch)?;
            for (i, outcome) in outcomes.iter().enumerate() {
                match outcome {
                    Outcome::Imported => self.summary.imported += 1,
                    Outcome::Duplicate => self.summary.duplicate += 1,
                    Outcome::Conflict => {
                        self.summary.conflict += 1;
                        let record_id = Some(records.id(i).to_owned());
                        self.rejects.push(Reject { line: self.lines[i], record_id, reason: CONFLICT.into() });
                    }
                }
            }
        }
        self.rejects.sort_by_key(|r| r.line);
        for r in self.rejects.drain(..) {
            sink(&r).map_err(ImportError::Rejects)?;
        }
        match &mut self.buffer {
            Buffer::Crossings(v) => v.clear(),
            Buffer::Permits(v) => v.clear(),
            Buffer::Registrations(v) => v.clear(),
        }
        self.lines.clear();
        self.hashes.clear();
        self.first_seen.clear();
        self.rejected_in_batch = 0;
        Ok(())
    }
}

/// Imports one input stream. Unusable input is refused before anything is stored; otherwise
/// each batch commits on its own and a re-run completes an interrupted import.
pub fn run_import<R: Read>(
    store: &Store,
    input: R,
    req: ImportRequest<'_>,
    sink: &mut RejectSink<'_>,
    progress: &mut dyn FnMut(u64, &ImportSummary),
) -> Result<ImportSummary, ImportError> {
    let mut reader = BufReader::with_capacity(sniff::SNIFF_BYTES, input);
    let head = reader.fill_buf().map_err(Unusable::io)?;
    sniff::check(head)?;
    let mut batcher = Batcher::new(store, req);
    match req.format {
        Format::Csv => {
            let mut src = CsvSource::new(reader, req.kind, MAX_RECORD_BYTES)?;
            drive(&mut src, &mut batcher, false, sink, progress)?;
        }
        Format::Jsonl => {
            let mut src = JsonlSource::new(reader, req.kind, MAX_RECORD_BYTES);
            drive(&mut src, &mut batcher, true, sink, progress)?;
        }
    }
    batcher.flush(sink)?;
    Ok(batcher.summary)
}

fn drive(
    src: &mut dyn RowSource,
    batcher: &mut Batcher<'_>,
    from_json: bool,
    sink: &mut RejectSink<'_>,
    progress: &mut dyn FnMut(u64, &ImportSummary),
) -> Result<(), ImportError> {
    loop {
        let more = {
            let mut visit = |line: u64, row: Result<&RawRow<'_>, RowError>| batcher.row(line, row, from_json);
            src.next_row(&mut visit).map_err(ImportError::Read)?
        };
        if !more {
            return Ok(());
        }
        if batcher.full() {
            batcher.flush(sink)?;
            progress(src.bytes_read(), &batcher.summary);
        }
    }
}

/// Imports a JSON array body (the border feed's HTTP form); element N is reported as line N.
pub fn import_json_array(
    store: &Store,
    body: &[u8],
    req: ImportRequest<'_>,
    sink: &mut RejectSink<'_>,
) -> Result<ImportSummary, ImportError> {
    let values: Vec<serde_json::Value> =
        serde_json::from_slice(body).map_err(|e| Unusable(format!("is not a JSON array of records: {e}")))?;
    let mut batcher = Batcher::new(store, req);
    for (i, value) in values.iter().enumerate() {
        let mut visit = |line: u64, row: Result<&RawRow<'_>, RowError>| batcher.row(line, row, true);
        visit_value(req.kind, i as u64 + 1, value, &mut visit);
        if batcher.full() {
            batcher.flush(sink)?;
        }
    }
    batcher.flush(sink)?;
    Ok(batcher.summary)
}
