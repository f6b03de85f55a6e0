//! Imports of the interchange records (crossings, permits, registrations) from CSV or JSON
//! Lines, exactly as `interchange.md` specifies.
//!
//! The pipeline: sniff the encoding (refuse UTF-16, binary data, empty input before anything is
//! stored) → read rows with bounded memory → validate each into a domain record, rejecting bad
//! rows with their line numbers → collect batches, deduplicated within the batch → hand each
//! batch to the store, which commits it in one transaction with its batch log and audit record.
//! Re-running an import is safe: stored records come back as duplicates.

mod csv;
mod fields;
mod hash;
mod jsonl;
mod lines;
mod pipeline;
mod sniff;

pub use fields::RecordKind;
pub use pipeline::{ImportRequest, import_json_array, run_import};

use std::fmt;

/// Input that cannot be imported at all; nothing was stored.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct Unusable(pub String);

impl Unusable {
    fn io(e: std::io::Error) -> Unusable {
        Unusable(format!("cannot be read: {e}"))
    }
}

/// The encoding of an input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// RFC 4180 with a header row.
    Csv,
    /// One JSON object per line.
    Jsonl,
}

impl Format {
    /// The format a file name implies (`.csv`, `.jsonl`, `.ndjson`), if any.
    pub fn from_file_name(name: &str) -> Option<Format> {
        let lower = name.to_ascii_lowercase();
        if lower.ends_with(".csv") {
            Some(Format::Csv)
        } else if lower.ends_with(".jsonl") || lower.ends_with(".ndjson") {
            Some(Format::Jsonl)
        } else {
            None
        }
    }
}

/// The counts every import ends with; `read = imported + duplicate + conflict + rejected`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct ImportSummary {
    /// Rows read (blank lines are not rows).
    pub read: u64,
    /// Records stored now.
    pub imported: u64,
    /// Records already stored with the same content.
    pub duplicate: u64,
    /// Records whose identifier is stored with other content; the stored one is kept.
    pub conflict: u64,
    /// Rows that failed validation.
    pub rejected: u64,
}

impl fmt::Display for ImportSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "read {}, imported {}, duplicate {}, conflict {}, rejected {}",
            self.read, self.imported, self.duplicate, self.conflict, self.rejected
        )
    }
}

/// A refused or conflicting row, as written to the rejects file.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Reject {
    /// 1-based line number (the CSV header is line 1).
    pub line: u64,
    /// The record's identifier, `null` where unreadable.
    pub record_id: Option<String>,
    /// Why.
    pub reason: String,
}

/// Why a row could not become a record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RowError {
    pub reason: String,
    pub record_id: Option<String>,
}

impl From<String> for RowError {
    fn from(reason: String) -> RowError {
        RowError { reason, record_id: None }
    }
}

impl From<&str> for RowError {
    fn from(reason: &str) -> RowError {
        RowError { reason: reason.to_owned(), record_id: None }
    }
}

/// Receives each row of an input: its line number and its raw fields, or why it is unreadable.
pub(crate) type RowVisitor<'a> = dyn FnMut(u64, Result<&fields::RawRow<'_>, RowError>) + 'a;

/// A reader of rows in one encoding.
pub(crate) trait RowSource {
    /// Hands the next row to `visit`; `false` at the end of input.
    fn next_row(&mut self, visit: &mut RowVisitor<'_>) -> std::io::Result<bool>;
    /// Bytes consumed so far, for progress.
    fn bytes_read(&self) -> u64;
}

/// An import that did not finish.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The input cannot be imported; nothing was stored.
    #[error("{0}")]
    Unusable(#[from] Unusable),
    /// Reading the input failed part-way; committed batches stay, re-running completes it.
    #[error("reading failed: {0}")]
    Read(std::io::Error),
    /// Writing the rejects failed.
    #[error("writing rejects failed: {0}")]
    Rejects(std::io::Error),
    /// The database failed.
    #[error("{0}")]
    Store(#[from] umis_store::StoreError),
}
