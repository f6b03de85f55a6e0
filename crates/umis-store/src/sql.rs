//! One SQL text for both databases, for the everyday (non bulk) paths.
//!
//! The case, account and document tables are read and written row by row; writing every such
//! query twice would buy nothing. Queries are written once in portable SQL with PostgreSQL's
//! `$1` placeholders and plain types (BIGINT integers, TEXT, BLOB/BYTEA); the dialect modules
//! implement [`Db`] over their own transaction type, so the only dialect difference left is the
//! placeholder spelling, translated in [`sqlite_placeholders`]. Bulk import and the scan keep
//! their native code in `sqlite/` and `postgres/`.

use crate::StoreError;
use crate::rows::AuditEntry;

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

    /// Column `i` as bytes.
    pub fn blob(&self, i: usize) -> Result<Vec<u8>, StoreError> {
        match self.cell(i)? {
            Cell::Blob(b) => Ok(b.clone()),
            other => Err(StoreError::Corrupt(format!("column {i}: expected bytes, found {other:?}"))),
        }
    }
}

/// A transaction on either database, for portable queries.
pub trait Db {
    /// Runs a statement; returns the number of rows changed.
    fn exec(&mut self, sql: &str, params: &[Val<'_>]) -> Result<u64, StoreError>;
    /// Runs a query; returns every row.
    fn rows(&mut self, sql: &str, params: &[Val<'_>]) -> Result<Vec<Row>, StoreError>;
    /// Appends a record to the audit chain in this transaction.
    fn audit(&mut self, entry: &AuditEntry<'_>) -> Result<(), StoreError>;

    /// The first row, if any.
    fn row(&mut self, sql: &str, params: &[Val<'_>]) -> Result<Option<Row>, StoreError> {
        Ok(self.rows(sql, params)?.into_iter().next())
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
    use super::sqlite_placeholders;

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
