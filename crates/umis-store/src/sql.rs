//! One SQL text for both databases, for the everyday (non bulk) paths.
//!
//! The case, account and document tables are read and written row by row; writing every such
//! query twice would buy nothing. Queries are written once in portable SQL with PostgreSQL's
//! `$1` placeholders and plain types (BIGINT integers, TEXT, BLOB/BYTEA); the dialect modules
//! implement [`Db`] and [`WriteDb`] over their own transaction type, so the only dialect
//! difference left is the placeholder spelling, translated in [`sqlite_placeholders`]. Bulk
//! import and the scan keep their native code in `sqlite/` and `postgres/`.
//!
//! A read transaction is a [`Db`], which can only read; a write transaction a [`WriteDb`],
//! which also writes and audits. Only this crate runs SQL through either, so other crates
//! pass transactions to store functions:
//!
//! ```
//! # fn f(store: &umis_store::Store) -> Result<(), umis_store::StoreError> {
//! let names = store.read(|db| umis_store::control::traveller_names(db))?;
//! # Ok(()) }
//! ```
//!
//! and cannot run SQL of their own,
//!
//! ```compile_fail
//! # fn f(store: &umis_store::Store) {
//! let _ = store.read(|db| db.rows("SELECT * FROM users", &[]));
//! # }
//! ```
//!
//! nor write or audit in a read transaction:
//!
//! ```compile_fail
//! # fn f(store: &umis_store::Store, entry: &umis_store::AuditEntry<'_>) {
//! let _ = store.read(|db| db.audit(entry));
//! # }
//! ```

use crate::StoreError;
use crate::rows::AuditEntry;
use umis_domain::Date;

/// A parameter of a portable query.
#[derive(Debug, Clone, Copy)]
pub enum Val<'a> {
    /// SQL NULL.
    Null,
    /// A 64-bit integer.
    Int(i64),
    /// Text.
    Text(&'a str),
    /// Bytes.
    Blob(&'a [u8]),
    /// A calendar day, stored as `YYYY-MM-DD` text in both dialects (so that text order is
    /// date order and the columns need no type change).
    Day(Date),
}

impl From<Option<Date>> for Val<'_> {
    fn from(d: Option<Date>) -> Self {
        d.map_or(Val::Null, Val::Day)
    }
}

impl<'a> From<&'a str> for Val<'a> {
    fn from(s: &'a str) -> Val<'a> {
        Val::Text(s)
    }
}

impl<'a> From<&'a String> for Val<'a> {
    fn from(s: &'a String) -> Val<'a> {
        Val::Text(s)
    }
}

impl From<i64> for Val<'_> {
    fn from(i: i64) -> Self {
        Val::Int(i)
    }
}

impl<'a> From<Option<&'a str>> for Val<'a> {
    fn from(s: Option<&'a str>) -> Val<'a> {
        s.map_or(Val::Null, Val::Text)
    }
}

impl<'a> From<&'a Option<String>> for Val<'a> {
    fn from(s: &'a Option<String>) -> Val<'a> {
        s.as_deref().map_or(Val::Null, Val::Text)
    }
}

impl From<Option<i64>> for Val<'_> {
    fn from(i: Option<i64>) -> Self {
        i.map_or(Val::Null, Val::Int)
    }
}

impl<'a> From<&'a [u8]> for Val<'a> {
    fn from(b: &'a [u8]) -> Val<'a> {
        Val::Blob(b)
    }
}

/// A value read back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    /// SQL NULL.
    Null,
    /// An integer (also booleans on PostgreSQL).
    Int(i64),
    /// Text.
    Text(String),
    /// Bytes.
    Blob(Vec<u8>),
}

/// One result row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row(pub Vec<Cell>);

impl Row {
    fn cell(&self, i: usize) -> Result<&Cell, StoreError> {
        self.0.get(i).ok_or_else(|| StoreError::Corrupt(format!("result has no column {i}")))
    }

    /// Column `i` as text; an error when NULL or not text.
    pub fn text(&self, i: usize) -> Result<String, StoreError> {
        match self.cell(i)? {
            Cell::Text(s) => Ok(s.clone()),
            other => Err(StoreError::Corrupt(format!("column {i}: expected text, found {other:?}"))),
        }
    }

    /// Column `i` as optional text.
    pub fn opt_text(&self, i: usize) -> Result<Option<String>, StoreError> {
        match self.cell(i)? {
            Cell::Null => Ok(None),
            _ => self.text(i).map(Some),
        }
    }

    /// Column `i` as a calendar day (`YYYY-MM-DD`); anything else is corrupt data.
    pub fn date(&self, i: usize) -> Result<Date, StoreError> {
        crate::decode::date(&self.text(i)?)
    }

    /// Column `i` as an optional calendar day (see [`Row::date`]).
    pub fn opt_date(&self, i: usize) -> Result<Option<Date>, StoreError> {
        match self.cell(i)? {
            Cell::Null => Ok(None),
            _ => self.date(i).map(Some),
        }
    }

    /// Column `i` as a word of a closed vocabulary, read by its `parse` (a `wire_enum`'s): the
    /// store maps a stored spelling to its type once, and a spelling it does not know is
    /// corrupt data, not a value to pass on.
    pub fn word<T>(&self, i: usize, parse: fn(&str) -> Option<T>) -> Result<T, StoreError> {
        crate::decode::vocab(&format!("column {i}"), &self.text(i)?, parse)
    }

    /// Column `i` as an optional word of a closed vocabulary (see [`Row::word`]).
    pub fn opt_word<T>(&self, i: usize, parse: fn(&str) -> Option<T>) -> Result<Option<T>, StoreError> {
        match self.cell(i)? {
            Cell::Null => Ok(None),
            _ => self.word(i, parse).map(Some),
        }
    }

    /// Column `i` as an integer.
    pub fn int(&self, i: usize) -> Result<i64, StoreError> {
        match self.cell(i)? {
            Cell::Int(n) => Ok(*n),
            other => Err(StoreError::Corrupt(format!("column {i}: expected integer, found {other:?}"))),
        }
    }

    /// Column `i` as an optional integer.
    pub fn opt_int(&self, i: usize) -> Result<Option<i64>, StoreError> {
        match self.cell(i)? {
            Cell::Null => Ok(None),
            _ => self.int(i).map(Some),
        }
    }

    /// The first `N` columns as borrowed text (NULL as `None`), for the record decoders.
    pub(crate) fn texts<const N: usize>(&self) -> Result<[Option<&str>; N], StoreError> {
        let mut out = [None; N];
        for (i, slot) in out.iter_mut().enumerate() {
            *slot = match self.cell(i)? {
                Cell::Null => None,
                Cell::Text(s) => Some(s.as_str()),
                other => {
                    return Err(StoreError::Corrupt(format!("column {i}: expected text, found {other:?}")));
                }
            };
        }
        Ok(out)
    }

    /// Column `i` as bytes.
    pub fn blob(&self, i: usize) -> Result<Vec<u8>, StoreError> {
        match self.cell(i)? {
            Cell::Blob(b) => Ok(b.clone()),
            other => Err(StoreError::Corrupt(format!("column {i}: expected bytes, found {other:?}"))),
        }
    }
}

/// Proof of being inside this crate: the raw methods of [`Db`] and [`WriteDb`] take one, so
/// other crates can hold a transaction and pass it to store functions, but never run SQL
/// through it (and cannot implement the traits either).
mod seal {
    /// Only umis-store can make one.
    #[derive(Debug, Clone, Copy)]
    pub struct Seal(pub(crate) ());
}
pub(crate) use seal::Seal;

/// A transaction on either database that can only read: what [`crate::Store::read`] hands
/// out. It has no way to write or audit, so a read path cannot change anything by mistake
/// (on SQLite such a write would be rolled back silently, on PostgreSQL refused).
pub trait Db {
    /// Runs a query; returns every row (through `dyn Db::rows` inside the crate).
    #[doc(hidden)]
    fn fetch(&mut self, sql: &str, params: &[Val<'_>], seal: Seal) -> Result<Vec<Row>, StoreError>;
}

/// A write transaction on either database: what [`crate::Store::transact`] hands out. It
/// reads like [`Db`] (a `&mut dyn WriteDb` passes where a `&mut dyn Db` is asked for), writes
/// through store functions, and appends to the audit chain.
pub trait WriteDb: Db {
    /// Runs a statement; returns the number of rows changed (through `dyn WriteDb::exec`).
    #[doc(hidden)]
    fn run(&mut self, sql: &str, params: &[Val<'_>], seal: Seal) -> Result<u64, StoreError>;
    /// Runs several statements without parameters (migrations).
    #[doc(hidden)]
    fn run_batch(&mut self, sql: &str, seal: Seal) -> Result<(), StoreError>;
    /// Takes the transaction-scoped lock `key` where the database needs one to serialise
    /// writers (PostgreSQL's advisory lock); SQLite's writer already holds its database lock
    /// (`BEGIN IMMEDIATE`), so there it does nothing.
    #[doc(hidden)]
    fn lock(&mut self, key: i64, seal: Seal) -> Result<(), StoreError>;
}

impl dyn Db + '_ {
    /// Runs a query; returns every row.
    pub(crate) fn rows(&mut self, sql: &str, params: &[Val<'_>]) -> Result<Vec<Row>, StoreError> {
        self.fetch(sql, params, Seal(()))
    }

    /// The first row, if any.
    pub(crate) fn row(&mut self, sql: &str, params: &[Val<'_>]) -> Result<Option<Row>, StoreError> {
        Ok(self.rows(sql, params)?.into_iter().next())
    }
}

impl dyn WriteDb + '_ {
    /// Appends a record to the audit chain in this transaction.
    pub fn audit(&mut self, entry: &AuditEntry<'_>) -> Result<(), StoreError> {
        crate::audit_log::append(self, entry)
    }

    /// Runs a query; returns every row.
    pub(crate) fn rows(&mut self, sql: &str, params: &[Val<'_>]) -> Result<Vec<Row>, StoreError> {
        self.fetch(sql, params, Seal(()))
    }

    /// The first row, if any.
    pub(crate) fn row(&mut self, sql: &str, params: &[Val<'_>]) -> Result<Option<Row>, StoreError> {
        Ok(self.rows(sql, params)?.into_iter().next())
    }

    /// Runs a statement; returns the number of rows changed.
    pub(crate) fn exec(&mut self, sql: &str, params: &[Val<'_>]) -> Result<u64, StoreError> {
        self.run(sql, params, Seal(()))
    }

    /// Runs several statements without parameters.
    pub(crate) fn exec_batch(&mut self, sql: &str) -> Result<(), StoreError> {
        self.run_batch(sql, Seal(()))
    }

    /// Takes a transaction-scoped lock where the database needs one (see [`WriteDb::lock`]).
    pub(crate) fn lock_for_turn(&mut self, key: i64) -> Result<(), StoreError> {
        self.lock(key, Seal(()))
    }
}

/// Rewrites `$N` placeholders as SQLite's `?N`, outside quoted strings and identifiers.
pub(crate) fn sqlite_placeholders(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len());
    let mut quote: Option<char> = None;
    let mut chars = sql.chars().peekable();
    while let Some(c) = chars.next() {
        match quote {
            Some(q) => {
                if c == q {
                    quote = None;
                }
                out.push(c);
            }
            None if c == '\'' || c == '"' => {
                quote = Some(c);
                out.push(c);
            }
            None if c == '$' && chars.peek().is_some_and(char::is_ascii_digit) => out.push('?'),
            None => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{Cell, Row, sqlite_placeholders};
    use umis_domain::{Date, FindingKind};

    #[test]
    fn typed_columns_are_mapped_once_and_unknown_values_are_corrupt_data() {
        let row = Row(vec![
            Cell::Text("trp_absence".into()),
            Cell::Text("2026-02-30".into()),
            Cell::Null,
            Cell::Text("Overstay".into()),
            Cell::Text("2026-02-28".into()),
        ]);
        assert_eq!(row.word(0, FindingKind::parse).ok(), Some(FindingKind::TrpAbsence));
        assert!(row.date(1).is_err(), "not a day of the calendar");
        assert_eq!(row.opt_word(2, FindingKind::parse).ok(), Some(None));
        assert!(row.word(3, FindingKind::parse).is_err(), "spellings are exact");
        assert_eq!(row.date(4).ok(), Date::parse("2026-02-28").ok());
    }

    #[test]
    fn placeholders_are_rewritten_outside_quotes_only() {
        let cases = [
            ("SELECT $1, $12", "SELECT ?1, ?12"),
            ("SELECT '$1', \"$2\" FROM t WHERE a = $3", "SELECT '$1', \"$2\" FROM t WHERE a = ?3"),
            ("SELECT 'it''s $1' || $2", "SELECT 'it''s $1' || ?2"),
            ("SELECT $x", "SELECT $x"),
        ];
        for (input, want) in cases {
            assert_eq!(sqlite_placeholders(input), want, "{input}");
        }
    }
}
