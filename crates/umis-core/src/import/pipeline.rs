//! The import loop: rows in, batches out, counts and rejects kept exactly.
//!
//! Two threads share the work: this one reads and validates rows into batches while a writer
//! thread commits the previous batch, so parsing and the database use both cores. At most
//! two batches are held at once, each capped in records and bytes.

use super::csv::CsvSource;
use super::fields::{RawRow, Record, RecordKind, raw_id, to_record};
use super::hash::content_hash;
use super::jsonl::{JsonlSource, visit_value};
use super::{Format, ImportError, ImportSummary, Reject, RowError, RowSource, Unusable, sniff};
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use umis_domain::records::{Crossing, Permit, Registration};
use umis_store::{Batch, Outcome, Records, Store, StoreError};

/// Longest record (CSV, possibly over several lines) or JSON line accepted.
pub const MAX_RECORD_BYTES: usize = 64 * 1024;
/// Most input bytes in one batch, whatever its record count.
pub const MAX_BATCH_BYTES: usize = 32 * 1024 * 1024;

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

/// A later record of a batch with the identifier of an earlier one: it is judged against what
/// is stored once the earlier one is settled.
struct Repeat {
    first: usize,
    line: u64,
    hash: i64,
}

/// A batch on its way to the store, and back with the store's verdicts.
struct Pending {
    buffer: Buffer,
    lines: Vec<u64>,
    hashes: Vec<i64>,
    repeats: Vec<Repeat>,
    rejects: Vec<Reject>,
    rejected: u64,
    bytes: usize,
}

impl Pending {
    fn new(kind: RecordKind) -> Pending {
        let buffer = match kind {
            RecordKind::Crossings => Buffer::Crossings(Vec::new()),
            RecordKind::Permits => Buffer::Permits(Vec::new()),
            RecordKind::Registrations => Buffer::Registrations(Vec::new()),
        };
        Pending {
            buffer,
            lines: Vec::new(),
            hashes: Vec::new(),
            repeats: Vec::new(),
            rejects: Vec::new(),
            rejected: 0,
            bytes: 0,
        }
    }

    fn records(&self) -> Records<'_> {
        match &self.buffer {
            Buffer::Crossings(v) => Records::Crossings(v),
            Buffer::Permits(v) => Records::Permits(v),
            Buffer::Registrations(v) => Records::Registrations(v),
        }
    }
}

const CONFLICT: &str = "conflict: a record with this identifier is stored with different content";

/// Validates rows into the current batch, deduplicating within it.
struct Collector {
    kind: RecordKind,
    batch_rows: usize,
    pending: Pending,
    /// Identifier → position in the batch of its first record.
    first_seen: HashMap<String, usize>,
    summary: ImportSummary,
}

impl Collector {
    fn row(&mut self, line: u64, row: Result<&RawRow<'_>, RowError>, from_json: bool) {
        self.summary.read += 1;
        let record = row.and_then(|raw| {
            to_record(self.kind, raw, from_json)
                .map_err(|e| RowError { reason: e.to_string(), record_id: raw_id(raw).map(str::to_owned) })
        });
        match record {
            Err(e) => {
                self.summary.rejected += 1;
                self.pending.rejected += 1;
                self.pending.bytes += e.reason.len();
                self.pending.rejects.push(Reject { line, record_id: e.record_id, reason: e.reason });
            }
            Ok(record) => self.accept(line, record),
        }
    }

    fn accept(&mut self, line: u64, record: Record) {
        let hash = content_hash(&record);
        if let Some(&first) = self.first_seen.get(record.id()) {
            self.pending.repeats.push(Repeat { first, line, hash });
            return;
        }
        self.first_seen.insert(record.id().to_owned(), self.pending.lines.len());
        let p = &mut self.pending;
        p.lines.push(line);
        p.hashes.push(hash);
        p.bytes += 256;
        match (&mut p.buffer, record) {
            (Buffer::Crossings(v), Record::Crossing(c)) => {
                p.bytes += c.surname.len() + c.given_names.as_ref().map_or(0, String::len);
                v.push(c);
            }
            (Buffer::Permits(v), Record::Permit(x)) => v.push(x),
            (Buffer::Registrations(v), Record::Registration(r)) => {
                p.bytes += r.address.len();
                v.push(r);
            }
            // to_record builds the kind the collector was made for; nothing else can arrive.
            _ => {}
        }
    }

    fn full(&self) -> bool {
        let p = &self.pending;
        p.lines.len() >= self.batch_rows
            || p.rejects.len() + p.repeats.len() >= self.batch_rows
            || p.bytes >= MAX_BATCH_BYTES
    }

    fn take(&mut self) -> Pending {
        self.first_seen.clear();
        std::mem::replace(&mut self.pending, Pending::new(self.kind))
    }
}

type Settled = Result<(Pending, Vec<Outcome>), StoreError>;

/// Commits batches as they come; runs on the writer thread.
fn write_batches(
    store: &Store,
    req: ImportRequest<'_>,
    batches: Receiver<Pending>,
    settled: SyncSender<Settled>,
) {
    for pending in batches {
        let result = if pending.lines.is_empty() {
            Ok(Vec::new())
        } else {
            let batch = Batch {
                source: req.source,
                records: pending.records(),
                hashes: &pending.hashes,
                rejected: pending.rejected,
                actor: req.actor,
            };
            store.import_batch(&batch)
        };
        let failed = result.is_err();
        if settled.send(result.map(|o| (pending, o))).is_err() || failed {
            return;
        }
    }
}

/// Counts a committed batch's verdicts and hands its rejects to the sink in line order.
fn settle(
    settled: Settled,
    summary: &mut ImportSummary,
    sink: &mut RejectSink<'_>,
) -> Result<(), ImportError> {
    let (mut pending, outcomes) = settled?;
    let records = pending.records();
    let mut conflicts = Vec::new();
    for (i, outcome) in outcomes.iter().enumerate() {
        match outcome {
            Outcome::Imported => summary.imported += 1,
            Outcome::Duplicate => summary.duplicate += 1,
            Outcome::Conflict { .. } => {
                summary.conflict += 1;
                let record_id = Some(records.id(i).to_owned());
                conflicts.push(Reject { line: pending.lines[i], record_id, reason: CONFLICT.into() });
            }
        }
    }
    // A repeated identifier meets whatever is stored after its first record was settled.
    for r in &pending.repeats {
        let stored = match outcomes.get(r.first) {
            Some(Outcome::Conflict { stored_hash }) => *stored_hash,
            _ => pending.hashes[r.first],
        };
        if r.hash == stored {
            summary.duplicate += 1;
        } else {
            summary.conflict += 1;
            let record_id = Some(records.id(r.first).to_owned());
            conflicts.push(Reject { line: r.line, record_id, reason: CONFLICT.into() });
        }
    }
    pending.rejects.extend(conflicts);
    pending.rejects.sort_by_key(|r| r.line);
    for r in &pending.rejects {
        sink(r).map_err(ImportError::Rejects)?;
    }
    Ok(())
}

/// Drives a row source through the collector and the writer thread.
fn pipeline(
    store: &Store,
    req: ImportRequest<'_>,
    feed: &mut dyn FnMut(&mut Collector) -> Result<bool, ImportError>,
    sink: &mut RejectSink<'_>,
    progress: &mut dyn FnMut(&ImportSummary),
) -> Result<ImportSummary, ImportError> {
    let mut collector = Collector {
        kind: req.kind,
        batch_rows: req.batch_rows.max(1),
        pending: Pending::new(req.kind),
        first_seen: HashMap::new(),
        summary: ImportSummary::default(),
    };
    // The collector's counts cover validation; the store's verdicts are added as they settle.
    let mut settled_summary = ImportSummary::default();
    std::thread::scope(|scope| {
        let (to_writer, batches) = sync_channel::<Pending>(1);
        let (to_reader, settled) = sync_channel::<Settled>(2);
        scope.spawn(move || write_batches(store, req, batches, to_reader));
        let mut in_flight = 0usize;
        let mut more = true;
        while more {
            more = feed(&mut collector)?;
            if collector.full() || !more {
                if to_writer.send(collector.take()).is_err() {
                    // The writer stopped after a failure it has already reported.
                    for result in settled.iter() {
                        settle(result, &mut settled_summary, sink)?;
                    }
                    return Err(ImportError::Store(StoreError::Corrupt("the writer stopped".into())));
                }
                in_flight += 1;
                while in_flight > 1 || (!more && in_flight > 0) {
                    let result = settled
                        .recv()
                        .map_err(|_| ImportError::Store(StoreError::Corrupt("writer stopped".into())))?;
                    in_flight -= 1;
                    settle(result, &mut settled_summary, sink)?;
                    let mut shown = collector.summary;
                    shown.imported = settled_summary.imported;
                    progress(&shown);
                }
            }
        }
        drop(to_writer);
        Ok::<(), ImportError>(())
    })?;
    let mut summary = collector.summary;
    summary.imported += settled_summary.imported;
    summary.duplicate += settled_summary.duplicate;
    summary.conflict += settled_summary.conflict;
    Ok(summary)
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
    let mut src: Box<dyn RowSource + '_> = match req.format {
        Format::Csv => Box::new(CsvSource::new(reader, req.kind, MAX_RECORD_BYTES)?),
        Format::Jsonl => Box::new(JsonlSource::new(reader, req.kind, MAX_RECORD_BYTES)),
    };
    let from_json = req.format == Format::Jsonl;
    let bytes = std::cell::Cell::new(0u64);
    let mut feed = |c: &mut Collector| {
        let mut visit = |line: u64, row: Result<&RawRow<'_>, RowError>| c.row(line, row, from_json);
        let more = src.next_row(&mut visit).map_err(ImportError::Read)?;
        bytes.set(src.bytes_read());
        Ok(more)
    };
    pipeline(store, req, &mut feed, sink, &mut |s| progress(bytes.get(), s))
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
    let mut next = values.iter().enumerate();
    let mut feed = |c: &mut Collector| {
        let Some((i, value)) = next.next() else { return Ok(false) };
        let mut visit = |line: u64, row: Result<&RawRow<'_>, RowError>| c.row(line, row, true);
        visit_value(req.kind, i as u64 + 1, value, &mut visit);
        Ok(true)
    };
    pipeline(store, req, &mut feed, sink, &mut |_| {})
}
